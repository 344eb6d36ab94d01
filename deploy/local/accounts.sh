# shellcheck shell=bash
# Client of the gateway's admin API (X-Admin-Token) for the `up` stack:
# the demo account of `./vtry up` and the account/key/plan/member commands.

DEMO_EMAIL=demo@vtry.local
DEMO_PLAN=pro

gateway_url() { echo "http://127.0.0.1:$GATEWAY_PORT"; }

require_gateway() {
  [[ -s $SECRETS/admin-token ]] || die "the stack has never been started here: run ./vtry up"
  [[ $(http_status "$(gateway_url)/q/health/ready") == 200 ]] \
    || die "the api-gateway is not running on $(gateway_url): start the stack with ./vtry up (./vtry status shows what runs)"
}

# Emails go into JSON and URL paths: keep to a plain address.
check_email() {
  [[ $1 =~ ^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+$ ]] || die "not an email address: '$1'"
}
check_plan() {
  case $1 in free|pro|ultra) ;; *) die "unknown plan '$1' (free, pro or ultra)" ;; esac
}

urlencode() {
  local s=$1 out="" c i
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case $c in [A-Za-z0-9._~@-]) out+=$c ;; *) out+=$(printf '%%%02X' "'$c") ;; esac
  done
  echo "$out"
}

# admin_call METHOD PATH [JSON]: sets ADMIN_STATUS and ADMIN_BODY.
admin_call() {
  local method=$1 path=$2 body=${3:-} out args=()
  out=$(mktemp)
  args=(-s -m 30 -o "$out" -w '%{http_code}' -X "$method"
        -H "X-Admin-Token: $(cat "$SECRETS/admin-token")" -H 'Accept: application/json')
  [[ -n $body ]] && args+=(-H 'Content-Type: application/json' --data "$body")
  ADMIN_STATUS=$(curl "${args[@]}" "http://127.0.0.1:$ADMIN_PORT/admin$path" || true)
  ADMIN_BODY=$(cat "$out")
  rm -f "$out"
}

# First string value of "NAME" in a JSON document (enough for our responses).
json_string() {
  sed -n 's/.*"'"$1"'"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' <<<"$2" | head -n1
}

admin_fail() {
  die "$1 failed: HTTP ${ADMIN_STATUS:-no answer}${ADMIN_BODY:+ $ADMIN_BODY}"
}

# Prints the key of a successful call alone on the last line of stdout.
print_key_from_body() {
  local key
  key=$(json_string apiKey "$ADMIN_BODY")
  [[ -n $key ]] || die "the gateway answered without an apiKey: $ADMIN_BODY"
  printf '%s\n' "$key"
}

# ---------------------------------------------------------------- demo account

# Keys are stored hashed and shown once: keep the demo key in secrets/ at
# creation so that every `./vtry up` prints the same one.
ensure_demo_account() {
  local keyfile=$SECRETS/demo-api-key key
  if [[ -s $keyfile ]]; then return 0; fi
  admin_call POST /accounts "{\"email\":\"$DEMO_EMAIL\",\"plan\":\"$DEMO_PLAN\"}"
  case $ADMIN_STATUS in
    200|201) say "created the demo account $DEMO_EMAIL (plan $DEMO_PLAN)" ;;
    409)
      # Exists but its key was not kept here: issue a new one.
      say "demo account exists; rotating its key to store it"
      admin_call POST "/accounts/$(urlencode "$DEMO_EMAIL")/key:rotate"
      [[ $ADMIN_STATUS == 200 || $ADMIN_STATUS == 201 ]] || admin_fail "rotating the demo key"
      ;;
    *) admin_fail "creating the demo account" ;;
  esac
  key=$(json_string apiKey "$ADMIN_BODY")
  [[ -n $key ]] || die "the gateway answered without an apiKey: $ADMIN_BODY"
  (umask 077 && printf '%s\n' "$key" >"$keyfile")
}

print_welcome() {
  local url=${VTRY_PUBLIC_URL:-http://localhost:$GATEWAY_PORT}
  cat <<EOF

Vtry is running.
  gateway:       $url   (API under /api/v1, OpenAPI at /q/openapi)
  web console:   $url/console/   (sign in with the API key below)
  demo account:  $DEMO_EMAIL (plan $DEMO_PLAN)
  demo API key:  $(cat "$SECRETS/demo-api-key")

  (the key is kept in .vtry/secrets/demo-api-key; GET $url/api/v1/me shows its account)
  more:  ./vtry status | ./vtry logs api-gateway | ./vtry account create --email you@example.com | ./vtry down
EOF
}

# ---------------------------------------------------------------- commands

# Parses --email/--plan/--owner into OPT_EMAIL/OPT_PLAN/OPT_OWNER.
parse_opts() {
  OPT_EMAIL="" OPT_PLAN="" OPT_OWNER=""
  while [[ $# -gt 0 ]]; do
    case $1 in
      --email) OPT_EMAIL=${2:-}; shift 2 || die "--email needs a value" ;;
      --email=*) OPT_EMAIL=${1#*=}; shift ;;
      --plan) OPT_PLAN=${2:-}; shift 2 || die "--plan needs a value" ;;
      --plan=*) OPT_PLAN=${1#*=}; shift ;;
      --owner) OPT_OWNER=${2:-}; shift 2 || die "--owner needs a value" ;;
      --owner=*) OPT_OWNER=${1#*=}; shift ;;
      *) die "unknown option '$1' (see ./vtry help)" ;;
    esac
  done
}

