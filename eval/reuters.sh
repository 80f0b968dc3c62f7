#!/usr/bin/env bash
# Evaluates ingest on Reuters-21578 (research use only: the corpus stays in
# ../shared and is unpacked to a temporary folder, never into the repo).
#   eval/reuters.sh            # the whole prepared corpus (file times give the year)
#   eval/reuters.sh sample     # the 199-story sample (year from --default-date)
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=../shared/corpora/reuters21578
[ -d "$CORPUS" ] || { echo "eval: $CORPUS not found; the evaluation needs the shared corpora"; exit 2; }
if [ "${1:-}" = sample ]; then
  exec cargo run --release --quiet --example evaluate -- "$CORPUS/sample" --default-date 1987-06-01 "${@:2}"
fi
DIR=${TMPDIR:-/tmp}/dateline-reuters
if [ ! -f "$DIR/reuters21578-prepared/gold.jsonl" ]; then
  mkdir -p "$DIR"
  tar xzf "$CORPUS/reuters21578-prepared.tar.gz" -C "$DIR"
fi
exec cargo run --release --quiet --example evaluate -- "$DIR/reuters21578-prepared" "$@"
