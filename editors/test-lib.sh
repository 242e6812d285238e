# Shared by the editor test scripts (source it after setting `name`, e.g. name="neovim test").
# Provides: repo, timer, elapsed, die, nianbao_binary (sets `bin`), apt_install LOG PKG...

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
timer() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(timer)" 'BEGIN { printf "%.1fs", b - a }'; }
die() { echo "$name: FAIL: $*" >&2; exit 1; }

# The nianbao binary: $NIANBAO_BIN, else built once with cargo (release).
nianbao_binary() {
  if [[ -n ${NIANBAO_BIN:-} ]]; then
    bin=$(cd "$(dirname "$NIANBAO_BIN")" && pwd)/$(basename "$NIANBAO_BIN")
  else
    command -v cargo >/dev/null || die "cargo not found on PATH (needed to build nianbao)"
    local t target
    t=$(timer)
    (cd "$repo" && cargo build --release --locked --quiet --bin nianbao) || die "cargo build failed"
    target=$(cd "$repo" && cargo metadata --format-version 1 --no-deps |
      python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
    bin=$target/release/nianbao
    echo "$name: nianbao built ($(elapsed "$t"))"
  fi
  [[ -x $bin ]] || die "no nianbao binary at $bin"
}

# Debian packages, waiting for another apt to finish; `apt-get update` only when needed.
apt_install() { # LOG PKG...
  local log=$1
  shift
  command -v apt-get >/dev/null || die "$* missing, and no apt-get to install them"
  export DEBIAN_FRONTEND=noninteractive
  local install=(apt-get install -y -q -o DPkg::Lock::Timeout=600 "$@")
  if ! "${install[@]}" >"$log" 2>&1; then
    apt-get update -q -o DPkg::Lock::Timeout=600 >>"$log" 2>&1 || true
    "${install[@]}" >>"$log" 2>&1 || { tail -20 "$log" >&2; die "apt-get install $* failed"; }
  fi
}
