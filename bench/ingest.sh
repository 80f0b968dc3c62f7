#!/usr/bin/env bash
# Ingest throughput on Reuters-21578 (research use only: unpacked to a
# temporary folder, never into the repo): the whole pipeline (read, decode,
# layout, extraction, write), on one core and on all cores.
#   bench/ingest.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=../shared/corpora/reuters21578
[ -d "$CORPUS" ] || { echo "bench: $CORPUS not found"; exit 2; }
DIR=${TMPDIR:-/tmp}/dateline-reuters
[ -f "$DIR/reuters21578-prepared/gold.jsonl" ] || { mkdir -p "$DIR"; tar xzf "$CORPUS/reuters21578-prepared.tar.gz" -C "$DIR"; }
cargo build --release --quiet
BIN=$PWD/target/release/dateline
N=$(ls "$DIR/reuters21578-prepared/articles" | wc -l)
for threads in 1 "$(nproc)"; do
  SITE=$(mktemp -d)
  t0=$(date +%s.%N)
  RAYON_NUM_THREADS=$threads "$BIN" --root "$SITE" ingest -q "$DIR/reuters21578-prepared/articles" >/dev/null 2>&1 || true
  t1=$(date +%s.%N)
  written=$(find "$SITE/content" -name '*.md' | wc -l)
  printf '%s thread(s): %d inputs, %d articles written in %.2f s = %.0f inputs/s\n' "$threads" "$N" "$written" "$(echo "$t1 - $t0" | bc)" "$(echo "$N / ($t1 - $t0)" | bc -l)"
  rm -rf "$SITE"
done
