#!/usr/bin/env bash
# Evaluates HTML ingest on the hand-annotated news pages (evaluation only: the
# pages stay in ../shared and are unpacked to a temporary folder).
#   eval/news.sh [--show-misses N] [--only FIELD]
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=../shared/corpora/news-gold-dev/news-gold-dev.tar.gz
[ -f "$CORPUS" ] || { echo "eval: $CORPUS not found; the evaluation needs the shared corpora"; exit 2; }
DIR=${TMPDIR:-/tmp}/dateline-news-gold
if [ ! -f "$DIR/news-gold-dev/gold.jsonl" ]; then
  mkdir -p "$DIR"
  tar xzf "$CORPUS" -C "$DIR"
  gunzip -qf "$DIR"/news-gold-dev/pages/*.html.gz
fi
exec cargo run --release --quiet --example evaluate_news -- "$DIR/news-gold-dev" "$@"
