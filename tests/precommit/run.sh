#!/usr/bin/env bash
# Tests the pre-commit hooks of .pre-commit-hooks.yaml (language: rust: pre-commit builds the crate
# with `cargo install`), from this working tree, uncommitted and untracked files included:
#   1. `pre-commit try-repo <snapshot> --files bad.md` (both hooks, on a copy of
#      examples/reports/with-defects-2025.md): `nianbao` fails and prints the one arithmetic error (A01, on the 344), then
#      `nianbao-fix` rewrites the （七）总计 total 344 → 338, lists that change
#      (`reports/bad.md:65  344 → 338`) and pre-commit reports the file modified; no finding is
#      printed twice;
#   2. `pre-commit try-repo <snapshot> nianbao --files good.md notes.txt` passes
#      (examples/reports/city-government-2024.md and a text file that is not a report);
#   3. the `.pre-commit-config.yaml` block of README.md, its placeholder URL and rev replaced by the
#      snapshot, validates, passes on good.md and notes.txt, and fails and fixes another bad copy,
#      printing each finding that is left once.
# The snapshot is a git repository holding the working tree's files (tracked and untracked, less
# ignored ones) in one commit with a fixed date, so that an unchanged tree gives the same commit:
# `try-repo` on the working tree itself would build the last commit plus tracked changes only.
#
# Needs cargo, git and python3 on PATH. pre-commit comes from PATH or else from PyPI into a venv
# under ${XDG_CACHE_HOME:-$HOME/.cache}/nianbao-precommit (NIANBAO_PRECOMMIT_CACHE overrides), which
# also keeps the target directory of the hooks' `cargo install` builds and, for step 3, a
# pre-commit store. The first run compiles the crate (minutes); later ones reuse the dependencies,
# but each try-repo clones into a fresh store, so cargo recompiles the nianbao crate itself there.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cache=${NIANBAO_PRECOMMIT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/nianbao-precommit}
PRE_COMMIT_PYPI=pre-commit==4.7.0
timer() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(timer)" 'BEGIN { printf "%.1fs", b - a }'; }
die() { echo "pre-commit test: FAIL: $*" >&2; exit 1; }
passed=0
ok() { passed=$((passed + 1)); echo "pre-commit test: ok: $*"; }

command -v cargo >/dev/null || die "cargo not found on PATH (language: rust hooks need it)"
command -v git >/dev/null || die "git not found on PATH"

# 1. pre-commit.
if command -v pre-commit >/dev/null; then
  pre_commit=$(command -v pre-commit)
else
  pre_commit=$cache/venv/bin/pre-commit
  if [[ ! -x $pre_commit ]]; then
    t=$(timer)
    echo "pre-commit test: installing $PRE_COMMIT_PYPI into $cache/venv"
    mkdir -p "$cache"
    python3 -m venv "$cache/venv" || die "python3 -m venv failed"
    "$cache/venv/bin/pip" install --quiet --disable-pip-version-check "$PRE_COMMIT_PYPI" ||
      die "pip install $PRE_COMMIT_PYPI failed"
    echo "pre-commit test: installed ($(elapsed "$t"))"
  fi
fi
echo "pre-commit test: $("$pre_commit" --version) ($pre_commit)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/nianbao-precommit-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$cache"
export CARGO_TARGET_DIR=$cache/cargo-target # shared by the hooks' `cargo install` builds
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid
export GIT_AUTHOR_DATE='2000-01-01T00:00:00Z' GIT_COMMITTER_DATE='2000-01-01T00:00:00Z'
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE PRE_COMMIT_HOME
# The manifest's wheel hooks (language: python) have their own test, tests/precommit/wheel.sh;
# `try-repo` without a hook id would otherwise install them too.
export SKIP=nianbao-wheel,nianbao-fix-wheel

# 2. A snapshot of the working tree, as one commit.
snap=$cache/snapshot
rm -rf "$snap"
mkdir -p "$snap"
(cd "$repo" && git ls-files -z --cached --others --exclude-standard) |
  while IFS= read -r -d '' f; do
    if [[ -f $repo/$f ]]; then
      mkdir -p "$snap/$(dirname "$f")"
      cp -p "$repo/$f" "$snap/$f"
    fi
  done
[[ -f $snap/.pre-commit-hooks.yaml ]] || die "no .pre-commit-hooks.yaml in $repo"
git -C "$snap" init -q
git -C "$snap" add -A
git -C "$snap" commit -q -m snapshot
rev=$(git -C "$snap" rev-parse HEAD)

# 3. A project using the hooks.
work=$tmp/work
mkdir -p "$work/reports"
git -C "$work" init -q
cp "$repo/examples/reports/with-defects-2025.md" "$work/reports/bad.md"
cp "$repo/examples/reports/with-defects-2025.md" "$work/reports/bad2.md"
cp "$repo/examples/reports/city-government-2024.md" "$work/reports/good.md"
printf '会议纪要\n\n这不是年度报告。\n' >"$work/notes.txt"
git -C "$work" add -A
git -C "$work" commit -q -m reports
total_line='| （七）总计 | 267 | 5 | 14 | 15 | 21 | 16 |'

