#!/usr/bin/env bash
# The fleet query benchmark (bench/fleet-queries.ts): SQLite, and a
# throwaway PostgreSQL (scripts/services.sh start_postgres) on
# 127.0.0.1:${RELIABILITY_PG_PORT:-54389} under ${RELIABILITY_RUN_DIR:-.local/run-fleet-bench}.
# Extra arguments go to the script (--entities, --requests, --warmup).
#
#   ./bench/run-fleet-queries.sh
#   ./bench/run-fleet-queries.sh --entities 1000 --requests 100
source "$(dirname "${BASH_SOURCE[0]}")/benchPostgres.sh"
run_bench_with_postgres run-fleet-bench 54389 FLEET_BENCH_PG_URL bench/fleet-queries.ts "$@"