need() { [[ -n $2 ]] || die "missing $1 (see ./vtry help)"; }

cmd_account() {
  local sub=${1:-}; shift || true
  case $sub in
    create)
      parse_opts "$@"; need --email "$OPT_EMAIL"; check_email "$OPT_EMAIL"
      OPT_PLAN=${OPT_PLAN:-free}; check_plan "$OPT_PLAN"
      require_gateway
      admin_call POST /accounts "{\"email\":\"$OPT_EMAIL\",\"plan\":\"$OPT_PLAN\"}"
      case $ADMIN_STATUS in
        200|201) ;;
        409) die "an account with email $OPT_EMAIL already exists (./vtry key rotate --email $OPT_EMAIL issues a new key)" ;;
        *) admin_fail "account create" ;;
      esac
      echo "account $OPT_EMAIL created (plan $OPT_PLAN, user $(json_string userId "$ADMIN_BODY")); its API key, shown once:"
      print_key_from_body
      ;;
    list)
      require_gateway
      admin_call GET /accounts
      [[ $ADMIN_STATUS == 200 ]] || admin_fail "account list"
      print_accounts "$ADMIN_BODY"
      ;;
    *) die "usage: ./vtry account create --email E [--plan free|pro|ultra] | ./vtry account list" ;;
  esac
}

# A table if python3 is there, the raw JSON otherwise.
print_accounts() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c '
import json, sys
rows = json.load(sys.stdin).get("accounts", [])
fmt = "%-32s %-6s %-38s %-38s %s"
print(fmt % ("EMAIL", "PLAN", "USER", "WORKSPACE", "CREATED"))
for a in rows:
    print(fmt % tuple(str(a.get(k, "")) for k in ("email", "planId", "userId", "workspaceId", "createdAt")))
' <<<"$1" || printf '%s\n' "$1"
  else
    printf '%s\n' "$1"
  fi
}

cmd_key() {
  local sub=${1:-}; shift || true
  parse_opts "$@"; need --email "$OPT_EMAIL"; check_email "$OPT_EMAIL"
  require_gateway
  case $sub in
    rotate)
      admin_call POST "/accounts/$(urlencode "$OPT_EMAIL")/key:rotate"
      [[ $ADMIN_STATUS == 200 || $ADMIN_STATUS == 201 ]] || admin_fail "key rotate"
      # The demo key file must keep working for `./vtry up`.
      if [[ $OPT_EMAIL == "$DEMO_EMAIL" ]]; then
        (umask 077 && json_string apiKey "$ADMIN_BODY" >"$SECRETS/demo-api-key")
      fi
      echo "new API key of $OPT_EMAIL (the old one no longer works), shown once:"
      print_key_from_body
      ;;
    revoke)
      admin_call POST "/accounts/$(urlencode "$OPT_EMAIL")/key:revoke"
      [[ $ADMIN_STATUS == 200 ]] || admin_fail "key revoke"
      [[ $OPT_EMAIL == "$DEMO_EMAIL" ]] && rm -f "$SECRETS/demo-api-key"
      echo "revoked $(sed -n 's/.*"revoked"[[:space:]]*:[[:space:]]*\([0-9]*\).*/\1/p' <<<"$ADMIN_BODY") key(s) of $OPT_EMAIL"
      ;;
    *) die "usage: ./vtry key rotate|revoke --email E" ;;
  esac
}

cmd_plan() {
  [[ ${1:-} == set ]] || die "usage: ./vtry plan set --email E --plan free|pro|ultra"
  shift
  parse_opts "$@"; need --email "$OPT_EMAIL"; need --plan "$OPT_PLAN"
  check_email "$OPT_EMAIL"; check_plan "$OPT_PLAN"
  require_gateway
  admin_call PUT "/accounts/$(urlencode "$OPT_EMAIL")/plan" "{\"plan\":\"$OPT_PLAN\"}"
  [[ $ADMIN_STATUS == 200 || $ADMIN_STATUS == 204 ]] || admin_fail "plan set"
  echo "plan of $OPT_EMAIL is now $OPT_PLAN"
}

cmd_member() {
  [[ ${1:-} == add ]] || die "usage: ./vtry member add --owner E --email M"
  shift
  parse_opts "$@"; need --owner "$OPT_OWNER"; need --email "$OPT_EMAIL"
  check_email "$OPT_OWNER"; check_email "$OPT_EMAIL"
  require_gateway
  admin_call POST "/accounts/$(urlencode "$OPT_OWNER")/members" "{\"email\":\"$OPT_EMAIL\"}"
  case $ADMIN_STATUS in
    200|201) ;;
    409) die "$OPT_EMAIL already has an account or is already a member" ;;
    *) admin_fail "member add" ;;
  esac
  echo "$OPT_EMAIL added to the workspace of $OPT_OWNER; its API key, shown once:"
  print_key_from_body
}
