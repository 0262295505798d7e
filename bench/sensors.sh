#!/usr/bin/env bash
# Sensors under load: 100 storm-water wells of Vänersborg's own publish SenML over MQTT (packs of 50 readings, QoS 1,
# 4 device connections) through the broker to Samla. First a flood (as fast as the devices publish): readings stored
# per second at most. Then a sustained rate for a while, during which the three demo bins fill and are emptied over
# and over (each fill fires a rule that opens a case, each emptying closes it): whether Samla keeps up, and the rule
# latency (the reading published to its case opened). Then the device page's day, week and year charts over a year of
# 1-minute readings (525,600 for one device, rolled up by the app's own job). Prints p50/p99 and Samla's memory.
# Usage: bench/sensors.sh [flood readings] [sustained rate/s] [seconds]   (default 200000 5000 60; the broker is
# SAMLA_MQTT_URL, by default a Mosquitto of the run's own)
set -euo pipefail
cd "$(dirname "$0")/.."
READINGS=${1:-200000}
RATE=${2:-5000}
SECONDS_SUSTAINED=${3:-60}
PORT=${PORT:-18099}
WELLS=100
# a broker of the run's own (the machine's Mosquitto program), whose queue holds a flood: Mosquitto's default keeps
# 1000 messages for a subscriber that falls behind and drops the rest
if [ -z "${SAMLA_MQTT_URL:-}" ]; then
    BROKER_DIR=$(mktemp -d)
    chmod 777 "$BROKER_DIR"
    BROKER_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    printf 'listener %s 127.0.0.1\nallow_anonymous true\nmax_queued_messages 1000000\n' "$BROKER_PORT" > "$BROKER_DIR/mosquitto.conf"
    $(command -v mosquitto || echo /usr/sbin/mosquitto) -c "$BROKER_DIR/mosquitto.conf" > "$BROKER_DIR/mosquitto.log" 2>&1 &
    BROKER=$!
    export SAMLA_MQTT_URL=tcp://127.0.0.1:$BROKER_PORT
fi
# the roll-up every 5 seconds, so the year's hours are rolled up before the charts are timed
export SAMLA_JAVA_OPTS="${SAMLA_JAVA_OPTS:-} -Dsamla.sensors.roll-up-interval=PT5S -Dsamla.mqtt.client-id=samla-bench-$$"

# the demo municipality's configuration, with 100 storm-water wells more for Vänersborg
TENANTS=$(mktemp -d)
cp -r config/tenants/. "$TENANTS/"
python3 - "$TENANTS/vanersborg/sensors.yml" "$WELLS" <<'PY'
import sys
path, wells = sys.argv[1], int(sys.argv[2])
text = open(path).read()
extra = "".join(
    f"""  - id: bench-well-{i}
    type: stormwater-well
    name: "Bänkbrunn {i}"
    unit: SBF-KOV
    place: {{ latitude: {58.37 + i * 0.0001:.4f}, longitude: 12.32 }}
    credentialSha256: {'0' * 64}
""" for i in range(wells))
# the wells go after the demo devices, where the rules' comment begins
marker = "# Rules:"
i = text.index(marker)
open(path, "w").write(text[:i] + extra + text[i:])
PY
export SAMLA_TENANTS_DIR="$TENANTS"

source bench/loaded-samla.sh
trap 'kill $APP 2>/dev/null || true; wait $APP 2>/dev/null || true; kill ${BROKER:-} 2>/dev/null || true; rm -rf "$DATA" "$TENANTS" "${BROKER_DIR:-}"' EXIT
unzip -q -o -j "$JAR" 'BOOT-INF/lib/org.eclipse.paho.client.mqttv3-*.jar' -d "$DATA/lib"
javac -d "$DATA/classes" -cp "$DATA/classes:$DATA/lib/*" bench/SensorLoad.java

rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$APP/status"; }
echo "Samla resident memory before: $(rss) MiB"
"${DRIVER[@]}" SensorLoad "http://localhost:$PORT" "jdbc:postgresql://localhost:$PGPORT/samla" "$TENANT" \
    "$SAMLA_MQTT_URL" "$WELLS" "$READINGS" "$RATE" "$SECONDS_SUSTAINED"
echo "Samla resident memory after the ingestion: $(rss) MiB"

echo "Seeding a year of 1-minute readings for vanern-hamnen ..."
"${PSQL[@]}" <<SQL
BEGIN;
INSERT INTO sensors.reading (tenant_id, device, name, measured_at, value, unit, received_at)
SELECT '$TENANT', 'vanern-hamnen', 'level', t,
       1.8 + 0.25 * sin(extract(epoch FROM t) / 31557600 * 2 * pi()) + 0.02 * sin(extract(epoch FROM t) / 3600), 'm', now()
FROM generate_series(date_trunc('minute', now()) - interval '365 days', date_trunc('minute', now()) - interval '1 minute',
                     interval '1 minute') t
ON CONFLICT DO NOTHING;
INSERT INTO sensors.dirty_hour (tenant_id, device, name, hour)
SELECT '$TENANT', 'vanern-hamnen', 'level', h
FROM generate_series(date_trunc('hour', now()) - interval '366 days', date_trunc('hour', now()), interval '1 hour') h
ON CONFLICT DO NOTHING;
COMMIT;
ANALYZE sensors.reading;
SQL
echo "Readings of vanern-hamnen: $("${PSQL[@]}" -c "SELECT count(*) FROM sensors.reading WHERE device = 'vanern-hamnen'")"
until [ "$("${PSQL[@]}" -c "SELECT count(*) FROM sensors.dirty_hour")" = "0" ]; do sleep 2; done
echo "Hours rolled up: $("${PSQL[@]}" -c "SELECT count(*) FROM sensors.reading_hour WHERE device = 'vanern-hamnen'"), days: $("${PSQL[@]}" -c "SELECT count(*) FROM sensors.reading_day WHERE device = 'vanern-hamnen'")"
"${DRIVER[@]}" SensorLoad "http://localhost:$PORT" charts
echo "Samla resident memory after: $(rss) MiB"
