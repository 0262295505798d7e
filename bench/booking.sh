#!/usr/bin/env bash
# Booking under load: 200 facilities with a year of bookings (five a day each, 365,000 in all, half a year back and
# half ahead). Measures the day page of a random facility and day with 32 clients at once (and the week page, and the
# search across all 200), bookings per second through the booking form (4 clients, each booking a distinct free
# hour; each booking also writes its door grant to the outbox), and grants per second from the lock outbox through
# the broker to a subscriber. Prints p50/p99 and Samla's memory.
# Usage: bench/booking.sh [grants]   (default 5000; the broker is SAMLA_MQTT_URL, default the machine's Mosquitto)
set -euo pipefail
cd "$(dirname "$0")/.."
GRANTS=${1:-5000}
PORT=${PORT:-18097}
RESOURCES=200
export SAMLA_MQTT_URL=${SAMLA_MQTT_URL:-tcp://localhost:1883}

# the demo municipality's configuration, with 200 meeting rooms of its own for Vänersborg
TENANTS=$(mktemp -d)
cp -r config/tenants/. "$TENANTS/"
{
    for i in $(seq 0 $((RESOURCES - 1))); do
        cat <<YAML
- code: bench-$i
  name: { sv: "Bänkrum $i", en: "Bench room $i" }
  kind: ROOM
  unit: KFF-FRITID
  place: { address: "Testgatan $i, 462 30 Vänersborg", latitude: 58.38, longitude: 12.32 }
  capacity: 10
  openingHours: { MONDAY: "07:00-22:00", TUESDAY: "07:00-22:00", WEDNESDAY: "07:00-22:00", THURSDAY: "07:00-22:00", FRIDAY: "07:00-22:00", SATURDAY: "07:00-22:00", SUNDAY: "07:00-22:00" }
  slotMinutes: 60
  minNoticeHours: 0
  horizonDays: 400
  maxHoursPerWeek: 1000
  prices: { RESIDENT: 0, ASSOCIATION: 0, COMPANY: 100 }
  doors: [bench-door-$i]
  accessMarginMinutes: 10
YAML
    done
} > "$TENANTS/vanersborg/resources.yml"
export SAMLA_TENANTS_DIR="$TENANTS"

source bench/loaded-samla.sh
trap 'kill $APP 2>/dev/null || true; wait $APP 2>/dev/null || true; rm -rf "$DATA" "$TENANTS"' EXIT
unzip -q -o -j "$JAR" 'BOOT-INF/lib/org.eclipse.paho.client.mqttv3-*.jar' -d "$DATA/lib"
javac -d "$DATA/classes" -cp "$DATA/classes:$DATA/lib/*" bench/BookingLoad.java

echo "Seeding a year of bookings for $RESOURCES facilities ..."
"${PSQL[@]}" <<SQL
BEGIN;
CREATE TEMP TABLE seed AS
SELECT gen_random_uuid() AS id, 'bench-' || r AS resource,
       ((current_date + d) + make_interval(hours => h)) AT TIME ZONE 'Europe/Stockholm' AS starts_at
FROM generate_series(0, $((RESOURCES - 1))) r, generate_series(-182, 182) d, unnest(ARRAY[8, 10, 14, 18, 20]) h;
INSERT INTO booking.booking (id, tenant_id, resource, starts_at, ends_at, booker_person_id, booker_name,
    principal_kind, category, price_sek, status, created_at)
SELECT id, '$TENANT', resource, starts_at, starts_at + interval '1 hour', gen_random_uuid(), 'Bänkbokare', 'SELF',
       'RESIDENT', 0, 'CONFIRMED', now() FROM seed;
INSERT INTO booking.occupancy (tenant_id, booking_id, unit, during)
SELECT '$TENANT', id, resource, tstzrange(starts_at, starts_at + interval '1 hour') FROM seed;
COMMIT;
ANALYZE booking.booking;
ANALYZE booking.occupancy;
SQL
echo "Bookings: $("${PSQL[@]}" -c "SELECT count(*) FROM booking.booking")"

rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$APP/status"; }
echo "Samla resident memory before: $(rss) MiB"
"${DRIVER[@]}" BookingLoad "http://localhost:$PORT" "jdbc:postgresql://localhost:$PGPORT/samla" "$TENANT" \
    "$RESOURCES" "$SAMLA_MQTT_URL" "$GRANTS"
echo "Samla resident memory after: $(rss) MiB"
echo "Grants still in the outbox: $("${PSQL[@]}" -c "SELECT count(*) FROM booking.lock_outbox WHERE sent_at IS NULL")"
