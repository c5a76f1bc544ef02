#!/usr/bin/env bash
# Installs what is missing and runs every test: type-check, lint, unit and
# store tests (SQLite and PostgreSQL), and the browser tests (Debian's
# Chromium against the built app served by the backend).
#
#   scripts/test.sh            everything
#   scripts/test.sh --no-e2e   everything but the browser tests
source "$(dirname "$0")/env.sh"
RUN_E2E=1
# The second run of the unit and store tests: a year and more ahead, in a zone
# whose offset is not a whole hour (UTC+05:45).
SHIFT_DAYS="${RELIABILITY_SHIFT_DAYS:-400}"
SHIFT_TZ="${RELIABILITY_SHIFT_TZ:-Asia/Kathmandu}"
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
source "$ROOT/scripts/victoriametrics.sh"
ensure_apt_packages
ensure_prometheus_packages
ensure_alertmanager_packages

cd "$ROOT"
step "type-check"
yarn tsc --noEmit

step "lint"
yarn backstage-cli repo lint
yarn prettier --check --loglevel warn .

step "API reports"
yarn build:api-reports:ci

step "PostgreSQL, Prometheus, VictoriaMetrics and Alertmanager on 127.0.0.1"
trap 'stop_alertmanager >/dev/null 2>&1; stop_victoriametrics >/dev/null 2>&1; stop_prometheus fixtures >/dev/null 2>&1; stop_services' EXIT
start_postgres
start_prometheus fixtures
start_victoriametrics
start_alertmanager

step "unit, store and integration tests (SQLite, PostgreSQL, Prometheus, VictoriaMetrics, Alertmanager)"
BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="$PG_URL" \
  RELIABILITY_REQUIRE_POSTGRES=1 \
  RELIABILITY_REQUIRE_PROMETHEUS=1 \
  RELIABILITY_REQUIRE_VICTORIAMETRICS=1 \
  RELIABILITY_REQUIRE_ALERTMANAGER=1 \
  yarn backstage-cli repo test --watchAll=false --ci

step "unit and store tests again, $SHIFT_DAYS days ahead in $SHIFT_TZ (no test may depend on today's date or the machine's time zone)"
run_shifted() {
  FAKETIME_DONT_FAKE_MONOTONIC=1 TZ="$SHIFT_TZ" faketime -f "+${SHIFT_DAYS}d" "$@"
}
# Refuse to pass when the shift did not take: the clock must really move.
shifted_year="$(run_shifted node -p 'new Date().getUTCFullYear()')"
shifted_offset="$(run_shifted node -p 'new Date().getTimezoneOffset()')"
if [ "$shifted_year" -le "$(date -u +%Y)" ] || [ "$shifted_offset" = 0 ]; then
  echo "faketime did not move the clock (year $shifted_year, offset $shifted_offset)" >&2
  exit 1
fi
echo "the tests' clock reads $(run_shifted node -p 'new Date().toString()')"
BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="$PG_URL" \
  RELIABILITY_REQUIRE_POSTGRES=1 \
  run_shifted yarn backstage-cli repo test --watchAll=false --ci \
  --testPathIgnorePatterns '/node_modules/' '/integration/'

step "two backend replicas on one PostgreSQL"
bash "$ROOT/scripts/multi-replica-test.sh"

step "production-style start: app-config.yaml + app-config.production.yaml, demo off"
bash "$ROOT/scripts/production-start-test.sh"

step "MCP actions: the example backend's MCP server through the MCP SDK client, against the HTTP API"
bash "$ROOT/scripts/mcp-actions-test.sh"

step "install into a stock Backstage app from the packed packages, following the README"
bash "$ROOT/scripts/install-test.sh"

if [ "$RUN_E2E" = 1 ]; then
  step "browser tests"
  build_app
  start_backend_for_e2e
  node --test --test-concurrency=1 'e2e/*.test.mjs'
fi
