#!/usr/bin/env bash
# Digital post benchmark: seeds N building-permit cases for a resident with a digital mailbox at the demo operator,
# decides them all through the case API with T clients, and measures letters per second end to end: from the first
# decision to the last letter delivered (rendered as PDF/A, signed twice, sent over SOAP to the operator, which
# checks the schemas and both signatures and stores it), with the latency of each letter, and memory.
# With a rate, decisions are paced at that many per second, to see whether the post keeps up with them.
# Usage: bench/post.sh [letters] [threads] [decisions per second, 0 = as fast as possible]   (defaults 1000 4 0)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-1000}
THREADS=${2:-4}
RATE=${3:-0}
PORT=${PORT:-18093}

source bench/loaded-samla.sh

curl -s -c "$DATA/cj" -b "$DATA/cj" -L -o "$DATA/login.html" "http://localhost:$PORT/t/vanersborg/oauth2/authorization/vanersborg-resident"
CSRF=$(grep -o 'name="_csrf" value="[^"]*"' "$DATA/login.html" | sed 's/.*value="//;s/"//')
curl -s -c "$DATA/cj" -b "$DATA/cj" -L -o /dev/null --data "_csrf=$CSRF&identity=tolvan" "http://localhost:$PORT/demo-idp/login"
RESIDENT=$("${PSQL[@]}" -c "SELECT id FROM identity.person WHERE personal_identity_number = '191212121212'")
"${PSQL[@]}" -v tenant="$TENANT" -v count="$COUNT" -v resident="$RESIDENT" -f bench/seed-post.sql
rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$APP/status"; }
echo "Samla resident memory before: $(rss) MiB"

"${DRIVER[@]}" PostLoad "http://localhost:$PORT" "jdbc:postgresql://localhost:$PGPORT/samla?user=postgres" "$COUNT" "$THREADS" "$RATE"

printf 'Samla resident memory after: %d MiB, peak %d MiB\n' "$(rss)" "$(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$APP/status")"
