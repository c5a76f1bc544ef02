#!/usr/bin/env bash
# Helpers of scripts/test.sh: Debian packages, PostgreSQL, and the backend
# serving the built app. Every server binds to 127.0.0.1 only.

RUN_DIR="${RELIABILITY_RUN_DIR:-$ROOT/.local/run}"
PG_PORT="${RELIABILITY_PG_PORT:-54329}"
E2E_PORT=7007
PIDS=()

# Installs the Debian packages the tests need when they are missing.
ensure_apt_packages() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
  command -v faketime >/dev/null 2>&1 || missing+=(faketime)
  [ -x /usr/bin/victoria-metrics ] || missing+=(victoria-metrics)
  [ "${#missing[@]}" -eq 0 ] || apt_install "${missing[@]}"
}

# apt_install <package>...: installs Debian packages (quietly; with sudo when
# not root).
apt_install() {
  echo "==> apt-get install $*"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# apt_install_if_missing <binary> <package>: installs Debian's <package>
# when <binary> is missing.
apt_install_if_missing() {
  [ -x "$1" ] || apt_install "$2"
}

# claim_service_dir <dir> <log> <port> <probe URL path> <port variable>:
# fails when something answers on 127.0.0.1:<port><probe path> (naming the
# variable that picks another port); otherwise empties <dir> (with a data/
# folder) and <log>, and writes the port to <dir>/port. Call it after
# stopping a previous instance of ours.
claim_service_dir() {
  local dir="$1" log="$2" port="$3" probe="$4" var="$5"
  if curl -s -o /dev/null "http://127.0.0.1:$port$probe" 2>/dev/null; then
    echo "something already listens on 127.0.0.1:$port; stop it or set $var" >&2
    return 1
  fi
  rm -rf "$dir"
  mkdir -p "$dir/data"
  : >"$log"
  echo "$port" >"$dir/port"
}

# launch_service <name> <pid file> <log> <ready URL> <command>...: starts
# <command> in the background (output appended to <log>), remembers its PID
# in PIDS and <pid file>, and waits up to 30 s until <ready URL> answers;
# shows the end of <log> and fails when the process exits or never gets ready.
launch_service() {
  local name="$1" pidfile="$2" log="$3" url="$4"
  shift 4
  "$@" >>"$log" 2>&1 &
  local pid=$! i
  PIDS+=("$pid")
  echo "$pid" >"$pidfile"
  for i in $(seq 1 300); do
    curl -sf -o /dev/null "$url" 2>/dev/null && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$name exited during startup; last log lines:" >&2
      tail -n 20 "$log" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "$name not ready at $url after 30 s; last log lines:" >&2
  tail -n 20 "$log" >&2
  return 1
}

# expect_query_value <port> <query> <unix time> <expected> <log>: waits up to
# 20 s until the Prometheus-compatible API on <port> answers <query> at
# <unix time> with the single value <expected>; else shows the end of <log>
# and fails.
expect_query_value() {
  local port="$1" query="$2" at="$3" expect="$4" log="$5" i got=""
  for i in $(seq 1 100); do
    got="$(prometheus_query_value "$port" "$query" "$at")"
    [ "$got" = "$expect" ] && return 0
    sleep 0.2
  done
  echo "the server on :$port answers $query = '${got}' at $at, expected $expect; log: $log" >&2
  tail -n 20 "$log" >&2
  return 1
}

# prometheus_query_value <port> <query> <unix time>: prints the single value
# of an instant query (empty when none).
prometheus_query_value() {
  curl -sf "http://127.0.0.1:$1/api/v1/query" --data-urlencode "query=$2" --data-urlencode "time=$3" 2>/dev/null |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{const r=JSON.parse(s).data.result;if(r.length===1)process.stdout.write(String(r[0].value[1]))}catch{}})'
}

# stop_pid_file <pid file> <marker>: stops the process of a pid file of ours
# when its command line contains <marker> (never a reused PID), waits until
# it is gone (so its port and data dir are free), and forgets it in PIDS.
stop_pid_file() {
  local pidfile="$1" marker="$2" pid
  [ -f "$pidfile" ] || return 0
  pid="$(cat "$pidfile")"
  rm -f "$pidfile"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null &&
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$marker"; then
    kill -TERM "$pid" 2>/dev/null || true
    local i
    for i in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  fi
  local kept=() p
  for p in ${PIDS[@]+"${PIDS[@]}"}; do
    [ "$p" = "$pid" ] || kept+=("$p")
  done
  PIDS=(${kept[@]+"${kept[@]}"})
  return 0
}

