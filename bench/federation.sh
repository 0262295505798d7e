#!/usr/bin/env bash
# Federation workbench benchmark: Miljöförbundet Fyrbodal serving four member municipalities (Vänersborg,
# Trollhättan and two more made from Trollhättan's configuration), each seeded with `cases` cases of which one in six
# belongs to the federation's food control (MHF-LIVS). Then the default queue ("Nya") of the federation's inspector,
# logged in at Vänersborg (her queue reads all four members), and of Vänersborg's own building officer (one
# municipality), each at one client and at 32, in the same run.
# Usage: bench/federation.sh [cases per member]   (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-1000000}
PORT=${PORT:-18094}
MEMORY=${MEMORY:-1g}

CONFIG=$(mktemp -d)
mkdir -p "$CONFIG/tenants" "$CONFIG/federations/miljoforbundet"
cp -r config/tenants/vanersborg config/tenants/trollhattan "$CONFIG/tenants/"
for member in "uddevalla:Uddevalla kommun:212000-1439" "grastorp:Grästorps kommun:212000-1504"; do
    IFS=: read -r slug name org <<< "$member"
    cp -r config/tenants/trollhattan "$CONFIG/tenants/$slug"
    sed -i -e "s/^name: .*/name: $name/" -e "s/^organisationNumber: .*/organisationNumber: \"$org\"/" \
        -e "s/trollhattan/$slug/g" -e "s/TROLLHATTAN/${slug^^}/g" "$CONFIG/tenants/$slug/tenant.yml"
done
cat > "$CONFIG/federations/miljoforbundet/federation.yml" <<'YAML'
slug: miljoforbundet
name: Miljöförbundet Fyrbodal
organisationNumber: "222000-1230"
members: [vanersborg, trollhattan, uddevalla, grastorp]
units:
  - code: MHF
    name: { sv: Miljöförbundet Fyrbodal, en: Fyrbodal Environment Federation }
    sections:
      - code: MHF-LIVS
        name: { sv: Livsmedelskontroll, en: Food Control }
YAML
export SAMLA_TENANTS_DIR="$CONFIG/tenants" SAMLA_FEDERATIONS_DIR="$CONFIG/federations"

source bench/loaded-samla.sh
trap 'kill $APP 2>/dev/null || true; wait $APP 2>/dev/null || true; rm -rf "$DATA" "$CONFIG"' EXIT

start=$(date +%s)
for slug in vanersborg trollhattan uddevalla grastorp; do
    id=$("${PSQL[@]}" -c "SELECT id FROM tenancy.tenant WHERE slug = '$slug'")
    "${PSQL[@]}" -v tenant="$id" -v count="$COUNT" -v tag="${slug^^}" -f bench/seed-federation-cases.sql
done
"${PSQL[@]}" -c "VACUUM ANALYZE cases.\"case\"" -c "ANALYZE cases.case_search" -c "ANALYZE cases.status_change"
echo "Seeded 4 x $COUNT cases in $(( $(date +%s) - start )) s; database size $("${PSQL[@]}" -c "SELECT pg_size_pretty(pg_database_size('samla'))")"

"${DRIVER[@]}" CaseLoad queues "http://localhost:$PORT" /t/vanersborg miljoinspektor,handlaggare-bygg
printf 'Samla JVM resident memory after the run: %d MiB\n' $(( $(awk '/VmRSS/ {print $2}' /proc/$APP/status) / 1024 ))
