#!/usr/bin/env bash
# What the gateway costs: the same authenticated GET through the gateway (API key), through a bare
# nginx in front of the owning service, and straight to that service (an internal JWT minted here
# like the gateway's, which nginx passes on as it is), at fixed concurrencies on loopback, with wrk.
# Prints p50, p99 and requests/s of each row, the proxies' and Redis' CPU time per request (from
# /proc), and how the gateway compares with two sets of targets:
# - nginx, the anchor for what a proxy hop costs on this machine: the gateway keeps at least 85% of
#   nginx's throughput at 64 connections and adds at most 0.3 ms over nginx at p50 with 1 connection;
# - issue 4, against the direct call: the gateway adds < 2 ms at p50 and keeps >= 60% of the throughput.
# A benchmark, not a test: run it by hand against a stack started with `./vtry up`, on a quiet machine.
#
# Three concurrencies by default. 1 connection is the hop's own latency, with nothing queued. 8 is a
# moderate load. 64 saturates the machine: there the throughput ratio is a proxy's capacity, while p50
# is mostly queueing (connections divided by throughput, Little's law), so a lower throughput shows
# up as a higher p50 at any proxy cost.
#
# The rows take turns: each round runs every row once at a concurrency, the first row moving on by
# one each round, so drift on the machine (other load, frequency, GC) falls on all of them alike.
# The table holds each row's medians over the rounds, and the spread of its requests/s between rounds
# ((max - min) / median): a spread near the difference being judged means the machine was not quiet.
#
# nginx (deploy/bench/nginx-proxy.sh) comes from the OS packages (apt-get install -y nginx; the system
# service need not run) and is started here as a private instance: one worker, keep-alive to the
# service, no access log, its config, pid and logs in a temporary directory, stopped on exit.
#
# The gateway must not refuse the load, so start that stack with the limits raised, e.g.
#   VTRY_LIMITS_PRO_READ=1000000000 VTRY_LIMITS_IP_PREAUTH=1000000000 ./vtry up
# (the limiter still runs on every request, as in production: one Redis round trip while the
# gateway's key cache knows the key, two for the few requests that come while it looks the key
# up again, once a second; its logs then hold every request of the window, more than a real
# limit lets them).
#
# BENCH_FLOOR=1 adds a fourth row: deploy/bench/OneRoundTripProxy.java, a bare Vert.x proxy that
# runs the same admit.lua once per request and forwards, nothing else: the floor for any gateway
# with one Redis round trip per request on this machine.
#
# Settings (environment): VTRY_GATEWAY_PORT, VTRY_PERSON_PORT, VTRY_REDIS_PORT (as for ./vtry up),
# BENCH_PATH (default /api/v1/persons, served by person-service), BENCH_CONCURRENCY ("1 8 64"),
# BENCH_ROUNDS (3), BENCH_DURATION (10s: one measured run of one row in one round), BENCH_SETTLE (2s,
# unmeasured, before each run: its connections open and the proxies' upstream pools fill),
# BENCH_WARMUP (10s per row once at the start, at the highest concurrency: a freshly started gateway
# needs it for its JIT), BENCH_THREADS (4, at most one per connection), BENCH_API_KEY (default: the
# demo key of ./vtry up), BENCH_NGINX_PORT (default: the first free one from 18090), BENCH_FLOOR (0),
# BENCH_FLOOR_PORT (8089). With the defaults a run takes about 6 minutes (8 with the floor).
set -euo pipefail

