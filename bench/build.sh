#!/usr/bin/env bash
# Build benchmark: dateline against Hugo on the same synthetic archive, in one run.
#
#   bench/build.sh [ARTICLES]        (default 10000)
#
# Generates the archive with ../shared/tools/gen_corpus.py (plain and Hugo
# flavours, same seed, so the same articles), builds dateline in release mode
# once, then times: a cold dateline build (empty output), a warm one (output
# already there, nothing changed) and a Hugo build. Prints wall time, pages
# per second and peak memory (max RSS) for each, and the ratios to Hugo.
# Absolute times drift on a shared machine; compare the ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
GEN=../shared/tools/gen_corpus.py
WORK=${BENCH_DIR:-${TMPDIR:-/tmp}/dateline-bench-$N}
[ -f "$GEN" ] || { echo "bench: $GEN not found (the shared folder is needed)"; exit 2; }

if [ ! -d "$WORK/plain/content" ]; then
  echo "generating $N articles into $WORK"
  python3 "$GEN" --articles "$N" --flavor plain --out "$WORK/plain"
  python3 "$GEN" --articles "$N" --flavor hugo --out "$WORK/hugo"
fi
cargo build --release --quiet
BIN=target/release/dateline

measure() { # label, then the command; prints "label seconds maxrss_kb"
  local label=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$WORK/rss" "$@" >"$WORK/log" 2>&1 || { cat "$WORK/log"; exit 1; }
  t1=$(date +%s.%N)
  echo "$label $(echo "$t1 - $t0" | bc) $(cat "$WORK/rss")"
}

rm -rf "$WORK/plain/public" "$WORK/plain/dateline.yaml"
results=()
# Without the search index (dateline.yaml: search: false), then with it (the default).
echo "search: false" > "$WORK/plain/dateline.yaml"
results+=("$(measure dateline-cold "$BIN" --root "$WORK/plain" build -q)")
pages=$(find "$WORK/plain/public" -name '*.html' -o -name '*.xml' | wc -l)
results+=("$(measure dateline-warm "$BIN" --root "$WORK/plain" build -q)")
rm -f "$WORK/plain/dateline.yaml"
rm -rf "$WORK/plain/public"
results+=("$(measure dateline+search "$BIN" --root "$WORK/plain" build -q)")
index_mb=$(du -sm "$WORK/plain/public/pagefind" | cut -f1)
index_files=$(find "$WORK/plain/public/pagefind" -type f | wc -l)
if command -v hugo >/dev/null; then
  rm -rf "$WORK/hugo/public"
  results+=("$(measure hugo hugo --source "$WORK/hugo" --quiet)")
  hugo_pages=$(find "$WORK/hugo/public" -name '*.html' | wc -l)
else
  echo "(hugo not installed: apt-get install hugo to compare)"
fi

printf '\n%-14s %8s %10s %12s %10s\n' run seconds pages pages/s "max RSS"
hugo_s=""
for r in "${results[@]}"; do
  read -r label secs rss <<<"$r"
  p=$pages; [ "$label" = hugo ] && { p=$hugo_pages; hugo_s=$secs; }
  printf '%-14s %8.2f %10d %12.0f %7d MB\n' "$label" "$secs" "$p" "$(echo "$p / $secs" | bc -l)" $((rss / 1024))
done
echo "search index: $index_mb MB in $index_files files"
if [ -n "$hugo_s" ]; then
  for r in "${results[@]}"; do
    read -r label secs rss <<<"$r"
    [ "$label" = hugo ] || printf '%s takes %.3f× Hugo'"'"'s time\n' "$label" "$(echo "$secs / $hugo_s" | bc -l)"
  done
fi
