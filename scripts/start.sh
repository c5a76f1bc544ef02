#!/usr/bin/env bash
# Installs what is missing (Node 22, dependencies) and starts Backstage with
# the Reliability Kit on http://localhost:3000 (backend on :7007), using the
# embedded SQLite database in .local/.
source "$(dirname "$0")/env.sh"
ensure_deps
mkdir -p "$ROOT/.local/sqlite"
cd "$ROOT"
exec yarn start "$@"
