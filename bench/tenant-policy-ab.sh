#!/usr/bin/env bash
# The tenant policy in one run, A/B/A: once per statement and parallel safe (V33), then switched back to what it was
# before V33 (the tenant looked up per row, no parallel plan), then V33 again. Seeds `rows` problem reports and an
# uploaded dataset of as many rows, then times the query API (p50 and max of 10 requests) and the problem reports CSV.
# Usage: bench/tenant-policy-ab.sh [rows]   (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-1000000}; PORT=${PORT:-18092}; MEMORY=512m; QUERIES=10
source bench/loaded-samla.sh
"${PSQL[@]}" -v tenant="$TENANT" -v count="$COUNT" -f bench/seed-reports.sql
"${PSQL[@]}" -v tenant="$TENANT" -v count="$COUNT" -f bench/seed-upload.sql
BASE="http://localhost:$PORT/t/vanersborg/datasets"
lat() { for _ in $(seq $QUERIES); do curl -s -o /dev/null -w '%{time_total}\n' "$1"; done | sort -n | awk '{t[NR]=$1*1000} END {printf "p50 %7.1f  max %7.1f", t[int((NR+1)/2)], t[NR]}'; }
csv() { s=$(date +%s%N); curl -s -o /dev/null "$BASE/felanmalningar.csv"; echo $(( COUNT * 1000000000 / ($(date +%s%N) - s) )); }
policy() {
  "${PSQL[@]}" -c "ALTER FUNCTION samla_current_tenant() PARALLEL $2" -c "DO \$\$ DECLARE t record; BEGIN FOR t IN SELECT schemaname, tablename FROM pg_policies WHERE policyname = 'tenant_isolation' LOOP EXECUTE format('ALTER POLICY tenant_isolation ON %I.%I USING (tenant_id = $1) WITH CHECK (tenant_id = $1)', t.schemaname, t.tablename); END LOOP; END \$\$"
}
round() {
  echo "== $1"
  echo "by code:  $(lat "$BASE/felanmalningar/api?kategori=lekplats&sortera=-anmald&sida=50&per_sida=100")"
  echo "by name:  $(lat "$BASE/felanmalningar/api?kategorinamn=Lekplats&sortera=-anmald&sida=50&per_sida=100")"
  echo "uploaded: $(lat "$BASE/matpunkter/api?omrade=Varg%C3%B6n&sortera=-varde&sida=50&per_sida=100")"
  echo "csv rows/s: $(csv) $(csv)"
}
curl -s -o /dev/null "$BASE/felanmalningar.csv"
round "V33: once per statement, parallel safe"
policy "samla_current_tenant()" UNSAFE
round "before V33: per row, serial"
policy "(SELECT samla_current_tenant())" SAFE
round "V33 again"
