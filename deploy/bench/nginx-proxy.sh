# shellcheck shell=bash
# A bare nginx in front of one upstream, for deploy/bench/gateway-overhead.sh: what a proxy hop costs
# on this machine, the anchor the gateway is measured against. One worker process, HTTP/1.1 with
# keep-alive to the upstream (up to 100 idle connections, as many as the gateway keeps per service,
# vtry.proxy.max-connections-per-service), no access log, no connection ever closed for its number of
# requests. The request goes on as the load generator sent it (its Authorization header included),
# with the Host a direct call would carry. nginx from the OS packages (apt-get install nginx); the
# system service is not used. Config, pid, logs and temp files live in a directory of their own.
#
# Source it, then:
#   nginx_start HOST:PORT   starts nginx in front of http://HOST:PORT on a free loopback port (or
#                           $NGINX_PORT) as a child of this shell; sets NGINX_URL, NGINX_PID, NGINX_DIR
#   nginx_pids              the master and its worker, for CPU accounting
#   nginx_stop              stops it, waits for it and removes its directory (safe to call twice: a trap)

NGINX_URL="" NGINX_PID="" NGINX_DIR=""

nginx_bin() {
  command -v nginx 2>/dev/null || { [[ -x /usr/sbin/nginx ]] && echo /usr/sbin/nginx; }
}

# The first of 100 ports from $1 (18090) that nothing on loopback answers (a port taken in the
# meantime makes nginx_start try the next one).
nginx_free_port() {
  local p from=${1:-18090}
  for ((p = from; p < from + 100; p++)); do
    (: >"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return 0; }
  done
  return 1
}

# Whether a process of ours runs: kill -0 also succeeds for one that exited and is not reaped yet.
nginx_alive() {
  local state
  state=$(awk '{ sub(/^.*\) /, ""); print $1 }' "/proc/$1/stat" 2>/dev/null || true)
  [[ -n $state && $state != Z ]]
}

nginx_config() { # UPSTREAM LISTEN_PORT DIR
  cat <<EOF
worker_processes 1;
pid $3/nginx.pid;
lock_file $3/nginx.lock;
error_log $3/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $3/tmp/body;
  proxy_temp_path $3/tmp/proxy;
  fastcgi_temp_path $3/tmp/fastcgi;
  uwsgi_temp_path $3/tmp/uwsgi;
  scgi_temp_path $3/tmp/scgi;
  keepalive_requests 1000000;
  upstream bench_upstream {
    server $1;
    keepalive 100;
    keepalive_requests 1000000;
  }
  server {
    listen 127.0.0.1:$2;
    location / {
      proxy_pass http://bench_upstream;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $1;
    }
  }
}
EOF
}

nginx_start() {
  local upstream=$1 bin port tries status
  bin=$(nginx_bin) || { echo "nginx is needed: apt-get install -y nginx (the OS package; its system service need not run)" >&2; return 1; }
  NGINX_DIR=$(mktemp -d "${TMPDIR:-/tmp}/vtry-bench-nginx.XXXXXX") || return 1
  # nginx makes its temp paths in tmp/, owned by the worker's user: started by root, that is nobody.
  mkdir "$NGINX_DIR/tmp" && chmod 711 "$NGINX_DIR" "$NGINX_DIR/tmp" || return 1
  port=${NGINX_PORT:-$(nginx_free_port)} || { echo "no free port from 18090 on for nginx: set NGINX_PORT" >&2; return 1; }
  for tries in 1 2 3; do
    nginx_config "$upstream" "$port" "$NGINX_DIR" >"$NGINX_DIR/nginx.conf"
    # daemon off: nginx stays this shell's child, so its pid is known now and a signal to the job reaches it.
    "$bin" -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" -g 'daemon off;' >>"$NGINX_DIR/error.log" 2>&1 &
    NGINX_PID=$!
    NGINX_URL=http://127.0.0.1:$port
    # nginx writes its pid file once it holds the port: only then is an answer there its own.
    for _ in $(seq 50); do
      nginx_alive "$NGINX_PID" || break
      if [[ -s $NGINX_DIR/nginx.pid ]]; then
        status=$(curl -s -o /dev/null -m 1 -w '%{http_code}' "$NGINX_URL/" 2>/dev/null || true)
        [[ $status != 000 ]] && return 0
      fi
      sleep 0.1
    done
    nginx_halt
    if [[ -z ${NGINX_PORT:-} ]] && grep -q 'Address already in use' "$NGINX_DIR/error.log"; then
      port=$(nginx_free_port $((port + 1))) || break
      continue
    fi
    break
  done
  echo "nginx did not start ($tries tries), its log:" >&2
  sed 's/^/  /' "$NGINX_DIR/error.log" >&2
  return 1
}

nginx_pids() {
  [[ -n $NGINX_PID ]] || return 0
  local workers
  workers=$(cat "/proc/$NGINX_PID/task/$NGINX_PID/children" 2>/dev/null || pgrep -P "$NGINX_PID" || true)
  # shellcheck disable=SC2086 # one pid a word
  printf '%s\n' "$NGINX_PID" $workers
}

# Fast shutdown (TERM: the worker goes with the master); KILL for both after 5 s.
nginx_halt() {
  [[ -n $NGINX_PID ]] || return 0
  local pids
  pids=$(nginx_pids)
  kill -TERM "$NGINX_PID" 2>/dev/null || true
  for _ in $(seq 50); do
    nginx_alive "$NGINX_PID" || break
    sleep 0.1
  done
  if nginx_alive "$NGINX_PID"; then
    # shellcheck disable=SC2086 # one pid a word
    kill -KILL $pids 2>/dev/null || true
  fi
  wait "$NGINX_PID" 2>/dev/null || true
  NGINX_PID=""
}

nginx_stop() {
  nginx_halt
  if [[ -n $NGINX_DIR ]]; then
    rm -rf "$NGINX_DIR"
    NGINX_DIR=""
  fi
}
