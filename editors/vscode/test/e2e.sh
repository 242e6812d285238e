#!/usr/bin/env bash
# End-to-end test of the VS Code extension in a real VS Code (code-server, the browser build),
# driven by headless Chromium through playwright-core:
#
#   editors/vscode/test/e2e.sh
#
# 1. installs code-server and Chromium when missing (../shared/tools/install-code-server.sh into
#    $NIANBAO_CODE_SERVER_DIR, default ~/.cache/nianbao-code-server; apt + npm, ~600 MB), and a
#    CJK font (fonts-wqy-microhei) for readable screenshots;
# 2. builds the .vsix (scripts/package.sh: npm ci, cargo build --release, esbuild, vsce);
# 3. installs it into a fresh extensions dir and starts code-server on a free port with a
#    fresh user-data dir, on a temporary folder holding examples/reports/with-defects-2025.md;
# 4. runs test/e2e.js: opens the report, waits for the A02 diagnostic in the Problems panel,
#    takes a screenshot of the squiggles, applies the quick fix “将 （七）总计·总计 改为 338”,
#    saves, and checks the file on disk and the problem count; then "nianbao: Fix all" from the
#    command palette, settings changed live (lang, ignore), "nianbao: Restart server", and
#    nianbao.path (which restarts the server); the output channel must show the server's log.
#
# Artifacts (screenshots, the output channel's log, code-server's log on failure) go to $NIANBAO_E2E_ARTIFACTS (default
# <repo>/target/e2e). Exit status 0 when everything passed. NIANBAO_SKIP_PACKAGE=1 reuses the
# last .vsix; NIANBAO_E2E_KEEP=1 keeps the temporary directory.
set -euo pipefail
t0=$(date +%s)
ext=$(cd "$(dirname "$0")/.." && pwd)
repo=$(git -C "$ext" rev-parse --show-toplevel)
cs_dir=${NIANBAO_CODE_SERVER_DIR:-$HOME/.cache/nianbao-code-server}
artifacts=${NIANBAO_E2E_ARTIFACTS:-$repo/target/e2e}
entry=$cs_dir/node_modules/code-server/out/node/entry.js
chromium=${NIANBAO_CHROMIUM:-$(command -v chromium || echo /usr/bin/chromium)}

log() { printf '[e2e %3ss] %s\n' "$(($(date +%s) - t0))" "$*" >&2; }
die() { log "FAIL: $*"; exit 1; }

# 1. code-server and Chromium.
if [ ! -f "$entry" ] || [ ! -x "$chromium" ]; then
  installer=$repo/../shared/tools/install-code-server.sh
  [ -f "$installer" ] || die "code-server is not in $cs_dir and $installer is missing"
  log "installing code-server and Chromium into $cs_dir (a few minutes, once)"
  bash "$installer" "$cs_dir" >&2 || die "install-code-server.sh failed"
  chromium=$(command -v chromium || echo /usr/bin/chromium)
fi
[ -f "$entry" ] || die "code-server not installed: $entry missing"
[ -x "$chromium" ] || die "Chromium not found ($chromium)"
# A CJK font, or the report shows as boxes in the screenshots (Debian, 1.6 MB).
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  log "installing a CJK font (fonts-wqy-microhei)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >&2 ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >&2; } ||
    log "warning: no CJK font; the screenshots will show boxes for Chinese text"
fi

