#!/usr/bin/env bash
# Runs a database benchmark (bench/<name>.ts) on SQLite and a throwaway
# PostgreSQL (scripts/services.sh start_postgres) on
# 127.0.0.1:${RELIABILITY_PG_PORT:-54389} under ${RELIABILITY_RUN_DIR:-.local/run-<name>},
# whose URL it passes in the environment variable <pg-url-variable>.
#
#   ./bench/run-node-bench.sh <name> <pg-url-variable> [script arguments]
name="$1"
url_variable="$2"
shift 2
export RELIABILITY_RUN_DIR="${RELIABILITY_RUN_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.local/run-$name}"
export RELIABILITY_PG_PORT="${RELIABILITY_PG_PORT:-54389}"
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
source "$ROOT/scripts/services.sh"

mkdir -p "$RUN_DIR"
start_postgres
trap '"${PG_STOP[@]}" >/dev/null 2>&1' EXIT

cd "$ROOT" && env "$url_variable=$PG_URL" node \
  --require "$ROOT/node_modules/@backstage/cli/config/nodeTransform.cjs" \
  "bench/$name.ts" "$@"
