#!/usr/bin/env bash
# Installs the suite into a stock Backstage app, as an adopter would:
#  1. builds each published package (backstage-cli package build) and packs
#     it (yarn pack), then checks what each tarball holds;
#  2. creates an app with @backstage/create-app (the version of our Backstage
#     release, from the root package.json) in a temporary folder;
#  3. applies the blocks of the root README's install section marked
#     `install-test` (commands, backend, config), taking our packages from
#     the tarballs (resolutions), never from workspace links;
#  4. builds the app, starts its backend on PostgreSQL with the example
#     catalog and the demo, and checks the Reliability and Alert quality tabs,
#     the overview and the scorecard page in Chromium.
# Prints the time of each step. Needs the repository's dependencies
# (ensure_deps), Chromium and PostgreSQL (scripts/test.sh installs them).
#
# What the app gets that an adopter's would not, and why:
#  - create-app fetches a seed lock from GitHub that keeps the app on the
#    release; out of reach here, it is replaced by this repository's lock
#    (the same 1.55.0 versions), its root resolutions, and by pinning the
#    app's @backstage dependencies to the versions create-app wrote.
#  - Install scripts are off (YARN_ENABLE_SCRIPTS=0): the app runs on
#    PostgreSQL, so better-sqlite3 need not be compiled; the other native
#    modules (tree-sitter, cpu-features, keytar) are optional. Files are
#    hard-linked from Yarn's global store (YARN_NM_MODE=hardlinks-global).
#  - On top of the app's app-config.yaml: the `reliability` block of this
#    repository's app-config.yaml (README step 4 points there),
#    app-config.demo.yaml, app-config.e2e.yaml (quick schedules) and a file
#    with the port, PostgreSQL and the example catalog.
#
# Environment: INSTALL_TEST_PORT (backend, default 7294),
# INSTALL_TEST_PG_PORT (default 54393), INSTALL_TEST_KEEP=1 keeps the app.
source "$(dirname "$0")/env.sh"

export RELIABILITY_RUN_DIR="$ROOT/.local/install-test"
export RELIABILITY_PG_PORT="${INSTALL_TEST_PG_PORT:-54393}"
PORT="${INSTALL_TEST_PORT:-7294}"
# shellcheck source=services.sh
source "$ROOT/scripts/services.sh"
ensure_apt_packages

TGZ="$RUN_DIR/tarballs"
APP_TMP="$(mktemp -d /tmp/reliability-install-test.XXXXXX)"
APP="$APP_TMP/app"
BACKEND_PID=""
cleanup() {
  if [ -n "$BACKEND_PID" ]; then
    kill -TERM -- "-$BACKEND_PID" 2>/dev/null || kill "$BACKEND_PID" 2>/dev/null
  fi
  stop_services
  if [ "${INSTALL_TEST_KEEP:-}" = 1 ]; then
    echo "the app stays in $APP"
  else
    rm -rf "$APP_TMP"
  fi
}
trap cleanup EXIT

TIMES=()
T0=$SECONDS
T=$SECONDS
timed() { # timed LABEL: records the time since the last call
  TIMES+=("$(printf '%4ss  %s' $((SECONDS - T)) "$1")")
  echo "    ($((SECONDS - T))s)"
  T=$SECONDS
}

rm -rf "$RUN_DIR"
mkdir -p "$TGZ"
cd "$ROOT"

echo "==> build and pack the published packages"
yarn backstage-cli repo fix --check
yarn tsc >/dev/null # declarations in dist-types, for the packages' dist/*.d.ts
for dir in reliability-common reliability-node reliability-backend \
  reliability-backend-module-catalog reliability; do
  (cd "plugins/$dir" && yarn backstage-cli package build >/dev/null &&
    yarn pack --out "$TGZ/$dir.tgz" >/dev/null)
done
node scripts/install-test.mjs check-tarballs "$TGZ"
timed "build and pack 5 packages"

