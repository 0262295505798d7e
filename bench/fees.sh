#!/usr/bin/env bash
# Fees benchmark, two parts on one fresh embedded database:
#  1. invoices: decides N building permits through the case API with T clients; each decision works out its fee by
#     the taxa, issues an invoice (gapless number, OCR) and renders it as a PDF/A letter to the applicant's digital
#     mailbox. Reports invoices per second end to end and the time from decision to invoice letter.
#  2. payments: seeds P open invoices and a BgMax file of P payments (98 % exact, 1 % part payments, 1 % wrong check
#     digit), uploads it as the invoicing unit does in /personal/betalningar, and reports payments imported and
#     matched per second; then uploads the same file again (it must change nothing) and times that too.
# Usage: bench/fees.sh [invoices=500] [threads=4] [payments=100000]
set -euo pipefail
cd "$(dirname "$0")/.."
INVOICES=${1:-500}
THREADS=${2:-4}
PAYMENTS=${3:-100000}
PORT=${PORT:-18097}

source bench/loaded-samla.sh
rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$APP/status"; }

# Tolvan logs in once, so that she has a person (and a digital mailbox at the demo operator)
curl -s -c "$DATA/cj" -b "$DATA/cj" -L -o "$DATA/login.html" "http://localhost:$PORT/t/vanersborg/oauth2/authorization/vanersborg-resident"
CSRF=$(grep -o 'name="_csrf" value="[^"]*"' "$DATA/login.html" | sed 's/.*value="//;s/"//')
curl -s -c "$DATA/cj" -b "$DATA/cj" -L -o /dev/null --data "_csrf=$CSRF&identity=tolvan" "http://localhost:$PORT/demo-idp/login"
RESIDENT=$("${PSQL[@]}" -c "SELECT id FROM identity.person WHERE personal_identity_number = '191212121212'")
"${PSQL[@]}" -v tenant="$TENANT" -v count="$INVOICES" -v resident="$RESIDENT" -f bench/seed-fees.sql
echo "== invoices: $INVOICES building permits decided by $THREADS clients"
"${DRIVER[@]}" FeeLoad invoices "http://localhost:$PORT" "jdbc:postgresql://localhost:$PGPORT/samla?user=postgres" "$THREADS"
echo "Samla resident memory: $(rss) MiB"

echo "== payments: a BgMax file of $PAYMENTS payments"
"${DRIVER[@]}" FeeLoad payments "jdbc:postgresql://localhost:$PGPORT/samla?user=postgres" "$TENANT" "$PAYMENTS" "$DATA/bgmax.txt"
# Elin at the invoicing unit logs in with the demo identity provider
curl -s -c "$DATA/staff" -b "$DATA/staff" -L -o "$DATA/login.html" "http://localhost:$PORT/t/vanersborg/oauth2/authorization/vanersborg-staff"
CSRF=$(grep -o 'name="_csrf" value="[^"]*"' "$DATA/login.html" | sed 's/.*value="//;s/"//')
curl -s -c "$DATA/staff" -b "$DATA/staff" -L -o /dev/null --data "_csrf=$CSRF&identity=ekonom" "http://localhost:$PORT/demo-idp/login"
upload() {
    curl -s -c "$DATA/staff" -b "$DATA/staff" -o "$DATA/desk.html" "http://localhost:$PORT/t/vanersborg/personal/betalningar"
    local csrf
    csrf=$(grep -o 'name="_csrf" value="[^"]*"' "$DATA/desk.html" | head -1 | sed 's/.*value="//;s/"//')
    local start end
    start=$(date +%s%N)
    curl -s -c "$DATA/staff" -b "$DATA/staff" -o "$DATA/result.html" -w '%{http_code}' \
        -F "_csrf=$csrf" -F "fil=@$DATA/bgmax.txt;type=text/plain" "http://localhost:$PORT/t/vanersborg/personal/betalningar/fil" > "$DATA/code"
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
}
FIRST_MS=$(upload)
grep -o 'Filen är inläst[^<]*' "$DATA/result.html" || { echo "upload failed ($(cat "$DATA/code"))"; grep -o 'error-summary[^/]*' "$DATA/result.html"; exit 1; }
awk -v n="$PAYMENTS" -v ms="$FIRST_MS" 'BEGIN { printf "payments imported and matched: %8.0f /s (%d payments in %d ms, upload and page included)\n", n / (ms / 1000), n, ms }'
AGAIN_MS=$(upload)
grep -o 'Filen var redan inläst[^<]*' "$DATA/result.html"
echo "the same file again:           $AGAIN_MS ms, nothing changed"
"${PSQL[@]}" -c "SELECT 'payments: ' || count(*) FILTER (WHERE state = 'MATCHED') || ' matched, ' || count(*) FILTER (WHERE state = 'MANUAL') || ' waiting for a person' FROM fees.payment"
printf 'Samla resident memory after: %d MiB, peak %d MiB\n' "$(rss)" "$(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$APP/status")"