# 2. The .vsix (also installs the npm devDependencies, playwright-core among them).
mkdir -p "$artifacts"
rm -f "$artifacts"/*.png "$artifacts"/*.log
vsix=$artifacts/nianbao-e2e.vsix
if [ "${NIANBAO_SKIP_PACKAGE:-}" != 1 ] || [ ! -f "$vsix" ]; then
  log "packaging the extension"
  "$ext/scripts/package.sh" "$vsix" >/dev/null || die "scripts/package.sh failed"
fi
[ -d "$ext/node_modules/playwright-core" ] || (cd "$ext" && npm ci --no-audit --no-fund --loglevel=error)

# 3. A fresh VS Code: user data, extensions, workspace.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nianbao-e2e.XXXXXX")
server_pid=
cleanup() {
  local status=$?
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM -- "-$server_pid" 2>/dev/null || kill -TERM "$server_pid" 2>/dev/null || true
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$server_pid" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ]; then
    cp "$tmp/code-server.log" "$artifacts/code-server.log" 2>/dev/null || true
    # The extension's output channel ("nianbao": client and server log, protocol trace).
    find "$tmp/user-data/logs" -path '*output_logging_*' -name '*nianbao.log' \
      -exec sh -c 'cat "$@" > "$0"' "$artifacts/nianbao-output.log" {} + 2>/dev/null || true
    log "FAILED after $(($(date +%s) - t0)) s; logs and screenshots in $artifacts"
  fi
  if [ "${NIANBAO_E2E_KEEP:-}" = 1 ]; then log "kept $tmp"; else rm -rf "$tmp"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ud=$tmp/user-data
exts=$tmp/extensions
ws=$tmp/workspace
mkdir -p "$ud/User" "$exts" "$ws"
cp "$repo/examples/reports/with-defects-2025.md" "$ws/"
# Everything that would pop up, update, fetch or restore is off.
cat > "$ud/User/settings.json" <<'EOF'
{
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "workbench.enableExperiments": false,
  "workbench.settings.enableNaturalLanguageSearch": false,
  "extensions.ignoreRecommendations": true,
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "update.mode": "none",
  "telemetry.telemetryLevel": "off",
  "git.enabled": false,
  "git.openRepositoryInParentFolders": "never",
  "chat.commandCenter.enabled": false,
  "chat.disableAIFeatures": true,
  "window.restoreWindows": "none",
  "files.hotExit": "off",
  "editor.minimap.enabled": false,
  "editor.lightbulb.enabled": "on",
  "editor.hover.enabled": false,
  "workbench.editor.enablePreview": false,
  "accessibility.signals.onDebugBreak": "off",
  "nianbao.trace.server": "messages"
}
EOF

export XDG_CACHE_HOME=$tmp/cache XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config
cs() { node "$entry" --user-data-dir "$ud" --extensions-dir "$exts" "$@"; }
log "installing the .vsix into a fresh extensions dir"
cs --install-extension "$vsix" > "$tmp/install.log" 2>&1 || { cat "$tmp/install.log" >&2; die "--install-extension failed"; }
ls "$exts" | grep -q '^nianbao\.nianbao-' || { cat "$tmp/install.log" >&2; die "the extension is not in $exts"; }

port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
log "starting code-server on 127.0.0.1:$port"
setsid node "$entry" --auth none --bind-addr "127.0.0.1:$port" --disable-telemetry \
  --disable-update-check --disable-workspace-trust --user-data-dir "$ud" --extensions-dir "$exts" "$ws" \
  > "$tmp/code-server.log" 2>&1 &
server_pid=$!
for i in $(seq 1 120); do
  if node -e 'require("http").get(process.argv[1],r=>process.exit(r.statusCode<500?0:1)).on("error",()=>process.exit(1))' \
      "http://127.0.0.1:$port/healthz" 2>/dev/null; then break; fi
  kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/code-server.log" >&2; die "code-server exited"; }
  [ "$i" = 120 ] && { cat "$tmp/code-server.log" >&2; die "code-server did not answer on port $port within 60 s"; }
  sleep 0.5
done

# 4. The browser part. A second copy of the binary, for the nianbao.path setting.
binary=$tmp/bin/nianbao
mkdir -p "$tmp/bin"
cp "$(find "$exts" -path '*/bin/linux-x64/nianbao' | head -1)" "$binary"

log "driving VS Code with Chromium"
NIANBAO_E2E_URL="http://127.0.0.1:$port/?folder=$ws" \
NIANBAO_E2E_FILE="$ws/with-defects-2025.md" \
NIANBAO_E2E_ARTIFACTS="$artifacts" \
NIANBAO_E2E_BINARY="$binary" \
NIANBAO_E2E_LOGS="$ud/logs" \
NIANBAO_CHROMIUM="$chromium" \
  node "$ext/test/e2e.js" || die "the browser test failed (see above)"

# The output channel "nianbao" holds the client's log and the server's stderr.
output_log=$(find "$ud/logs" -path '*output_logging_*' -name '*nianbao.log' | head -1)
[ -n "$output_log" ] || die "no log of the output channel nianbao under $ud/logs"
cp "$output_log" "$artifacts/nianbao-output.log"
grep -q '语言服务器已启动' "$output_log" ||
  die "the output channel nianbao lacks the server's start message (stderr): $artifacts/nianbao-output.log"
starts=$(grep -c '语言服务器已启动' "$output_log" || true)
[ "$starts" = 3 ] ||
  die "expected 3 server starts in the output channel (start, restart, nianbao.path), found $starts"
grep -q "^nianbao: starting .*/extensions/nianbao\.nianbao-.*/bin/linux-x64/nianbao server (bundled)" "$output_log" ||
  die "the first server was not the bundled binary: $artifacts/nianbao-output.log"
grep -qF "nianbao: starting $binary server (nianbao.path)" "$output_log" ||
  die "no server started from nianbao.path = $binary: $artifacts/nianbao-output.log"
log "output channel nianbao: $(grep -m1 '语言服务器已启动' "$output_log") (3 times: bundled, restart, nianbao.path)"
log "PASS in $(($(date +%s) - t0)) s; screenshot: $artifacts/vscode-squiggles.png"
