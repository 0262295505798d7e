#!/usr/bin/env bash
# Measures how long Samla's default run takes to serve its first page, and the memory it then uses.
# Runs twice on one fresh data directory: the first start creates the embedded database, the second
# reuses it. Usage: bench/startup.sh   (from the repository root; builds the jar first)
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -q -B -DskipTests package
JAR=$(ls target/samla-*.jar | grep -v original | head -1)
DATA=$(mktemp -d)
PORT=${PORT:-18080}
trap 'rm -rf "$DATA"' EXIT

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
pss_kb() { awk '/^Pss:/ {print $2}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }

for run in first second; do
    start=$(date +%s%N)
    SAMLA_DATA_DIR="$DATA" SAMLA_PORT=$PORT SAMLA_MANAGEMENT_PORT=$((PORT + 1)) java -jar "$JAR" > "$DATA/$run.log" 2>&1 &
    pid=$!
    until curl -fs -o /dev/null "http://localhost:$PORT/t/vanersborg/"; do
        if ! kill -0 $pid 2>/dev/null; then echo "Samla stopped; see $DATA/$run.log"; cat "$DATA/$run.log"; exit 1; fi
        sleep 0.05
    done
    elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
    # warm the main pages once, then read memory
    for path in / /logga-in /t/vanersborg/ /t/trollhattan/; do curl -fs -o /dev/null "http://localhost:$PORT$path" || true; done
    jvm=$(rss_kb $pid)
    # the postmaster and its children, by proportional set size so shared memory counts once
    pg=0
    postmaster=$(head -1 "$DATA/postgres/postmaster.pid")
    for p in $postmaster $(pgrep -P "$postmaster" || true); do pg=$(( pg + $(pss_kb "$p") )); done
    printf '%-6s start: first page after %5d ms; memory: JVM %4d MiB (RSS), embedded PostgreSQL %4d MiB (PSS)\n' \
        "$run" "$elapsed_ms" $(( jvm / 1024 )) $(( pg / 1024 ))
    kill $pid; wait $pid 2>/dev/null || true
done
