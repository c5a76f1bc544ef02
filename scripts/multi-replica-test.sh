#!/usr/bin/env bash
# Multi-replica test: two example backends on one PostgreSQL.
#
#   scripts/multi-replica-test.sh
#
# 1. Migrations: four processes run the reliability migrations on one fresh
#    PostgreSQL database at the same instant; all must succeed, each migration
#    applied once.
# 2. Two backend processes (packages/backend, demo mode, the SLO collector
#    every 5 seconds) on one PostgreSQL:
#    - both start and are ready;
#    - both serve the same reliability data, and accept each other's tokens;
#    - the SLO collector (a scheduler task with scope global) runs once per
#      interval across both, not once per replica;
#    - when one replica stops, the other carries on collecting and serving.
#    The second replica starts once the first is ready: the Backstage catalog
#    plugin's own migrations refuse to run from two processes at once on a
#    fresh database ("Migration table is already locked",
#    backstage/backstage#24284); the reliability plugin's do not (step 1).
# Prints "N passed, N failed"; the exit code is the number of failures (0 = ok).
#
# Environment: MULTI_REPLICA_PG_PORT (default 54391), MULTI_REPLICA_PORTS
# (default "7291 7292"), MULTI_REPLICA_SECONDS (measured time, default 40).
# Takes about 75 seconds (up to a minute more when replica a is stopped
# during a run).

source "$(dirname "$0")/env.sh"
# Checks decide, not the first failing command; grep -q may end a pipeline early.
set +e +o pipefail

export RELIABILITY_RUN_DIR="$ROOT/.local/multi-replica"
export RELIABILITY_PG_PORT="${MULTI_REPLICA_PG_PORT:-54391}"
read -r -a PORTS <<<"${MULTI_REPLICA_PORTS:-7291 7292}"
MEASURE_SECONDS="${MULTI_REPLICA_SECONDS:-40}"
FREQUENCY_SECONDS=5
NODE_TS=(node --no-node-snapshot --enable-source-maps
  --require "$ROOT/node_modules/@backstage/cli-node/config/nodeTransform.cjs")
# shellcheck source=services.sh
source "$ROOT/scripts/services.sh"

PASSED=0
FAILED=0
ok() {
  PASSED=$((PASSED + 1))
  echo "  ok   $*"
}
fail() {
  FAILED=$((FAILED + 1))
  echo "  FAIL $*"
}
check() { # check "description" command...
  local what="$1"
  shift
  if "$@"; then
    ok "$what"
  else
    fail "$what"
    return 1
  fi
}
finish() {
  echo
  echo "took $(($(date +%s) - started_at))s; logs in $RUN_DIR"
  echo "$PASSED passed, $FAILED failed"
  exit "$FAILED"
}

REPLICA_PIDS=()
cleanup() {
  local pid
  for pid in "${REPLICA_PIDS[@]}"; do
    # each replica runs in its own process group (setsid)
    kill -TERM -- "-$pid" 2>/dev/null || true
  done
  sleep 1
  for pid in "${REPLICA_PIDS[@]}"; do
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  stop_services
}
trap cleanup EXIT

