// The real-catalog benchmark (issue 20): the example backend
// (packages/backend: real catalog, auth, permissions) with a generated
// catalog of 10,000 components (4 tiers, 50 groups, 200 systems), started
// once with Reliability Kit's two backend packages and once without
// (RELIABILITY_KIT_BASELINE=1), on SQLite and on PostgreSQL, with the base
// app-config.yaml (production defaults: readiness and scorecards configured,
// no demo, no upstream) and a small overlay (port, database, locations).
//
// Per run it reports: catalog ingestion time, steady-state CPU of the
// backend process (and of PostgreSQL's processes) over a window, RSS; with
// the packages also the entity endpoint and /fleet p50/p99 under steady
// state, and how long a new and a changed component take to reach /fleet
// and readiness after the catalog has them.
//
// Run through bench/run-real-catalog.sh (starts PostgreSQL, sets ports).
// Environment: BENCH_PORT (backend port), BENCH_RUN_DIR, BENCH_PG_URL (empty:
// SQLite only), BENCH_DBS (sqlite,pg), BENCH_ENTITIES (10000),
// BENCH_WINDOW_S (150), BENCH_SAMPLES (300), BENCH_SETTLE_S (180),
// BENCH_DB_PREFIX (rkb: PostgreSQL database prefix), BENCH_OTHER_RESULTS (the results.json of the other variant's run, for the
// table of what the suite adds), BENCH_VARIANTS (with,without: one or both, e.g. to run the two at once
// in two invocations on two ports). Prints a Markdown report on
// stdout, progress on stderr. Not part of CI.

import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const PORT = Number(process.env.BENCH_PORT ?? 7402);
const RUN_DIR = resolve(
  process.env.BENCH_RUN_DIR ?? join(ROOT, '.local/real-catalog-bench'),
);
const PG_URL = process.env.BENCH_PG_URL ?? '';
const DBS = (process.env.BENCH_DBS ?? (PG_URL ? 'sqlite,pg' : 'sqlite')).split(
  ',',
);
const ENTITIES = Number(process.env.BENCH_ENTITIES ?? 10000);
const WINDOW_S = Number(process.env.BENCH_WINDOW_S ?? 150);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const SETTLE_S = Number(process.env.BENCH_SETTLE_S ?? 180);
const VARIANTS = (process.env.BENCH_VARIANTS ?? 'with,without').split(',');
const BASE = `http://127.0.0.1:${PORT}`;
const TICKS = 100; // USER_HZ

const log = msg =>
  process.stderr.write(`[${new Date().toISOString()}] ${msg}\n`);
const sleep = ms => new Promise(r => setTimeout(r, ms));

// ------------------------------------------------------------ catalog

function yamlDoc(obj) {
  // JSON is YAML.
  return `---\n${JSON.stringify(obj)}\n`;
}

function component(name, i, extra = {}) {
  const annotations = { 'reliability-kit.io/tier': `tier-${(i % 4) + 1}` };
  if (i % 3 === 0) annotations['backstage.io/techdocs-ref'] = 'dir:.';
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: { ...annotations, ...(extra.annotations ?? {}) },
      ...(i % 5 === 0 || extra.links
        ? {
            links: extra.links ?? [
              { url: 'https://grafana.example.com/d/x', type: 'dashboard' },
            ],
          }
        : {}),
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: extra.owner ?? `team-${String(i % 50).padStart(2, '0')}`,
      system: `sys-${String(i % 200).padStart(3, '0')}`,
    },
  };
}

function generateCatalog(dir) {
  mkdirSync(dir, { recursive: true });
  let out = '';
  for (let g = 0; g < 50; g++) {
    out += yamlDoc({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: `team-${String(g).padStart(2, '0')}` },
      spec: { type: 'team', children: [] },
    });
  }
  for (let s = 0; s < 200; s++) {
    out += yamlDoc({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: `sys-${String(s).padStart(3, '0')}` },
      spec: { owner: `team-${String(s % 50).padStart(2, '0')}` },
    });
  }
  for (let i = 0; i < ENTITIES; i++) {
    out += yamlDoc(component(`svc-${String(i).padStart(5, '0')}`, i));
  }
  writeFileSync(join(dir, 'generated.yaml'), out);
  writeProbe(dir, false);
}

