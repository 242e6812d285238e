#!/usr/bin/env bash
# Runs one fuzz target for a bounded time with one job:  fuzz/run.sh TARGET SECONDS [extra libFuzzer args]
# TARGET: reader | incremental_reader | fix | pdf. Installs cargo-fuzz if missing and seeds the corpus.
# Only the stable toolchain is needed: RUSTC_BOOTSTRAP=1 lets it take cargo-fuzz's -Z flags.
# SANITIZER=none (default address) if AddressSanitizer does not work on the machine.
# Built with debug assertions and overflow checks (an `i64` sum that wraps in a release build
# is a crash here); OVERFLOW_CHECKS=off builds as the release binary does.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
target="${1:?usage: fuzz/run.sh TARGET SECONDS}"
seconds="${2:?usage: fuzz/run.sh TARGET SECONDS}"
shift 2
sanitizer="${SANITIZER:-address}"

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
[ -n "$(ls -A "$here/corpus/$target" 2>/dev/null)" ] || "$here/seed.sh"
mkdir -p "$here/artifacts/$target"

cd "$here/.."
# cargo fuzz builds into fuzz/target; CARGO_TARGET_DIR from the environment would move it.
unset CARGO_TARGET_DIR
checks=()
if [ "${OVERFLOW_CHECKS:-on}" != off ]; then
  checks=(--debug-assertions)
  export RUSTFLAGS="${RUSTFLAGS:-} -C overflow-checks=on"
fi
RUSTC_BOOTSTRAP=1 exec cargo fuzz run -s "$sanitizer" "${checks[@]}" "$target" \
  "fuzz/corpus/$target" -- \
  -dict=fuzz/nianbao.dict \
  -max_total_time="$seconds" \
  -print_final_stats=1 \
  -rss_limit_mb=2048 \
  -timeout=20 \
  "$@"
