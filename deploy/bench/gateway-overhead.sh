#!/usr/bin/env bash
# What the gateway costs: the same authenticated GET through the gateway (API key) and straight to
# the owning service (an internal JWT minted here like the gateway's), one after the other at each
# fixed concurrency on loopback, with wrk. Prints p50, p99 and requests/s of both and their ratio,
# the gateway's and Redis' CPU time per request (from /proc), and how each concurrency compares
# with the targets of issue 4 (the gateway adds < 2 ms at p50, keeps >= 60% of the throughput).
# A benchmark, not a test: run it by hand against a stack started with `./vtry up`.
#
# Two concurrencies by default, because the two targets are about different things. 8 connections
# is a moderate load, where latency is the hop's own cost. 64 saturates the machine: there the
# throughput ratio is the gateway's capacity, while p50 is mostly queueing (connections divided by
# throughput, Little's law), so a lower throughput shows up as a higher p50 at any gateway cost.
#
# The gateway must not refuse the load, so start that stack with the limits raised, e.g.
#   VTRY_LIMITS_PRO_READ=1000000000 VTRY_LIMITS_IP_PREAUTH=1000000000 ./vtry up
# (the limiter still runs on every request, as in production: one Redis round trip while the
# gateway's key cache knows the key, two for the few requests that come while it looks the key
# up again, once a second; its logs then hold every request of the window, more than a real
# limit lets them).
#
# BENCH_FLOOR=1 adds a third row: deploy/bench/OneRoundTripProxy.java, a bare Vert.x proxy that
# runs the same admit.lua once per request and forwards, nothing else: the floor for any gateway
# with one Redis round trip per request on this machine.
#
# Settings (environment): VTRY_GATEWAY_PORT, VTRY_PERSON_PORT, VTRY_REDIS_PORT (as for ./vtry up),
# BENCH_PATH (default /api/v1/persons, served by person-service), BENCH_CONCURRENCY ("8 64": one
# run per value), BENCH_THREADS (4), BENCH_DURATION (20s), BENCH_WARMUP (10s, before each run; a
# freshly started gateway needs it for its JIT), BENCH_API_KEY (default: the demo key of ./vtry up),
# BENCH_FLOOR (0), BENCH_FLOOR_PORT (8089).
set -euo pipefail

HERE=$(cd "$(dirname "$0")/../.." && pwd)
SECRETS=$HERE/.vtry/secrets
GATEWAY=http://127.0.0.1:${VTRY_GATEWAY_PORT:-8080}
SERVICE=http://127.0.0.1:${VTRY_PERSON_PORT:-8081}
BENCH_PATH=${BENCH_PATH:-/api/v1/persons}
CONCURRENCY=${BENCH_CONCURRENCY:-8 64}
THREADS=${BENCH_THREADS:-4}
DURATION=${BENCH_DURATION:-20s}
WARMUP=${BENCH_WARMUP:-10s}
FLOOR=${BENCH_FLOOR:-0}
FLOOR_URL=http://127.0.0.1:${BENCH_FLOOR_PORT:-8089}
PIDS=$HERE/.vtry/pids
TICKS=$(getconf CLK_TCK)

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
accounts=$(curl -fsS -H "X-Admin-Token: $(cat "$SECRETS/admin-token")" "${VTRY_ADMIN_URL:-http://127.0.0.1:8090}/admin/accounts")
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

# CPU time (clock ticks) a process has used so far; 0 if it is not known.
cpu_ticks() {
  local pid
  pid=$(head -n1 "$PIDS/$1.pid" 2>/dev/null || true)
  [[ -n $pid && -r /proc/$pid/stat ]] || { echo 0; return; }
  awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat" # utime + stime, after "(comm) "
}

