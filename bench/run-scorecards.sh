#!/usr/bin/env bash
# The readiness and scorecard benchmark (bench/scorecards.ts): SQLite, and a
# throwaway PostgreSQL (scripts/services.sh start_postgres) on
# 127.0.0.1:${RELIABILITY_PG_PORT:-54399} under ${RELIABILITY_RUN_DIR:-.local/run-scorecard-bench}.
# Extra arguments go to the script (--entities, --checks, --samples).
#
#   ./bench/run-scorecards.sh
#   ./bench/run-scorecards.sh --entities 1000 --checks 10
export RELIABILITY_RUN_DIR="${RELIABILITY_RUN_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.local/run-scorecard-bench}"
export RELIABILITY_PG_PORT="${RELIABILITY_PG_PORT:-54399}"
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
source "$ROOT/scripts/services.sh"

mkdir -p "$RUN_DIR"
start_postgres
trap '"${PG_STOP[@]}" >/dev/null 2>&1' EXIT

cd "$ROOT" && SCORECARD_BENCH_PG_URL="$PG_URL" node \
  --require "$ROOT/node_modules/@backstage/cli/config/nodeTransform.cjs" \
  bench/scorecards.ts "$@"
