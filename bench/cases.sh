#!/usr/bin/env bash
# Case benchmark: seeds 1,000,000 cases (6 case types, all statuses, two years, 100,000 residents) into a
# fresh embedded database, then measures submissions per second through the HTTP front against the same
# writes over raw JDBC, and p50/p99 of Mina sidor (a resident with 20 cases), a workbench queue and a
# full-text search. Usage: bench/cases.sh [cases] [seconds] [threads]   (defaults 1000000 30 8)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-1000000}
SECONDS_PER_RUN=${2:-30}
THREADS=${3:-8}
PORT=${PORT:-18090}

source bench/loaded-samla.sh

curl -s -c "$DATA/cj" -b "$DATA/cj" -L -o "$DATA/login.html" "http://localhost:$PORT/t/vanersborg/oauth2/authorization/vanersborg-resident"
CSRF=$(grep -o 'name="_csrf" value="[^"]*"' "$DATA/login.html" | sed 's/.*value="//;s/"//')
curl -s -c "$DATA/cj" -b "$DATA/cj" -L -o /dev/null --data "_csrf=$CSRF&identity=tolvan" "http://localhost:$PORT/demo-idp/login"
RESIDENT=$("${PSQL[@]}" -c "SELECT id FROM identity.person WHERE personal_identity_number = '191212121212'")

echo "Seeding $COUNT cases ..."
start=$(date +%s)
"${PSQL[@]}" -v tenant="$TENANT" -v count="$COUNT" -v resident="$RESIDENT" -v mine=20 -f bench/seed-cases.sql
echo "  seeded in $(( $(date +%s) - start )) s; database size $("${PSQL[@]}" -c "SELECT pg_size_pretty(pg_database_size('samla'))")"

"${DRIVER[@]}" CaseLoad "http://localhost:$PORT" \
    "jdbc:postgresql://localhost:$PGPORT/samla?user=postgres" "$SECONDS_PER_RUN" "$THREADS"
printf 'Samla JVM resident memory after the run: %d MiB\n' $(( $(awk '/VmRSS/ {print $2}' /proc/$APP/status) / 1024 ))
