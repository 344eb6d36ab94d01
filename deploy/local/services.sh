# shellcheck shell=bash
# The six Quarkus services of one stack: build, start, wait ready, stop.

runnable() { echo "$VTRY_HOME/$1/target/quarkus-app/quarkus-run.jar"; }

# True when a runnable is missing or a source/pom is newer than the oldest one.
needs_build() {
  local svc jar oldest=""
  for svc in "${SERVICES[@]}"; do
    jar=$(runnable "$svc")
    [[ -e $jar ]] || return 0
    if [[ -z $oldest || $jar -ot $oldest ]]; then oldest=$jar; fi
  done
  local dirs=() d
  for d in common "${SERVICES[@]}"; do [[ -d $VTRY_HOME/$d ]] && dirs+=("$VTRY_HOME/$d"); done
  [[ $VTRY_HOME/pom.xml -nt $oldest ]] && return 0
  [[ -n $(find "${dirs[@]}" \( -path '*/target' -prune \) -o -type f \
            \( -path '*/src/*' -o -name pom.xml \) -newer "$oldest" -print -quit) ]]
}

# Extra modules to build along (e.g. clients/cli for `./vtry build`) are the arguments.
build_services() {
  local list
  list=$(IFS=,; echo "${SERVICES[*]}${*:+,$*}")
  list=${list// /,}
  say "building the services (./mvnw package -DskipTests)"
  local t0
  t0=$(now)
  # Maven copies resources but never deletes one removed from src/: a dropped migration would linger
  # in target/classes and run again. Migrations are few, so copy them afresh every time.
  local svc
  for svc in "${SERVICES[@]}"; do rm -rf "$VTRY_HOME/$svc/target/classes/db"; done
  mvnw -B -q --no-transfer-progress package -DskipTests -pl "$list" -am \
    || die "the build failed (see the Maven output above); fix it and run this command again"
  info "built in $(( $(now) - t0 ))s"
}

build_if_needed() {
  if needs_build; then build_services; else info "services are up to date (no build needed)"; fi
}

# The contract with the Java code: every service gets every variable.
service_env() {
  SERVICE_ENV=(
    "QUARKUS_HTTP_HOST=127.0.0.1"   # Quarkus listens on 0.0.0.0 by default
    "VTRY_DB_HOST=127.0.0.1" "VTRY_DB_PORT=$PG_PORT" "VTRY_DB_USER=vtry" "VTRY_DB_PASSWORD=vtry"
    "VTRY_KAFKA_BOOTSTRAP=127.0.0.1:$KAFKA_PORT"
    "VTRY_REDIS_URL=redis://127.0.0.1:$REDIS_PORT"
    "VTRY_S3_ENDPOINT=http://127.0.0.1:$S3_PORT" "VTRY_S3_ACCESS_KEY=vtry" "VTRY_S3_SECRET_KEY=vtrysecret"
    "VTRY_S3_BUCKET=vtry" "VTRY_S3_REGION=us-east-1"
    "VTRY_JWT_PRIVATE_KEY_FILE=$SECRETS/jwt-private.pem" "VTRY_JWT_PUBLIC_KEY_FILE=$SECRETS/jwt-public.pem"
    "VTRY_ADMIN_TOKEN=$(cat "$SECRETS/admin-token")" "VTRY_LINK_SECRET=$(cat "$SECRETS/link-secret")"
    "VTRY_PUBLIC_URL=${VTRY_PUBLIC_URL:-http://localhost:$GATEWAY_PORT}"
    "VTRY_ADMIN_PORT=$ADMIN_PORT" "VTRY_GATEWAY_URL=http://127.0.0.1:$GATEWAY_PORT" "VTRY_PERSON_URL=http://127.0.0.1:$PERSON_PORT"
    "VTRY_CLOTHES_URL=http://127.0.0.1:$CLOTHES_PORT" "VTRY_JOB_URL=http://127.0.0.1:$JOB_PORT"
    "VTRY_GENERATION_URL=http://127.0.0.1:$GENERATION_PORT" "VTRY_WEBHOOK_URL=http://127.0.0.1:$WEBHOOK_PORT"
    "VTRY_PROVIDER=${VTRY_PROVIDER:-local}"
    "VTRY_LOCAL_PROVIDER_DELAY_MS=${VTRY_LOCAL_PROVIDER_DELAY_MS:-0}"
    # Logs and traces (docs/operations.md): VTRY_LOG_JSON=true ./vtry up gives JSON lines;
    # VTRY_OTEL_LOG_SPANS=true ./vtry up writes every span to the services' logs (no collector needed).
    "VTRY_LOG_JSON=${VTRY_LOG_JSON:-false}"
    "VTRY_OTEL_ENABLED=${VTRY_OTEL_ENABLED:-false}"
    "VTRY_OTEL_LOG_SPANS=${VTRY_OTEL_LOG_SPANS:-false}"
    "VTRY_OTEL_ENDPOINT=${VTRY_OTEL_ENDPOINT:-http://localhost:4317}"
  )
  # Tests fetch images from servers on loopback; `up` keeps the safe default. Every end-to-end
  # test comes from 127.0.0.1, so the per-address limits would throttle the suite as a whole;
  # per-account limits keep the reference's values (each test has its own accounts).
  if [[ $STACK == test ]]; then
    SERVICE_ENV+=("VTRY_FETCH_ALLOW_HOSTS=127.0.0.1,localhost"
      "VTRY_LIMITS_IP_PREAUTH=100000" "VTRY_LIMITS_IP_FAILED_AUTH=100000")
  else
    SERVICE_ENV+=("VTRY_FETCH_ALLOW_HOSTS=${VTRY_FETCH_ALLOW_HOSTS:-}")
  fi
  # FAL_KEY / GEMINI_API_KEY pass through as part of the inherited environment.
}

launch_service() {
  local svc=$1 port jar
  port=$(port_of "$svc")
  jar=$(runnable "$svc")
  if [[ -n $(running_pid "$svc") ]]; then
    info "$svc already running (127.0.0.1:$port)"
    check_listens "$svc" "$port" "$(running_pid "$svc")"
    return 0
  fi
  [[ -e $jar ]] || die "$jar is missing: build first (./mvnw package -DskipTests)"
  require_free_port "$svc" "$port"
  say "starting $svc (127.0.0.1:$port)"
  echo "==== $(date '+%F %T') ./vtry starts $svc" >>"$LOGS/$svc.log"
  # cwd = the stack root, so a stray .env or config/ in the checkout is not read.
  # shellcheck disable=SC2086  # VTRY_JAVA_OPTS is a list of options
  (cd "$ROOT" || exit
    nohup env "${SERVICE_ENV[@]}" "QUARKUS_HTTP_PORT=$port" \
    java -Dvtry.root="$ROOT" -Xms64m -Xmx384m -XX:+UseSerialGC ${VTRY_JAVA_OPTS:-} -jar "$jar" \
    </dev/null >>"$LOGS/$svc.log" 2>&1 &
    echo $! >"$PIDS/$svc.pid")
}

# Waits for GET /q/health/ready = 200 (90 s each); on failure shows the log.
await_service() {
  local svc=$1 port pid deadline code
  port=$(port_of "$svc")
  pid=$(head -n1 "$PIDS/$svc.pid" 2>/dev/null || true)
  deadline=$(( $(now) + ${VTRY_READY_TIMEOUT:-90} ))
  while :; do
    code=$(http_status "http://127.0.0.1:$port/q/health/ready")
    [[ $code == 200 ]] && return 0
    if ! pid_alive "$pid"; then
      log_tail "$svc"
      printf 'error: %s exited during start-up (see %s)\n' "$svc" "$LOGS/$svc.log" >&2
      return 1
    fi
    if (( $(now) > deadline )); then
      log_tail "$svc"
      printf 'error: %s not ready within %ss (last /q/health/ready status: %s; see %s)\n' \
        "$svc" "${VTRY_READY_TIMEOUT:-90}" "${code:-none}" "$LOGS/$svc.log" >&2
      return 1
    fi
    sleep 0.5
  done
}

services_up() {
  ensure_layout
  service_env
  local svc t0 failed=()
  t0=$(now)
  for svc in "${SERVICES[@]}"; do launch_service "$svc"; done
  for svc in "${SERVICES[@]}"; do await_service "$svc" || failed+=("$svc"); done
  if [[ ${#failed[@]} -gt 0 ]]; then
    printf 'error: not ready: %s. Fix the cause and run the command again (./vtry logs NAME).\n' "${failed[*]}" >&2
    return 1
  fi
  say "services of the $STACK stack ready in $(( $(now) - t0 ))s"
}

services_down() {
  stop_pids 20 "${SERVICES[@]}"
}

# ---------------------------------------------------------------- status

status_line() {
  local name=$1 port pid state
  port=$(port_of "$name")
  pid=$(running_pid "$name")
  if [[ -z $pid ]]; then
    state=stopped
    port_open "$port" && state="stopped (port used by another process)"
  else
    case $name in
      postgres|redis|kafka|s3proxy) port_open "$port" && state=ready || state="not ready" ;;
      *) [[ $(http_status "http://127.0.0.1:$port/q/health/ready") == 200 ]] && state=ready || state="not ready" ;;
    esac
  fi
  printf '%-20s %-6s %-8s %s\n' "$name" "$port" "${pid:--}" "$state"
}

print_status() {
  local name
  printf '%-20s %-6s %-8s %s\n' NAME PORT PID STATE
  for name in "${INFRA[@]}" "${SERVICES[@]}"; do status_line "$name"; done
}