started_at=$(date +%s)
for port in "${PORTS[@]}" "$RELIABILITY_PG_PORT"; do
  if (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is in use; set MULTI_REPLICA_PORTS / MULTI_REPLICA_PG_PORT" >&2
    exit 1
  fi
done
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "PostgreSQL is not installed (apt-get install postgresql)" >&2
  exit 1
fi

mkdir -p "$RUN_DIR"
echo "==> PostgreSQL"
start_postgres || exit 1
pg_query() { # pg_query DATABASE SQL
  PGPASSWORD=reliability psql -h 127.0.0.1 -p "$RELIABILITY_PG_PORT" -U postgres \
    -d "$1" -tAc "$2" 2>/dev/null
}
MIGRATIONS=$(find "$ROOT/plugins/reliability-backend/migrations" -name '*.js' | wc -l)

echo "==> 1. the reliability migrations from four processes at once"
pg_query postgres 'create database migration_race' >/dev/null
cat >"$RUN_DIR/migrate.ts" <<EOF
// Written by scripts/multi-replica-test.sh: migrates at a given instant.
import knexFactory from 'knex';
import { DatabaseReliabilityStore } from '$ROOT/plugins/reliability-backend/src/database/DatabaseReliabilityStore';

const [connection, at] = process.argv.slice(2);
(async () => {
  const knex = knexFactory({ client: 'pg', connection });
  await knex.raw('select 1');
  await new Promise(r => setTimeout(r, Math.max(0, Number(at) - Date.now())));
  try {
    await DatabaseReliabilityStore.migrate(knex);
    console.log('migrated');
  } finally {
    await knex.destroy();
  }
})().catch(error => {
  console.error(String(error));
  process.exit(1);
});
EOF
at=$(($(date +%s%3N) + 4000))
race_pids=()
for i in 1 2 3 4; do
  (cd "$RUN_DIR" && "${NODE_TS[@]}" migrate.ts \
    "postgresql://postgres:reliability@127.0.0.1:$RELIABILITY_PG_PORT/migration_race" "$at") \
    >"$RUN_DIR/migrate-$i.log" 2>&1 &
  race_pids+=($!)
done
race_failed=0
for pid in "${race_pids[@]}"; do wait "$pid" || race_failed=$((race_failed + 1)); done
check "four concurrent migration runs succeed" test "$race_failed" = 0
[ "$race_failed" = 0 ] || cat "$RUN_DIR"/migrate-*.log
check "each of the $MIGRATIONS migrations applied once" test \
  "$(pg_query migration_race 'select count(*) || '"'"'/'"'"' || count(distinct name) from reliability_knex_migrations')" \
  = "$MIGRATIONS/$MIGRATIONS"
check "the migration lock is released" test \
  "$(pg_query migration_race 'select is_locked from reliability_knex_migrations_lock')" = 0

echo "==> 2. two backends on 127.0.0.1:${PORTS[0]} and :${PORTS[1]}"
NAMES=(a b)
for i in 0 1; do
  cat >"$RUN_DIR/replica-${NAMES[$i]}.yaml" <<EOF
# Replica ${NAMES[$i]} of scripts/multi-replica-test.sh, over app-config.yaml
# and app-config.demo.yaml.
backend:
  baseUrl: http://127.0.0.1:${PORTS[$i]}
  listen:
    host: 127.0.0.1
    port: ${PORTS[$i]}
  database:
    client: pg
    connection: $PG_URL
# Durations merge with those of app-config.demo.yaml: every unit is written out.
reliability:
  schedule:
    entityIndex:
      frequency: { minutes: 1, seconds: 0 }
      timeout: { minutes: 5 }
      initialDelay: { seconds: 5 }
    slo:
      frequency: { minutes: 0, seconds: $FREQUENCY_SECONDS }
      timeout: { minutes: 1 }
      initialDelay: { seconds: 2 }
    alertQuality:
      frequency: { minutes: 30, seconds: 0 }
      timeout: { minutes: 10 }
      initialDelay: { seconds: 2 }
EOF
done

start_replica() { # start_replica INDEX
  local i="$1"
  (cd "$ROOT/packages/backend" && NODE_ENV=development exec setsid "${NODE_TS[@]}" \
    src/index.ts \
    --config ../../app-config.yaml \
    --config ../../app-config.demo.yaml \
    --config "$RUN_DIR/replica-${NAMES[$i]}.yaml") >"$RUN_DIR/replica-${NAMES[$i]}.log" 2>&1 &
  REPLICA_PIDS[$i]=$!
}
ready() { curl -sf "http://127.0.0.1:$1/.backstage/health/v1/readiness" >/dev/null 2>&1; }
wait_ready() { # wait_ready INDEX
  local i="$1" t
  for t in $(seq 1 180); do
    kill -0 "${REPLICA_PIDS[$i]}" 2>/dev/null || return 1
    if ready "${PORTS[$i]}"; then
      echo "  replica ${NAMES[$i]} ready after ${t}s"
      return 0
    fi
    sleep 1
  done
  return 1
}
show_log() {
  echo "--- last lines of replica $1"
  sed 's/\x1b\[[0-9;]*m//g' "$RUN_DIR/replica-$1.log" | grep -v rootHttpRouter | tail -n 30
}

start_replica 0
check "replica a starts on a fresh database" wait_ready 0 || { show_log a; finish; }
start_replica 1
check "replica b starts next to it" wait_ready 1 || { show_log b; finish; }

no_startup_errors() {
  ! sed 's/\x1b\[[0-9;]*m//g' "$RUN_DIR/replica-a.log" "$RUN_DIR/replica-b.log" |
    grep -E ' (error|warn) ' | grep -Ev 'events backend not found' | grep -q .
}
check "no error or warning in either log" no_startup_errors ||
  sed 's/\x1b\[[0-9;]*m//g' "$RUN_DIR"/replica-*.log | grep -E ' (error|warn) ' | head -n 5
registered_cadence() {
  local n
  for n in a b; do
    grep -q "Registered scheduled task: reliability-slo-collector, .*\"cadence\":\"PT${FREQUENCY_SECONDS}S\"" \
      "$RUN_DIR/replica-$n.log" || return 1
  done
}
check "both register the SLO collector every ${FREQUENCY_SECONDS}s" registered_cadence
check "each reliability migration recorded once" test \
  "$(pg_query backstage_plugin_reliability 'select count(*) || '"'"'/'"'"' || count(distinct name) from reliability_knex_migrations')" \
  = "$MIGRATIONS/$MIGRATIONS"

token_from() {
  curl -sf "http://127.0.0.1:$1/api/auth/guest/refresh" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{process.stdout.write(JSON.parse(s).backstageIdentity.token)}catch{}})'
}
identity() { # identity PORT TOKEN
  curl -sf --max-time 10 "http://127.0.0.1:$1/api/reliability/entities/component/default/identity" \
    -H "Authorization: Bearer $2"
}
token_a="$(token_from "${PORTS[0]}")"
token_b="$(token_from "${PORTS[1]}")"
check "guest tokens from both replicas" test -n "$token_a" -a -n "$token_b"
same=0
for _ in $(seq 1 60); do
  a1="$(identity "${PORTS[0]}" "$token_b")"
  b="$(identity "${PORTS[1]}" "$token_a")"
  a2="$(identity "${PORTS[0]}" "$token_a")"
  # JSON is indented in development.
  if grep -Eq '"sloStatus": ?"breaching"' <<<"$a1" && [ "$a1" = "$b" ] && [ "$a1" = "$a2" ]; then
    same=1
    break
  fi
  sleep 1
