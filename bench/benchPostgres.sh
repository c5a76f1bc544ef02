#!/usr/bin/env bash
# Sourced by the bench/run-*.sh scripts that measure against SQLite and a
# throwaway PostgreSQL (scripts/services.sh start_postgres).
#
#   run_bench_with_postgres <run dir> <default port> <URL variable> <script> [args...]
#
# starts PostgreSQL on 127.0.0.1:${RELIABILITY_PG_PORT:-<default port>} under
# ${RELIABILITY_RUN_DIR:-.local/<run dir>}, runs the TypeScript bench <script>
# (relative to the repository root) with the server's URL in <URL variable>
# and the other arguments, and stops the server when the shell exits.
run_bench_with_postgres() {
  local run_dir="$1" port="$2" url_var="$3" script="$4"
  shift 4
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  export RELIABILITY_RUN_DIR="${RELIABILITY_RUN_DIR:-$root/.local/$run_dir}"
  export RELIABILITY_PG_PORT="${RELIABILITY_PG_PORT:-$port}"
  source "$root/scripts/env.sh"
  source "$ROOT/scripts/services.sh"

  mkdir -p "$RUN_DIR"
  start_postgres
  trap '"${PG_STOP[@]}" >/dev/null 2>&1' EXIT

  cd "$ROOT" && env "$url_var=$PG_URL" node \
    --require "$ROOT/node_modules/@backstage/cli/config/nodeTransform.cjs" \
    "$script" "$@"
}
