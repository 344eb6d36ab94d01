# shellcheck shell=bash
# `./vtry test`: the whole suite against a fresh test stack (.vtry/test, ports
# 2xxxx) that never touches the stack of `./vtry up`.

# What the tests read to find the infrastructure (see README / operator contract).
test_env() {
  TEST_ENV=(
    "VTRY_TEST_PG_HOST=127.0.0.1" "VTRY_TEST_PG_PORT=$PG_PORT"
    "VTRY_TEST_PG_USER=vtry" "VTRY_TEST_PG_PASSWORD=vtry"
    "VTRY_TEST_KAFKA_BOOTSTRAP=127.0.0.1:$KAFKA_PORT"
    "VTRY_TEST_REDIS_URL=redis://127.0.0.1:$REDIS_PORT"
    "VTRY_TEST_S3_ENDPOINT=http://127.0.0.1:$S3_PORT"
    "VTRY_TEST_S3_ACCESS_KEY=vtry" "VTRY_TEST_S3_SECRET_KEY=vtrysecret" "VTRY_TEST_S3_BUCKET=vtry"
  )
}

# One `./vtry test` per checkout: a second one would wipe the first one's stack.
TEST_LOCK=""
take_test_lock() {
  local lock=$VTRY_HOME/.vtry/test.lock pid
  mkdir -p "$VTRY_HOME/.vtry"
  if ! mkdir "$lock" 2>/dev/null; then
    pid=$(cat "$lock/pid" 2>/dev/null || true)
    pid_alive "$pid" && die "another ./vtry test (pid $pid) is running in this checkout: wait for it to finish"
    rm -rf "$lock"
    mkdir "$lock"
  fi
  echo $$ >"$lock/pid"
  TEST_LOCK=$lock
}

check_no_test_running() {
  local pid
  pid=$(cat "$VTRY_HOME/.vtry/test.lock/pid" 2>/dev/null || true)
  if pid_alive "$pid"; then die "./vtry test (pid $pid) is using the test stack right now: wait for it to finish"; fi
  return 0
}

stack_down() {
  services_down
  infra_down
}

# ---------------------------------------------------------------- test-infra

cmd_test_infra() {
  local sub=${1:-}; shift || true
  use_stack test
  check_no_test_running
  case $sub in
    up)
      select_jdk
      infra_up
      test_env
      echo "# test infrastructure is up; for your shell or IDE run configuration:"
      printf 'export %s\n' "${TEST_ENV[@]}"
      # The JDK ./vtry chose (>= 21): the machine's default java may be older than the build needs.
      printf 'export JAVA_HOME=%s PATH=%s/bin:$PATH\n' "$JAVA_HOME" "$JAVA_HOME"
      ;;
    down)
      stack_down
      if [[ ${1:-} == --wipe ]]; then rm -rf "$ROOT"; say "deleted ${ROOT#"$VTRY_HOME"/}"; fi
      ;;
    *) die "usage: ./vtry test-infra up | down [--wipe]" ;;
  esac
}

# ---------------------------------------------------------------- test

PHASE_NAMES=() PHASE_RESULTS=() PHASE_SECONDS=()
record_phase() { PHASE_NAMES+=("$1"); PHASE_RESULTS+=("$2"); PHASE_SECONDS+=("$3"); }

# Adds up the Surefire/Failsafe reports written by this run.
count_tests() {
  local marker=$1 f head t=0 fl=0 er=0 sk=0
  attr() { local v; v=$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$2"); echo "${v:-0}"; }
  while IFS= read -r -d '' f; do
    head=$(grep -m1 -o '<testsuite [^>]*>' "$f" 2>/dev/null) || continue
    t=$(( t + $(attr tests "$head") ))
    fl=$(( fl + $(attr failures "$head") ))
    er=$(( er + $(attr errors "$head") ))
    sk=$(( sk + $(attr skipped "$head") ))
  done < <(find "$VTRY_HOME" -path "$VTRY_HOME/.vtry" -prune -o -type f \
             \( -path '*/target/surefire-reports/TEST-*.xml' -o -path '*/target/failsafe-reports/TEST-*.xml' \) \
             -newer "$marker" -print0 2>/dev/null)
  TESTS_PASSED=$(( t - fl - er - sk )) TESTS_FAILED=$(( fl + er )) TESTS_SKIPPED=$sk
}

print_summary() {
  local i total=0
  echo
  echo "==> ./vtry test summary"
  for i in "${!PHASE_NAMES[@]}"; do
    printf '    %-34s %-8s %5ss\n' "${PHASE_NAMES[$i]}" "${PHASE_RESULTS[$i]}" "${PHASE_SECONDS[$i]}"
    total=$(( total + PHASE_SECONDS[i] ))
  done
  printf '    %-34s %-8s %5ss\n' "total" "" "$total"
  count_tests "$TEST_MARKER"
  echo "tests: $TESTS_PASSED passed, $TESTS_FAILED failed, $TESTS_SKIPPED skipped"
}

test_cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -z ${TEST_STACK_STOPPED:-} ]]; then
    echo "==> stopping the test stack" >&2
    stack_down >/dev/null 2>&1 || true
  fi
  rm -f "${TEST_MARKER:-}"
  [[ -n $TEST_LOCK ]] && rm -rf "$TEST_LOCK"
  exit "$rc"
}