HERE=$(cd "$(dirname "$0")/../.." && pwd)
SECRETS=$HERE/.vtry/secrets
GATEWAY=http://127.0.0.1:${VTRY_GATEWAY_PORT:-8080}
SERVICE=http://127.0.0.1:${VTRY_PERSON_PORT:-8081}
BENCH_PATH=${BENCH_PATH:-/api/v1/persons}
CONCURRENCY=${BENCH_CONCURRENCY:-1 8 64}
ROUNDS=${BENCH_ROUNDS:-3}
THREADS=${BENCH_THREADS:-4}
DURATION=${BENCH_DURATION:-10s}
SETTLE=${BENCH_SETTLE:-2s}
WARMUP=${BENCH_WARMUP:-10s}
NGINX_PORT=${BENCH_NGINX_PORT:-}
FLOOR=${BENCH_FLOOR:-0}
FLOOR_URL=http://127.0.0.1:${BENCH_FLOOR_PORT:-8089}
PIDS=$HERE/.vtry/pids
TICKS=$(getconf CLK_TCK)

die() { printf 'error: %s\n' "$*" >&2; exit 1; }
json_string() { sed -n 's/.*"'"$1"'"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' <<<"$2" | head -n1; }
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# shellcheck source=deploy/bench/nginx-proxy.sh
source "$HERE/deploy/bench/nginx-proxy.sh"

command -v wrk >/dev/null || die "wrk is needed: apt-get install -y wrk"
command -v openssl >/dev/null || die "openssl is needed"
nginx_bin >/dev/null || die "nginx is needed for the anchor row: apt-get install -y nginx (Debian/Ubuntu's package; its system service need not run)"
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

# Everything started below is stopped on any exit, an interrupt included.
floor_pid="" token_file=""
cleanup() {
  if [[ -n $floor_pid ]]; then kill "$floor_pid" 2>/dev/null || true; fi
  nginx_stop
  if [[ -n $token_file ]]; then rm -f "$token_file"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

nginx_start "${SERVICE#http://}" || die "nginx did not start (see above)"
check "$NGINX_URL" "$JWT"

if [[ $FLOOR == 1 ]]; then
  token_file=$(mktemp)
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

# The rows, in their first round's order: label, URL, the token wrk sends, the proxy's pids (its CPU).
ROWS=(gateway nginx service)
declare -A LABEL=([gateway]="through the gateway" [nginx]="through nginx" [service]="straight to the service"
  [floor]="one-round-trip floor")
declare -A URL=([gateway]=$GATEWAY [nginx]=$NGINX_URL [service]=$SERVICE [floor]=$FLOOR_URL)
declare -A TOKEN=([gateway]=$KEY [nginx]=$JWT [service]=$JWT [floor]=x)
if [[ $FLOOR == 1 ]]; then ROWS+=(floor); fi
proxy_pids() {
  case $1 in
    gateway) head -n1 "$PIDS/api-gateway.pid" 2>/dev/null || true ;;
    nginx) nginx_pids ;;
    floor) echo "$floor_pid" ;;
  esac
}

