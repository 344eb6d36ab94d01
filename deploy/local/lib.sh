# shellcheck shell=bash disable=SC2034,SC2174  # globals are used by the other files
# Helpers shared by ./vtry: output, JDK choice, stack layout, processes, ports.
# Sourced by ./vtry, which sets VTRY_HOME (the checkout) and `set -euo pipefail`.

SERVICES=(api-gateway person-service clothes-service job-service generation-service webhook-service)
INFRA=(postgres redis kafka s3proxy)
DB_NAMES=(vtry_gateway vtry_person vtry_clothes vtry_job vtry_generation vtry_webhook)

# Progress goes to stderr so that stdout carries only results (keys, exports).
say()  { printf '==> %s\n' "$*" >&2; }
info() { printf '    %s\n' "$*" >&2; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die()  { printf 'error: %s\n' "$*" >&2; exit 1; }

is_root() { [[ $(id -u) -eq 0 ]]; }
now() { date +%s; }

# ---------------------------------------------------------------- JDK

# Major version of a JDK home ("1.8.0_x" -> 8, "25.0.1" -> 25), empty if broken.
jdk_major() {
  local v
  v=$("$1/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n1)
  [[ -n $v ]] || return 0
  [[ $v == 1.* ]] && v=${v#1.}
  printf '%s\n' "${v%%[.+-]*}"
}

# Picks the newest JDK >= 21 under /usr/lib/jvm (VTRY_JAVA_HOME overrides) and
# exports JAVA_HOME/PATH for everything started from here on.
select_jdk() {
  local dir major best="" best_major=0
  if [[ -n ${VTRY_JAVA_HOME:-} ]]; then
    major=$(jdk_major "$VTRY_JAVA_HOME")
    [[ ${major:-0} -ge 21 ]] || die "VTRY_JAVA_HOME=$VTRY_JAVA_HOME is not a JDK >= 21"
    best=$VTRY_JAVA_HOME best_major=$major
  else
    for dir in /usr/lib/jvm/*/; do
      dir=${dir%/}
      [[ -L $dir ]] && continue            # Debian's aliases point at real dirs
      [[ -x $dir/bin/java && -x $dir/bin/javac ]] || continue
      major=$(jdk_major "$dir")
      if [[ ${major:-0} -ge 21 && $major -gt $best_major ]]; then
        best=$dir best_major=$major
      fi
    done
  fi
  [[ -n $best ]] || die "no JDK >= 21 found under /usr/lib/jvm.
  Install one, e.g.:  apt-get install openjdk-21-jdk   (Debian 13+/Ubuntu)
  or Temurin 21/25 from https://adoptium.net (Debian package temurin-21-jdk),
  or point VTRY_JAVA_HOME at an existing JDK 21+."
  export JAVA_HOME=$best
  export PATH=$JAVA_HOME/bin:$PATH
  JAVA_MAJOR=$best_major
  # JDK 24+ warns about Maven's (Guice's) use of sun.misc.Unsafe on every run.
  if [[ $JAVA_MAJOR -ge 24 && ${MAVEN_OPTS:-} != *sun-misc-unsafe* ]]; then
    export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow"
  fi
}

mvnw() { (cd "$VTRY_HOME" && ./mvnw "$@"); }

# ---------------------------------------------------------------- stacks

# Two stacks that never overlap: `up` (ROOT=.vtry) and `test` (ROOT=.vtry/test),
# each with its own ports and state. Jars downloaded once live in .vtry/lib.
use_stack() {
  STACK=$1
  LIB=$VTRY_HOME/.vtry/lib
  case $STACK in
    up)
      ROOT=$VTRY_HOME/.vtry
      PG_PORT=${VTRY_PG_PORT:-15432}
      REDIS_PORT=${VTRY_REDIS_PORT:-16379}
      KAFKA_PORT=${VTRY_KAFKA_PORT:-19092}
      KAFKA_CONTROLLER_PORT=${VTRY_KAFKA_CONTROLLER_PORT:-19093}
      S3_PORT=${VTRY_S3_PORT:-19000}
      GATEWAY_PORT=${VTRY_GATEWAY_PORT:-8080}
      ADMIN_PORT=${VTRY_ADMIN_PORT:-8090}
      PERSON_PORT=${VTRY_PERSON_PORT:-8081}
      CLOTHES_PORT=${VTRY_CLOTHES_PORT:-8082}
      JOB_PORT=${VTRY_JOB_PORT:-8083}
      GENERATION_PORT=${VTRY_GENERATION_PORT:-8084}
      WEBHOOK_PORT=${VTRY_WEBHOOK_PORT:-8085}
      ;;
    test)
      ROOT=$VTRY_HOME/.vtry/test
      PG_PORT=${VTRY_TEST_PG_PORT:-25432}
      REDIS_PORT=${VTRY_TEST_REDIS_PORT:-26379}
      KAFKA_PORT=${VTRY_TEST_KAFKA_PORT:-29092}
      KAFKA_CONTROLLER_PORT=${VTRY_TEST_KAFKA_CONTROLLER_PORT:-29093}
      S3_PORT=${VTRY_TEST_S3_PORT:-29000}
      GATEWAY_PORT=${VTRY_TEST_GATEWAY_PORT:-28080}
      ADMIN_PORT=${VTRY_TEST_ADMIN_PORT:-28090}
      PERSON_PORT=${VTRY_TEST_PERSON_PORT:-28081}
      CLOTHES_PORT=${VTRY_TEST_CLOTHES_PORT:-28082}
      JOB_PORT=${VTRY_TEST_JOB_PORT:-28083}
      GENERATION_PORT=${VTRY_TEST_GENERATION_PORT:-28084}
      WEBHOOK_PORT=${VTRY_TEST_WEBHOOK_PORT:-28085}
      ;;
    *) die "unknown stack '$STACK'" ;;
  esac
  DATA=$ROOT/data LOGS=$ROOT/logs PIDS=$ROOT/pids SECRETS=$ROOT/secrets
  CONF=$ROOT/conf RUN=$ROOT/run
}

port_of() {
  case $1 in
    postgres) echo "$PG_PORT" ;;
    redis) echo "$REDIS_PORT" ;;
    kafka) echo "$KAFKA_PORT" ;;
    s3proxy) echo "$S3_PORT" ;;
    api-gateway) echo "$GATEWAY_PORT" ;;
    person-service) echo "$PERSON_PORT" ;;
    clothes-service) echo "$CLOTHES_PORT" ;;
    job-service) echo "$JOB_PORT" ;;
    generation-service) echo "$GENERATION_PORT" ;;
    webhook-service) echo "$WEBHOOK_PORT" ;;
    *) die "unknown process '$1' (known: ${INFRA[*]} ${SERVICES[*]})" ;;
  esac
}

ensure_layout() {
  mkdir -p "$DATA" "$LOGS" "$PIDS" "$CONF" "$RUN" "$LIB"
  mkdir -p -m 700 "$SECRETS"
}

# ---------------------------------------------------------------- processes

pid_alive() { [[ -n ${1:-} ]] && kill -0 "$1" 2>/dev/null; }

# True if PID is a process this stack started: every JVM we start carries
# -Dvtry.root=ROOT; redis and postgres are recognised by their program name.
pid_is_ours() {
  local pid=$1 name=$2 comm args
  pid_alive "$pid" || return 1
  [[ -r /proc/$pid/cmdline ]] || return 0   # no procfs: trust the pid file
  case $name in
    postgres|redis)
      comm=$(cat "/proc/$pid/comm" 2>/dev/null || true)
      [[ $comm == "$name"* ]] ;;
    *) # (not a pipe into grep -q: with pipefail, tr's SIGPIPE would fail it)
       args=$(tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null || true)
       grep -qxF -- "-Dvtry.root=$ROOT" <<<"$args" ;;
  esac
}

# Prints the pid of NAME if it is running (per its pid file), else nothing.
running_pid() {
  local name=$1 f pid
  if [[ $name == postgres ]]; then f=$DATA/pg/postmaster.pid; else f=$PIDS/$name.pid; fi
  [[ -r $f ]] || return 0
  pid=$(head -n1 "$f" 2>/dev/null | tr -dc '0-9')
  if pid_is_ours "$pid" "$name"; then echo "$pid"; fi
}

# Stops processes by pid file: TERM to all at once (they shut down in
# parallel), then KILL whatever still runs after TIMEOUT seconds.
stop_pids() {
  local timeout=$1 name pid i left
  shift
  local names=() pids=()
  for name in "$@"; do
    pid=$(running_pid "$name")
    if [[ -n $pid ]]; then
      say "stopping $name (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
      names+=("$name") pids+=("$pid")
    fi
  done
  for ((i = 0; i < timeout * 10; i++)); do
    left=0
    for pid in "${pids[@]}"; do pid_alive "$pid" && left=1; done
    [[ $left -eq 0 ]] && break
    sleep 0.1
  done
  for i in "${!pids[@]}"; do
    if pid_alive "${pids[$i]}"; then
      warn "${names[$i]} did not stop within ${timeout}s, killing it"
      kill -KILL "${pids[$i]}" 2>/dev/null || true
    fi
  done
  for name in "$@"; do rm -f "$PIDS/$name.pid"; done
}

# ---------------------------------------------------------------- ports

port_open() { timeout 2 bash -c ": </dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# Refuses to start NAME when something else already listens on its port.
require_free_port() {
  local name=$1 port=$2 who=""
  port_open "$port" || return 0
  if command -v ss >/dev/null 2>&1; then
    who=$(ss -Hltnp "sport = :$port" 2>/dev/null | sed -n 's/.*users:((\("[^"]*",pid=[0-9]*\).*/\1/p' | head -n1)
  fi
  die "port $port (for $name, $STACK stack) is already in use${who:+ by $who}, not by a process of this stack.
  Stop that process, or choose another port (see ./vtry help, 'Ports')."
}

# A process of this stack that already runs must own its configured port;
# otherwise (ports changed while it ran) we would talk to somebody else's.
check_listens() {
  local name=$1 port=$2 pid=$3 owner
  command -v ss >/dev/null 2>&1 || return 0
  owner=$(ss -Hltnp "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n1 | cut -d= -f2 || true)
  [[ -z $owner || $owner == "$pid" ]] && return 0
  die "$name of the $STACK stack runs (pid $pid) but port $port belongs to pid $owner:
  the ports changed since it started. Stop the stack with the old settings first."
}

log_tail() {
  local f=$LOGS/$1.log
  [[ -r $f ]] || return 0
  printf -- '---- last lines of %s ----\n' "$f" >&2
  tail -n "${2:-40}" "$f" >&2
  printf -- '----\n' >&2
}

# Waits until PORT accepts connections; fails early if PID died.
wait_port() {
  local name=$1 port=$2 pid=$3 timeout=${4:-60} deadline
  deadline=$(( $(now) + timeout ))
  until port_open "$port"; do
    if [[ -n $pid ]] && ! pid_alive "$pid"; then
      log_tail "$name"
      die "$name exited during start-up (see $LOGS/$name.log)"
    fi
    if (( $(now) > deadline )); then
      log_tail "$name"
      die "$name did not open 127.0.0.1:$port within ${timeout}s (see $LOGS/$name.log)"
    fi
    sleep 0.2
  done
}

http_status() { curl -s -o /dev/null -m 3 -w '%{http_code}' "$1" 2>/dev/null || true; }

# ---------------------------------------------------------------- packages

# apt-get install PKGS, as root or through sudo. Daemons are kept from
# starting during the install (policy-rc.d): we run our own instances, and the
# system ones would only take ports 5432/6379.
apt_install() {
  local sudo="" policy=/usr/sbin/policy-rc.d made_policy=""
  if ! is_root; then
    command -v sudo >/dev/null 2>&1 || die "missing packages: $*. Install them as root: apt-get install $*"
    sudo=sudo
  fi
  command -v apt-get >/dev/null 2>&1 || die "missing packages: $* (no apt-get here: install them with your package manager)"
  say "installing $* (apt)"
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null && $sudo chmod 755 "$policy" && made_policy=1
  fi
  local rc=0
  if ! $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null 2>&1; then
    info "package lists may be stale: apt-get update"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null 2>&1 || true
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" || rc=$?
  fi
  [[ -n $made_policy ]] && $sudo rm -f "$policy"
  [[ $rc -eq 0 ]] || die "apt-get install $* failed (exit $rc)"
}