# Starts a throwaway PostgreSQL cluster on 127.0.0.1:$PG_PORT; sets PG_URL.
start_postgres() {
  local bin
  bin="$(dirname "$(ls -d /usr/lib/postgresql/*/bin/postgres | sort -V | tail -n1)")"
  local data="$RUN_DIR/pg"
  local as=()
  if [ "$(id -u)" = 0 ]; then
    as=(runuser -u postgres --)
  fi
  rm -rf "$data"
  mkdir -p "$data"
  [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$RUN_DIR"
  echo "reliability" >"$RUN_DIR/pgpass"
  [ "$(id -u)" = 0 ] && chown postgres "$RUN_DIR/pgpass"
  "${as[@]}" "$bin/initdb" -D "$data" -U postgres --pwfile="$RUN_DIR/pgpass" \
    --auth=scram-sha-256 -E UTF8 >/dev/null
  "${as[@]}" "$bin/pg_ctl" -D "$data" -l "$RUN_DIR/pg.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $data -c fsync=off -c max_connections=200" start >/dev/null
  PG_STOP=("${as[@]}" "$bin/pg_ctl" -D "$data" -m fast stop)
  export PG_URL="postgresql://postgres:reliability@127.0.0.1:$PG_PORT/postgres"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
}

build_app() {
  local stamp="$RUN_DIR/app-build.sha"
  local sum
  mkdir -p "$RUN_DIR"
  sum="$(cd "$ROOT" && find packages/app plugins/reliability plugins/reliability-common -path '*/node_modules' -prune -o -path '*/dist' -prune -o -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ] && [ -f "$ROOT/packages/app/dist/index.html" ]; then
    echo "app build is up to date"
    return
  fi
  (cd "$ROOT/packages/app" && yarn build)
  echo "$sum" >"$stamp"
}

# Starts the backend with the built app on :$E2E_PORT and waits until the
# catalog has the example entities.
start_backend_for_e2e() {
  if curl -sf "http://127.0.0.1:$E2E_PORT/api/reliability/health" >/dev/null 2>&1; then
    echo "something already listens on :$E2E_PORT; stop it first" >&2
    exit 1
  fi
  (cd "$ROOT/packages/backend" && exec node --no-node-snapshot \
    "$ROOT/node_modules/@backstage/cli/bin/backstage-cli" package start \
    --config ../../app-config.yaml --config ../../app-config.demo.yaml \
    --config ../../app-config.e2e.yaml) \
    >"$RUN_DIR/backend.log" 2>&1 &
  PIDS+=($!)
  wait_for_demo_data "$E2E_PORT" "$RUN_DIR/backend.log"
}

# Waits until the backend on port $1 has the example catalog with the demo's
# SLOs, incidents, fleet rows and readiness results; shows the end of log $2
# and exits when it does not come up within four minutes.
wait_for_demo_data() {
  local port="$1" log="$2" base="http://127.0.0.1:$1/api/reliability" i token
  for i in $(seq 1 240); do
    # ready when the catalog has the examples and the collectors ran
    token="$(guest_token "$port" || true)"
    if curl -sf "$base/entities/component/default/identity" \
      -H "Authorization: Bearer $token" 2>/dev/null | grep -Eq '"sloStatus": ?"breaching"' &&
      curl -sf "$base/entities/component/default/search/alert-quality" \
        -H "Authorization: Bearer $token" 2>/dev/null | grep -Eq '"pagingSource": ?"demo"' &&
      curl -sf "$base/fleet/summary?groupBy=tier" \
        -H "Authorization: Bearer $token" 2>/dev/null | grep -Eq '"key": ?"tier-1"' &&
      # readiness evaluated after the SLOs were stored (checkout is ready)
      curl -sf "$base/fleet?readiness=ready&limit=500" \
        -H "Authorization: Bearer $token" 2>/dev/null | grep -Eq '"entityRef": ?"component:default/checkout"'; then
      echo "backend up with the example catalog and SLOs after ${i}s"
      return
    fi
    sleep 1
  done
  echo "backend did not come up; last log lines:" >&2
  tail -n 40 "$log" >&2
  exit 1
}

guest_token() {
  curl -sf "http://127.0.0.1:${1:-$E2E_PORT}/api/auth/guest/refresh" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{process.stdout.write(JSON.parse(s).backstageIdentity.token)}catch{}})'
}

stop_services() {
  local pid
  for pid in "${PIDS[@]}"; do
    pkill -TERM -P "$pid" 2>/dev/null || true
    kill "$pid" 2>/dev/null || true
  done
  if [ -n "${PG_STOP+x}" ]; then
    "${PG_STOP[@]}" >/dev/null 2>&1 || true
  fi
}
