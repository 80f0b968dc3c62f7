#!/usr/bin/env bash
# Load test of `dateline serve` on loopback: wrk with 100 connections for 30 s
# over a 1,000-article archive while an article is edited every 200 ms; then
# checks the server's memory before and after. Needs wrk (apt-get install wrk).
#   bench/load.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-30}
command -v wrk >/dev/null || { echo "load: wrk is missing (apt-get install wrk)"; exit 2; }
SITE=$(mktemp -d)
SERVER=""; EDITOR=""
trap 'kill $SERVER $EDITOR 2>/dev/null || true; rm -rf "$SITE"' EXIT
python3 ../shared/tools/gen_corpus.py --articles 1000 --out "$SITE"
cargo build --release --quiet
PORT=18333
target/release/dateline --root "$SITE" -q serve --port $PORT 2>"$SITE/serve.log" &
SERVER=$!
until grep -q '^serving' "$SITE/serve.log" 2>/dev/null; do sleep 0.2; done
FILE=$(find "$SITE/content" -name '*.md' -print -quit)
( i=0; while true; do i=$((i+1)); sed -i "s/^Edited [0-9]* //; 0,/^---$/!{0,/^---$/s/^---$/---\nEdited $i /}" "$FILE"; sleep 0.2; done ) &
EDITOR=$!
rss() { awk '/VmRSS/{print $2}' /proc/$SERVER/status; }
echo "server RSS before: $(rss) kB"
cat > "$SITE/paths.lua" <<'LUA'
local paths = {"/", "/countries/", "/people/", "/topics/", "/style.css", "/atom.xml", "/sitemap.xml", "/no/such/page/"}
local i = 0
request = function() i = i + 1; return wrk.format("GET", paths[(i % #paths) + 1]) end
LUA
wrk -t4 -c100 -d"${DURATION}s" --latency -s "$SITE/paths.lua" "http://127.0.0.1:$PORT/"
echo "server RSS after: $(rss) kB"
echo "(404s for /no/such/page/ are expected: one path in eight; wrk counts them as non-2xx)"
