#!/usr/bin/env bash
# Installs what is missing (Node 22, dependencies) and starts Backstage with
# the Reliability Kit on http://localhost:3000 (backend on :7007), using the
# embedded SQLite database in .local/ and the demo (app-config.demo.yaml:
# synthetic SLOs and incidents, seeds, one-minute refreshes). Other --config
# files given to this script replace both.
source "$(dirname "$0")/env.sh"
ensure_deps
mkdir -p "$ROOT/.local/sqlite"
cd "$ROOT"
if [ "$#" -eq 0 ]; then
  set -- --config "$ROOT/app-config.yaml" --config "$ROOT/app-config.demo.yaml"
fi
exec yarn start "$@"
