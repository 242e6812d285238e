#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ for the three targets with:
#  - the shared corpus (seeds/*.txt, real/*), if present (NIANBAO_CORPUS, default
#    /work/shared/corpus). These copies are git-ignored: never commit them.
#  - generated samples: nianbao::sample::Stats::generate(seed).render(layout) for every
#    layout, via the main crate's `render_sample` example.
# Usage: fuzz/seed.sh [SAMPLE_SEEDS]   (default 6 seeds x 8 layouts)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
shared="${NIANBAO_CORPUS:-/work/shared/corpus}"
nseeds="${1:-6}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"

targets=(reader incremental_reader fix)
for t in "${targets[@]}"; do mkdir -p "$here/corpus/$t"; done

put() { # put NAME FILE: copy into every target's corpus
  for t in "${targets[@]}"; do cp "$2" "$here/corpus/$t/$1"; done
}

if [ -d "$shared" ]; then
  for f in "$shared"/seeds/*.txt "$shared"/real/*; do
    [ -f "$f" ] || continue
    case "$f" in *.tsv) continue ;; esac
    put "shared-$(basename "$(dirname "$f")")-$(basename "$f")" "$f"
  done
  # The PDF target starts from the real PDFs.
  mkdir -p "$here/corpus/pdf"
  for f in "$shared"/pdf/*.pdf; do
    [ -f "$f" ] && cp "$f" "$here/corpus/pdf/shared-$(basename "$f")"
  done
else
  echo "seed.sh: no shared corpus at $shared; generated samples only" >&2
fi

(cd "$root" && cargo build --quiet --example render_sample)
render="$CARGO_TARGET_DIR/debug/examples/render_sample"
tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
for seed in $(seq 1 "$nseeds"); do
  for layout in cell-per-line pipe-terminated pipe-led lone-pipe markdown one-line column-major html; do
    "$render" "$seed" "$layout" >"$tmp"
    put "sample-$seed-$layout.txt" "$tmp"
  done
done
for t in "${targets[@]}"; do
  echo "corpus/$t: $(ls "$here/corpus/$t" | wc -l) files"
done
