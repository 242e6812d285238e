#!/usr/bin/env bash
# Tests the `language: python` hooks of .pre-commit-hooks.yaml (nianbao-wheel, nianbao-fix-wheel)
# with real pre-commit, as an office without a Rust toolchain uses them: the wheel comes from a
# local folder (PIP_FIND_LINKS, with PIP_NO_INDEX=1 so that nothing else can provide it), and
# PATH holds no cargo, rustc or rustup while the hooks are installed and run.
#   1. the manifest: each -wheel hook has its rust twin's entry, types and files; the root
#      pyproject.toml (what pre-commit pip-installs) depends on the wheel of Cargo.toml's version;
#   2. the README's `.pre-commit-config.yaml` block for the wheel hooks (the ```yaml block that
#      names nianbao-wheel), its placeholder URL and rev replaced by a snapshot of this working
#      tree, validates; `pre-commit install` puts it in a project's git hooks;
#   3. `git commit` of a copy of examples/reports/with-defects-2025.md is blocked: nianbao-fix-wheel
#      sets the （七）总计 total 344 → 338 and reports the file modified; no commit is made;
#      `pre-commit run nianbao-wheel` on another copy fails and prints the README's example
#      finding (the one on with-defects-2025.md);
#   4. `git commit` of a good report and a text file that is not a report passes;
#   5. the `nianbao` that ran is the wheel's binary (same bytes), installed in pre-commit's env.
# The wheel is built by scripts/build-wheel.sh unless NIANBAO_WHEEL_DIR names a folder holding it.
# pre-commit comes from PATH or from PyPI into the venv of tests/precommit/run.sh's cache
# (${XDG_CACHE_HOME:-$HOME/.cache}/nianbao-precommit; NIANBAO_PRECOMMIT_CACHE overrides), and so
# does the setuptools wheel that building the root pyproject.toml needs (kept there too).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cache=${NIANBAO_PRECOMMIT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/nianbao-precommit}
PRE_COMMIT_PYPI=pre-commit==4.7.0
SETUPTOOLS_PYPI=setuptools==80.9.0
die() { echo "pre-commit wheel test: FAIL: $*" >&2; exit 1; }
passed=0
ok() { passed=$((passed + 1)); echo "pre-commit wheel test: ok: $*"; }
command -v git >/dev/null || die "git not found on PATH"

version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$repo/Cargo.toml" | head -1)
if [[ -n ${NIANBAO_WHEEL_DIR:-} ]]; then
  wheels=$(cd "$NIANBAO_WHEEL_DIR" && pwd)
else
  wheels=$repo/target/wheels
  "$repo/scripts/build-wheel.sh" "$wheels" >/dev/null
fi
wheel=$(ls "$wheels"/nianbao-"$version"-*.whl 2>/dev/null | head -1)
[[ -f $wheel ]] || die "no nianbao-$version-*.whl in $wheels"

mkdir -p "$cache"
if command -v pre-commit >/dev/null; then
  pre_commit=$(command -v pre-commit)
else
  pre_commit=$cache/venv/bin/pre-commit
  if [[ ! -x $pre_commit ]]; then
    echo "pre-commit wheel test: installing $PRE_COMMIT_PYPI into $cache/venv"
    python3 -m venv "$cache/venv"
    "$cache/venv/bin/pip" install --quiet --disable-pip-version-check "$PRE_COMMIT_PYPI" ||
      die "pip install $PRE_COMMIT_PYPI failed"
  fi
fi
build_wheels=$cache/build-wheels
if ! ls "$build_wheels"/setuptools-*.whl >/dev/null 2>&1; then
  python3 -m pip download --quiet --disable-pip-version-check --only-binary :all: --no-deps \
    --dest "$build_wheels" "$SETUPTOOLS_PYPI" || die "pip download $SETUPTOOLS_PYPI failed"
fi
pre_commit_python=$(head -1 "$pre_commit" | sed 's/^#! *//')
echo "pre-commit wheel test: $("$pre_commit" --version), $(basename "$wheel")"

