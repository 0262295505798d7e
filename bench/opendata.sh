#!/usr/bin/env bash
# Open data benchmark: seeds 1,000,000 problem reports into a fresh embedded database, then streams the
# whole dataset as CSV and as GeoJSON over HTTP, reporting rows per second and the Samla process's peak
# resident memory before and after (VmHWM), with the JVM held to a 512 MiB heap to show memory stays flat.
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