/** The probe location: its own group; rewritten to add and change. */
function writeProbe(dir, changed) {
  let out = yamlDoc({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'bench-probe' },
    spec: { type: 'team', children: [] },
  });
  // probe-old: tier-3 without a dashboard link; changed: tier-1 with one.
  out += yamlDoc(
    component('probe-old', changed ? 0 : 2, {
      owner: 'bench-probe',
      links: changed
        ? [{ url: 'https://grafana.example.com/d/p', type: 'dashboard' }]
        : undefined,
    }),
  );
  if (changed) {
    out += yamlDoc(component('probe-new', 1, { owner: 'bench-probe' }));
  }
  writeFileSync(join(dir, 'probe.yaml'), out);
}

// ------------------------------------------------------------ backend

function overlay(dir, db, label) {
  const database =
    db === 'sqlite'
      ? {
          client: 'better-sqlite3',
          connection: { directory: join(dir, `sqlite-${label}`) },
        }
      : {
          client: 'pg',
          connection: PG_URL,
          // BENCH_DB_PREFIX: two runs of one variant on one server.
          prefix: `${process.env.BENCH_DB_PREFIX ?? 'rkb'}_${label.replace(
            /-/g,
            '_',
          )}_`,
        };
  return {
    app: { baseUrl: BASE },
    backend: {
      baseUrl: BASE,
      listen: { port: PORT, host: '127.0.0.1' },
      cors: { origin: BASE },
      database,
    },
    catalog: {
      locations: [
        { type: 'file', target: join(dir, 'generated.yaml') },
        { type: 'file', target: join(dir, 'probe.yaml') },
      ],
    },
  };
}

/** The backend being measured; stopped when this script is. */
let running;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    running?.kill('SIGKILL');
    process.exit(1);
  });
}