# 1. The manifest and the root pyproject.toml.
"$pre_commit_python" - "$repo" "$version" <<'PY' || die "the manifest or pyproject.toml (above)"
import re, sys, yaml
repo, version = sys.argv[1], sys.argv[2]
hooks = {h["id"]: h for h in yaml.safe_load(open(f"{repo}/.pre-commit-hooks.yaml"))}
errors = []
for hook_id, hook in hooks.items():
    if hook_id.endswith("-wheel"):
        twin = hooks.get(hook_id[: -len("-wheel")])
        if hook["language"] != "python" or not twin or twin["language"] != "rust":
            errors.append(f"{hook_id}: not a python hook with a rust twin")
            continue
        for key in ("entry", "args", "types", "files", "exclude", "pass_filenames"):
            if hook.get(key) != twin.get(key):
                errors.append(f"{hook_id}: {key} {hook.get(key)!r} != {twin['id']}'s {twin.get(key)!r}")
if not any(h.endswith("-wheel") for h in hooks):
    errors.append("no -wheel hook")
pyproject = open(f"{repo}/pyproject.toml").read()
if f'"nianbao=={version}"' not in pyproject or f'version = "{version}"' not in pyproject:
    errors.append(f"pyproject.toml does not pin nianbao=={version} (Cargo.toml's version)")
print("\n".join(errors), file=sys.stderr)
sys.exit(1 if errors else 0)
PY
ok "each -wheel hook runs its rust twin's command; pyproject.toml pins nianbao==$version"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/nianbao-precommit-wheel.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid
export GIT_AUTHOR_DATE='2000-01-01T00:00:00Z' GIT_COMMITTER_DATE='2000-01-01T00:00:00Z'
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE

# 2. A snapshot of the working tree as one commit (tracked and untracked files, less ignored ones).
snap=$tmp/snapshot
mkdir -p "$snap"
(cd "$repo" && git ls-files -z --cached --others --exclude-standard) |
  while IFS= read -r -d '' f; do
    if [[ -f $repo/$f ]]; then
      mkdir -p "$snap/$(dirname "$f")"
      cp -p "$repo/$f" "$snap/$f"
    fi
  done
git -C "$snap" init -q
git -C "$snap" add -A
git -C "$snap" commit -q -m snapshot
rev=$(git -C "$snap" rev-parse HEAD)

