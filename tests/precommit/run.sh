#!/usr/bin/env bash
# Tests the pre-commit hooks of .pre-commit-hooks.yaml (language: rust: pre-commit builds the crate
# with `cargo install`), from this working tree, uncommitted and untracked files included:
#   1. `pre-commit try-repo <snapshot> nianbao` fails on examples/reports/with-defects-2025.md and
#      prints the A02 diagnostic;
#   2. the same hook passes on examples/reports/city-government-2024.md and on a text file that is
#      not a report;
#   3. `pre-commit try-repo <snapshot> nianbao-fix` rewrites the （七）总计 total 344 → 338 and
#      pre-commit reports the file as modified;
#   4. the `.pre-commit-config.yaml` block of README.md (its placeholder URL and rev replaced by the
#      snapshot) validates and runs both hooks with `pre-commit run`.
# The snapshot is a temporary git repository holding the working tree's files (tracked and
# untracked, less ignored ones) in one commit: `try-repo` on the working tree itself would build
# the last commit plus tracked changes only.
#
# Needs cargo and python3 on PATH (and git). pre-commit comes from PATH or else from PyPI into a venv
# under ${XDG_CACHE_HOME:-$HOME/.cache}/nianbao-precommit (NIANBAO_PRECOMMIT_CACHE overrides), where
# the cargo builds of the hooks also keep their target directory: the first run compiles the crate
# (minutes), later runs reuse it. Each try-repo still runs `cargo install` in a fresh pre-commit store.
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
export PRE_COMMIT_HOME=$tmp/pre-commit-home
export CARGO_TARGET_DIR=$cache/cargo-target # shared by the hooks' `cargo install` builds
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE

# 2. A snapshot of the working tree, as one commit.
snap=$tmp/nianbao
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

hook() { # hook LOG ARGS...: runs pre-commit in $work; returns its status
  local log=$1 t status=0
  shift
  t=$(timer)
  (cd "$work" && "$pre_commit" "$@" --color never) >"$tmp/$log" 2>&1 || status=$?
  echo "pre-commit test: pre-commit $* -> exit $status ($(elapsed "$t"))"
  return $status
}
show() { sed 's/^/    /' "$tmp/$1" >&2; }

# try-repo nianbao on the bad report: fails with the diagnostic.
if hook bad.log try-repo "$snap" nianbao --files reports/bad.md; then
  show bad.log
  die "hook nianbao passed on reports/bad.md (a copy of with-defects-2025.md)"
fi
grep -q 'Failed' "$tmp/bad.log" && grep -q 'A02' "$tmp/bad.log" && grep -q '344' "$tmp/bad.log" || {
  show bad.log
  die "hook nianbao failed on reports/bad.md without printing the A02 diagnostic"
}
grep -q 'A02' "$tmp/bad.log" && sed -n '/错误\[A02\]/,/可自动修复/p' "$tmp/bad.log" | sed 's/^/    /'
ok "nianbao fails on the defect report, with A02 in its output"

# try-repo nianbao on the good report and a text file that is no report: passes.
if ! hook good.log try-repo "$snap" nianbao --files reports/good.md notes.txt; then
  show good.log
  die "hook nianbao failed on reports/good.md (city-government-2024.md) and notes.txt"
fi
grep -q 'Passed' "$tmp/good.log" || { show good.log; die "hook nianbao did not report Passed"; }
ok "nianbao passes on city-government-2024.md and on a text file that is not a report"

# try-repo nianbao-fix: rewrites the total, pre-commit says the file was modified.
hook fix.log try-repo "$snap" nianbao-fix --files reports/bad.md && {
  show fix.log
  die "hook nianbao-fix passed although it had to modify reports/bad.md"
}
grep -q 'files were modified by this hook' "$tmp/fix.log" || {
  show fix.log
  die "hook nianbao-fix: pre-commit did not report the file as modified"
}
grep -qF '| （七）总计 | 267 | 5 | 14 | 15 | 21 | 16 | 338 |' "$work/reports/bad.md" || {
  show fix.log
  grep -n '（七）总计' "$work/reports/bad.md" >&2
  die "hook nianbao-fix did not set the （七）总计 total to 338"
}
git -C "$work" diff --stat -- reports/bad.md | sed 's/^/    /'
git -C "$work" diff -U0 -- reports/bad.md | grep '^[-+]|' | sed 's/^/    /'
ok "nianbao-fix changes 344 to 338 and pre-commit reports the file modified"

# The README's .pre-commit-config.yaml block, with the snapshot for its placeholder repo and rev.
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
if hook readme.log run --files reports/bad2.md; then
  show readme.log
  die "the README's config passed on reports/bad2.md"
fi
grep -q 'nianbao.*Failed' "$tmp/readme.log" && grep -qF '| 338 |' "$work/reports/bad2.md" || {
  show readme.log
  die "the README's config did not run both hooks (check failing, fix rewriting 344 → 338)"
}
ok "the README's .pre-commit-config.yaml runs both hooks"

echo "pre-commit test: $passed passed, 0 failed"
