#!/usr/bin/env bash
# Reliability Kit against its peers, side by side, in one run:
# - PagerDuty: @pagerduty/backstage-plugin-backend and ours against the same
#   PagerDuty double (bench/peers-pagerduty.ts);
# - Tech Insights: @backstage-community/plugin-tech-insights-backend with
#   -backend-module-jsonfc and our scorecards on the same catalog of 1,000
#   and 10,000 entities (bench/peers-techinsights.ts).
# The peers are installed on demand with npm into bench/peers/ only (its own
# package.json; never the workspace's dependencies nor CI's install).
# Prints the ratio table of docs/performance.md; the raw JSON goes to
# ${BENCH_OUT:-.local/bench}/peers-*.json.
#
#   ./bench/run-peers.sh
#   PEERS_TI_SIZES=1000 PEERS_PD_VIEWS=50 ./bench/run-peers.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
OUT="${BENCH_OUT:-$ROOT/.local/bench}"
PEERS="$ROOT/bench/peers"
mkdir -p "$OUT"

stamp="$PEERS/node_modules/.bench-peers-installed"
sum="$(sha256sum "$PEERS/package.json" | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$sum" ]; then
  echo "==> installing the peers into bench/peers (npm)"
  (cd "$PEERS" && npm install --no-audit --no-fund --no-package-lock --loglevel=error)
  echo "$sum" >"$stamp"
fi

node_flags=(--require "$ROOT/node_modules/@backstage/cli/config/nodeTransform.cjs")
cd "$ROOT"
echo "==> PagerDuty (load average $(cut -d' ' -f1-3 /proc/loadavg))"
node "${node_flags[@]}" bench/peers-pagerduty.ts --json "$OUT/peers-pagerduty.json" >/dev/null
echo "==> Tech Insights (load average $(cut -d' ' -f1-3 /proc/loadavg))"
node "${node_flags[@]}" bench/peers-techinsights.ts --json "$OUT/peers-techinsights.json"
echo "==> results (node bench/peers-report.mjs $OUT)"
node bench/peers-report.mjs "$OUT"
