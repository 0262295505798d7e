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

./mvnw -q -B -DskipTests package
JAR=$(ls target/samla-*.jar | grep -v original | head -1)
DATA=$(mktemp -d)
trap 'kill $APP 2>/dev/null || true; wait $APP 2>/dev/null || true; rm -rf "$DATA"' EXIT
mkdir -p "$DATA/lib" "$DATA/classes"
unzip -q -o -j "$JAR" 'BOOT-INF/lib/postgresql-*.jar' -d "$DATA/lib"
javac -d "$DATA/classes" -cp "$DATA/lib/*" bench/CaseLoad.java bench/ReportLoad.java

SAMLA_DATA_DIR="$DATA" SAMLA_PORT=$PORT java -Xmx1g -jar "$JAR" > "$DATA/app.log" 2>&1 &
APP=$!
until curl -fs -o /dev/null "http://localhost:$PORT/actuator/health"; do
    kill -0 $APP 2>/dev/null || { cat "$DATA/app.log"; exit 1; }
    sleep 0.5
done
PGPORT=$(grep -o 'Embedded PostgreSQL [a-z]* data in .* (port [0-9]*)' "$DATA/app.log" | grep -o '[0-9]*)$' | tr -d ')')
PSQL=(psql -q -h localhost -p "$PGPORT" -U postgres -d samla -v ON_ERROR_STOP=1 -At)
TENANT=$("${PSQL[@]}" -c "SELECT id FROM tenancy.tenant WHERE slug = 'vanersborg'")

# an Open311 key as an administrator would issue it (only its SHA-256 is stored)
API_KEY="bench-$(openssl rand -hex 16)"
HASH=$(printf '%s' "$API_KEY" | sha256sum | cut -d' ' -f1)
"${PSQL[@]}" -c "INSERT INTO reports.open311_key VALUES (gen_random_uuid(), '$TENANT', 'Benchmark', '$HASH', 'bench', now(), NULL)"

echo "Seeding $COUNT reports ..."
start=$(date +%s)
"${PSQL[@]}" -v tenant="$TENANT" -v count="$COUNT" -f bench/seed-reports.sql
echo "  seeded in $(( $(date +%s) - start )) s; database size $("${PSQL[@]}" -c "SELECT pg_size_pretty(pg_database_size('samla'))")"

java -cp "$DATA/classes:$DATA/lib/*" ReportLoad "http://localhost:$PORT" \
    "jdbc:postgresql://localhost:$PGPORT/samla?user=postgres" "$API_KEY" "$SECONDS_PER_RUN" "$THREADS"
printf 'Samla JVM resident memory after the run: %d MiB\n' $(( $(awk '/VmRSS/ {print $2}' /proc/$APP/status) / 1024 ))
