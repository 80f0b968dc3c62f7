#!/usr/bin/env bash
# Evaluates HTML ingest on trafilatura's evaluation pages (evaluation only: the
# pages stay in ../shared and are unpacked to a temporary folder).
#   eval/pages.sh [--show-misses N] [--only FIELD]
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=../shared/corpora/trafilatura-eval/trafilatura-eval-dev.tar.gz
[ -f "$CORPUS" ] || { echo "eval: $CORPUS not found; the evaluation needs the shared corpora"; exit 2; }
DIR=${TMPDIR:-/tmp}/dateline-trafilatura-eval
if [ ! -f "$DIR/trafilatura-eval-dev/gold.json" ]; then
  mkdir -p "$DIR"
  tar xzf "$CORPUS" -C "$DIR"
fi
exec cargo run --release --quiet --example evaluate_pages -- "$DIR/trafilatura-eval-dev" "$@"
