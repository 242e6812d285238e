#!/usr/bin/env bash
# Builds the `nianbao` wheel (python/pyproject.toml: maturin, bindings = "bin") for this machine:
#   scripts/build-wheel.sh [OUT_DIR]      (default target/wheels; prints the wheel's path)
# maturin comes from PyPI into a venv under ${XDG_CACHE_HOME:-$HOME/.cache}/nianbao-wheel
# (NIANBAO_WHEEL_CACHE overrides) unless `maturin` is on PATH. Needs cargo and python3.
# Extra arguments after OUT_DIR go to `maturin build` (e.g. --target aarch64-unknown-linux-musl).
# The release workflow builds the other platforms' wheels with the same python/pyproject.toml.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$repo/target/wheels}
[[ $# -gt 0 ]] && shift
case $out in /*) ;; *) out=$PWD/$out ;; esac
cache=${NIANBAO_WHEEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/nianbao-wheel}
MATURIN_PYPI=maturin==1.16.0

if command -v maturin >/dev/null; then
  maturin=$(command -v maturin)
else
  maturin=$cache/tools/bin/maturin
  if [[ ! -x $maturin ]]; then
    echo "build-wheel: installing $MATURIN_PYPI into $cache/tools" >&2
    mkdir -p "$cache"
    python3 -m venv "$cache/tools"
    "$cache/tools/bin/pip" install --quiet --disable-pip-version-check "$MATURIN_PYPI" >&2
  fi
fi

mkdir -p "$out"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$repo/Cargo.toml" | head -1)
rm -f "$out"/nianbao-"$version"-*.whl
# maturin builds in cargo's target directory (CARGO_TARGET_DIR or ../target), so the
# dependencies compiled by `cargo build --release` are reused.
(cd "$repo/python" && "$maturin" build --release --locked --out "$out" "$@") >&2
wheel=$(ls "$out"/nianbao-"$version"-*.whl)
echo "$wheel"
