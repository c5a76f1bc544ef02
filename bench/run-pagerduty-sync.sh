#!/usr/bin/env bash
# The PagerDuty sync benchmark (bench/pagerduty-sync.ts): the PagerDuty
# provider, and the alert-quality collector over it (batched and per entity),
# against the PagerDuty double served on 127.0.0.1 (an ephemeral port;
# nothing leaves the machine), 50,000 incidents across 1,000 services over
# 90 days by default. Results: a JSON file and a Markdown table in
# $BENCH_OUT (default .local/bench/), and on stdout.
#
#   ./bench/run-pagerduty-sync.sh                        # what docs/performance.md reports
#   ./bench/run-pagerduty-sync.sh --no-per-entity        # skip the one-sync-per-entity runs
#                                                        # (provider and collector fallback)
#   ./bench/run-pagerduty-sync.sh --services 100 --incidents 5000
#   BENCH_CPU_PROF=1 ./bench/run-pagerduty-sync.sh       # also a V8 CPU profile, read
#                                                        # with bench/cpuprofile-top.mjs
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"

OUT="${BENCH_OUT:-$ROOT/.local/bench}"
mkdir -p "$OUT"

node_flags=(--require "$ROOT/node_modules/@backstage/cli/config/nodeTransform.cjs")
if [ -n "${BENCH_CPU_PROF:-}" ]; then
  node_flags+=(--cpu-prof --cpu-prof-dir "$OUT/cpuprofile-pagerduty-sync")
fi
cd "$ROOT"
node "${node_flags[@]}" bench/pagerduty-sync.ts \
  --json "$OUT/pagerduty-sync.json" --markdown "$OUT/pagerduty-sync.md" "$@"
echo "==> results in $OUT/pagerduty-sync.json and $OUT/pagerduty-sync.md"
