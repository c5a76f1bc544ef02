#!/usr/bin/env bash
# Helpers of scripts/test.sh: a throwaway Prometheus (Debian's prometheus and
# promtool) on 127.0.0.1, loaded with generated test data. Sourced after
# scripts/env.sh and scripts/services.sh (for ROOT, RUN_DIR and PIDS); it only
# defines functions.
#
#   start_prometheus fixtures    the SLO fixtures and the ALERTS history
#                                (scripts/prometheus/generate-openmetrics.mjs
#                                documents them) with the alerting rules of
#                                scripts/prometheus/rules/fixture-alerts.yml on
#                                127.0.0.1:${RELIABILITY_PROM_PORT:-19090};
#                                exports PROMETHEUS_URL, PROMETHEUS_FIXTURES
#   start_prometheus bench N     N Sloth SLOs on
#                                127.0.0.1:${RELIABILITY_PROM_BENCH_PORT:-19091};
#                                exports PROMETHEUS_BENCH_URL,
#                                PROMETHEUS_BENCH_FIXTURES
#   stop_prometheus [mode]       stops ours (both modes without an argument)
#   restart_prometheus [mode]    same data dir and port, no new data
#
# Each mode lives in $RUN_DIR/prometheus-<mode>/ (data/, prometheus.yml,
# fixtures.json, prometheus.pid, port) with its log in
# $RUN_DIR/prometheus-<mode>.log. It never touches the system service that
# Debian's package may start (:9090, /var/lib/prometheus).
#
# RELIABILITY_PROM_EXTEND_MINUTES=M (default 0) keeps the series going M
# minutes past the fixture end time, for clients that query at the wall clock.

# Installs Debian's prometheus (which ships promtool) when either is missing.
ensure_prometheus_packages() {
  # the package's maintainer scripts may try to start the system service;
  # ours uses its own port and data dir, so that does not matter either way
  [ -x /usr/bin/prometheus ] && [ -x /usr/bin/promtool ] || apt_install prometheus
}

_prometheus_dir() { echo "$RUN_DIR/prometheus-$1"; }

_prometheus_default_port() {
  case "$1" in
    bench) echo "${RELIABILITY_PROM_BENCH_PORT:-19091}" ;;
    *) echo "${RELIABILITY_PROM_PORT:-19090}" ;;
  esac
}

# start_prometheus [fixtures|bench N]
start_prometheus() {
  local mode="${1:-fixtures}" n=""
  case "$mode" in
    fixtures) ;;
    bench)
      n="${2:-}"
      if ! [[ "$n" =~ ^[1-9][0-9]*$ ]]; then
        echo "start_prometheus bench needs the number of SLOs, e.g. start_prometheus bench 10000" >&2
        return 2
      fi
      ;;
    *)
      echo "start_prometheus: unknown mode '$mode' (fixtures or bench N)" >&2
      return 2
      ;;
  esac
  ensure_prometheus_packages || return 1

  local dir port
  dir="$(_prometheus_dir "$mode")"
  port="$(_prometheus_default_port "$mode")"
  # a previous instance of ours (this shell or an earlier one) goes first
  stop_prometheus "$mode"
  claim_service_dir "$dir" "$RUN_DIR/prometheus-$mode.log" "$port" /-/ready \
    "$([ "$mode" = bench ] && echo RELIABILITY_PROM_BENCH_PORT || echo RELIABILITY_PROM_PORT)" || return 1

  local t0 t1 t2 end
  end=$(($(date +%s) / 60 * 60))
  t0=$(date +%s%3N)
  local gen=(node "$ROOT/scripts/prometheus/generate-openmetrics.mjs" --out "$dir/input.om"
    --fixtures "$dir/fixtures.json" --end "$end"
    --extend-minutes "${RELIABILITY_PROM_EXTEND_MINUTES:-0}")
  [ "$mode" = bench ] && gen+=(--bench "$n")
  if ! "${gen[@]}" 2>"$dir/generate.log"; then
    cat "$dir/generate.log" >&2
    return 1
  fi
  t1=$(date +%s%3N)
  # Backfilled blocks default to 2 h each and promtool reads the whole input
  # once per block; 1458h (the largest compatible range) makes it one or two
  # blocks. Prometheus never compacts blocks that large, so they stay as they
  # are. The head stays empty: nothing is scraped and no rules run.
  if ! promtool tsdb create-blocks-from --max-block-duration=1458h --quiet \
    openmetrics "$dir/input.om" "$dir/data" >"$dir/promtool.log" 2>&1; then
    echo "promtool could not import $dir/input.om:" >&2
    tail -n 20 "$dir/promtool.log" >&2
    return 1
  fi
  t2=$(date +%s%3N)
  rm -f "$dir/input.om"

  cat >"$dir/prometheus.yml" <<'YAML'
