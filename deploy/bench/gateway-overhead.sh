#!/usr/bin/env bash
# What the gateway costs: the same authenticated GET through the gateway (API key) and straight to
# the owning service (an internal JWT minted here like the gateway's), one after the other at the
# same fixed concurrency on loopback, with wrk. Prints p50, p99 and requests/s of both and their
# ratio. A benchmark, not a test: run it by hand against a stack started with `./vtry up`.
#
# The gateway must not refuse the load, so start that stack with the limits raised, e.g.
#   VTRY_LIMITS_PRO_READ=1000000000 VTRY_LIMITS_IP_PREAUTH=1000000000 ./vtry up
# (the limiter still runs on every request, as in production: one Redis round trip while the
# gateway's key cache knows the key, two for the few requests that come while it looks the key
# up again, once a second; its logs then hold every request of the window, more than a real
# limit lets them, which makes each script dearer for Redis than in production).
#
# Settings (environment): VTRY_GATEWAY_PORT, VTRY_PERSON_PORT (as for ./vtry up), BENCH_PATH
# (default /api/v1/persons, served by person-service), BENCH_CONCURRENCY (64), BENCH_THREADS (4),
# BENCH_DURATION (20s), BENCH_WARMUP (5s), BENCH_API_KEY (default: the demo key of ./vtry up).
set -euo pipefail

HERE=$(cd "$(dirname "$0")/../.." && pwd)
SECRETS=$HERE/.vtry/secrets
GATEWAY=http://127.0.0.1:${VTRY_GATEWAY_PORT:-8080}
SERVICE=http://127.0.0.1:${VTRY_PERSON_PORT:-8081}
BENCH_PATH=${BENCH_PATH:-/api/v1/persons}
CONCURRENCY=${BENCH_CONCURRENCY:-64}
THREADS=${BENCH_THREADS:-4}
DURATION=${BENCH_DURATION:-20s}
WARMUP=${BENCH_WARMUP:-5s}

die() { printf 'error: %s\n' "$*" >&2; exit 1; }
json_string() { sed -n 's/.*"'"$1"'"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' <<<"$2" | head -n1; }
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

command -v wrk >/dev/null || die "wrk is needed: apt-get install -y wrk"
command -v openssl >/dev/null || die "openssl is needed"
KEY=${BENCH_API_KEY:-$(cat "$SECRETS/demo-api-key" 2>/dev/null || true)}
[[ -n $KEY ]] || die "no API key: set BENCH_API_KEY or start the stack with ./vtry up"
[[ -r $SECRETS/jwt-private.pem && -r $SECRETS/admin-token ]] || die "no stack secrets in $SECRETS: run ./vtry up"

# Who the key belongs to, for a token with the same subject, workspace and plan.
me=$(curl -fsS -H "Authorization: Bearer $KEY" "$GATEWAY/api/v1/me") || die "GET $GATEWAY/api/v1/me failed"
email=$(json_string email "$me")
plan=$(json_string planId "$me")
accounts=$(curl -fsS -H "X-Admin-Token: $(cat "$SECRETS/admin-token")" "$GATEWAY/admin/accounts")
row=$(grep -o "{[^{}]*\"email\":\"$email\"[^{}]*}" <<<"$accounts" | head -n1)
user=$(json_string userId "$row")
workspace=$(json_string workspaceId "$row")
[[ -n $user && -n $workspace ]] || die "account $email not found through the admin API"

# RS256, issuer/audience/claims as InternalTokens mints them; an hour is plenty for one run.
now=$(date +%s)
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
claims=$(printf '{"iss":"vtry-gateway","aud":"vtry-services","sub":"%s","wid":"%s","plan":"%s","iat":%d,"exp":%d}' \
  "$user" "$workspace" "$plan" "$now" $((now + 3600)) | b64url)
signature=$(printf '%s.%s' "$header" "$claims" | openssl dgst -sha256 -sign "$SECRETS/jwt-private.pem" -binary | b64url)
JWT=$header.$claims.$signature

check() {
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $2" "$1$BENCH_PATH")
  [[ $status == 200 ]] || die "GET $1$BENCH_PATH answered $status, not 200"
}
check "$GATEWAY" "$KEY"
check "$SERVICE" "$JWT"

# Prints "p50_ms p99_ms requests_per_s" of one wrk run; fails on any non-2xx answer.
run() {
  local url=$1 token=$2 out
  wrk -t"$THREADS" -c"$CONCURRENCY" -d"$WARMUP" -H "Authorization: Bearer $token" "$url$BENCH_PATH" >/dev/null
  out=$(wrk -t"$THREADS" -c"$CONCURRENCY" -d"$DURATION" --latency -H "Authorization: Bearer $token" "$url$BENCH_PATH")
  if grep -q 'Non-2xx' <<<"$out"; then
    die "non-2xx answers from $url (raise the limits, see the top of this script): $(grep 'Non-2xx' <<<"$out")"
  fi
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    $1 == "Requests/sec:" { rps = $2 }
    END { printf "%.3f %.3f %.0f\n", p50, p99, rps }' <<<"$out"
}

echo "GET $BENCH_PATH, $CONCURRENCY connections, $THREADS threads, $DURATION (after $WARMUP warm-up), plan $plan"
read -r g50 g99 grps < <(run "$GATEWAY" "$KEY")
read -r s50 s99 srps < <(run "$SERVICE" "$JWT")
awk -v g50="$g50" -v g99="$g99" -v grps="$grps" -v s50="$s50" -v s99="$s99" -v srps="$srps" 'BEGIN {
  printf "%-26s %10s %10s %12s\n", "", "p50 ms", "p99 ms", "requests/s"
  printf "%-26s %10.3f %10.3f %12.0f\n", "through the gateway", g50, g99, grps
  printf "%-26s %10.3f %10.3f %12.0f\n", "straight to the service", s50, s99, srps
  printf "%-26s %+10.3f %+10.3f %11.1f%%\n", "gateway adds / keeps", g50 - s50, g99 - s99, 100 * grps / srps
  printf "ratio gateway/direct: p50 %.2f, p99 %.2f, throughput %.2f\n", g50 / s50, g99 / s99, grps / srps
}'
