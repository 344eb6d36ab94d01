# shellcheck shell=bash disable=SC2153,SC2174  # stack globals come from lib.sh
# Infrastructure of one stack (see use_stack): PostgreSQL, Redis, Kafka (KRaft)
# and S3Proxy, all on 127.0.0.1, plus the stack's secrets.

KAFKA_POM=deploy/local/kafka/pom.xml
S3PROXY_POM=deploy/local/s3proxy/pom.xml
TOPICS_FILE=deploy/local/topics.txt
CREATE_TOPICS_SRC=deploy/local/kafka/CreateTopics.java
DEAD_LETTERS_SRC=deploy/local/kafka/DeadLetters.java

# ---------------------------------------------------------------- install

pg_bindir() {
  local d
  # shellcheck disable=SC2012  # version-sorted names, no odd characters
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
  if [[ -z $d ]] && command -v initdb >/dev/null 2>&1; then d=$(dirname "$(command -v initdb)"); fi
  printf '%s\n' "$d"
}

# OS packages (only those missing) and the two jar sets from Maven Central.
install_missing() {
  local pkgs=()
  [[ -n $(pg_bindir) ]] || pkgs+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || pkgs+=(redis-server)
  command -v curl >/dev/null 2>&1 || pkgs+=(curl)
  command -v openssl >/dev/null 2>&1 || pkgs+=(openssl)
  command -v jq >/dev/null 2>&1 || pkgs+=(jq) # the README walkthrough reads JSON with it
  if [[ ${#pkgs[@]} -gt 0 ]]; then apt_install "${pkgs[@]}"; fi
  PGBIN=$(pg_bindir)
  [[ -x $PGBIN/initdb ]] || die "PostgreSQL server binaries not found (expected /usr/lib/postgresql/<version>/bin)"
  if is_root; then id postgres >/dev/null 2>&1 || die "the 'postgres' OS user is missing: apt-get install --reinstall postgresql-common"; fi

  mkdir -p "$LIB"
  fetch_jars kafka "$KAFKA_POM" "Kafka 4.4.0 jars"
  fetch_jars s3proxy "$S3PROXY_POM" "S3Proxy 4.1.0" -Dmdep.stripVersion=true
}

# The console's browser tests (e2e-tests ConsoleIT) drive Debian's Chromium through its
# chromedriver; only `./vtry test` needs them, `./vtry up` does not.
install_browser() {
  local pkgs=()
  command -v chromium >/dev/null 2>&1 || pkgs+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || pkgs+=(chromium-driver)
  if [[ ${#pkgs[@]} -gt 0 ]]; then apt_install "${pkgs[@]}"; fi
}

# Copies a pom's dependencies into .vtry/lib/NAME once. The .complete marker
# holds the pom's checksum: an interrupted download or a changed pom fetches again.
fetch_jars() {
  local name=$1 pom=$2 what=$3 sum
  shift 3
  sum=$(sha256sum "$VTRY_HOME/$pom" | cut -d' ' -f1)
  [[ $(cat "$LIB/$name/.complete" 2>/dev/null) == "$sum" ]] && return 0
  say "downloading $what into .vtry/lib/$name (Maven Central)"
  rm -rf "${LIB:?}/$name.tmp"
  mvnw -B -q --no-transfer-progress -f "$pom" dependency:copy-dependencies \
    -DoutputDirectory="$LIB/$name.tmp" "$@" \
    || die "could not resolve $what from Maven Central (see the Maven output above)"
  echo "$sum" >"$LIB/$name.tmp/.complete"
  rm -rf "${LIB:?}/$name"
  mv "$LIB/$name.tmp" "$LIB/$name"
}

# ---------------------------------------------------------------- postgres

# Runs a command as the postgres OS user when we are root (initdb and postgres
# refuse to run as root), else as ourselves. cd / so that it never depends on
# being able to read the caller's working directory.
as_pg() {
  if is_root; then (cd / && runuser -u postgres -- "$@"); else (cd / && "$@"); fi
}

# Socket paths are limited to ~107 bytes; deep checkouts fall back to /tmp.
pg_sockdir() {
  if (( ${#RUN} + 20 < 100 )); then
    echo "$RUN/pg"
  else
    echo "/tmp/vtry-pg-$(printf '%s' "$ROOT" | md5sum | cut -c1-10)"
  fi
}

# /work/... may sit under directories the postgres user cannot traverse (e.g.
# /root is 0700). Grant search (x, not read) on each component that lacks it.
pg_make_reachable() {
  is_root || return 0
  local target=$1 path="" part
  local IFS=/
  for part in ${target#/}; do
    path+=/$part
    [[ -d $path ]] || break
    if ! runuser -u postgres -- test -x "$path" 2>/dev/null; then
      info "granting the postgres user search permission on $path (chmod o+x)"
      chmod o+x "$path"
    fi
  done
  runuser -u postgres -- test -x "$target" \
    || die "the postgres user cannot reach $target; move the checkout somewhere it can traverse"
}

pg_running() { as_pg "$PGBIN/pg_ctl" status -D "$DATA/pg" >/dev/null 2>&1; }

psql_admin() {
  "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$(pg_sockdir)" -p "$PG_PORT" -U postgres -d postgres
}

start_postgres() {
  local dir=$DATA/pg sock pid
  sock=$(pg_sockdir)
  if [[ -s $dir/PG_VERSION ]] && pg_running; then
    info "postgres already running (127.0.0.1:$PG_PORT)"
    check_listens postgres "$PG_PORT" "$(running_pid postgres)"
  else
    require_free_port postgres "$PG_PORT"
    say "starting postgres (127.0.0.1:$PG_PORT)"
    mkdir -p "$dir" "$sock"
    touch "$LOGS/postgres.log"
    if is_root; then
      chown postgres: "$dir" "$sock" "$LOGS/postgres.log"
      pg_make_reachable "$dir"
      pg_make_reachable "$sock"
    fi
    chmod 700 "$dir"
    if [[ ! -s $dir/PG_VERSION ]]; then
      info "initdb $dir"
      as_pg "$PGBIN/initdb" -D "$dir" -U postgres -E UTF8 --locale=C \
        --auth-local=trust --auth-host=scram-sha-256 >>"$LOGS/postgres.log" 2>&1 \
        || { log_tail postgres; die "initdb failed"; }
      # Trust only on the private socket; passwords over TCP, loopback only.
      as_pg sh -c "cat > '$dir/pg_hba.conf'" <<'EOF'
# written by ./vtry
local   all   all                 trust
host    all   all   127.0.0.1/32  scram-sha-256
EOF
      # Five services with reactive pools plus tests: more than the default 100.
      as_pg sh -c "cat >> '$dir/postgresql.conf'" <<'EOF'

# ---- ./vtry
max_connections = 300
shared_buffers = 128MB
password_encryption = scram-sha-256
EOF
    fi
    local opts="-p $PG_PORT -k $sock -h 127.0.0.1"
    # The test stack is thrown away after each run: durability only costs time.
    [[ $STACK == test ]] && opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    as_pg "$PGBIN/pg_ctl" -w -t 60 -D "$dir" -l "$LOGS/postgres.log" -o "$opts" start >/dev/null \
      || { log_tail postgres; die "postgres did not start (see $LOGS/postgres.log)"; }
  fi
  pid=$(running_pid postgres)
  [[ -n $pid ]] && echo "$pid" >"$PIDS/postgres.pid"
  wait_port postgres "$PG_PORT" "$pid" 30

  # Idempotent: role vtry/vtry and one database per service.
  local sql db
  sql="DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'vtry') THEN
    CREATE ROLE vtry LOGIN CREATEDB PASSWORD 'vtry';
  END IF; END \$\$;"
  for db in "${DB_NAMES[@]}"; do
    sql+=$'\n'"SELECT 'CREATE DATABASE $db OWNER vtry' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$db')"$'\n\\gexec'
  done
  psql_admin <<<"$sql" >/dev/null || die "could not create the vtry role and databases"
  refuse_squashed_history
}

# The migrations were squashed into one V1 per service, with the outbox and processed_events tables
# from common's db/shared (0.1, 0.2), before anything was deployed. A database migrated by the old
# files cannot be moved forward by Flyway (checksums and versions differ); say so instead of letting
# the services fail at start. Only databases that have a history and lack 0.1 are stale.
refuse_squashed_history() {
  local db stale=()
  for db in vtry_person vtry_clothes vtry_job vtry_generation; do  # the databases that were squashed
    if [[ $("$PGBIN/psql" -X -qtA -h "$(pg_sockdir)" -p "$PG_PORT" -U postgres -d "$db" -c \
      "select to_regclass('flyway_schema_history') is not null
         and not exists (select from flyway_schema_history where version = '0.1')" 2>/dev/null) == t ]]; then
      stale+=("$db")
    fi
  done
  [[ ${#stale[@]} -eq 0 ]] || die "the databases ${stale[*]} were made by migrations replaced on 2026-12-07 (one V1 per service,
  shared outbox tables from common). Local data cannot be carried over: './vtry down --wipe' deletes it (the test stack: './vtry test-infra down --wipe'), then start again."
}

stop_postgres() {
  local dir=$DATA/pg
  PGBIN=${PGBIN:-$(pg_bindir)}
  if [[ -n $PGBIN && -s $dir/PG_VERSION ]] && pg_running; then
    say "stopping postgres"
    as_pg "$PGBIN/pg_ctl" -D "$dir" -m fast -w -t 60 stop >/dev/null || warn "pg_ctl stop failed"
  fi
  rm -f "$PIDS/postgres.pid"
}

# ---------------------------------------------------------------- redis

start_redis() {
  local pid persist=(--appendonly no)
  pid=$(running_pid redis)
  if [[ -n $pid ]]; then
    info "redis already running (127.0.0.1:$REDIS_PORT)"
    check_listens redis "$REDIS_PORT" "$pid"
    return 0
  fi
  require_free_port redis "$REDIS_PORT"
  say "starting redis (127.0.0.1:$REDIS_PORT)"
  mkdir -p "$DATA/redis"
  # The up stack keeps its data across restarts (AOF); the test stack does not.
  [[ $STACK == up ]] && persist=(--appendonly yes)
  rm -f "$PIDS/redis.pid"
  (cd "$DATA/redis" && redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes \
    --dir "$DATA/redis" --pidfile "$PIDS/redis.pid" --logfile "$LOGS/redis.log" \
    --save "" "${persist[@]}" </dev/null >/dev/null) || { log_tail redis; die "redis-server failed to start"; }
  wait_port redis "$REDIS_PORT" "" 20
}

# By pid, never by port: the configured port may now point at another
# stack's redis. SIGTERM makes redis shut down cleanly (and write its AOF).
stop_redis() {
  stop_pids 15 redis
}

# ---------------------------------------------------------------- kafka

# Kafka's Uuid format: 16 random bytes, URL-safe base64 without padding, and
# (like Uuid.randomUuid) never starting with '-' so that CLIs don't choke.
kafka_uuid() {
  local u
  while :; do
    u=$(openssl rand 16 | base64 | tr '+/' '-_' | tr -d '=\n')
    [[ $u != -* ]] && { echo "$u"; return; }
  done
}

write_kafka_config() {
  cat >"$CONF/kafka.properties" <<EOF
# written by ./vtry on each start: single node, broker and controller combined
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DATA/kafka/logs
num.partitions=6
auto.create.topics.enable=false
# one broker: every replication factor is 1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# consumers in tests should not wait for late joiners
group.initial.rebalance.delay.ms=0
EOF
}

# Launches the broker without waiting (see infra_up); await_kafka waits.
launch_kafka() {
  if [[ -n $(running_pid kafka) ]]; then
    info "kafka already running (127.0.0.1:$KAFKA_PORT)"
    check_listens kafka "$KAFKA_PORT" "$(running_pid kafka)"
    return 0
  fi
  require_free_port kafka "$KAFKA_PORT"
  require_free_port kafka-controller "$KAFKA_CONTROLLER_PORT"
  say "starting kafka (127.0.0.1:$KAFKA_PORT)"
  echo "==== $(date '+%F %T') ./vtry starts kafka" >>"$LOGS/kafka.log"
  mkdir -p "$DATA/kafka/logs"
  write_kafka_config
  # Formatting happens once; the cluster id is kept next to the log dir.
  if [[ ! -e $DATA/kafka/logs/meta.properties ]]; then
    [[ -s $DATA/kafka/cluster-id ]] || kafka_uuid >"$DATA/kafka/cluster-id"
    java -cp "$LIB/kafka/*" kafka.tools.StorageTool format \
      -t "$(cat "$DATA/kafka/cluster-id")" -c "$CONF/kafka.properties" --standalone \
      >>"$LOGS/kafka.log" 2>&1 || { log_tail kafka; die "kafka storage format failed"; }
  fi
  (cd "$DATA/kafka" || exit
    nohup java -Dvtry.root="$ROOT" -Xms256m -Xmx512m \
    -Dorg.slf4j.simpleLogger.showDateTime=true \
    -Dorg.slf4j.simpleLogger.dateTimeFormat="yyyy-MM-dd HH:mm:ss.SSS" \
    -cp "$LIB/kafka/*" kafka.Kafka "$CONF/kafka.properties" \
    </dev/null >>"$LOGS/kafka.log" 2>&1 &
    echo $! >"$PIDS/kafka.pid")
}

await_kafka() {
  local pid
  pid=$(head -n1 "$PIDS/kafka.pid" 2>/dev/null || true)
  wait_port kafka "$KAFKA_PORT" "$pid" 90
  create_topics
}

# All topics in one JVM through the AdminClient (TopicCommand costs a JVM per
# topic). The class is compiled once into .vtry/lib/tools.
create_topics() {
  local src=$VTRY_HOME/$CREATE_TOPICS_SRC cls=$LIB/tools/CreateTopics.class out
  if [[ ! -e $cls || $src -nt $cls ]]; then
    mkdir -p "$LIB/tools"
    javac -nowarn -d "$LIB/tools" -cp "$LIB/kafka/*" "$src" || die "could not compile $CREATE_TOPICS_SRC"
  fi
  out=$(java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$LIB/tools:$LIB/kafka/*" CreateTopics \
    "127.0.0.1:$KAFKA_PORT" "$VTRY_HOME/$TOPICS_FILE" 6 2>&1) \
    || { printf '%s\n' "$out" >&2; die "could not create the Kafka topics"; }
  info "$out"
}

# The dead-letter topics: what waits in each, and sending it back once the cause is fixed
# (docs/operations.md, "Dead letters").
dead_letters() {
  local src=$VTRY_HOME/$DEAD_LETTERS_SRC cls=$LIB/tools/DeadLetters.class
  if [[ ! -e $cls || $src -nt $cls ]]; then
    mkdir -p "$LIB/tools"
    javac -nowarn -d "$LIB/tools" -cp "$LIB/kafka/*" "$src" || die "could not compile $DEAD_LETTERS_SRC"
  fi
  java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$LIB/tools:$LIB/kafka/*" DeadLetters \
    "127.0.0.1:$KAFKA_PORT" "$@"
}

list_topics() {
  java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$LIB/tools:$LIB/kafka/*" CreateTopics \
    "127.0.0.1:$KAFKA_PORT" --list
}

# ---------------------------------------------------------------- s3proxy

launch_s3proxy() {
  local jar=$LIB/s3proxy/s3proxy-jar-with-dependencies.jar
  if [[ -n $(running_pid s3proxy) ]]; then
    info "s3proxy already running (127.0.0.1:$S3_PORT)"
    check_listens s3proxy "$S3_PORT" "$(running_pid s3proxy)"
    return 0
  fi
  require_free_port s3proxy "$S3_PORT"
  say "starting s3proxy (127.0.0.1:$S3_PORT)"
  echo "==== $(date '+%F %T') ./vtry starts s3proxy" >>"$LOGS/s3proxy.log"
  # With the filesystem backend a bucket is just a directory.
  mkdir -p "$DATA/s3/vtry"
  cat >"$CONF/s3proxy.properties" <<EOF
# written by ./vtry on each start
s3proxy.endpoint=http://127.0.0.1:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=vtry
s3proxy.credential=vtrysecret
jclouds.provider=filesystem
jclouds.filesystem.basedir=$DATA/s3
EOF
  (cd "$DATA/s3" || exit
    nohup java -Dvtry.root="$ROOT" -Xmx256m -jar "$jar" \
    --properties "$CONF/s3proxy.properties" </dev/null >>"$LOGS/s3proxy.log" 2>&1 &
    echo $! >"$PIDS/s3proxy.pid")
}

await_s3proxy() {
  local pid
  pid=$(head -n1 "$PIDS/s3proxy.pid" 2>/dev/null || true)
  wait_port s3proxy "$S3_PORT" "$pid" 60
}

# ---------------------------------------------------------------- secrets

# Generated once per stack; the services get paths and values via env.
ensure_secrets() {
  mkdir -p -m 700 "$SECRETS"
  local old_umask
  old_umask=$(umask)
  umask 077
  if [[ ! -s $SECRETS/jwt-private.pem ]]; then
    say "generating secrets in ${SECRETS#"$VTRY_HOME"/}"
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$SECRETS/jwt-private.pem" 2>/dev/null
    rm -f "$SECRETS/jwt-public.pem"
  fi
  [[ -s $SECRETS/jwt-public.pem ]] || openssl pkey -in "$SECRETS/jwt-private.pem" -pubout -out "$SECRETS/jwt-public.pem"
  [[ -s $SECRETS/admin-token ]] || openssl rand -hex 32 >"$SECRETS/admin-token"
  [[ -s $SECRETS/link-secret ]] || openssl rand -hex 32 >"$SECRETS/link-secret"
  chmod 600 "$SECRETS"/*
  umask "$old_umask"
}

# ---------------------------------------------------------------- whole infra

infra_up() {
  install_missing
  ensure_layout
  ensure_secrets
  local t0
  t0=$(now)
  # The JVMs boot while postgres and redis start: ~half the cold start time.
  launch_s3proxy
  launch_kafka
  start_postgres
  start_redis
  await_s3proxy
  await_kafka
  say "infrastructure of the $STACK stack ready in $(( $(now) - t0 ))s"
}

infra_down() {
  stop_pids 30 s3proxy kafka
  stop_redis
  stop_postgres
  if [[ -d $(pg_sockdir) && $(pg_sockdir) == /tmp/vtry-pg-* ]]; then rm -rf "$(pg_sockdir)"; fi
  return 0
}
