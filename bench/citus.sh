#!/usr/bin/env bash
# The case benchmark on one PostgreSQL server and on a Citus cluster (a coordinator and two workers), both on this
# machine, with the same jar and the same load: submissions per second through the HTTP front (and the same inserts
# over raw JDBC), and p50/p99 of Mina sidor, a workbench queue and a full-text search (bench/CaseLoad.java).
# Both are Debian's PostgreSQL 15, the cluster's nodes with Citus 13 (citus/cluster.sh builds it, as root).
# The cluster shares the same two cores with the application and the load, so it shows Citus' overhead, not its
# scale: see bench/README.md, "A national installation on Citus", for the model of N workers on N machines.
# Usage: bench/citus.sh [seconds] [threads]   (defaults 30 8)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-30}
THREADS=${2:-8}
PORT=${PORT:-18090}

./mvnw -q -B -DskipTests package
JAR=$(ls target/samla-*.jar | grep -v original | head -1)
DATA=$(mktemp -d)
trap 'kill $APP 2>/dev/null || true; rm -rf "$DATA"' EXIT
mkdir -p "$DATA/lib" "$DATA/classes"
unzip -q -o -j "$JAR" 'BOOT-INF/lib/postgresql-*.jar' -d "$DATA/lib"
javac -d "$DATA/classes" -cp "$DATA/lib/*" bench/CaseLoad.java
export SAMLA_RATE_LIMITS_EXEMPT_ADDRESSES="127.0.0.1,0:0:0:0:0:0:0:1"

run() { # name jdbc-url-of-samla's-database
    SAMLA_DB_URL=$2 SAMLA_DB_USER=samla_app SAMLA_DB_OWNER_USER=samla_owner SAMLA_DATA_DIR="$DATA/$1" \
        SAMLA_PORT=$PORT SAMLA_MANAGEMENT_PORT=$((PORT + 1)) java -Xmx${MEMORY:-1g} -jar "$JAR" > "$DATA/$1.log" 2>&1 &
    APP=$!
    until curl -fs -o /dev/null "http://localhost:$PORT/readyz"; do
        kill -0 $APP 2>/dev/null || { tail -50 "$DATA/$1.log"; exit 1; }
        sleep 0.5
    done
    echo "== $1 ($2)"
    java -cp "$DATA/classes:$DATA/lib/*" CaseLoad "http://localhost:$PORT" "$2?user=postgres" "$SECONDS_PER_RUN" "$THREADS"
    printf 'Samla JVM resident memory after the run: %d MiB\n' $(( $(awk '/VmRSS/ {print $2}' /proc/$APP/status) / 1024 ))
    kill $APP; wait $APP 2>/dev/null || true
}

# one server: the machine's PostgreSQL 15 on 5432, a fresh database
psql -q -h localhost -U postgres -v ON_ERROR_STOP=1 <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'samla_owner') THEN CREATE ROLE samla_owner LOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'samla_app') THEN CREATE ROLE samla_app LOGIN NOSUPERUSER NOBYPASSRLS; END IF;
END $$;
DROP DATABASE IF EXISTS samla_bench WITH (FORCE);
CREATE DATABASE samla_bench OWNER samla_owner;
SQL
run postgresql "jdbc:postgresql://localhost:5432/samla_bench"

# the cluster: a coordinator and two workers, a fresh database
citus/cluster.sh stop >/dev/null 2>&1 || true
rm -rf target/citus-cluster
citus/cluster.sh start >/dev/null
run citus "jdbc:postgresql://localhost:55500/samla"
echo "== shards of the cases table per node"
psql -q -h localhost -p 55500 -U postgres -d samla -At \
    -c "SELECT nodeport, count(*) FROM citus_shards WHERE table_name = 'cases.case'::regclass GROUP BY 1 ORDER BY 1"