# Written by scripts/prometheus.sh: serves backfilled blocks only. No scrape
# jobs (not even itself), so nothing is scraped into the head.
global:
  scrape_interval: 1m
  evaluation_interval: 1m
scrape_configs: []
YAML
  if [ "$mode" = fixtures ]; then
    # alerting rules for the rules API (runbook coverage, alert titles); none
    # of them can fire on the fixture data, so the head stays empty
    cat >>"$dir/prometheus.yml" <<YAML
rule_files:
  - "$ROOT/scripts/prometheus/rules/fixture-alerts.yml"
YAML
  fi

  _prometheus_launch "$mode" || return 1
  local t3
  t3=$(date +%s%3N)

  # the blocks are loaded before /-/ready, but check what a query sees
  local check expect
  if [ "$mode" = bench ]; then
    check='count(sloth_slo_info)'
    expect="$n"
  else
    check='count(http_requests_total{service="checkout"})'
    expect=2
  fi
  expect_query_value "$port" "$check" "$end" "$expect" "$RUN_DIR/prometheus-$mode.log" || return 1
  local t4
  t4=$(date +%s%3N)

  if [ "$mode" = bench ]; then
    export PROMETHEUS_BENCH_URL="http://127.0.0.1:$port"
    export PROMETHEUS_BENCH_FIXTURES="$dir/fixtures.json"
  else
    export PROMETHEUS_URL="http://127.0.0.1:$port"
    export PROMETHEUS_FIXTURES="$dir/fixtures.json"
  fi
  echo "Prometheus $(prometheus --version 2>/dev/null | awk 'NR==1{print $3}') ($mode${n:+ $n}) on 127.0.0.1:$port, end $end:" \
    "generate $((t1 - t0)) ms, promtool $((t2 - t1)) ms, start $((t3 - t2)) ms, data check $((t4 - t3)) ms"
}

# Starts prometheus on the mode's existing data dir and port; waits for /-/ready.
_prometheus_launch() {
  local mode="$1" dir port
  dir="$(_prometheus_dir "$mode")"
  port="$(cat "$dir/port")"
  launch_service "prometheus ($mode)" "$dir/prometheus.pid" "$RUN_DIR/prometheus-$mode.log" \
    "http://127.0.0.1:$port/-/ready" \
    prometheus \
    --config.file="$dir/prometheus.yml" \
    --storage.tsdb.path="$dir/data" \
    --storage.tsdb.retention.time=400d \
    --web.listen-address="127.0.0.1:$port"
}

# stop_prometheus [fixtures|bench]: stops our instance(s), waiting until the
# process is gone so the port and the data dir lock are free again.
stop_prometheus() {
  local modes=("$@") mode
  [ "${#modes[@]}" -gt 0 ] || modes=(fixtures bench)
  for mode in "${modes[@]}"; do
    local dir
    dir="$(_prometheus_dir "$mode")"
    stop_pid_file "$dir/prometheus.pid" "--storage.tsdb.path=$dir/data"
  done
  return 0
}

# restart_prometheus [fixtures|bench]: stop and start again on the same data
# dir and port, keeping the data (for tests of an upstream that goes away).
restart_prometheus() {
  local mode="${1:-fixtures}" dir
  dir="$(_prometheus_dir "$mode")"
  if [ ! -f "$dir/port" ] || [ ! -d "$dir/data" ]; then
    echo "restart_prometheus: no $mode data in $dir; run start_prometheus $mode first" >&2
    return 1
  fi
  stop_prometheus "$mode"
  _prometheus_launch "$mode"
}