done
check "GET /api/reliability/entities/component/default/identity: the same SLO data from both, with either's token" \
  test "$same" = 1 || printf '  a: %.300s\n  b: %.300s\n' "$(tr -d ' \n' <<<"$a1")" "$(tr -d ' \n' <<<"$b")"

echo "==> SLO collector runs over ${MEASURE_SECONDS}s (every ${FREQUENCY_SECONDS}s, scope global)"
runs() { grep -c 'Evaluated [0-9]* SLOs' "$1"; }
start_a=$(runs "$RUN_DIR/replica-a.log")
start_b=$(runs "$RUN_DIR/replica-b.log")
sleep "$MEASURE_SECONDS"
runs_a=$(($(runs "$RUN_DIR/replica-a.log") - start_a))
runs_b=$(($(runs "$RUN_DIR/replica-b.log") - start_b))
total=$((runs_a + runs_b))
intervals=$((MEASURE_SECONDS / FREQUENCY_SECONDS))
echo "  $total runs in $intervals intervals: $runs_a on replica a, $runs_b on replica b"
# Run times across both replicas, for the record.
if [ "$total" -gt 1 ]; then
  grep -h 'Evaluated [0-9]* SLOs' "$RUN_DIR/replica-a.log" "$RUN_DIR/replica-b.log" |
    sed 's/\x1b\[[0-9;]*m//g' | awk '{print $1}' | sort | tail -n "$total" |
    node -e '
      const t = require("fs").readFileSync(0, "utf8").trim().split("\n").map(Date.parse);
      const gaps = t.slice(1).map((x, i) => ((x - t[i]) / 1000).toFixed(1));
      console.log(`  seconds between runs: ${gaps.join(" ")}`);'
fi
# At most one run per interval: the scheduler starts a run at or after its
# slot and slots are an interval apart, so N intervals hold at most N + 1
# runs, and one more for a run that started late in the slot before the
# window. Replicas that each ran the task would make about 2N.
check "at most one run per interval across both ($total <= $intervals + 2)" \
  test "$total" -le $((intervals + 2))
# A replica polls once per interval, so a run starts at most an interval late.
check "at least one run per two intervals ($total >= $intervals / 2 - 1)" \
  test "$total" -ge $((intervals / 2 - 1))
for i in 0 1; do
  check "replica ${NAMES[$i]} is still ready" ready "${PORTS[$i]}"
done

echo "==> replica a stops; replica b carries on"
before_b=$(runs "$RUN_DIR/replica-b.log")
kill -TERM -- "-${REPLICA_PIDS[0]}" 2>/dev/null
# When replica a dies during a run, its claim on the task holds until the
# task's timeout (1 minute here); replica b takes over after that at most.
waited=0
after_b=0
while [ "$waited" -lt $((60 + 3 * FREQUENCY_SECONDS)) ]; do
  sleep 1
  waited=$((waited + 1))
  after_b=$(($(runs "$RUN_DIR/replica-b.log") - before_b))
  [ "$after_b" -ge 1 ] && break
done
echo "  $after_b runs on replica b within ${waited}s"
check "replica b takes over the SLO collector" test "$after_b" -ge 1
b="$(identity "${PORTS[1]}" "$token_a")"
check "replica b still serves the entity, with replica a's token" \
  grep -Eq '"sloStatus": ?"breaching"' <<<"$b"

finish
