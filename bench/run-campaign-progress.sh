#!/usr/bin/env bash
# The campaign progress benchmark (bench/campaign-progress.ts): SQLite, and
# a throwaway PostgreSQL (scripts/services.sh start_postgres) on
# 127.0.0.1:${RELIABILITY_PG_PORT:-54389} under ${RELIABILITY_RUN_DIR:-.local/run-campaign-bench}.
# Extra arguments go to the script (--entities, --requests).
#
#   ./bench/run-campaign-progress.sh
#   ./bench/run-campaign-progress.sh --entities 1000 --requests 20
export RELIABILITY_RUN_DIR="${RELIABILITY_RUN_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.local/run-campaign-bench}"
export RELIABILITY_PG_PORT="${RELIABILITY_PG_PORT:-54389}"
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
source "$ROOT/scripts/services.sh"

mkdir -p "$RUN_DIR"
start_postgres
trap '"${PG_STOP[@]}" >/dev/null 2>&1' EXIT

cd "$ROOT" && CAMPAIGN_BENCH_PG_URL="$PG_URL" node \
  --require "$ROOT/node_modules/@backstage/cli/config/nodeTransform.cjs" \
  bench/campaign-progress.ts "$@"
