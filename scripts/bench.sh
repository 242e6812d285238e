#!/usr/bin/env bash
# Whole-process benchmarks, printed as a table (see BENCHMARKS.md):
#   1. `nianbao check` over 10,000 generated reports against `rg -c 总计` over the same files,
#      each REPS times in the same run, alternating; medians;
#   2. the wall time of checking one file (hyperfine when installed, else a loop of 200 runs);
#   3. the language server's edit → diagnostics latency (`cargo bench --bench server_latency`).
#
# Usage: scripts/bench.sh [--quick] [--check-only]
#   --quick: 2,000 reports, 3 repetitions, quick latency; --check-only: measure 1 only.
# Environment: REPS (default 5), N (default 10000), BENCH_DIR (default a temporary folder),
#   BEFORE (another nianbao binary, e.g. main's: timed in the same alternation as a third column).
set -euo pipefail
[[ -n "${EPOCHREALTIME:-}" ]] || { echo "bench.sh: bash 5 or newer is needed" >&2; exit 2; }

cd "$(dirname "$0")/.."
quick=0 check_only=0
for arg in "$@"; do
    case $arg in
    --quick) quick=1 ;;
    --check-only) check_only=1 ;;
    *) echo "bench.sh: unknown argument $arg" >&2; exit 2 ;;
    esac
done
N=${N:-$([[ $quick == 1 ]] && echo 2000 || echo 10000)}
REPS=${REPS:-$([[ $quick == 1 ]] && echo 3 || echo 5)}
target=${CARGO_TARGET_DIR:-target}

command -v rg >/dev/null || { echo "bench.sh: ripgrep (rg) is needed" >&2; exit 2; }

echo "building (release)…" >&2
cargo build --release --quiet --bin nianbao --example gen_reports
bin="$target/release/nianbao"

dir=${BENCH_DIR:-$(mktemp -d)}
cleanup() { [[ -z "${BENCH_DIR:-}" ]] && rm -rf "$dir"; }
trap cleanup EXIT
if [[ ! -f "$dir/.generated-$N" ]]; then
    rm -rf "$dir" && mkdir -p "$dir"
    "$target/release/examples/gen_reports" "$dir/reports" "$N" 1 2>&1 | sed 's/^/  /' >&2
    touch "$dir/.generated-$N"
fi
reports="$dir/reports"
one=$(find "$reports" -name 'report-00001.*' | head -n 1)

# Wall seconds of a command, output discarded; exit status 0 or 1 (findings) is fine.
# EPOCHREALTIME (bash 5) rather than `date`, whose own fork would count in short runs.
wall() {
    local start end status
    start=$EPOCHREALTIME
    set +e
    "$@" >/dev/null 2>&1
    status=$?
    set -e
    end=$EPOCHREALTIME
    if ((status > 1)); then
        echo "bench.sh: '$*' failed with status $status" >&2
        exit 2
    fi
    echo "$end - $start" | bc -l
}

median() { sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.4f", m}'; }

echo "checking $N reports, $REPS repetitions…" >&2
uptime >&2
check_times=() rg_times=() before_times=()
for ((i = 0; i < REPS; i++)); do
    check_times+=("$(wall "$bin" check "$reports" --format json)")
    rg_times+=("$(wall rg -c 总计 "$reports")")
    if [[ -n "${BEFORE:-}" ]]; then before_times+=("$(wall "$BEFORE" check "$reports" --format json)"); fi
done
check_med=$(printf '%s\n' "${check_times[@]}" | median)
rg_med=$(printf '%s\n' "${rg_times[@]}" | median)
ratio=$(echo "$check_med / $rg_med" | bc -l)
echo "check: ${check_times[*]}" >&2
echo "rg:    ${rg_times[*]}" >&2
if [[ -n "${BEFORE:-}" ]]; then
    before_med=$(printf '%s\n' "${before_times[@]}" | median)
    echo "before ($BEFORE): ${before_times[*]}" >&2
fi
check_ok=$(echo "$check_med <= 10 * $rg_med" | bc -l)
verdict() { [[ $1 == 1 ]] && echo met || echo MISSED; }
check_rows() {
    printf '| nianbao check, %d reports (median of %d) | %.3f s | ≤ 10 × rg = %.3f s: %s |\n' \
        "$N" "$REPS" "$check_med" "$(echo "10 * $rg_med" | bc -l)" "$(verdict "$check_ok")"
    printf '| rg -c 总计, same files (median of %d) | %.3f s | |\n' "$REPS" "$rg_med"
    printf '| ratio check / rg | %.1f | ≤ 10 |\n' "$ratio"
    if [[ -n "${BEFORE:-}" ]]; then
        printf '| before: %s, same run (median of %d) | %.3f s (ratio %.1f) | |\n' \
            "$BEFORE" "$REPS" "$before_med" "$(echo "$before_med / $rg_med" | bc -l)"
    fi
}
if [[ $check_only == 1 ]]; then
    echo
    echo "| measure | value | target |"
    echo "|---|---|---|"
    check_rows
    exit 0
fi

echo "one-file check…" >&2
if command -v hyperfine >/dev/null; then
    hyperfine --warmup 20 --runs 200 -N -i --export-json "$dir/one.json" \
        "$bin check $one --format json" >/dev/null 2>&1
    one_ms=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print('%.3f' % (r['median']*1e3))" "$dir/one.json")
    one_how="hyperfine, 200 runs, median"
else
    one_times=()
    for ((i = 0; i < 200; i++)); do one_times+=("$(wall "$bin" check "$one" --format json)"); done
    one_ms=$(printf '%s\n' "${one_times[@]}" | median | awk '{printf "%.3f", $1 * 1000}')
    one_how="loop of 200 runs, median (includes the shell's fork and exec)"
fi

echo "server latency…" >&2
# The two documents of the table below (the benchmark has more: see BENCHMARKS.md).
latency_args=(-- 20KB 10MB)
[[ $quick == 1 ]] && latency_args+=(--quick)
latency=$(cargo bench --quiet --bench server_latency "${latency_args[@]}" 2>/dev/null | grep -E '^ *(20KB|10MB):')

one_ok=$(echo "$one_ms <= 5" | bc -l)
echo
echo "| measure | value | target |"
echo "|---|---|---|"
check_rows
printf '| one-file check (%s) | %s ms | ≤ 5 ms: %s |\n' "$one_how" "$one_ms" "$(verdict "$one_ok")"
while IFS= read -r line; do
    name=$(echo "$line" | awk -F: '{gsub(/ /, "", $1); print $1}')
    p99=$(echo "$line" | sed -E 's/.*p99 ([0-9.]+) ms.*/\1/')
    mem=$(echo "$line" | sed -E 's/.*memory ([0-9.]+) MB \(peak ([0-9.]+) MB\).*/\1 MB (peak \2)/')
    if [[ $name == 20KB ]]; then target_p99=1; else target_p99=5; fi
    ok=$(echo "$p99 <= $target_p99" | bc -l)
    printf '| server edit→diagnostics p99, %s | %s ms | ≤ %s ms: %s |\n' "$name" "$p99" "$target_p99" "$(verdict "$ok")"
    printf '| server memory, %s document open | %s | |\n' "$name" "$mem"
done <<<"$latency"
