#!/usr/bin/env bash
# Builds the VS Code extension as a .vsix with the nianbao binary inside:
#   editors/vscode/scripts/package.sh [OUT.vsix]
# Steps: npm ci (or npm install without a lock file), cargo build --release, copy the binary
# into bin/<platform>-<arch>/ (linux-x64 here), type check, esbuild bundle, vsce package.
# Prints the path of the .vsix.
# Environment: CARGO_TARGET_DIR (cargo's target dir), NIANBAO_SKIP_CARGO=1 to reuse a binary
# already built. For a release per platform (.github/workflows/release.yml):
# NIANBAO_VSCODE_TARGET=win32-x64|darwin-arm64|darwin-x64|linux-x64|linux-arm64|… (vsce's
# --target: the Marketplace serves each platform its own .vsix) with NIANBAO_BINARY=PATH, the
# binary built for that platform (nianbao.exe for win32), which is then bundled instead of
# building one here.
set -euo pipefail
ext=$(cd "$(dirname "$0")/.." && pwd)
repo=$(cd "$ext/../.." && pwd)
cd "$ext"
version=$(node -p 'require("./package.json").version')
out=${1:-$ext/nianbao-$version.vsix}
case $out in /*) ;; *) out=$PWD/$out ;; esac
mkdir -p "$(dirname "$out")"

log() { printf '[package] %s\n' "$*" >&2; }

# Dependencies: npm ci unless node_modules is newer than the lock file (NIANBAO_NPM_CI=1 forces).
if [ "${NIANBAO_NPM_CI:-}" = 1 ] || [ ! -f node_modules/.package-lock.json ] ||
   [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci"
  npm ci --no-audit --no-fund --loglevel=error >&2
fi

# The server binary: for the platform we are on, or the one given with NIANBAO_VSCODE_TARGET
# (the extension looks in bin/<platform>-<arch>, named as Node names them, as vsce's targets are).
vsce_target=${NIANBAO_VSCODE_TARGET:-}
if [ -n "${NIANBAO_BINARY:-}" ]; then
  binary=$NIANBAO_BINARY
else
  [ -z "$vsce_target" ] || { log "NIANBAO_VSCODE_TARGET needs NIANBAO_BINARY"; exit 2; }
  target=${CARGO_TARGET_DIR:-$repo/target}
  case $target in /*) ;; *) target=$repo/$target ;; esac
  if [ "${NIANBAO_SKIP_CARGO:-}" != 1 ]; then
    log "cargo build --release"
    (cd "$repo" && cargo build --release --quiet --bin nianbao) >&2
  fi
  binary=$target/release/nianbao
fi
platform=${vsce_target:-$(node -p 'process.platform + "-" + process.arch')}
case $platform in win32-*) exe=nianbao.exe ;; *) exe=nianbao ;; esac
rm -rf bin
mkdir -p "bin/$platform"
cp "$binary" "bin/$platform/$exe"
chmod 755 "bin/$platform/$exe"

log "tsc --noEmit"
npx --no-install tsc --noEmit -p . >&2

log "esbuild"
npx --no-install esbuild src/extension.ts --bundle --outfile=dist/extension.js --external:vscode \
  --format=cjs --platform=node --target=node18 --minify --log-level=warning >&2

log "vsce package"
npx --no-install vsce package --no-dependencies --allow-missing-repository --skip-license \
  --no-update-package-json ${vsce_target:+--target "$vsce_target"} --out "$out" >&2
echo "$out"
