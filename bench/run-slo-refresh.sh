#!/usr/bin/env bash
# The SLO refresh benchmark (bench/slo-refresh.ts) against the real
# Prometheus of scripts/prometheus.sh (127.0.0.1:${RELIABILITY_PROM_BENCH_PORT:-19091}),
# for each N in $BENCH_SIZES (default "1000 10000") and each database in
# $BENCH_DBS (default "file memory postgres"; file-wal, which the store's WAL
# made the same as file, is also accepted; see --db in bench/slo-refresh.ts;
# $BENCH_SQLITE is the old name). For postgres it starts a throwaway
# PostgreSQL (scripts/services.sh start_postgres, with fsync=off) on
# 127.0.0.1:${RELIABILITY_PG_PORT:-54409}. Both servers run under
# ${RELIABILITY_RUN_DIR:-.local/run-slo-bench}. Results: a JSON file and a
# Markdown table per N and database in $BENCH_OUT (default .local/bench/,
# whose earlier slo-refresh-* results are removed first), and at the end the
# tables of docs/performance.md (bench/slo-refresh-report.mjs).
#
#   ./bench/run-slo-refresh.sh                      # what docs/performance.md reports
#   BENCH_SIZES=1000 BENCH_DBS=file ./bench/run-slo-refresh.sh
#   ./bench/run-slo-refresh.sh --requests 500       # extra args go to the script
#   BENCH_CPU_PROF=1 ./bench/run-slo-refresh.sh     # also V8 CPU profiles, read
#                                                   # with bench/cpuprofile-top.mjs
#
# Everything listens on 127.0.0.1 only; Prometheus and PostgreSQL are stopped
# on exit.
export RELIABILITY_RUN_DIR="${RELIABILITY_RUN_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.local/run-slo-bench}"
export RELIABILITY_PG_PORT="${RELIABILITY_PG_PORT:-54409}"
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
source "$ROOT/scripts/services.sh"
source "$ROOT/scripts/prometheus.sh"

OUT="${BENCH_OUT:-$ROOT/.local/bench}"
DBS="${BENCH_DBS:-${BENCH_SQLITE:-file memory postgres}}"
mkdir -p "$OUT" "$RUN_DIR"
rm -f "$OUT"/slo-refresh-*.json "$OUT"/slo-refresh-*.md
trap 'stop_prometheus bench; if [ -n "${PG_STOP+x}" ]; then "${PG_STOP[@]}" >/dev/null 2>&1 || true; fi' EXIT

if [[ " $DBS " == *" postgres "* ]]; then
  start_postgres
  export SLO_BENCH_PG_URL="$PG_URL"
fi

for n in ${BENCH_SIZES:-1000 10000}; do
  echo "==> N = $n"
  start_prometheus bench "$n"
  for mode in $DBS; do
    node_flags=(--expose-gc --require "$ROOT/node_modules/@backstage/cli/config/nodeTransform.cjs")
    if [ -n "${BENCH_CPU_PROF:-}" ]; then
      node_flags+=(--cpu-prof --cpu-prof-dir "$OUT/cpuprofile-$n-$mode")
    fi
    (cd "$ROOT" && node "${node_flags[@]}" bench/slo-refresh.ts --db "$mode" \
      --json "$OUT/slo-refresh-$n-$mode.json" --markdown "$OUT/slo-refresh-$n-$mode.md" "$@")
    echo
  done
  stop_prometheus bench
done

echo "==> results (node bench/slo-refresh-report.mjs $OUT)"
node "$ROOT/bench/slo-refresh-report.mjs" "$OUT"