# CPU time (clock ticks) the given processes have used so far; those not known count 0.
cpu_ticks() {
  local pid total=0
  for pid in "$@"; do
    [[ -n $pid && -r /proc/$pid/stat ]] || continue
    total=$((total + $(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat"))) # utime + stime, after "(comm) "
  done
  echo "$total"
}

# wrk with at most one thread per connection (wrk refuses more threads than connections).
bench_wrk() {
  local connections=$1
  shift
  wrk -t"$((THREADS < connections ? THREADS : connections))" -c"$connections" "$@"
}

# Prints "p50_ms p99_ms requests_per_s proxy_cpu_ms_per_request redis_cpu_ms_per_request" of one
# measured wrk run of row $1 at $2 connections, after $SETTLE unmeasured; fails on any non-2xx answer.
run() {
  local row=$1 connections=$2 url=${URL[$1]}$BENCH_PATH auth="Authorization: Bearer ${TOKEN[$1]}" out
  local -a pids
  mapfile -t pids < <(proxy_pids "$row")
  bench_wrk "$connections" -d"$SETTLE" -H "$auth" "$url" >/dev/null
  local proxy0 redis0 proxy1 redis1
  proxy0=$(cpu_ticks "${pids[@]}"); redis0=$(cpu_ticks "$(head -n1 "$PIDS/redis.pid" 2>/dev/null || true)")
  out=$(bench_wrk "$connections" -d"$DURATION" --latency -H "$auth" "$url")
  proxy1=$(cpu_ticks "${pids[@]}"); redis1=$(cpu_ticks "$(head -n1 "$PIDS/redis.pid" 2>/dev/null || true)")
  if grep -q 'Non-2xx' <<<"$out"; then
    die "non-2xx answers from $url (raise the limits, see the top of this script): $(grep 'Non-2xx' <<<"$out")"
  fi
  awk -v g=$((proxy1 - proxy0)) -v r=$((redis1 - redis0)) -v ticks="$TICKS" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    $1 == "Requests/sec:" { rps = $2 }
    $1 ~ /requests$/ || $2 == "requests" { n = $1 }
    END { n = n > 0 ? n : 1; printf "%.3f %.3f %.0f %.4f %.4f\n", p50, p99, rps, 1000 * g / ticks / n, 1000 * r / ticks / n }' <<<"$out"
}

# The median of each column of the rounds' lines (stdin), then the spread of column 3 (requests/s):
# (max - min) / median, in percent.
medians() {
  local lines col out=()
  lines=$(cat)
  for col in 1 2 3 4 5; do
    out+=("$(awk -v k="$col" '{ print $k }' <<<"$lines" | sort -g |
      awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')")
  done
  out+=("$(awk '{ print $3 }' <<<"$lines" | sort -g |
    awk -v m="${out[2]}" 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.1f", (m > 0 ? 100 * (hi - lo) / m : 0) }')")
  echo "${out[*]}"
}

max_connections=$(tr ' ' '\n' <<<"$CONCURRENCY" | sort -n | tail -n1)
echo "GET $BENCH_PATH, plan $plan; up to $THREADS wrk threads; $ROUNDS rounds of $DURATION per row and concurrency," \
  "each after $SETTLE unmeasured; $WARMUP of warm-up per row first"
echo "$("$(nginx_bin)" -v 2>&1 | sed 's/^nginx version: //') at $NGINX_URL: one worker, keep-alive to $SERVICE"
for row in "${ROWS[@]}"; do
  printf 'warming up %s (%s connections)\n' "${LABEL[$row]}" "$max_connections" >&2
  bench_wrk "$max_connections" -d"$WARMUP" -H "Authorization: Bearer ${TOKEN[$row]}" "${URL[$row]}$BENCH_PATH" >/dev/null
done

declare -A ROUND_LINES P50 P99 RPS SPREAD PCPU RCPU
for c in $CONCURRENCY; do
  for ((round = 0; round < ROUNDS; round++)); do
    for ((k = 0; k < ${#ROWS[@]}; k++)); do
      row=${ROWS[$(((round + k) % ${#ROWS[@]}))]}
      line=$(run "$row" "$c")
      ROUND_LINES[$c/$row]+=$line$'\n'
      read -r p50 _ rps _ <<<"$line"
      printf '%3s connections, round %d/%d: %-24s p50 %7.3f ms %9.0f requests/s\n' "$c" $((round + 1)) "$ROUNDS" \
        "${LABEL[$row]}" "$p50" "$rps" >&2
    done
  done
  for row in "${ROWS[@]}"; do
    read -r p50 p99 rps pcpu rcpu spread < <(printf '%s' "${ROUND_LINES[$c/$row]}" | medians)
    P50[$c/$row]=$p50 P99[$c/$row]=$p99 RPS[$c/$row]=$rps SPREAD[$c/$row]=$spread PCPU[$c/$row]=$pcpu RCPU[$c/$row]=$rcpu
  done
done

# "adds at p50, adds at p99, keeps % of the throughput" of row $2 against row $3 at $1 connections.
compare() {
  awk -v a50="${P50[$1/$2]}" -v b50="${P50[$1/$3]}" -v a99="${P99[$1/$2]}" -v b99="${P99[$1/$3]}" \
    -v arps="${RPS[$1/$2]}" -v brps="${RPS[$1/$3]}" \
    'BEGIN { printf "%.3f %.3f %.1f\n", a50 - b50, a99 - b99, (brps > 0 ? 100 * arps / brps : 0) }'
}

# Each pair "A B": what A adds to B's p50 and p99, and the share of B's requests/s it keeps.
PAIRS=("gateway nginx" "nginx service" "gateway service")
if [[ $FLOOR == 1 ]]; then PAIRS+=("floor service"); fi

echo "medians over $ROUNDS rounds; spread: (max - min) / median of a row's requests/s over the rounds;"
echo "\"A vs B\": what A adds to B's p50 and p99, and the share of B's requests/s it keeps"
printf '%-6s %-24s %9s %9s %11s %7s %13s %10s\n' "conns" "" "p50 ms" "p99 ms" "requests/s" "spread" "proxy CPU/req" "redis/req"
for c in $CONCURRENCY; do
  for row in "${ROWS[@]}"; do
    cpu="" redis=""
    if [[ $row != service ]]; then cpu=$(printf '%.3f ms' "${PCPU[$c/$row]}"); fi
    if [[ $row == gateway || $row == floor ]]; then redis=$(printf '%.3f ms' "${RCPU[$c/$row]}"); fi
    printf '%-6s %-24s %9.3f %9.3f %11.0f %6.1f%% %13s %10s\n' "$c" "${LABEL[$row]}" "${P50[$c/$row]}" "${P99[$c/$row]}" \
      "${RPS[$c/$row]}" "${SPREAD[$c/$row]}" "$cpu" "$redis"
  done
  for pair in "${PAIRS[@]}"; do
    read -r a b <<<"$pair"
    read -r add50 add99 keep < <(compare "$c" "$a" "$b")
    printf '%-6s %-24s %+9.3f %+9.3f %10.1f%%\n' "$c" "$a vs ${b/service/the service}" "$add50" "$add99" "$keep"
  done
done

echo
echo "targets (nginx anchor): the gateway keeps at least 85% of nginx's throughput at 64 connections" \
  "and adds at most 0.3 ms over nginx at p50 with 1 connection"
verdict() { awk -v x="$1" "BEGIN { print (x $2 ? \"met\" : \"missed\") }"; } # verdict VALUE "<= 0.3"
if [[ -n ${RPS[64/gateway]:-} ]]; then
  read -r _ _ keep < <(compare 64 gateway nginx)
  printf "   64 connections: the gateway keeps %.1f%% of nginx's throughput (%s)\n" "$keep" "$(verdict "$keep" ">= 85")"
else
  echo "   64 connections: not measured (BENCH_CONCURRENCY has no 64)"
fi
if [[ -n ${P50[1/gateway]:-} ]]; then
  read -r add _ _ < <(compare 1 gateway nginx)
  printf '    1 connection:  the gateway adds %+.3f ms over nginx at p50 (%s)\n' "$add" "$(verdict "$add" "<= 0.3")"
else
  echo "    1 connection:  not measured (BENCH_CONCURRENCY has no 1)"
fi
echo "targets (issue 4): the gateway adds under 2 ms at p50 and keeps at least 60% of the direct throughput"
for c in $CONCURRENCY; do
  read -r add _ keep < <(compare "$c" gateway service)
  floor=""
  if [[ $FLOOR == 1 ]]; then
    read -r fadd _ fkeep < <(compare "$c" floor service)
    floor=$(printf '; the floor adds %+.2f ms, keeps %.1f%%' "$fadd" "$fkeep")
  fi
  awk -v c="$c" -v add="$add" -v keep="$keep" 'BEGIN {
    printf "  %3s connections: adds %+.2f ms at p50 (%s), keeps %.1f%% of the throughput (%s)", c, add,
      (add < 2 ? "under 2 ms" : "over 2 ms"), keep, (keep >= 60 ? "at least 60%" : "under 60%") }'
  printf '%s\n' "$floor"
done
