#!/usr/bin/env bash
# Search benchmark: seeds 1,000,000 cases (bench/seed-cases.sql) and registers them in the public register
# (bench/seed-register.sql), then measures the one search (/sok) over the demo catalogue, the facilities, the
# report categories, the datasets, the register and the resident's own cases: each query alone at one client, then a
# mix of what residents type at CLIENTS clients, anonymously and logged in. Usage:
# bench/search.sh [cases] [seconds] [clients]   (defaults 1000000 30 32)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-1000000}
SECONDS_PER_RUN=${2:-30}
CLIENTS=${3:-32}
PORT=${PORT:-18096}

source bench/loaded-samla.sh

curl -s -c "$DATA/cj" -b "$DATA/cj" -L -o "$DATA/login.html" "http://localhost:$PORT/t/vanersborg/oauth2/authorization/vanersborg-resident"
CSRF=$(grep -o 'name="_csrf" value="[^"]*"' "$DATA/login.html" | sed 's/.*value="//;s/"//')
curl -s -c "$DATA/cj" -b "$DATA/cj" -L -o /dev/null --data "_csrf=$CSRF&identity=tolvan" "http://localhost:$PORT/demo-idp/login"
RESIDENT=$("${PSQL[@]}" -c "SELECT id FROM identity.person WHERE personal_identity_number = '191212121212'")

echo "Seeding $COUNT cases and their register ..."
start=$(date +%s)
"${PSQL[@]}" -v tenant="$TENANT" -v count="$COUNT" -v resident="$RESIDENT" -v mine=20 -f bench/seed-cases.sql
"${PSQL[@]}" -v tenant="$TENANT" -f bench/seed-register.sql
echo "  seeded in $(( $(date +%s) - start )) s; $("${PSQL[@]}" -c "SELECT count(*) FROM records.case_file") case files; database size $("${PSQL[@]}" -c "SELECT pg_size_pretty(pg_database_size('samla'))")"

"${DRIVER[@]}" SearchLoad "http://localhost:$PORT" "$CLIENTS" "$SECONDS_PER_RUN"
printf 'Samla JVM resident memory after the run: %d MiB\n' $(( $(awk '/VmRSS/ {print $2}' /proc/$APP/status) / 1024 ))
