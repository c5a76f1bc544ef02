#!/usr/bin/env bash
# MCP actions end to end: the example backend (packages/backend, demo
# overlay, in-memory SQLite) with @backstage/plugin-mcp-actions-backend, and
# the official MCP TypeScript SDK client over Streamable HTTP with a static
# token (backend.auth.externalAccess). The test
# (packages/backend/e2e/mcpActions.test.mjs) lists the tools, calls two of
# them and checks their answers against the HTTP API's.
#
# Environment: MCP_ACTIONS_TEST_PORT (default 7418),
# MCP_ACTIONS_TEST_RUN_DIR (default .local/mcp-actions). Takes about a minute.

source "$(dirname "$0")/env.sh"

PORT="${MCP_ACTIONS_TEST_PORT:-7418}"
RUN_DIR="${MCP_ACTIONS_TEST_RUN_DIR:-$ROOT/.local/mcp-actions}"
TOKEN="mcp-actions-test-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"

if curl -sf "http://127.0.0.1:$PORT/.backstage/health/v1/liveness" >/dev/null 2>&1; then
  echo "something already listens on :$PORT; stop it first" >&2
  exit 1
fi

BACKEND_PID=""
cleanup() {
  if [ -n "$BACKEND_PID" ]; then
    kill -TERM -- "-$BACKEND_PID" 2>/dev/null || kill "$BACKEND_PID" 2>/dev/null
    wait "$BACKEND_PID" 2>/dev/null
  fi
}
trap cleanup EXIT

rm -rf "$RUN_DIR"
mkdir -p "$RUN_DIR"
# A port of its own, a throwaway database, a static token, and collectors
# that run once right after the start (then not again during the test).
cat >"$RUN_DIR/mcp.yaml" <<YAML
app:
  baseUrl: http://127.0.0.1:$PORT
backend:
  baseUrl: http://127.0.0.1:$PORT
  listen:
    host: 127.0.0.1
    port: $PORT
  database:
    client: better-sqlite3
    connection: ':memory:'
  auth:
    externalAccess:
      - type: static
        options:
          token: $TOKEN
          subject: mcp-actions-test
reliability:
  schedule:
    entityIndex:
      frequency: { minutes: 30 }
      timeout: { minutes: 5 }
      initialDelay: { seconds: 2 }
    slo:
      frequency: { minutes: 30 }
      timeout: { minutes: 5 }
      initialDelay: { seconds: 3 }
    alertQuality:
      frequency: { minutes: 30 }
      timeout: { minutes: 5 }
      initialDelay: { seconds: 3 }
    readiness:
      frequency: { minutes: 30 }
      timeout: { minutes: 5 }
      initialDelay: { seconds: 8 }
    readinessChanges:
      frequency: { minutes: 30 }
      timeout: { minutes: 5 }
      initialDelay: { minutes: 30 }
YAML

# From packages/backend, as ./scripts/start.sh runs it: the catalog
# locations of app-config.yaml are relative to it.
(cd "$ROOT/packages/backend" && exec setsid node --no-node-snapshot \
  --require "$ROOT/node_modules/@backstage/cli-node/config/nodeTransform.cjs" \
  src/index.ts \
  --config ../../app-config.yaml \
  --config ../../app-config.demo.yaml \
  --config "$RUN_DIR/mcp.yaml") >"$RUN_DIR/backend.log" 2>&1 &
BACKEND_PID=$!

MCP_TEST_BASE_URL="http://127.0.0.1:$PORT" MCP_TEST_TOKEN="$TOKEN" \
  MCP_TEST_BACKEND_PID="$BACKEND_PID" \
  node --test --test-concurrency=1 "$ROOT/packages/backend/e2e/mcpActions.test.mjs"
status=$?
if [ "$status" != 0 ]; then
  echo "--- last lines of the backend log ($RUN_DIR/backend.log)"
  sed 's/\x1b\[[0-9;]*m//g' "$RUN_DIR/backend.log" | grep -v rootHttpRouter | tail -n 40
fi
exit "$status"
