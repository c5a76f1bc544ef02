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

# Installs Debian's victoria-metrics when it is missing (ensure_apt_packages
# of scripts/services.sh installs it too).
ensure_victoriametrics_packages() {
  apt_install_if_missing "$VICTORIAMETRICS_BIN" victoria-metrics
}

_victoriametrics_dir() { echo "$RUN_DIR/victoriametrics"; }

start_victoriametrics() {
  ensure_victoriametrics_packages || return 1
  local dir port
  dir="$(_victoriametrics_dir)"
  port="${RELIABILITY_VICTORIAMETRICS_PORT:-19094}"
  stop_victoriametrics
  if curl -s -o /dev/null "http://127.0.0.1:$port/health" 2>/dev/null; then
    echo "something already listens on 127.0.0.1:$port; stop it or set RELIABILITY_VICTORIAMETRICS_PORT" >&2
    return 1
  fi
  rm -rf "$dir"
  mkdir -p "$dir/data"
  : >"$RUN_DIR/victoriametrics.log"
  echo "$port" >"$dir/port"

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
  "$VICTORIAMETRICS_BIN" \
    -httpListenAddr="127.0.0.1:$port" \
    -storageDataPath="$dir/data" \
    -retentionPeriod=2y \
    -search.latencyOffset=0s \
    -search.disableCache \
    -search.maxPointsPerTimeseries=100000 \
    >>"$RUN_DIR/victoriametrics.log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  echo "$pid" >"$dir/victoriametrics.pid"
  local i
  for i in $(seq 1 300); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/health" 2>/dev/null && break
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "victoria-metrics exited during startup; last log lines:" >&2
      tail -n 20 "$RUN_DIR/victoriametrics.log" >&2
      return 1
    fi
    sleep 0.1
  done
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

  local got=""
  for i in $(seq 1 100); do
    got="$(_prometheus_query "$port" 'count(http_requests_total{service="checkout"})' "$end")"
    [ "$got" = 2 ] && break
    sleep 0.2
  done
  if [ "$got" != 2 ]; then
    echo "VictoriaMetrics on :$port answers count(http_requests_total{service=\"checkout\"}) = '${got}' at $end, expected 2; log: $RUN_DIR/victoriametrics.log" >&2
    return 1
  fi
  t3=$(date +%s%3N)
  export VICTORIAMETRICS_URL="http://127.0.0.1:$port"
  export VICTORIAMETRICS_FIXTURES="$dir/fixtures.json"
  VICTORIAMETRICS_VERSION="$(dpkg-query -W -f '${Version}' victoria-metrics 2>/dev/null || echo unknown)"
  export VICTORIAMETRICS_VERSION
  echo "VictoriaMetrics $VICTORIAMETRICS_VERSION on 127.0.0.1:$port, end $end:" \
    "generate $((t1 - t0)) ms, start $((t2 - t1)) ms, import and check $((t3 - t2)) ms"
}

stop_victoriametrics() {
  local dir
  dir="$(_victoriametrics_dir)"
  stop_pid_file "$dir/victoriametrics.pid" "-storageDataPath=$dir/data"
  unset VICTORIAMETRICS_URL
}
