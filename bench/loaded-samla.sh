# Sourced by the load benchmarks: builds the jar, starts Samla on a fresh embedded database in a
# temporary folder (removed on exit), compiles the load drivers, and sets APP, DATA, PGPORT, PSQL and TENANT.
# Needs PORT; uses MEMORY (default 1g) for the JVM heap and SAMLA_JAVA_OPTS for more JVM options, e.g.
# SAMLA_JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/samla.jfr,settings=profile to profile a run.
./mvnw -q -B -DskipTests package
JAR=$(ls target/samla-*.jar | grep -v original | head -1)
DATA=$(mktemp -d)
trap 'kill $APP 2>/dev/null || true; wait $APP 2>/dev/null || true; rm -rf "$DATA"' EXIT
mkdir -p "$DATA/lib" "$DATA/classes"
unzip -q -o -j "$JAR" 'BOOT-INF/lib/postgresql-*.jar' -d "$DATA/lib"
javac -d "$DATA/classes" -cp "$DATA/lib/*" bench/CaseLoad.java bench/ReportLoad.java bench/PostLoad.java bench/FeeLoad.java bench/SearchLoad.java

# the load comes from this machine: it measures the write path, not the rate limits that would stop it
export SAMLA_RATE_LIMITS_EXEMPT_ADDRESSES="127.0.0.1,0:0:0:0:0:0:0:1"
SAMLA_DATA_DIR="$DATA" SAMLA_PORT=$PORT SAMLA_MANAGEMENT_PORT=$((PORT + 1)) java -Xmx${MEMORY:-1g} ${SAMLA_JAVA_OPTS:-} -jar "$JAR" > "$DATA/app.log" 2>&1 &
APP=$!
until curl -fs -o /dev/null "http://localhost:$PORT/readyz"; do
    kill -0 $APP 2>/dev/null || { cat "$DATA/app.log"; exit 1; }
    sleep 0.5
done
PGPORT=$(grep -o 'Embedded PostgreSQL [a-z]* data in .* (port [0-9]*)' "$DATA/app.log" | grep -o '[0-9]*)$' | tr -d ')')
PSQL=(psql -q -h localhost -p "$PGPORT" -U postgres -d samla -v ON_ERROR_STOP=1 -At)
TENANT=$("${PSQL[@]}" -c "SELECT id FROM tenancy.tenant WHERE slug = 'vanersborg'")
DRIVER=(java -cp "$DATA/classes:$DATA/lib/*")