work=$tmp/work
mkdir -p "$work/reports"
git -C "$work" init -q
# The first ```yaml block naming nianbao-wheel (in a list item: its indentation removed).
awk '/^ *```yaml/ { b = 1; block = ""; indent = index($0, "`") - 1; next }
     b && /^ *```/ { b = 0; if (block ~ /nianbao-wheel/) { printf "%s", block; exit } next }
     b { block = block substr($0, indent + 1) "\n" }' "$repo/README.md" >"$tmp/readme-config.yaml"
grep -q 'https://example.invalid/nianbao' "$tmp/readme-config.yaml" ||
  die "README.md: no \`\`\`yaml block naming nianbao-wheel with repo https://example.invalid/nianbao"
sed -e "s#https://example.invalid/nianbao#$snap#" -e "s#^\( *rev: *\).*#\1$rev#" \
  "$tmp/readme-config.yaml" >"$work/.pre-commit-config.yaml"
sed 's/^/    /' "$tmp/readme-config.yaml"

# From here on: no Rust on PATH, pip only from the local folders.
clean_path=/usr/local/bin:/usr/bin:/bin
for tool in cargo rustc rustup; do
  if PATH=$clean_path command -v "$tool" >/dev/null; then
    die "$tool is on the clean PATH ($(PATH=$clean_path command -v "$tool"))"
  fi
done
export PRE_COMMIT_HOME=$tmp/pre-commit-home PIP_NO_INDEX=1 PIP_FIND_LINKS="$wheels $build_wheels"
export PIP_DISABLE_PIP_VERSION_CHECK=1
clean() { env -u CARGO_HOME -u RUSTUP_HOME -u CARGO_TARGET_DIR -u VIRTUAL_ENV PATH="$clean_path" "$@"; }
(cd "$work" && clean "$pre_commit" validate-config .pre-commit-config.yaml) >"$tmp/validate.log" 2>&1 ||
  { cat "$tmp/validate.log" >&2; die "the README's wheel config does not validate"; }
git -C "$work" add .pre-commit-config.yaml
git -C "$work" commit -q --no-verify -m config
(cd "$work" && clean "$pre_commit" install) >/dev/null || die "pre-commit install failed"
ok "the README's config for the wheel hooks validates and installs as a git hook"

commit() { # commit LOG FILES...: git add and commit in $work (hooks run); returns git's status
  local log=$1 status=0 t=$SECONDS
  shift
  git -C "$work" add -- "$@"
  (cd "$work" && clean git commit -m "add $*") >"$tmp/$log" 2>&1 || status=$?
  echo "pre-commit wheel test: git commit $* -> exit $status ($((SECONDS - t)) s)"
  return $status
}
show() { sed 's/^/    /' "$tmp/$1" >&2; }
summary() { grep -E '^(nianbao|- hook id|- exit code|- files were modified)' "$tmp/$1" | sed 's/^/    /'; }

# 3. A bad report: blocked and fixed; the check hook alone prints the finding.
cp "$repo/examples/reports/with-defects-2025.md" "$work/reports/bad.md"
head_before=$(git -C "$work" rev-parse HEAD)
if commit bad.log reports/bad.md; then
  show bad.log
  die "git commit of reports/bad.md (a copy of with-defects-2025.md) passed"
fi
summary bad.log
[[ $(git -C "$work" rev-parse HEAD) == "$head_before" ]] || die "a commit was made despite the hooks"
grep -qF '[INFO] Installing environment for' "$tmp/bad.log" || {
  show bad.log
  die "pre-commit did not install the hooks' environment on first use"
}
grep -qE '^nianbao --fix .*\.+Failed$' "$tmp/bad.log" &&
  grep -q 'files were modified by this hook' "$tmp/bad.log" || {
  show bad.log
  die "nianbao-fix-wheel: pre-commit did not report reports/bad.md as modified"
}
grep -qF '| （七）总计 | 267 | 5 | 14 | 15 | 21 | 16 | 338 |' "$work/reports/bad.md" || {
  show bad.log
  die "nianbao-fix-wheel did not set the （七）总计 total to 338"
}
ok "git commit of a report with defects is blocked: the total fixed (344 → 338), no commit"

# The check hook alone on another copy: fails and prints the finding.
cp "$repo/examples/reports/with-defects-2025.md" "$work/reports/bad2.md"
git -C "$work" add reports/bad2.md
status=0
(cd "$work" && clean "$pre_commit" run nianbao-wheel --color never --files reports/bad2.md) \
  >"$tmp/bad2.log" 2>&1 || status=$?
summary bad2.log
# The README's example finding on with-defects-2025.md, from its code (错误[A01]) on.
finding=$(grep -m1 '^examples/reports/with-defects-2025.md:' "$repo/README.md") ||
  die "README.md: no example finding on examples/reports/with-defects-2025.md"
finding=${finding#* }
[[ $status == 1 ]] && grep -qE '^nianbao \(.*check\)\.+Failed$' "$tmp/bad2.log" &&
  grep -qF "reports/bad2.md:65:41: $finding" "$tmp/bad2.log" || {
  show bad2.log
  die "nianbao-wheel did not fail on reports/bad2.md with the README's finding: $finding"
}
ok "nianbao-wheel fails on a report with defects and prints the README's example finding"

# 4. A good report and a text file that is not one: committed.
git -C "$work" reset -q -- reports/bad.md reports/bad2.md
rm "$work/reports/bad.md" "$work/reports/bad2.md"
cp "$repo/examples/reports/city-government-2024.md" "$work/reports/good.md"
printf '会议纪要\n\n这不是年度报告。\n' >"$work/notes.txt"
commit good.log reports/good.md notes.txt || { show good.log; die "git commit of a good report failed"; }
summary good.log
[[ $(grep -cE '^nianbao.*\.+Passed$' "$tmp/good.log") == 2 ]] || {
  show good.log
  die "both hooks should pass on reports/good.md and notes.txt"
}
[[ $(git -C "$work" rev-parse HEAD) != "$head_before" ]] || die "no commit was made"
ok "git commit of a good report and a text file passes both hooks"

# 5. The binary that ran is the wheel's.
installed=$(find "$PRE_COMMIT_HOME" -path '*/py_env-*/bin/nianbao' -type f | head -1)
[[ -n $installed ]] || die "no bin/nianbao in a py_env of $PRE_COMMIT_HOME"
"$pre_commit_python" - "$wheel" "$installed" "$version" <<'PY' || die "the hook's nianbao is not the wheel's binary"
import sys, zipfile
wheel, installed, version = sys.argv[1:]
packed = zipfile.ZipFile(wheel).read(f"nianbao-{version}.data/scripts/nianbao")
sys.exit(0 if open(installed, "rb").read() == packed else 1)
PY
ok "the hooks ran the wheel's binary (${installed#"$PRE_COMMIT_HOME"/})"

echo "pre-commit wheel test: $passed passed, 0 failed"
