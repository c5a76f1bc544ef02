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
exec "$(dirname "${BASH_SOURCE[0]}")/run-node-bench.sh" scorecards SCORECARD_BENCH_PG_URL "$@"
