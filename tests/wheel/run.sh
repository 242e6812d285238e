#!/usr/bin/env bash
# Tests the `nianbao` wheel as a user without a Rust toolchain gets it:
#   1. builds it (scripts/build-wheel.sh; or takes NIANBAO_WHEEL_DIR, a folder holding it) and
#      checks what it holds: the binary as a script, the version of Cargo.toml;
#   2. installs it with pip into a fresh venv, from that folder only (--no-index), with a PATH
#      that has no cargo, rustc or rustup;
#   3. runs the installed `nianbao` there: `nianbao check examples/reports` finds the deliberate
#      defects (exit 1; the README's example finding and summary lines), a good report passes
#      (exit 0), `nianbao rule A02` prints its documentation.
# Needs python3 (with venv); cargo only to build the wheel.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
die() { echo "wheel test: FAIL: $*" >&2; exit 1; }
passed=0
ok() { passed=$((passed + 1)); echo "wheel test: ok: $*"; }

version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$repo/Cargo.toml" | head -1)
if [[ -n ${NIANBAO_WHEEL_DIR:-} ]]; then
  wheels=$(cd "$NIANBAO_WHEEL_DIR" && pwd)
else
  wheels=$repo/target/wheels
  "$repo/scripts/build-wheel.sh" "$wheels" >/dev/null
fi
wheel=$(ls "$wheels"/nianbao-"$version"-*.whl 2>/dev/null | head -1)
[[ -f $wheel ]] || die "no nianbao-$version-*.whl in $wheels"
echo "wheel test: $(basename "$wheel") ($(du -k "$wheel" | cut -f1) KB)"
contents=$(python3 -m zipfile -l "$wheel")
grep -qE "nianbao-$version\.data/scripts/nianbao " <<<"$contents" ||
  die "the wheel has no nianbao-$version.data/scripts/nianbao: $contents"
ok "the wheel holds the binary as nianbao-$version.data/scripts/nianbao"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/nianbao-wheel-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
python3 -m venv "$tmp/venv"
# A PATH without Rust: the venv and the system's directories, none of which holds cargo.
clean_path=$tmp/venv/bin:/usr/local/bin:/usr/bin:/bin
for tool in cargo rustc rustup; do
  if PATH=$clean_path command -v "$tool" >/dev/null; then
    die "$tool is on the clean PATH ($(PATH=$clean_path command -v "$tool"))"
  fi
done
in_venv() { env -u CARGO_HOME -u RUSTUP_HOME -u CARGO_TARGET_DIR PATH="$clean_path" "$@"; }
in_venv pip install --quiet --disable-pip-version-check --no-index --find-links "$wheels" \
  "nianbao==$version" || die "pip install nianbao==$version from $wheels failed"
installed=$(in_venv sh -c 'command -v nianbao')
[[ $installed == "$tmp/venv/bin/nianbao" && -f $installed && ! -L $installed ]] ||
  die "nianbao is not a file in the venv: $installed"
[[ $(in_venv nianbao --version) == "nianbao $version" ]] ||
  die "nianbao --version: $(in_venv nianbao --version)"
ok "pip installed nianbao $version into a fresh venv, with no Rust on PATH"

status=0
(cd "$repo" && in_venv nianbao check examples/reports --no-progress) >"$tmp/check.out" 2>&1 ||
  status=$?
[[ $status == 1 ]] || { cat "$tmp/check.out" >&2; die "nianbao check examples/reports: exit $status, not 1"; }
# The README's example of human output: its first finding line and its summary line.
finding=$(grep -m1 '^examples/reports/with-defects-2025.md:' "$repo/README.md") ||
  die "README.md: no example finding on examples/reports/with-defects-2025.md"
summary=$(grep -m1 '^共检查 ' "$repo/README.md") || die "README.md: no example summary"
grep -qxF "$finding" "$tmp/check.out" ||
  { cat "$tmp/check.out" >&2; die "not in the output: the README's finding: $finding"; }
grep -qxF "$summary" "$tmp/check.out" ||
  { cat "$tmp/check.out" >&2; die "not in the output: the README's summary: $summary"; }
cut -c1-100 <<<"$finding" | sed 's/^/    /; s/$/…/'
tail -1 "$tmp/check.out" | sed 's/^/    /'
ok "nianbao check examples/reports: exit 1, the README's example finding and summary"

(cd "$repo" && in_venv nianbao check examples/reports/city-government-2024.md) >"$tmp/good.out" 2>&1 ||
  { cat "$tmp/good.out" >&2; die "nianbao check city-government-2024.md failed"; }
in_venv nianbao rule A02 | grep -q '^A02 t3-results-sum' || die "nianbao rule A02 printed nothing"
ok "a good report passes (exit 0) and nianbao rule A02 prints its documentation"

echo "wheel test: $passed passed, 0 failed"