function startBackend(dir, db, withKit) {
  const label = `${db}-${withKit ? 'with' : 'without'}`;
  const configFile = join(dir, `app-config.${label}.json`);
  writeFileSync(configFile, JSON.stringify(overlay(dir, db, label), null, 2));
  const logFile = join(dir, `backend.${label}.log`);
  writeFileSync(logFile, '');
  const child = spawn(
    process.execPath,
    [
      '--require',
      join(ROOT, 'node_modules/@backstage/cli/config/nodeTransform.cjs'),
      join(ROOT, 'packages/backend/src/index.ts'),
      '--config',
      join(ROOT, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: join(ROOT, 'packages/backend'),
      env: {
        ...process.env,
        NODE_ENV: 'development',
        RELIABILITY_KIT_BASELINE: withKit ? '' : '1',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines = [];
  const onData = chunk => {
    const text = chunk.toString();
    lines.push(text);
    writeFileSync(logFile, text, { flag: 'a' });
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  running = child;
  return { child, label, logFile, startedAt: Date.now() };
}

async function stopBackend(b) {
  if (b.child.exitCode !== null) return;
  b.child.kill('SIGTERM');
  for (let i = 0; i < 50 && b.child.exitCode === null; i++) await sleep(200);
  if (b.child.exitCode === null) b.child.kill('SIGKILL');
}

// ------------------------------------------------------------ http

let token;
async function get(path, { auth = true } = {}) {
  const res = await fetch(`${BASE}${path}`, {
    headers: auth && token ? { Authorization: `Bearer ${token}` } : {},
  });
  const body = await res.text();
  return { status: res.status, body: body ? safeJson(body) : undefined };
}
function safeJson(t) {
  try {
    return JSON.parse(t);
  } catch {
    return t;
  }
}
async function signIn() {
  const res = await fetch(`${BASE}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in answered ${res.status}`);
  token = (await res.json()).backstageIdentity.token;
}

async function waitFor(what, fn, timeoutMs, everyMs = 2000) {
  const start = Date.now();
  for (;;) {
    let value;
    try {
      value = await fn();
    } catch {
      value = undefined;
    }
    if (value) return { value, ms: Date.now() - start };
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

const componentCount = async () => {
  const r = await get(
    '/api/catalog/entities/by-query?filter=kind=component&limit=1',
  );
  return r.status === 200 ? r.body.totalItems : 0;
};

// ------------------------------------------------------------ measures

function procCpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields 14-17 (utime stime cutime cstime) are f[11..14]
  return {
    self: Number(f[11]) + Number(f[12]),
    children: Number(f[13]) + Number(f[14]),
    ppid: Number(f[1]),
  };
}
function rssMb(pid) {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(
    /VmRSS:\s+(\d+) kB/,
  );
  return m ? Number(m[1]) / 1024 : NaN;
}
function postmasterPid() {
  if (!PG_URL) return undefined;
  const file = join(
    process.env.RELIABILITY_RUN_DIR ?? '',
    'pg',
    'postmaster.pid',
  );
  try {
    return Number(readFileSync(file, 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
}
/** Postmaster (with its reaped children) plus its live children. */
function pgTicks(pm) {
  if (!pm) return 0;
  let total = 0;
  const t = procCpuTicks(pm);
  total += t.self + t.children;
  const kids = execFileSync('pgrep', ['-P', String(pm)])
    .toString()
    .trim()
    .split('\n')
    .filter(Boolean);
  for (const k of kids) {
    try {
      total += procCpuTicks(Number(k)).self;
    } catch {
      /* exited */
    }
  }
  return total;
}

async function cpuWindow(pid, pm) {
  const load0 = loadavg();
  const n0 = procCpuTicks(pid).self;
  const p0 = pgTicks(pm);
  const t0 = Date.now();
  await sleep(WINDOW_S * 1000);
  const n1 = procCpuTicks(pid).self;
  const p1 = pgTicks(pm);
  const seconds = (Date.now() - t0) / 1000;
  return {
    nodePct: ((n1 - n0) / TICKS / seconds) * 100,
    pgPct: pm ? ((p1 - p0) / TICKS / seconds) * 100 : undefined,
    seconds,
    loadBefore: load0,
    loadAfter: loadavg(),
  };
}

const pct = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const summary = ms => {
  ms.sort((a, b) => a - b);
  return { p50: pct(ms, 50), p99: pct(ms, 99), n: ms.length };
};
async function timedGet(path) {
  const t0 = process.hrtime.bigint();
  const r = await get(path);
  if (r.status !== 200) throw new Error(`${path} answered ${r.status}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}
async function latency(paths) {
  const loadBefore = loadavg()[0];
  const ms = [];
  for (const path of paths) ms.push(await timedGet(path));
  return { ...summary(ms), loadBefore, loadAfter: loadavg()[0] };
}
/**
 * Two series in the same window, one request of each in turn (ours, then
 * the reference): e.g. our entity endpoint beside the catalog's own read of
 * the same entity, so that the load both saw is the same.
 */
async function latencyBeside(paths, referencePaths) {
  const loadBefore = loadavg()[0];
  const ms = [];
  const ref = [];
  for (let i = 0; i < paths.length; i++) {
    ms.push(await timedGet(paths[i]));
    ref.push(await timedGet(referencePaths[i]));
  }
  const loadAfter = loadavg()[0];
  return [
    { ...summary(ms), loadBefore, loadAfter },
    { ...summary(ref), loadBefore, loadAfter },
  ];
}

function recentLogs(b, regex, sinceMs) {
  // eslint-disable-next-line no-control-regex
  const text = readFileSync(b.logFile, 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
  return text
    .split('\n')
    .filter(l => regex.test(l))
    .filter(l => {
      const m = l.match(/^(\d{4}-\d\d-\d\dT[\d:.]+Z)/);
      return !m || Date.parse(m[1]) >= sinceMs;
    });
}

// ------------------------------------------------------------ run

async function refreshProbeLocation() {
  const r = await get(
    '/api/catalog/entities/by-query?filter=kind=location&limit=100',
  );
  const loc = r.body.items.find(e =>
    String(e.spec?.target ?? '').endsWith('probe.yaml'),
  );
  if (!loc) throw new Error('probe location not found');
  const res = await fetch(`${BASE}/api/catalog/refresh`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({
      entityRef: `location:${loc.metadata.namespace}/${loc.metadata.name}`,
    }),
  });
  if (res.status >= 300) throw new Error(`refresh answered ${res.status}`);
}

async function probeFleet() {
  const r = await get('/api/reliability/fleet?owner=bench-probe&limit=10');
  return r.status === 200
    ? Object.fromEntries(r.body.items.map(i => [i.name, i]))
    : {};
}
async function readinessOf(name) {
  const r = await get(`/api/reliability/entities/component/default/${name}`);
  return r.status === 200 ? r.body.sections?.readiness : undefined;
}

async function runOne(dir, db, withKit) {
  writeProbe(dir, false);
  const b = startBackend(dir, db, withKit);
  log(`${b.label}: started pid ${b.child.pid}`);
  const result = { label: b.label, db, withKit };
  try {
    await waitFor(
      'the backend',
      async () =>
        (await get('/api/catalog/entities?limit=1', { auth: false })).status !==
          0 && (await signIn(), true),
      300_000,
      1000,
    );
    const ingest = await waitFor(
      'catalog ingestion',
      async () => (await componentCount()) >= ENTITIES + 1,
      1_800_000,
      5000,
    );
    result.ingestS = (Date.now() - b.startedAt) / 1000;
    log(
      `${b.label}: ${
        ENTITIES + 1
      } components in the catalog ${result.ingestS.toFixed(0)} s after start`,
    );
    if (withKit) {
      const fleet = await waitFor(
        'the fleet',
        async () => {
          const r = await get('/api/reliability/fleet?limit=1');
          return r.status === 200 && r.body.totalCount >= ENTITIES + 1;
        },
        1_800_000,
        5000,
      );
      result.fleetS = (Date.now() - b.startedAt) / 1000;
      log(
        `${b.label}: fleet complete ${result.fleetS.toFixed(
          0,
        )} s after start (${(fleet.ms / 1000).toFixed(0)} s after ingestion)`,
      );
    }
    // Settle: past one catalog processing cycle after ingestion, and (with
    // the kit) no change pass that found changes in the last 90 s.
    const settleFrom = Date.now();
    await waitFor(
      'a steady state',
      async () => {
        const since = Date.now() - settleFrom;
        if (since < SETTLE_S * 1000) return false;
        if (!withKit) return true;
        return (
          recentLogs(b, /changed or new entities/, Date.now() - 90_000)
            .length === 0 || since > 600_000
        );
      },
      1_000_000,
      5000,
    );
    result.settleS = (Date.now() - settleFrom) / 1000;
    log(
      `${b.label}: steady after ${result.settleS.toFixed(
        0,
      )} s; measuring CPU for ${WINDOW_S} s`,
    );
    const pm = db === 'pg' ? postmasterPid() : undefined;
    result.cpu = await cpuWindow(b.child.pid, pm);
    result.changePassesInWindow = recentLogs(
      b,
      /changed or new entities/,
      Date.now() - result.cpu.seconds * 1000,
    ).length;
    result.rssMb = rssMb(b.child.pid);
    log(
      `${b.label}: CPU ${result.cpu.nodePct.toFixed(2)} % of a core (pg ${
        result.cpu.pgPct?.toFixed(2) ?? '-'
      }), RSS ${result.rssMb.toFixed(0)} MB, load ${result.cpu.loadAfter
        .map(l => l.toFixed(2))
        .join(' ')}`,
    );

    if (withKit) {
      const names = Array.from(
        { length: SAMPLES },
        (_, i) => `svc-${String((i * 7919) % ENTITIES).padStart(5, '0')}`,
      );
      await latency(
        names
          .slice(0, 20)
          .map(n => `/api/reliability/entities/component/default/${n}`),
      );
      [result.entity, result.catalogByName] = await latencyBeside(
        names.map(n => `/api/reliability/entities/component/default/${n}`),
        names.map(n => `/api/catalog/entities/by-name/component/default/${n}`),
      );
      result.fleet = await latency(
        Array.from(
          { length: 100 },
          (_, i) =>
            `/api/reliability/fleet?limit=50${i % 2 ? '&tier=tier-1' : ''}`,
        ),
      );
      log(
        `${b.label}: entity p50 ${result.entity.p50.toFixed(
          1,
        )} p99 ${result.entity.p99.toFixed(
          1,
        )} ms (catalog by-name beside it p50 ${result.catalogByName.p50.toFixed(
          1,
        )} p99 ${result.catalogByName.p99.toFixed(
          1,
        )} ms); /fleet p50 ${result.fleet.p50.toFixed(
          1,
        )} p99 ${result.fleet.p99.toFixed(1)} ms`,
      );

      // A new and a changed component: time after the catalog has them.
      const before = await readinessOf('probe-old');
      writeProbe(dir, true);
      const t0 = Date.now();
      await refreshProbeLocation();
      const inCatalog = await waitFor(
        'the catalog to have the probes',
        async () => {
          const r = await get(
            '/api/catalog/entities/by-name/component/default/probe-new',
          );
          const o = await get(
            '/api/catalog/entities/by-name/component/default/probe-old',
          );
          return (
            r.status === 200 &&
            o.body?.metadata?.annotations?.['reliability-kit.io/tier'] ===
              'tier-1'
          );
        },
        600_000,
        500,
      );
      const tCatalog = t0 + inCatalog.ms;
      const fleetSeen = await waitFor(
        'the fleet to show them',
        async () => {
          const f = await probeFleet();
          return f['probe-new'] && f['probe-old']?.tier === 'tier-1';
        },
        600_000,
        1000,
      );
      const tFleet = Date.now();
      const readinessSeen = await waitFor(
        'readiness to follow',
        async () => {
          const n = await readinessOf('probe-new');
          const o = await readinessOf('probe-old');
          return (
            n?.computedAt &&
            o?.computedAt &&
            Date.parse(o.computedAt) >= tCatalog - 60_000 &&
            JSON.stringify(o.items) !== JSON.stringify(before?.items)
          );
        },
        600_000,
        1000,
      );
      const tReadiness = Date.now();
      result.probe = {
        catalogS: (tCatalog - t0) / 1000,
        fleetS: (tFleet - tCatalog) / 1000,
        readinessS: (tReadiness - tCatalog) / 1000,
        waitedS: (fleetSeen.ms + readinessSeen.ms) / 1000,
      };
      log(
        `${b.label}: probes in catalog after ${result.probe.catalogS.toFixed(
          0,
        )} s; in /fleet ${result.probe.fleetS.toFixed(
          0,
        )} s and readiness ${result.probe.readinessS.toFixed(0)} s after that`,
      );
    }
  } finally {
    await stopBackend(b);
  }
  return result;
}

async function main() {
  const dir = RUN_DIR;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  generateCatalog(dir);
  log(`generated ${ENTITIES} components, 50 groups, 200 systems in ${dir}`);
  const results = [];
  for (const db of DBS) {
    for (const variant of VARIANTS) {
      results.push(await runOne(dir, db, variant === 'with'));
    }
  }
  // The other variant's results of a run beside this one (BENCH_VARIANTS
  // on two ports), for the table of what the suite adds.
  if (process.env.BENCH_OTHER_RESULTS) {
    results.push(
      ...JSON.parse(readFileSync(process.env.BENCH_OTHER_RESULTS, 'utf8')),
    );
  }
  const commit = execFileSync('git', [
    '-C',
    ROOT,
    'rev-parse',
    '--short',
    'HEAD',
  ])
    .toString()
    .trim();
  const f = (n, d = 1) =>
    n === undefined || Number.isNaN(n) ? '-' : n.toFixed(d);
  let md = `Run ${new Date().toISOString()}, commit ${commit}, ${
    cpus().length
  } CPUs (${cpus()[0]?.model}), ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${
    process.version
  }; ${ENTITIES} components; CPU window ${WINDOW_S} s.\n\n`;
  md +=
    '| Run | ingestion s | fleet complete s | backend CPU % of a core | PostgreSQL CPU % | RSS MB | change passes with changes in window | load avg (1 min) before / after |\n';
  md += '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n';
  for (const r of results) {
    md += `| ${r.label} | ${f(r.ingestS, 0)} | ${f(r.fleetS, 0)} | ${f(
      r.cpu?.nodePct,
      2,
    )} | ${f(r.cpu?.pgPct, 2)} | ${f(r.rssMb, 0)} | ${
      r.withKit ? r.changePassesInWindow : '-'
    } | ${f(r.cpu?.loadBefore[0], 2)} / ${f(r.cpu?.loadAfter[0], 2)} |\n`;
  }
  md +=
    '\n| Database | CPU added (backend) | CPU added (backend + PostgreSQL) | RSS added MB | entity p50 / p99 ms | catalog by-name beside it p50 / p99 ms | load during entity window | /fleet p50 / p99 ms | load during /fleet window | probe in catalog s | then in /fleet s | then in readiness s |\n';
  md +=
    '| --- | ---: | ---: | ---: | --- | --- | --- | --- | --- | ---: | ---: | ---: |\n';
  const loadOf = m =>
    m ? `${f(m.loadBefore, 2)} / ${f(m.loadAfter, 2)}` : '-';
  for (const db of DBS) {
    const w = results.find(r => r.db === db && r.withKit);
    const o = results.find(r => r.db === db && !r.withKit);
    if (!w || !o) continue;
    const added = w.cpu.nodePct - o.cpu.nodePct;
    const addedAll =
      w.cpu.pgPct !== undefined ? added + w.cpu.pgPct - o.cpu.pgPct : undefined;
    md += `| ${db} | ${f(added, 2)} % | ${f(addedAll, 2)}${
      addedAll === undefined ? '' : ' %'
    } | ${f(w.rssMb - o.rssMb, 0)} | ${f(w.entity?.p50)} / ${f(
      w.entity?.p99,
    )} | ${f(w.catalogByName?.p50)} / ${f(w.catalogByName?.p99)} | ${loadOf(
      w.entity,
    )} | ${f(w.fleet?.p50)} / ${f(w.fleet?.p99)} | ${loadOf(w.fleet)} | ${f(
      w.probe?.catalogS,
      0,
    )} | ${f(w.probe?.fleetS, 0)} | ${f(w.probe?.readinessS, 0)} |\n`;
  }
  writeFileSync(join(dir, 'results.json'), JSON.stringify(results, null, 2));
  writeFileSync(join(dir, 'report.md'), md);
  process.stdout.write(md);
}

main().catch(e => {
  log(`failed: ${e.stack ?? e}`);
  process.exit(1);
});