cmd_test() {
  local e2e=1 mvn_args=() a
  for a in "$@"; do
    case $a in
      --no-e2e) e2e="" ;;
      *) mvn_args+=("$a") ;;
    esac
  done
  select_jdk
  use_stack test
  take_test_lock
  trap test_cleanup EXIT
  install_missing
  if [[ -n $e2e ]]; then install_browser; fi

  local failed="" t0 rc
  TEST_MARKER=$(mktemp "${TMPDIR:-/tmp}/vtry-test.XXXXXX")
  trap 'exit 130' INT
  trap 'exit 143' TERM

  # 0. a fresh stack: stop leftovers of an earlier run, then start from nothing
  t0=$(now)
  say "fresh test stack in ${ROOT#"$VTRY_HOME"/} (java $JAVA_MAJOR at $JAVA_HOME)"
  stack_down
  rm -rf "$ROOT"
  infra_up
  record_phase "infrastructure (fresh)" ok $(( $(now) - t0 ))

  # 1. units and @QuarkusTest of every module
  test_env
  t0=$(now)
  say "./mvnw -B install ${mvn_args[*]}"
  rc=0
  (export "${TEST_ENV[@]}"; mvnw -B --no-transfer-progress install "${mvn_args[@]}") || rc=$?
  if [[ $rc -eq 0 ]]; then
    record_phase "build, unit and @QuarkusTest" ok $(( $(now) - t0 ))
  else
    record_phase "build, unit and @QuarkusTest" FAILED $(( $(now) - t0 ))
    failed=1
  fi

  if [[ -z $e2e ]]; then
    record_phase "services + end-to-end" skipped 0
  elif [[ -n $failed ]]; then
    record_phase "services + end-to-end" "skipped" 0
    warn "end-to-end tests skipped because the build/tests failed"
  else
    # 2. the six services from the fresh jars, on the test ports
    t0=$(now)
    ensure_secrets
    rc=0
    if needs_build; then (build_services) || rc=$?; fi
    # in a subshell: a failing start must still reach the summary
    [[ $rc -eq 0 ]] && { (services_up) || rc=$?; }
    if [[ $rc -eq 0 ]]; then
      record_phase "start services" ok $(( $(now) - t0 ))
      # 3. end-to-end through the gateway
      t0=$(now)
      local gw="http://127.0.0.1:$GATEWAY_PORT" admin="http://127.0.0.1:$ADMIN_PORT" token
      token=$(cat "$SECRETS/admin-token")
      say "./mvnw -B -pl e2e-tests verify against $gw"
      rc=0
      (export VTRY_E2E_GATEWAY="$gw" VTRY_E2E_ADMIN="$admin" VTRY_E2E_ADMIN_TOKEN="$token" "${TEST_ENV[@]}"
       mvnw -B --no-transfer-progress -pl e2e-tests verify -DskipITs=false \
         -Dvtry.e2e.gateway="$gw" -Dvtry.e2e.admin="$admin" -Dvtry.e2e.adminToken="$token") || rc=$?
      if [[ $rc -eq 0 ]]; then
        record_phase "end-to-end (e2e-tests)" ok $(( $(now) - t0 ))
      else
        record_phase "end-to-end (e2e-tests)" FAILED $(( $(now) - t0 ))
        failed=1
      fi
    else
      record_phase "start services" FAILED $(( $(now) - t0 ))
      failed=1
    fi
  fi

  # 4. always stop the stack (the EXIT trap does it too, on errors and ^C)
  t0=$(now)
  say "stopping the test stack"
  stack_down
  TEST_STACK_STOPPED=1
  record_phase "stop test stack" ok $(( $(now) - t0 ))

  print_summary
  [[ -z $failed ]] || { echo "./vtry test: FAILED (see the phases above)" >&2; exit 1; }
  echo "./vtry test: all phases passed" >&2
}
