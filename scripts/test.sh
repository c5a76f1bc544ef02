#!/usr/bin/env bash
# Installs what is missing and runs every test: type-check, lint, unit and
# store tests (SQLite and PostgreSQL), and the browser tests (Debian's
# Chromium against the built app served by the backend).
#
#   scripts/test.sh            everything
#   scripts/test.sh --no-e2e   everything but the browser tests
source "$(dirname "$0")/env.sh"
RUN_E2E=1
for arg in "$@"; do
  case "$arg" in
    --no-e2e) RUN_E2E=0 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

step() { echo; echo "==> $*"; }

ensure_deps
source "$ROOT/scripts/services.sh"
source "$ROOT/scripts/prometheus.sh"
source "$ROOT/scripts/alertmanager.sh"
ensure_apt_packages
ensure_prometheus_packages
ensure_alertmanager_packages

cd "$ROOT"
step "type-check"
yarn tsc --noEmit

step "lint"
yarn backstage-cli repo lint
yarn prettier --check --loglevel warn .

step "PostgreSQL, Prometheus and Alertmanager on 127.0.0.1"
trap 'stop_alertmanager >/dev/null 2>&1; stop_prometheus fixtures >/dev/null 2>&1; stop_services' EXIT
start_postgres
start_prometheus fixtures
start_alertmanager

step "unit, store and integration tests (SQLite, PostgreSQL, Prometheus, Alertmanager)"
BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="$PG_URL" \
  RELIABILITY_REQUIRE_POSTGRES=1 \
  RELIABILITY_REQUIRE_PROMETHEUS=1 \
  RELIABILITY_REQUIRE_ALERTMANAGER=1 \
  yarn backstage-cli repo test --watchAll=false --ci

step "two backend replicas on one PostgreSQL"
bash "$ROOT/scripts/multi-replica-test.sh"

if [ "$RUN_E2E" = 1 ]; then
  step "browser tests"
  build_app
  start_backend_for_e2e
  node --test --test-concurrency=1 'e2e/*.test.mjs'
fi
