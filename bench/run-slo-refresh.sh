#!/usr/bin/env bash
# The SLO refresh benchmark (bench/slo-refresh.ts) against the real
# Prometheus of scripts/prometheus.sh, for each N in $BENCH_SIZES (default
# "1000 10000") and each SQLite mode in $BENCH_SQLITE (default
# "file memory file-wal"; see --sqlite in bench/slo-refresh.ts). Results: a
# JSON file and a Markdown table per N and mode in $BENCH_OUT (default
# .local/bench/, whose earlier slo-refresh-* results are removed first), and
# at the end the tables of docs/performance.md (bench/slo-refresh-report.mjs).
#
#   ./bench/run-slo-refresh.sh                      # what docs/performance.md reports
#   BENCH_SIZES=1000 BENCH_SQLITE=file ./bench/run-slo-refresh.sh
#   ./bench/run-slo-refresh.sh --requests 500       # extra args go to the script
#   BENCH_CPU_PROF=1 ./bench/run-slo-refresh.sh     # also V8 CPU profiles, read
#                                                   # with bench/cpuprofile-top.mjs
#
# Everything listens on 127.0.0.1 only; Prometheus is stopped on exit.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
source "$ROOT/scripts/services.sh"
source "$ROOT/scripts/prometheus.sh"

OUT="${BENCH_OUT:-$ROOT/.local/bench}"
mkdir -p "$OUT" "$RUN_DIR"
rm -f "$OUT"/slo-refresh-*.json "$OUT"/slo-refresh-*.md
trap 'stop_prometheus bench' EXIT

for n in ${BENCH_SIZES:-1000 10000}; do
  echo "==> N = $n"
  start_prometheus bench "$n"
  for mode in ${BENCH_SQLITE:-file memory file-wal}; do
    node_flags=(--expose-gc --require "$ROOT/node_modules/@backstage/cli/config/nodeTransform.cjs")
    if [ -n "${BENCH_CPU_PROF:-}" ]; then
      node_flags+=(--cpu-prof --cpu-prof-dir "$OUT/cpuprofile-$n-$mode")
    fi
    (cd "$ROOT" && node "${node_flags[@]}" bench/slo-refresh.ts --sqlite "$mode" \
      --json "$OUT/slo-refresh-$n-$mode.json" --markdown "$OUT/slo-refresh-$n-$mode.md" "$@")
    echo
  done
  stop_prometheus bench
done

echo "==> results (node bench/slo-refresh-report.mjs $OUT)"
node "$ROOT/bench/slo-refresh-report.mjs" "$OUT"