CREATE_APP_VERSION="$(node -p 'require("./package.json").resolutions["@backstage/create-app"]')"
echo "==> @backstage/create-app@$CREATE_APP_VERSION in $APP"
(cd "$APP_TMP" && BACKSTAGE_APP_NAME=stock-app npx --yes \
  "@backstage/create-app@$CREATE_APP_VERSION" --skip-install --path app >/dev/null 2>&1) || {
  # it only fails for a reason of its own; the seed lock it cannot fetch is
  # a warning
  echo "create-app failed" >&2
  exit 1
}
release="$(node -p "require('$APP/backstage.json').version")"
if [ "$release" != "$(node -p 'require("./backstage.json").version')" ]; then
  echo "create-app $CREATE_APP_VERSION makes a Backstage $release app, not ours" >&2
  exit 1
fi
cp yarn.lock "$APP/yarn.lock"
node scripts/install-test.mjs pin-release "$APP"
node scripts/install-test.mjs use-tarballs "$APP" "$TGZ"
timed "create the app (Backstage $release)"

echo "==> the README's install steps"
export YARN_ENABLE_SCRIPTS=0 YARN_NM_MODE=hardlinks-global YARN_ENABLE_IMMUTABLE_INSTALLS=0
node scripts/install-test.mjs readme-commands >"$RUN_DIR/commands.sh"
cat "$RUN_DIR/commands.sh"
(cd "$APP" && bash -euo pipefail "$RUN_DIR/commands.sh" >"$RUN_DIR/install.log" 2>&1) || {
  tail -n 40 "$RUN_DIR/install.log" >&2
  exit 1
}
timed "README step 1: yarn add (the app's first install)"
node scripts/install-test.mjs add-backend "$APP"
node scripts/install-test.mjs add-config "$APP"
for pkg in reliability-backend reliability-backend-module-catalog reliability; do
  if [ -L "$APP/node_modules/@reliability-kit/backstage-plugin-$pkg" ] ||
    [ ! -f "$APP/node_modules/@reliability-kit/backstage-plugin-$pkg/dist/index.d.ts" ]; then
    echo "@reliability-kit/backstage-plugin-$pkg is not installed from its tarball" >&2
    exit 1
  fi
done

# one copy of the packages that hold the app's context
for pkg in core-plugin-api frontend-plugin-api version-bridge; do
  copies="$(cd "$APP" && find node_modules -path "*/@backstage/$pkg/package.json" | wc -l)"
  if [ "$copies" != 1 ]; then
    echo "@backstage/$pkg is installed $copies times: the app mixes releases" >&2
    exit 1
  fi
done

echo "==> build the app"
(cd "$APP/packages/app" && yarn build >"$RUN_DIR/app-build.log" 2>&1) || {
  tail -n 40 "$RUN_DIR/app-build.log" >&2
  exit 1
}
timed "build the app"

echo "==> start the backend on :$PORT with the example catalog and the demo"
start_postgres >/dev/null
node scripts/install-test.mjs reliability-block "$RUN_DIR/reliability.yaml"
cat >"$RUN_DIR/install-test.yaml" <<YAML
app:
  baseUrl: http://localhost:$PORT
backend:
  baseUrl: http://localhost:$PORT
  listen: { port: $PORT, host: 127.0.0.1 }
  cors:
    origin: http://localhost:$PORT
  database:
    client: pg
    connection: $PG_URL
catalog:
  rules:
    - allow: [Component, System, API, Resource, Location, Group, User, Domain]
  locations:
    - type: file
      target: $ROOT/examples/all.yaml
YAML
(cd "$APP/packages/backend" && exec setsid node --no-node-snapshot \
  "$APP/node_modules/@backstage/cli/bin/backstage-cli" package start \
  --config ../../app-config.yaml --config "$RUN_DIR/reliability.yaml" \
  --config "$ROOT/app-config.demo.yaml" --config "$ROOT/app-config.e2e.yaml" \
  --config "$RUN_DIR/install-test.yaml") >"$RUN_DIR/backend.log" 2>&1 &
BACKEND_PID=$!
wait_for_demo_data "$PORT" "$RUN_DIR/backend.log"
timed "start the backend until the demo data is in"

echo "==> browser checks"
E2E_BASE_URL="http://localhost:$PORT" node --test --test-concurrency=1 \
  e2e/install/stock-app.test.mjs
timed "browser checks"

echo
echo "install test: $((SECONDS - T0))s in all"
printf '%s\n' "${TIMES[@]}"
