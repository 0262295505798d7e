#!/usr/bin/env bash
# Open data benchmark: seeds 1,000,000 problem reports into a fresh embedded database, then streams the
# whole dataset as CSV and as GeoJSON over HTTP, reporting rows per second and the Samla process's peak
# resident memory before and after (VmHWM), with the JVM held to a 512 MiB heap to show memory stays flat.
# Then times the query API on the problem reports (in SQL and over the stream) and on an uploaded dataset of
# as many rows, and streams the uploaded dataset as CSV.
# Usage: bench/opendata.sh [rows]   (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-1000000}
PORT=${PORT:-18092}
MEMORY=512m

source bench/loaded-samla.sh

echo "Seeding $COUNT reports ..."
"${PSQL[@]}" -v tenant="$TENANT" -v count="$COUNT" -f bench/seed-reports.sql
echo "  database size $("${PSQL[@]}" -c "SELECT pg_size_pretty(pg_database_size('samla'))")"

peak() { awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$APP/status"; }
echo "Samla peak resident memory before streaming: $(peak) MiB"
for format in csv geojson; do
    start=$(date +%s%N)
    bytes=$(curl -s -o /dev/null -w '%{size_download}' "http://localhost:$PORT/t/vanersborg/datasets/felanmalningar.$format")
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    printf '%-8s %9d rows in %6d ms: %9.0f rows/s, %5d MiB; Samla peak resident memory now %d MiB\n' "$format" "$COUNT" \
        "$ms" "$(echo "$COUNT * 1000 / $ms" | bc -l)" $(( bytes / 1024 / 1024 )) "$(peak)"
done

# The query API: a filtered, sorted page deep in the data, on the problem reports by a code the database stores,
# on the problem reports by the name open data shows (the category name, which the database filters by the codes
# that have it; until 2026-11-30 this streamed every row through Java), and on an uploaded dataset of as many
# rows (SQL over its JSON rows). Latencies over $QUERIES requests each, compared as ratios in this one run.
QUERIES=${QUERIES:-20}
echo "Seeding an uploaded dataset of $COUNT rows ..."
"${PSQL[@]}" -v tenant="$TENANT" -v count="$COUNT" -f bench/seed-upload.sql
latencies() {
    for _ in $(seq "$QUERIES"); do
        curl -s -o /dev/null -w '%{time_total}\n' "$1"
    done | sort -n | awk '{ t[NR] = $1 * 1000 } END {
        p50 = t[int((NR + 1) / 2)]; p99 = t[int(NR * 0.99 + 0.999)]; printf "p50 %8.1f ms  p99 %8.1f ms", p50, p99; print p50 > "/dev/stderr" }'
}
BASE="http://localhost:$PORT/t/vanersborg/datasets"
reports=$(latencies "$BASE/felanmalningar/api?kategori=lekplats&sortera=-anmald&sida=50&per_sida=100" 2>"$DATA/r50")
byname=$(latencies "$BASE/felanmalningar/api?kategorinamn=Lekplats&sortera=-anmald&sida=50&per_sida=100" 2>"$DATA/s50")
uploaded=$(latencies "$BASE/matpunkter/api?omrade=Varg%C3%B6n&sortera=-varde&sida=50&per_sida=100" 2>"$DATA/u50")
printf 'query, reports by code:    %s  (%d requests)\n' "$reports" "$QUERIES"
printf 'query, reports by name:    %s  (%d requests)\n' "$byname" "$QUERIES"
printf 'query, uploaded (SQL):     %s  (%d requests)\n' "$uploaded" "$QUERIES"
printf 'by name / by code p50:     %.1f\n' "$(echo "$(cat "$DATA/s50") / $(cat "$DATA/r50")" | bc -l)"
start=$(date +%s%N)
curl -s -o /dev/null "$BASE/matpunkter.csv"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
printf 'uploaded csv %7d rows in %6d ms: %9.0f rows/s; Samla peak resident memory now %d MiB\n' "$COUNT" "$ms" \
    "$(echo "$COUNT * 1000 / $ms" | bc -l)" "$(peak)"
