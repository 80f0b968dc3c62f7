#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 600), one after another,
# from the committed seeds plus the corpus found so far; crashes land in
# fuzz/artifacts/<target>/ and must become regression tests.
#   fuzz/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_EACH=${1:-600}
export RUSTC_BOOTSTRAP=1   # cargo fuzz wants nightly flags; the stable toolchain accepts them this way
# The corpus kept in the repository (minimized with `cargo fuzz cmin`) seeds the runs.
[ -d corpus ] || tar xzf corpus.tar.gz
cargo fuzz build -O
for target in frontmatter ingest_text ingest_html slug dates; do
  mkdir -p "corpus/$target"
  echo "== $target for ${SECONDS_EACH}s"
  # To keep a new corpus: cargo fuzz cmin -O $target corpus/$target, then tar czf corpus.tar.gz corpus
  cargo fuzz run -O "$target" "corpus/$target" "seeds/$target" -- \
    -max_total_time="$SECONDS_EACH" -rss_limit_mb=4096 -timeout=10 -print_final_stats=1 2>&1 \
    | grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|==|SUMMARY|Done)|ERROR|panicked" || true
done
