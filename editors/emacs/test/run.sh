#!/usr/bin/env bash
# Headless test of `nianbao server` with Emacs and eglot: Debian's emacs-nox (28), elpa-eglot (1.9)
# and elpa-markdown-mode, installed with apt-get when missing. Runs eglot-test.el, which evaluates the
# elisp block of README.md's "### Emacs" section, opens a copy of
# examples/reports/with-defects-2025.md, waits for A01, applies the preferred quick fix (344 → 338)
# and waits for fresh diagnostics without A01/A02.
# Usage: editors/emacs/test/run.sh   (NIANBAO_BIN=path skips the cargo build)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
name="emacs test"
source "$here/../../test-lib.sh"
nianbao_binary

have() { command -v emacs >/dev/null &&
  emacs --batch --eval "(progn (require 'eglot) (require 'markdown-mode))" >/dev/null 2>&1; }
if ! have; then
  t=$(timer)
  echo "emacs test: apt-get install emacs-nox elpa-eglot elpa-markdown-mode"
  log=$(mktemp)
  apt_install "$log" emacs-nox elpa-eglot elpa-markdown-mode
  rm -f "$log"
  have || die "emacs still cannot load eglot and markdown-mode"
  echo "emacs test: installed ($(elapsed "$t"))"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/nianbao-emacs-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$tmp/reports" "$tmp/home"
ln -s "$bin" "$tmp/bin/nianbao"
cp "$repo/examples/reports/with-defects-2025.md" "$tmp/reports/report.md"
t=$(timer)
status=0
(cd "$tmp/reports" && env PATH="$tmp/bin:$PATH" HOME="$tmp/home" NIANBAO_REPO="$repo" \
  NIANBAO_REPORT="$tmp/reports/report.md" timeout 120 emacs --batch -l "$here/eglot-test.el" \
  </dev/null >"$tmp/out.log" 2>"$tmp/err.log") || status=$?
if [[ $status != 0 ]] || ! grep -q '] PASS$' "$tmp/out.log"; then
  sed 's/^/  /' "$tmp/out.log" "$tmp/err.log" >&2
  echo "emacs test: 0 passed, 1 failed"
  die "eglot test (exit $status)"
fi
sed 's/^/  /' "$tmp/out.log"
echo "emacs test: eglot passed ($(elapsed "$t"))"
echo "emacs test: 1 passed, 0 failed"
