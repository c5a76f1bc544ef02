#!/usr/bin/env bash
# The readiness and scorecard benchmark (bench/scorecards.ts): SQLite, and a
# throwaway PostgreSQL (scripts/services.sh start_postgres) on
# 127.0.0.1:${RELIABILITY_PG_PORT:-54399} under ${RELIABILITY_RUN_DIR:-.local/run-scorecard-bench}.
# Extra arguments go to the script (--entities, --checks, --samples).
#
#   ./bench/run-scorecards.sh
#   ./bench/run-scorecards.sh --entities 1000 --checks 10
source "$(dirname "${BASH_SOURCE[0]}")/benchPostgres.sh"
run_bench_with_postgres run-scorecard-bench 54399 SCORECARD_BENCH_PG_URL bench/scorecards.ts "$@"
