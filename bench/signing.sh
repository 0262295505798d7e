#!/usr/bin/env bash
# Signing round trip: a resident signs and sends N applications for school transport with their e-ID, one after the
# other, as a browser would: the form is posted with "Skriv under och skicka in", the demo identity provider asks for
# a fresh login and shows the sign message, the person signs, and Samla fetches the ID token, checks the user
# signature (JWS, certificate chain to the demo e-ID issuer, data signed = the application's summary), opens the
# case with the signature and asks the other guardian to sign. Prints the time of each whole round trip (p50, p99,
# max) and the applications signed per second, with Samla's memory.
# Usage: bench/signing.sh [applications]   (default 50)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-50}
PORT=${PORT:-18095}

source bench/loaded-samla.sh

BASE="http://localhost:$PORT"
JAR_COOKIES="$DATA/cj"
c() { curl -s -c "$JAR_COOKIES" -b "$JAR_COOKIES" "$@"; }
field() { grep -o "name=\"$1\" value=\"[^\"]*\"" | head -1 | sed 's/.*value="//;s/"$//'; }

c -L -o "$DATA/login.html" "$BASE/t/vanersborg/oauth2/authorization/vanersborg-resident"
c -L -o /dev/null --data "_csrf=$(field _csrf < "$DATA/login.html")&identity=tolvan" "$BASE/demo-idp/login"
rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$APP/status"; }
echo "Samla resident memory before: $(rss) MiB"

: > "$DATA/times"
START=$(date +%s%N)
for i in $(seq 1 "$COUNT"); do
    c -o "$DATA/form.html" "$BASE/t/vanersborg/e-tjanster/skolskjuts/formular"
    T0=$(date +%s%N)
    c -L -o "$DATA/idp.html" \
        --data-urlencode "_csrf=$(field _csrf < "$DATA/form.html")" \
        --data-urlencode "submissionId=$(field submissionId < "$DATA/form.html")" \
        --data-urlencode "version=$(field version < "$DATA/form.html")" \
        --data-urlencode "principal=$(field principal < "$DATA/form.html")" \
        --data-urlencode "action=signera" \
        --data-urlencode "f.childPersonalNumber=201304232398" \
        --data-urlencode "f.school=Torpaskolan $i" \
        --data-urlencode "f.grade=f-3" \
        --data-urlencode "f.address.street=Storgatan 1" \
        --data-urlencode "f.address.postalCode=462 30" \
        --data-urlencode "f.address.city=Vänersborg" \
        --data-urlencode "f.reason=avstand" \
        "$BASE/t/vanersborg/e-tjanster/skolskjuts/formular"
    c -L -o "$DATA/sign.html" --data "_csrf=$(field _csrf < "$DATA/idp.html")&identity=tolvan" "$BASE/demo-idp/login"
    URL=$(c -L -o "$DATA/receipt.html" -w '%{url_effective}' \
        --data-urlencode "client_id=$(field client_id < "$DATA/sign.html")" \
        --data-urlencode "state=$(field state < "$DATA/sign.html")" \
        --data-urlencode "scope=openid" \
        --data-urlencode "scope=https://id.oidc.se/scope/sign" \
        "$BASE/demo-idp/authorize")
    T1=$(date +%s%N)
    case "$URL" in
        */e-tjanster/kvitto/*) echo $(( (T1 - T0) / 1000000 )) >> "$DATA/times" ;;
        *) echo "round trip $i did not end on a receipt but on $URL"; grep -o '<h1>[^<]*' "$DATA/receipt.html" || true; exit 1 ;;
    esac
done
END=$(date +%s%N)

sort -n "$DATA/times" > "$DATA/sorted"
N=$(wc -l < "$DATA/sorted")
p() { sed -n "$(( ( $1 * N + 99 ) / 100 ))p" "$DATA/sorted"; }
SIGNED=$("${PSQL[@]}" -c "SELECT count(*) FROM cases.signature WHERE role = 'APPLICANT' AND status = 'SIGNED'")
echo "applications signed and sent: $N (signatures kept: $SIGNED)"
echo "round trip (form post to receipt, including a fresh login at the e-ID): p50 $(p 50) ms, p99 $(p 99) ms, max $(tail -1 "$DATA/sorted") ms"
awk -v n="$N" -v ns="$((END - START))" 'BEGIN { printf "applications signed per second, one resident after another: %.2f\n", n / (ns / 1e9) }'
printf 'Samla resident memory after: %d MiB, peak %d MiB\n' "$(rss)" "$(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$APP/status")"
