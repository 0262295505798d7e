#!/usr/bin/env bash
# Management insight benchmark: seeds `cases` cases over two years (bench/seed-cases.sql: six case types, all statuses,
# 100,000 residents), lets insights read them into its projection, then times the manager's page over the last 24
# months, the CSV and one case type's XES event log (Maja Chef, manager of Samhällsbyggnadsförvaltningen: building
# permits, heat pumps and parking permits, about half the cases), each at one client and at 32 clients.
# Usage: bench/insights.sh [cases]   (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-1000000}
PORT=${PORT:-18096}
# the projection reads the seeded cases in at its next run: soon, rather than in ten minutes
export SAMLA_INSIGHTS_CATCH_UP_INTERVAL=PT5S
# and counts the month figures of what it read in soon after
export SAMLA_INSIGHTS_FIGURES_INTERVAL=PT5S

source bench/loaded-samla.sh

curl -s -c "$DATA/cj" -b "$DATA/cj" -L -o "$DATA/login.html" "http://localhost:$PORT/t/vanersborg/oauth2/authorization/vanersborg-resident"
CSRF=$(grep -o 'name="_csrf" value="[^"]*"' "$DATA/login.html" | sed 's/.*value="//;s/"//')
curl -s -c "$DATA/cj" -b "$DATA/cj" -L -o /dev/null --data "_csrf=$CSRF&identity=tolvan" "http://localhost:$PORT/demo-idp/login"
RESIDENT=$("${PSQL[@]}" -c "SELECT id FROM identity.person WHERE personal_identity_number = '191212121212'")

echo "Seeding $COUNT cases ..."
start=$(date +%s)
"${PSQL[@]}" -v tenant="$TENANT" -v count="$COUNT" -v resident="$RESIDENT" -v mine=20 -f bench/seed-cases.sql
# the decided cases' decisions, made when they were closed (the seed closes them without)
"${PSQL[@]}" -c "INSERT INTO cases.decision (case_id, tenant_id, outcome, reasons, legal_reference, decided_by, decided_by_name, decided_at)
    SELECT id, tenant_id, result, 'Bench', 'Bench', 'staff:bench', 'Bench', closed_at FROM cases.\"case\"
    WHERE reference LIKE 'BENCH %' AND status = 'beslutad'"
# read in again: the projection's first read-in ran on the empty database
"${PSQL[@]}" -c "DELETE FROM insights.catch_up"
until [ "$("${PSQL[@]}" -c "SELECT count(*) FROM insights.catch_up WHERE tenant_id = '$TENANT'")" = "1" ]; do sleep 5; done
echo "  seeded and read in in $(( $(date +%s) - start )) s; $("${PSQL[@]}" -c "SELECT count(*) FROM insights.case_fact") facts, $("${PSQL[@]}" -c "SELECT count(*) FROM insights.case_step") steps"
"${PSQL[@]}" -c "ANALYZE insights.case_fact" -c "ANALYZE insights.case_step"
start=$(date +%s)
until [ "$("${PSQL[@]}" -c "SELECT count(*) FROM insights.month_stale WHERE tenant_id = '$TENANT'")" = "0" ]; do sleep 1; done
echo "  month figures counted in $(( $(date +%s) - start )) s: $("${PSQL[@]}" -c "SELECT count(*) FROM insights.month_figure WHERE tenant_id = '$TENANT'") rows (unit, case type, month)"

FROM=$(date -d "-23 months" +%Y-%m); TO=$(date +%Y-%m)
"${DRIVER[@]}" CaseLoad pages "http://localhost:$PORT" /t/vanersborg chef \
    "/personal/insikter?fran=$FROM&till=$TO" "/personal/insikter.csv?fran=$FROM&till=$TO" \
    "/personal/insikter/handelselogg.xes?typ=bygglov&fran=$TO&till=$TO"
printf 'Samla JVM resident memory after the run: %d MiB\n' $(( $(awk '/VmRSS/ {print $2}' /proc/$APP/status) / 1024 ))