# Prints "p50_ms p99_ms requests_per_s gateway_cpu_ms_per_request redis_cpu_ms_per_request" of one
# wrk run at $2 connections (CPU only meaningful for the gateway's runs); fails on any non-2xx answer.
run() {
  local url=$1 connections=$2 token=$3 out gateway0 redis0 gateway1 redis1
  wrk -t"$THREADS" -c"$connections" -d"$WARMUP" -H "Authorization: Bearer $token" "$url$BENCH_PATH" >/dev/null
  gateway0=$(cpu_ticks api-gateway); redis0=$(cpu_ticks redis)
  out=$(wrk -t"$THREADS" -c"$connections" -d"$DURATION" --latency -H "Authorization: Bearer $token" "$url$BENCH_PATH")
  gateway1=$(cpu_ticks api-gateway); redis1=$(cpu_ticks redis)
  if grep -q 'Non-2xx' <<<"$out"; then
    die "non-2xx answers from $url (raise the limits, see the top of this script): $(grep 'Non-2xx' <<<"$out")"
  fi
  awk -v g=$((gateway1 - gateway0)) -v r=$((redis1 - redis0)) -v ticks="$TICKS" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    $1 == "Requests/sec:" { rps = $2 }
    $1 ~ /requests$/ || $2 == "requests" { n = $1 }
    END { n = n > 0 ? n : 1; printf "%.3f %.3f %.0f %.4f %.4f\n", p50, p99, rps, 1000 * g / ticks / n, 1000 * r / ticks / n }' <<<"$out"
}

if [[ $FLOOR == 1 ]]; then
  token_file=$(mktemp)
  trap 'kill "$floor_pid" 2>/dev/null || true; rm -f "$token_file"' EXIT
  printf '%s' "$JWT" >"$token_file"
  # The JDK the gateway runs on (./vtry up picks one new enough).
  java_bin=$(readlink "/proc/$(head -n1 "$PIDS/api-gateway.pid")/exe" 2>/dev/null || command -v java)
  (cd "$HERE" && exec "$java_bin" -Xmx256m -XX:+UseSerialGC -cp "api-gateway/target/quarkus-app/lib/main/*" \
    deploy/bench/OneRoundTripProxy.java "${FLOOR_URL##*:}" "$SERVICE" "redis://127.0.0.1:${VTRY_REDIS_PORT:-16379}" \
    "$token_file" >/dev/null 2>&1) &
  floor_pid=$!
  for _ in $(seq 60); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer x" "$FLOOR_URL$BENCH_PATH") == 200 ]] && break
    sleep 0.5
  done
  check "$FLOOR_URL" x
fi

echo "GET $BENCH_PATH, plan $plan, $THREADS wrk threads, $DURATION per run after $WARMUP of warm-up"
printf '%-6s %-24s %9s %9s %11s %11s %11s\n' "conns" "" "p50 ms" "p99 ms" "requests/s" "gw CPU/req" "redis/req"
verdicts=()
for c in $CONCURRENCY; do
  read -r g50 g99 grps gcpu rcpu < <(run "$GATEWAY" "$c" "$KEY")
  read -r s50 s99 srps _ _ < <(run "$SERVICE" "$c" "$JWT")
  printf '%-6s %-24s %9.3f %9.3f %11.0f %8.3f ms %8.3f ms\n' "$c" "through the gateway" "$g50" "$g99" "$grps" "$gcpu" "$rcpu"
  printf '%-6s %-24s %9.3f %9.3f %11.0f\n' "$c" "straight to the service" "$s50" "$s99" "$srps"
  floor=""
  if [[ $FLOOR == 1 ]]; then
    read -r f50 f99 frps _ rfcpu < <(run "$FLOOR_URL" "$c" x)
    printf '%-6s %-24s %9.3f %9.3f %11.0f %11s %8.3f ms\n' "$c" "one-round-trip floor" "$f50" "$f99" "$frps" "" "$rfcpu"
    floor=$(awk "BEGIN{printf \"; the floor adds %+.2f ms, keeps %.1f%%\", $f50 - $s50, 100 * $frps / $srps}")
  fi
  printf '%-6s %-24s %+9.3f %+9.3f %10.1f%%\n' "$c" "gateway adds / keeps" "$(awk "BEGIN{print $g50 - $s50}")" \
    "$(awk "BEGIN{print $g99 - $s99}")" "$(awk "BEGIN{print 100 * $grps / $srps}")"
  verdicts+=("$(awk -v c="$c" -v add="$(awk "BEGIN{print $g50 - $s50}")" -v keep="$(awk "BEGIN{print 100 * $grps / $srps}")" 'BEGIN {
    printf "  %3s connections: adds %+.2f ms at p50 (%s), keeps %.1f%% of the throughput (%s)", c, add,
      (add < 2 ? "under 2 ms" : "over 2 ms"), keep, (keep >= 60 ? "at least 60%" : "under 60%") }')$floor")
done
echo "targets (issue 4): the gateway adds under 2 ms at p50 and keeps at least 60% of the direct throughput"
printf '%s\n' "${verdicts[@]}"
