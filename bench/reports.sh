#!/usr/bin/env bash
# Report benchmark: seeds 500,000 problem reports (seven categories, two years, one in four open) into a
# fresh embedded database, then measures Open311 request lists (GET /open311/v2/requests.json at the
# specification's defaults, in XML, filtered and paged) and report submissions per second through
# POST /open311/v2/requests against the same writes over raw JDBC.
# Usage: bench/reports.sh [reports] [seconds] [threads]   (defaults 500000 30 8)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-500000}
SECONDS_PER_RUN=${2:-30}
THREADS=${3:-8}
PORT=${PORT:-18091}

source bench/loaded-samla.sh

# an Open311 key as an administrator would issue it (only its SHA-256 is stored)
API_KEY="bench-$(openssl rand -hex 16)"
HASH=$(printf '%s' "$API_KEY" | sha256sum | cut -d' ' -f1)
"${PSQL[@]}" -c "INSERT INTO reports.open311_key VALUES (gen_random_uuid(), '$TENANT', 'Benchmark', '$HASH', 'bench', now(), NULL)"

echo "Seeding $COUNT reports ..."
start=$(date +%s)
"${PSQL[@]}" -v tenant="$TENANT" -v count="$COUNT" -f bench/seed-reports.sql
echo "  seeded in $(( $(date +%s) - start )) s; database size $("${PSQL[@]}" -c "SELECT pg_size_pretty(pg_database_size('samla'))")"

"${DRIVER[@]}" ReportLoad "http://localhost:$PORT" \
    "jdbc:postgresql://localhost:$PGPORT/samla?user=postgres" "$API_KEY" "$SECONDS_PER_RUN" "$THREADS"
printf 'Samla JVM resident memory after the run: %d MiB\n' $(( $(awk '/VmRSS/ {print $2}' /proc/$APP/status) / 1024 ))
