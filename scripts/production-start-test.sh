#!/usr/bin/env bash
# Production-style start: the example backend with app-config.yaml and
# app-config.production.yaml only (PostgreSQL from POSTGRES_* as in
# production; no demo overlay), on a throwaway PostgreSQL on 127.0.0.1.
# Checks that it starts, that demo mode is off (no synthetic SLOs or
# incidents, no seeds), and that it serves the reliability API.
# Prints "N passed, N failed"; exits non-zero when a check fails.
#
# Environment: PRODUCTION_START_PG_PORT (default 54392),
# PRODUCTION_START_PORT (default 7293). Takes about a minute.

source "$(dirname "$0")/env.sh"
set +e +o pipefail

export RELIABILITY_RUN_DIR="$ROOT/.local/production-start"
export RELIABILITY_PG_PORT="${PRODUCTION_START_PG_PORT:-54392}"
PORT="${PRODUCTION_START_PORT:-7293}"
TOKEN="production-start-test-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
# shellcheck source=services.sh
source "$ROOT/scripts/services.sh"

PASSED=0
FAILED=0
check() { # check DESCRIPTION COMMAND...
  local what="$1"
  shift
  if "$@"; then
    echo "  ok: $what"
    PASSED=$((PASSED + 1))
  else
    echo "  FAILED: $what"
    FAILED=$((FAILED + 1))
  fi
}

BACKEND_PID=""
cleanup() {
  if [ -n "$BACKEND_PID" ]; then
    kill -TERM -- "-$BACKEND_PID" 2>/dev/null || kill "$BACKEND_PID" 2>/dev/null
  fi
  stop_services
}
trap cleanup EXIT

rm -rf "$RUN_DIR"
mkdir -p "$RUN_DIR"
start_postgres >/dev/null
# A role of its own: the password is a secret the logger redacts, and the
# cluster's "reliability" would be redacted from every log line.
PROD_PASSWORD="pw-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
PGPASSWORD=reliability psql -q -h 127.0.0.1 -p "$RELIABILITY_PG_PORT" -U postgres \
  -c "create role rkprod login createdb password '$PROD_PASSWORD'" >/dev/null
export POSTGRES_HOST=127.0.0.1 POSTGRES_PORT="$RELIABILITY_PG_PORT" \
  POSTGRES_USER=rkprod POSTGRES_PASSWORD="$PROD_PASSWORD"

# Only what a test needs on top: a free port, and a static token to call the
# API as a service (the guest sign-in is for local use).
cat >"$RUN_DIR/test.yaml" <<YAML
app:
  baseUrl: http://127.0.0.1:$PORT
backend:
  baseUrl: http://127.0.0.1:$PORT
  # a string, like the production overlay's ':7007' (types must match)
  listen: 127.0.0.1:$PORT
  auth:
    externalAccess:
      - type: static
        options:
          token: $TOKEN
          subject: production-start-test
YAML

# From the repository root, as a production image runs it
# (node packages/backend --config app-config.yaml --config
# app-config.production.yaml): the overlay's paths are relative to it.
(cd "$ROOT" && NODE_ENV=production exec setsid node --no-node-snapshot \
  --require "$ROOT/node_modules/@backstage/cli-node/config/nodeTransform.cjs" \
  packages/backend/src/index.ts \
  --config app-config.yaml \
  --config app-config.production.yaml \
  --config "$RUN_DIR/test.yaml") >"$RUN_DIR/backend.log" 2>&1 &
BACKEND_PID=$!

api() { curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/reliability$1"; }
started=0
for _ in $(seq 1 300); do
  kill -0 "$BACKEND_PID" 2>/dev/null || break
  if curl -sf "http://127.0.0.1:$PORT/.backstage/health/v1/readiness" >/dev/null 2>&1 &&
    api /entities/component/default/checkout >/dev/null 2>&1; then
    started=1
    break
  fi
  sleep 1
done
log() { sed 's/\x1b\[[0-9;]*m//g' "$RUN_DIR/backend.log"; }
logs() { log | grep -q "$1"; }
no_logs() { ! logs "$1"; }
entity="$(api /entities/component/default/checkout)"
no_demo_answer() {
  printf '%s' "$entity" | grep -q '"tier"' &&
    ! printf '%s' "$entity" | grep -Eq '"demo": ?true'
}

echo "==> production-style start: app-config.yaml + app-config.production.yaml"
check "the backend starts on PostgreSQL and serves the reliability API" test "$started" = 1
check "SLOs are not collected from a demo provider" \
  logs 'reliability.demo.enabled is off: SLOs are not collected'
check "alert quality is not collected from a demo provider" \
  logs 'demo mode is off: alert quality is not collected'
check "nothing says the demo provider is in use" no_logs 'use the demo provider'
check "the demo's readiness seeds were not applied" no_logs 'Demo readiness:'
check "an entity's answer carries no demo data" no_demo_answer
if [ "$FAILED" -gt 0 ]; then
  echo "--- last lines of the backend log ($RUN_DIR/backend.log)"
  log | grep -v rootHttpRouter | tail -n 40
fi
echo "$PASSED passed, $FAILED failed"
exit "$FAILED"
