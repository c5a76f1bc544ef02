#!/usr/bin/env bash
# Helpers of scripts/test.sh: a throwaway Alertmanager (Debian's
# prometheus-alertmanager) on 127.0.0.1 for the alert integration tests.
# Sourced after scripts/env.sh and scripts/services.sh (for ROOT, RUN_DIR and
# PIDS); it only defines functions.
#
#   start_alertmanager    starts one on
#                         127.0.0.1:${RELIABILITY_ALERTMANAGER_PORT:-19093}
#                         with an empty data dir and a minimal config (one
#                         "null" receiver that notifies nobody, an inhibit
#                         rule for the tests, no clustering); exports
#                         ALERTMANAGER_URL
#   stop_alertmanager     stops ours, waiting until the port is free
#
# It lives in $RUN_DIR/alertmanager/ (data/, alertmanager.yml,
# alertmanager.pid, port) with its log in $RUN_DIR/alertmanager.log. It never
# touches the system service that Debian's package may start (:9093,
# /var/lib/prometheus/alertmanager). Tests POST their own alerts and silences
# (POST /api/v2/alerts, POST /api/v2/silences); nothing else feeds it.

ALERTMANAGER_BIN=/usr/bin/prometheus-alertmanager

# Installs Debian's prometheus-alertmanager when it is missing.
ensure_alertmanager_packages() {
  # the maintainer scripts may start the system service on :9093; ours uses
  # its own port, data dir and no cluster port, so that does not matter
  apt_install_if_missing "$ALERTMANAGER_BIN" prometheus-alertmanager
}

start_alertmanager() {
  local dir="$RUN_DIR/alertmanager"
  local port="${RELIABILITY_ALERTMANAGER_PORT:-19093}"
  ensure_alertmanager_packages || return 1
  # a previous instance of ours (this shell or an earlier one) goes first
  stop_alertmanager
  claim_service_dir "$dir" "$RUN_DIR/alertmanager.log" "$port" /-/ready \
    RELIABILITY_ALERTMANAGER_PORT || return 1
  cat >"$dir/alertmanager.yml" <<'YAML'
# Written by scripts/alertmanager.sh: every alert goes to the "null" receiver,
# which has no integration, so nothing is ever sent anywhere.
route:
  receiver: "null"
  group_by: [alertname, service]
  group_wait: 1s
  group_interval: 1m
  repeat_interval: 1h
receivers:
  - name: "null"
# A firing CheckoutDown hides CheckoutHighLatency of the same service and
# test run (the tests check the inhibited state with it).
inhibit_rules:
  - source_matchers: [alertname="CheckoutDown"]
    target_matchers: [alertname="CheckoutHighLatency"]
    equal: [service, test_run]
YAML
  # amtool ships in the same package; it names the problem, unlike a start
  if command -v amtool >/dev/null 2>&1 &&
    ! amtool check-config "$dir/alertmanager.yml" >"$dir/check.log" 2>&1; then
    echo "invalid $dir/alertmanager.yml:" >&2
    cat "$dir/check.log" >&2
    return 1
  fi

  # --cluster.listen-address= (empty) turns HA gossip off: no :9094, no peers
  launch_service alertmanager "$dir/alertmanager.pid" "$RUN_DIR/alertmanager.log" \
    "http://127.0.0.1:$port/-/ready" \
    "$ALERTMANAGER_BIN" \
    --config.file="$dir/alertmanager.yml" \
    --storage.path="$dir/data" \
    --web.listen-address="127.0.0.1:$port" \
    --cluster.listen-address= \
    --log.level=info || return 1
  export ALERTMANAGER_URL="http://127.0.0.1:$port"
  echo "Alertmanager $("$ALERTMANAGER_BIN" --version 2>&1 | awk 'NR==1{print $3}') on 127.0.0.1:$port"
}

# stop_alertmanager: stops ours, waiting until the process is gone.
stop_alertmanager() {
  local dir="$RUN_DIR/alertmanager"
  stop_pid_file "$dir/alertmanager.pid" "--storage.path=$dir/data"
  unset ALERTMANAGER_URL
}
