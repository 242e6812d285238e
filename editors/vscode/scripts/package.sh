#!/usr/bin/env bash
# Builds the VS Code extension as a .vsix with the nianbao binary inside:
#   editors/vscode/scripts/package.sh [OUT.vsix]
# Steps: npm ci (or npm install without a lock file), cargo build --release, copy the binary
# into bin/<platform>-<arch>/ (linux-x64 here), type check, esbuild bundle, vsce package.
# Prints the path of the .vsix.
# Environment: CARGO_TARGET_DIR (cargo's target dir), NIANBAO_SKIP_CARGO=1 to reuse a binary
# already built.
set -euo pipefail
ext=$(cd "$(dirname "$0")/.." && pwd)
repo=$(cd "$ext/../.." && pwd)
cd "$ext"
version=$(node -p 'require("./package.json").version')
out=${1:-$ext/nianbao-$version.vsix}
case $out in /*) ;; *) out=$PWD/$out ;; esac

log() { printf '[package] %s\n' "$*" >&2; }

# Dependencies: npm ci unless node_modules is newer than the lock file (NIANBAO_NPM_CI=1 forces).
if [ "${NIANBAO_NPM_CI:-}" = 1 ] || [ ! -f node_modules/.package-lock.json ] ||
   [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci"
  npm ci --no-audit --no-fund --loglevel=error >&2
fi

# The server binary, for the platform we are on (the extension looks in bin/<platform>-<arch>).
target=${CARGO_TARGET_DIR:-$repo/target}
case $target in /*) ;; *) target=$repo/$target ;; esac
if [ "${NIANBAO_SKIP_CARGO:-}" != 1 ]; then
  log "cargo build --release"
  (cd "$repo" && cargo build --release --quiet --bin nianbao) >&2
fi
platform=$(node -p 'process.platform + "-" + process.arch')
rm -rf bin
mkdir -p "bin/$platform"
cp "$target/release/nianbao" "bin/$platform/nianbao"
chmod 755 "bin/$platform/nianbao"

log "tsc --noEmit"
npx --no-install tsc --noEmit -p . >&2

log "esbuild"
npx --no-install esbuild src/extension.ts --bundle --outfile=dist/extension.js --external:vscode \
  --format=cjs --platform=node --target=node18 --minify --log-level=warning >&2

log "vsce package"
npx --no-install vsce package --no-dependencies --allow-missing-repository --skip-license \
  --no-update-package-json --out "$out" >&2
echo "$out"