hook() { # hook LOG ARGS...: runs pre-commit in $work; returns its status
  local log=$1 t status=0
  shift
  t=$(timer)
  (cd "$work" && "$pre_commit" "$@" --color never) >"$tmp/$log" 2>&1 || status=$?
  echo "pre-commit test: pre-commit $* -> exit $status ($(elapsed "$t"))"
  return $status
}
show() { sed 's/^/    /' "$tmp/$1" >&2; }
once() { # once LOG: no finding line (`file:line:col: 错误[…] …`) is printed twice
  local twice
  twice=$(grep -E ': (错误|警告|提示)\[' "$tmp/$1" | sort | uniq -d)
  [[ -z $twice ]] || {
    show "$1"
    die "$1: findings printed twice: $twice"
  }
}
summary() { grep -E '^(nianbao|- hook id|- exit code|- files were modified)' "$tmp/$1" | sed 's/^/    /'; }

# try-repo, both hooks, on the bad report: nianbao fails with A01, nianbao-fix writes 338.
if hook bad.log try-repo "$snap" --files reports/bad.md; then
  show bad.log
  die "try-repo passed on reports/bad.md (a copy of with-defects-2025.md)"
fi
summary bad.log
grep -qE '^nianbao \(.*check\)\.+Failed$' "$tmp/bad.log" || {
  show bad.log
  die "hook nianbao did not fail on reports/bad.md"
}
grep -qF '错误[A01] （七）总计·总计 为 344，应为 338' "$tmp/bad.log" || {
  show bad.log
  die "hook nianbao failed on reports/bad.md without printing the A01 diagnostic on the 344"
}
sed -n '/错误\[A01\]/,/可自动修复/p' "$tmp/bad.log" | sed 's/^/    /'
ok "nianbao fails on the defect report, with the A01 error on the 344 in its output"
grep -qE '^nianbao --fix .*\.+Failed$' "$tmp/bad.log" &&
  grep -q 'files were modified by this hook' "$tmp/bad.log" || {
  show bad.log
  die "hook nianbao-fix: pre-commit did not report reports/bad.md as modified"
}
grep -qF "$total_line 338 |" "$work/reports/bad.md" || {
  show bad.log
  grep -n '（七）总计' "$work/reports/bad.md" >&2
  die "hook nianbao-fix did not set the （七）总计 total to 338"
}
git -C "$work" diff -U0 -- reports/bad.md | grep -F '（七）总计' | sed 's/^/    /'
grep -qE '^reports/bad\.md:65  344 → 338  \[A0[0-9]\]$' "$tmp/bad.log" || {
  show bad.log
  die "hook nianbao-fix did not list the change reports/bad.md:65  344 → 338"
}
grep -E '^reports/bad\.md:[0-9]+  ' "$tmp/bad.log" | sed 's/^/    /'
once bad.log
ok "nianbao-fix changes 344 to 338, lists each change, and pre-commit reports the file modified"

# try-repo nianbao on the good report and a text file that is no report: passes.
if ! hook good.log try-repo "$snap" nianbao --files reports/good.md notes.txt; then
  show good.log
  die "hook nianbao failed on reports/good.md (city-government-2024.md) and notes.txt"
fi
summary good.log
grep -qE '^nianbao \(.*check\)\.+Passed$' "$tmp/good.log" || {
  show good.log
  die "hook nianbao did not report Passed"
}
ok "nianbao passes on city-government-2024.md and on a text file that is not a report"

# The README's .pre-commit-config.yaml block, with the snapshot for its placeholder repo and rev,
# and a store kept in the cache (an unchanged working tree is not built again).
export PRE_COMMIT_HOME=$cache/pre-commit-home
awk '/^## pre-commit/ { s = 1 } s && /^```yaml/ { b = 1; next } b && /^```/ { exit } b' \
  "$repo/README.md" >"$tmp/readme-config.yaml"
grep -q 'https://example.invalid/nianbao' "$tmp/readme-config.yaml" ||
  die "README.md: no \`\`\`yaml block with repo https://example.invalid/nianbao under ## pre-commit"
sed -e "s#https://example.invalid/nianbao#$snap#" -e "s#^\( *rev: *\).*#\1$rev#" \
  "$tmp/readme-config.yaml" >"$work/.pre-commit-config.yaml"
git -C "$work" add .pre-commit-config.yaml
hook validate.log validate-config .pre-commit-config.yaml || {
  show validate.log
  die "the README's .pre-commit-config.yaml does not validate"
}
hook readme-good.log run --files reports/good.md notes.txt || {
  show readme-good.log
  die "the README's config failed on reports/good.md and notes.txt"
}
summary readme-good.log
[[ $(grep -cE '\.+Passed$' "$tmp/readme-good.log") == 2 ]] || {
  show readme-good.log
  die "the README's config did not pass both hooks on reports/good.md"
}
if hook readme-bad.log run --files reports/bad2.md; then
  show readme-bad.log
  die "the README's config passed on reports/bad2.md"
fi
summary readme-bad.log
grep -q 'files were modified by this hook' "$tmp/readme-bad.log" &&
  grep -qF "$total_line 338 |" "$work/reports/bad2.md" || {
  show readme-bad.log
  die "the README's config did not fix reports/bad2.md (344 → 338)"
}
grep -qE '^reports/bad2\.md:65  344 → 338  ' "$tmp/readme-bad.log" || {
  show readme-bad.log
  die "the README's config did not list the change reports/bad2.md:65  344 → 338"
}
grep -qE ': 错误\[' "$tmp/readme-bad.log" || {
  show readme-bad.log
  die "the README's config did not print the errors left after the fixes"
}
once readme-bad.log
ok "the README's .pre-commit-config.yaml passes good reports and fixes a bad one, each finding once"
"$pre_commit" gc >/dev/null 2>&1 || true

echo "pre-commit test: $passed passed, 0 failed"
