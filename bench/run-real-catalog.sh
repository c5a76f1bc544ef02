#!/usr/bin/env bash
# The real-catalog benchmark (bench/real-catalog.mjs): the example backend
# with a generated catalog of 10,000 components, with and without Reliability
# Kit's backend packages, on SQLite and on a throwaway PostgreSQL
# (scripts/services.sh start_postgres, 127.0.0.1:${RELIABILITY_PG_PORT:-54398}).
# Takes about 45 minutes; not part of CI. Results in docs/performance.md.
#
#   ./bench/run-real-catalog.sh                 # SQLite and PostgreSQL
#   BENCH_DBS=sqlite ./bench/run-real-catalog.sh
#   BENCH_PORT=7402 BENCH_WINDOW_S=180 BENCH_ENTITIES=10000 ./bench/run-real-catalog.sh
export RELIABILITY_RUN_DIR="${RELIABILITY_RUN_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.local/run-real-catalog-bench}"
export RELIABILITY_PG_PORT="${RELIABILITY_PG_PORT:-54398}"
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
ensure_deps
source "$ROOT/scripts/services.sh"

mkdir -p "$RUN_DIR"
BENCH_DBS="${BENCH_DBS:-sqlite,pg}"
if [[ "$BENCH_DBS" == *pg* ]]; then
  start_postgres
  trap '"${PG_STOP[@]}" >/dev/null 2>&1' EXIT
fi

# The generated catalog and the SQLite files live in memory (/dev/shm) when
# it is there: on a shared machine, SQLite's disk syncs otherwise dominate
# ingestion (the CPU figures do not depend on it). Reports and logs are
# copied to $RUN_DIR/catalog.
if [ -z "${BENCH_RUN_DIR:-}" ]; then
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then
    BENCH_RUN_DIR=/dev/shm/reliability-real-catalog-bench
  else
    BENCH_RUN_DIR="$RUN_DIR/catalog"
  fi
fi
cd "$ROOT" && BENCH_DBS="$BENCH_DBS" BENCH_PG_URL="${PG_URL:-}" \
  BENCH_RUN_DIR="$BENCH_RUN_DIR" node bench/real-catalog.mjs
status=$?
if [ "$BENCH_RUN_DIR" != "$RUN_DIR/catalog" ]; then
  mkdir -p "$RUN_DIR/catalog"
  cp "$BENCH_RUN_DIR"/*.md "$BENCH_RUN_DIR"/*.json "$BENCH_RUN_DIR"/*.log "$RUN_DIR/catalog/" 2>/dev/null
  rm -rf "$BENCH_RUN_DIR"
fi
exit $status
