#!/usr/bin/env bash
# Helpers of scripts/test.sh: a throwaway single-node VictoriaMetrics
# (Debian's victoria-metrics) on 127.0.0.1, loaded with the same generated
# fixtures as the fixture Prometheus of scripts/prometheus.sh. Sourced after
# scripts/env.sh and scripts/services.sh (for ROOT, RUN_DIR and PIDS); it only
# defines functions.
#
#   start_victoriametrics   the SLO fixtures and the ALERTS history
#                           (scripts/prometheus/generate-openmetrics.mjs
#                           documents them) on
#                           127.0.0.1:${RELIABILITY_VICTORIAMETRICS_PORT:-19094};
#                           exports VICTORIAMETRICS_URL,
#                           VICTORIAMETRICS_FIXTURES, VICTORIAMETRICS_VERSION
#   stop_victoriametrics    stops ours, waiting until the port is free
#
# It lives in $RUN_DIR/victoriametrics/ (data/, fixtures.json,
# victoriametrics.pid, port) with its log in $RUN_DIR/victoriametrics.log. It
# never touches the system service that Debian's package may start (:8428,
# /var/lib/victoria-metrics). The samples go in through
# /api/v1/import/prometheus with their timestamps (the OpenMetrics file of
# the generator, its second timestamps turned into milliseconds), so the
# history is the Prometheus fixture's, sample for sample.

VICTORIAMETRICS_BIN=/usr/bin/victoria-metrics

start_victoriametrics() {
  local dir="$RUN_DIR/victoriametrics"
  local port="${RELIABILITY_VICTORIAMETRICS_PORT:-19094}"
  # Debian's victoria-metrics (ensure_apt_packages of scripts/services.sh
  # installs it too); a previous instance of ours goes first
  apt_install_if_missing "$VICTORIAMETRICS_BIN" victoria-metrics || return 1
  stop_victoriametrics
  claim_service_dir "$dir" "$RUN_DIR/victoriametrics.log" "$port" /health \
    RELIABILITY_VICTORIAMETRICS_PORT || return 1

  local end t0 t1 t2 t3
  end=$(($(date +%s) / 60 * 60))
  t0=$(date +%s%3N)
  if ! node "$ROOT/scripts/prometheus/generate-openmetrics.mjs" --out "$dir/input.om" \
    --fixtures "$dir/fixtures.json" --end "$end" 2>"$dir/generate.log"; then
    cat "$dir/generate.log" >&2
    return 1
  fi
  t1=$(date +%s%3N)

  # -retentionPeriod: the fixtures go 35 days back (the default keeps 1
  # month); -search.latencyOffset=0s: the fixtures end at the last whole
  # minute, and the default 30 s offset would hide the newest samples;
  # -search.disableCache: nothing is cached between the tests' queries;
  # -search.maxPointsPerTimeseries: a timeslices SLO over 30 days with
  # 1-minute slices is a subquery of 43 200 points (default limit 30 000).
  launch_service victoria-metrics "$dir/victoriametrics.pid" "$RUN_DIR/victoriametrics.log" \
    "http://127.0.0.1:$port/health" \
    "$VICTORIAMETRICS_BIN" \
    -httpListenAddr="127.0.0.1:$port" \
    -storageDataPath="$dir/data" \
    -retentionPeriod=2y \
    -search.latencyOffset=0s \
    -search.disableCache \
    -search.maxPointsPerTimeseries=100000 || return 1
  t2=$(date +%s%3N)

  # Prometheus text format with timestamps in milliseconds: drop the
  # comments (# TYPE, # HELP, # EOF), append 000 to every timestamp
  local code
  code="$(sed -E '/^#/d; s/ (-?[0-9]+)$/ \1000/' "$dir/input.om" |
    curl -s -o "$dir/import.out" -w '%{http_code}' -X POST --data-binary @- \
      "http://127.0.0.1:$port/api/v1/import/prometheus")"
  if [ "$code" != 204 ]; then
    echo "VictoriaMetrics refused the import (HTTP $code): $(head -c 500 "$dir/import.out")" >&2
    return 1
  fi
  curl -sf -o /dev/null "http://127.0.0.1:$port/internal/force_flush" || true
  rm -f "$dir/input.om"

  expect_query_value "$port" 'count(http_requests_total{service="checkout"})' "$end" 2 \
    "$RUN_DIR/victoriametrics.log" || return 1
  t3=$(date +%s%3N)
  export VICTORIAMETRICS_URL="http://127.0.0.1:$port"
  export VICTORIAMETRICS_FIXTURES="$dir/fixtures.json"
  VICTORIAMETRICS_VERSION="$(dpkg-query -W -f '${Version}' victoria-metrics 2>/dev/null || echo unknown)"
  export VICTORIAMETRICS_VERSION
  echo "VictoriaMetrics $VICTORIAMETRICS_VERSION on 127.0.0.1:$port, end $end:" \
    "generate $((t1 - t0)) ms, start $((t2 - t1)) ms, import and check $((t3 - t2)) ms"
}

stop_victoriametrics() {
  local dir="$RUN_DIR/victoriametrics"
  stop_pid_file "$dir/victoriametrics.pid" "-storageDataPath=$dir/data"
  unset VICTORIAMETRICS_URL
}
