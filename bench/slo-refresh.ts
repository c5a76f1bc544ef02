/*
 * SLO refresh benchmark: the real SloCollector, PrometheusSloMetricsProvider,
 * DatabaseReliabilityStore (SQLite through better-sqlite3, or PostgreSQL)
 * and HTTP router, against the bench Prometheus of scripts/prometheus.sh (N
 * Sloth recording-rule SLOs). Run it through ./bench/run-slo-refresh.sh, or
 * with a bench Prometheus already up:
 *
 *   node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs \
 *     bench/slo-refresh.ts [--layouts service,slo] \
 *     [--db file|memory|file-wal|postgres] [--requests 2000] \
 *     [--http-concurrency 8] [--warmup 200] [--collector-concurrency 4] \
 *     [--json out.json] [--markdown out.md]
 *
 * (--sqlite is the old name of --db.) It prints a JSON summary line and
 * Markdown tables on stdout, progress on stderr, and exits non-zero when a
 * result check or a request fails.
 *
 * It reads PROMETHEUS_BENCH_URL and PROMETHEUS_BENCH_FIXTURES, and for
 * --db postgres SLO_BENCH_PG_URL (a server on 127.0.0.1, in which a fresh
 * database slo_bench is created for each layout). All traffic stays on
 * 127.0.0.1 and every loop is bounded. Timing targets live here and in
 * docs/performance.md, never in unit tests.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { LoggerService, UrlReaderService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DEFAULT_TIERS,
  DEFAULT_TIER_SOURCE,
  SloSnapshot,
  RELIABILITY_ANNOTATION_SLO_SELECTOR,
} from '@reliability-kit/backstage-plugin-reliability-common';
import express from 'express';
import knexFactory, { Knex } from 'knex';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { readTeamsConfig } from '../plugins/reliability-backend/src/config/readTeamsConfig';
import { DatabaseReliabilityStore } from '../plugins/reliability-backend/src/database/DatabaseReliabilityStore';
import { ReliabilityStore } from '../plugins/reliability-backend/src/database/ReliabilityStore';
import {
  PrometheusClient,
  readPrometheusInstances,
} from '../plugins/reliability-backend/src/providers/prometheus';
import { createRouter } from '../plugins/reliability-backend/src/service/createRouter';
import { PrometheusSloMetricsProvider } from '../plugins/reliability-backend/src/slo/PrometheusSloMetricsProvider';
import {
  SloCollector,
  SloCollectorRunResult,
} from '../plugins/reliability-backend/src/slo/SloCollector';
import { SloSpecReader } from '../plugins/reliability-backend/src/slo/SloSpecReader';
import { systemClock } from '../plugins/reliability-backend/src/lib/Clock';
import {
  ReportOptions,
  optionSetter,
  parseFlags,
  reportFlags,
} from './benchShared';

// ------------------------------------------------------------------ options

type Layout = 'service' | 'slo';
type DbMode = 'file' | 'memory' | 'file-wal' | 'postgres';
const DB_MODES: DbMode[] = ['file', 'memory', 'file-wal', 'postgres'];

interface Options extends ReportOptions {
  layouts: Layout[];
  /**
   * file: a fresh temp file opened as app-config.yaml's
   * `connection.directory` opens it (the store switches it to WAL; from the
   * first transaction on, better-sqlite3's build default makes that
   * synchronous=NORMAL); memory: `:memory:`; file-wal: a temp file with
   * journal_mode=WAL and synchronous=NORMAL set explicitly on the connection
   * (the what-if of the first measurement, now the same as file); postgres:
   * a fresh database on the server of SLO_BENCH_PG_URL. The settings in
   * effect are recorded in each result's dbSettings.
   */
  db: DbMode;
  requests: number;
  httpConcurrency: number;
  warmup: number;
  collectorConcurrency: number;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = {
    layouts: ['service', 'slo'],
    db: 'file',
    requests: 2000,
    httpConcurrency: 8,
    warmup: 200,
    collectorConcurrency: 4,
  };
  const int = (flag: string, v: string | undefined, min: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > 1_000_000) {
      throw new Error(`${flag} needs an integer between ${min} and 1000000`);
    }
    return n;
  };
  const set = optionSetter(opts);
  const db = (v: string, flag: string) => {
    if (!DB_MODES.includes(v as DbMode)) {
      throw new Error(`${flag} is one of ${DB_MODES.join(', ')}`);
    }
    return v as DbMode;
  };
  parseFlags(argv, {
    '--layouts': set('layouts', v =>
      v.split(',').map(l => {
        if (l !== 'service' && l !== 'slo') {
          throw new Error(`unknown layout "${l}" (service or slo)`);
        }
        return l;
      }),
    ),
    '--db': set('db', db),
    '--sqlite': set('db', db),
    '--requests': set('requests', (v, flag) => int(flag, v, 1)),
    '--http-concurrency': set('httpConcurrency', (v, flag) => int(flag, v, 1)),
    '--warmup': set('warmup', (v, flag) => int(flag, v, 0)),
    '--collector-concurrency': set('collectorConcurrency', (v, flag) =>
      int(flag, v, 1),
    ),
    ...reportFlags(opts),
  });
  return opts;
}

// -------------------------------------------------------------- stand-ins

/** Warnings and errors are counted and the first few printed; info is dropped. */
class BenchLogger implements LoggerService {
  warnings = 0;
  errors = 0;
  constructor(private readonly meta: Record<string, unknown> = {}) {}
  private print(level: string, message: string) {
    if (this.warnings + this.errors <= 5) {
      process.stderr.write(`[${level}] ${message}\n`);
    }
  }
  error(message: string): void {
    this.errors++;
    this.print('error', message);
  }
  warn(message: string): void {
    this.warnings++;
    this.print('warn', message);
  }
  info(): void {}
  debug(): void {}
  child(meta: Record<string, unknown>): LoggerService {
    return new BenchLogger({ ...this.meta, ...meta });
  }
}

/**
 * The part of the CatalogService the collector and the router use, over a
 * Map: streamEntities (with the "annotation exists" filters the collector
 * sends), getEntityByRef, getEntitiesByRefs, and refreshEntity (counted,
 * otherwise a no-op). The real catalog's cost is not measured here.
 */
class MapCatalog {
  private readonly byRef = new Map<string, Entity>();
  /** refreshEntity calls (the collector restamps changed SLO statuses). */
  refreshes = 0;
  constructor(entities: Entity[]) {
    for (const e of entities) this.byRef.set(stringifyEntityRef(e), e);
  }
  async *streamEntities(request?: {
    filter?: Array<Record<string, unknown>> | Record<string, unknown>;
    pageSize?: number;
  }): AsyncIterable<Entity[]> {
    const filters = request?.filter
      ? Array.isArray(request.filter)
        ? request.filter
        : [request.filter]
      : [];
    const keep = (e: Entity) =>
      filters.length === 0 ||
      filters.some(f =>
        Object.keys(f).every(key => {
          const prefix = 'metadata.annotations.';
          if (!key.startsWith(prefix)) {
            throw new Error(`MapCatalog cannot filter on ${key}`);
          }
          return (
            e.metadata.annotations?.[key.slice(prefix.length)] !== undefined
          );
        }),
      );
    const pageSize = request?.pageSize ?? 500;
    let page: Entity[] = [];
    for (const e of this.byRef.values()) {
      if (!keep(e)) continue;
      page.push(e);
      if (page.length === pageSize) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }
  async getEntityByRef(
    ref: string | { kind: string; namespace?: string; name: string },
  ) {
    const key =
      typeof ref === 'string'
        ? stringifyEntityRef(parseEntityRef(ref))
        : stringifyEntityRef(ref);
    return this.byRef.get(key);
  }
  async getEntitiesByRefs(request: { entityRefs: string[] }) {
    return {
      items: request.entityRefs.map(ref => this.byRef.get(ref)),
    };
  }
  async refreshEntity(_ref: string) {
    this.refreshes++;
  }
}

/** Counts and times every call of an object's async methods. */
function instrument<T extends object>(
  target: T,
  stats: Map<string, { calls: number; ms: number }>,
): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver);
      if (typeof value !== 'function' || typeof prop !== 'string') {
        return value;
      }
      return (...args: unknown[]) => {
        const t0 = performance.now();
        const done = () => {
          const s = stats.get(prop) ?? { calls: 0, ms: 0 };
          s.calls++;
          s.ms += performance.now() - t0;
          stats.set(prop, s);
        };
        const out = value.apply(obj, args);
        if (out && typeof (out as Promise<unknown>).then === 'function') {
          return (out as Promise<unknown>).finally(done);
        }
        done();
        return out;
      };
    },
  });
}

// ------------------------------------------------------------- fixtures

interface BenchFixtures {
  end: number;
  endIso: string;
  bench: {
    slos: number;
    services: number;
    examples: Array<{
      id: string;
      service: string;
      objectivePercent: number;
      errorRatios: Record<string, number>;
    }>;
  };
}

function buildEntities(layout: Layout, n: number, services: number): Entity[] {
  const entity = (name: string, selector: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'reliability-kit.io/tier': 'tier-2',
        [RELIABILITY_ANNOTATION_SLO_SELECTOR]: selector,
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-bench' },
  });
  if (layout === 'service') {
    return Array.from({ length: services }, (_, k) =>
      entity(`bench-svc-${k}`, `sloth_service="bench-svc-${k}"`),
    );
  }
  return Array.from({ length: n }, (_, i) =>
    entity(`bench-slo-${i}`, `sloth_id="bench-${i}"`),
  );
}

// ------------------------------------------------------------ measuring

const MB = 1024 * 1024;

/** Samples the RSS every 25 ms (when the event loop lets it) for a peak. */
function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

/** /proc/self/io (Linux), or undefined. */
function readProcIo(): Record<string, number> | undefined {
  try {
    const text = fs.readFileSync('/proc/self/io', 'utf8');
    return Object.fromEntries(
      text
        .trim()
        .split('\n')
        .map(line => line.split(':').map(x => x.trim()))
        .map(([k, v]) => [k, Number(v)]),
    );
  } catch {
    return undefined;
  }
}

/** The commit measured, and whether the backend sources differ from it. */
function gitState(): { commit?: string; backendDirty?: boolean } {
  try {
    const run = (args: string[]) =>
      execFileSync('git', args, {
        cwd: path.resolve(__dirname, '..'),
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    return {
      commit: run(['rev-parse', 'HEAD']),
      backendDirty:
        run([
          'status',
          '--porcelain',
          '--',
          'plugins/reliability-backend',
          'plugins/reliability-common',
          'plugins/reliability-node',
        ]) !== '',
    };
  } catch {
    return {};
  }
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

const round = (x: number, digits = 1) => +x.toFixed(digits);

/** One HTTP request the refresh sent to Prometheus, to replay raw. */
interface SentRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * The physical limit: the requests that run 2 sent, sent again to the same
 * Prometheus with node's plain `http` client (keep-alive, as many in flight
 * as the collector's concurrency), bodies read and dropped.
 */
async function replayRaw(
  sent: SentRequest[],
  concurrency: number,
): Promise<{
  requests: number;
  wallMs: number;
  errors: number;
  bytes: number;
}> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let next = 0;
  let errors = 0;
  let bytes = 0;
  const one = (req: SentRequest) =>
    new Promise<void>(resolve => {
      const u = new URL(req.url);
      const r = http.request(
        {
          host: u.hostname,
          port: u.port,
          path: `${u.pathname}${u.search}`,
          method: req.method,
          headers:
            req.body === undefined
              ? req.headers
              : {
                  ...req.headers,
                  'content-length': String(Buffer.byteLength(req.body)),
                },
          agent,
        },
        res => {
          if ((res.statusCode ?? 0) >= 400) errors++;
          res.on('data', (c: Buffer) => {
            bytes += c.length;
          });
          res.on('end', () => resolve());
          res.on('error', () => {
            errors++;
            resolve();
          });
        },
      );
      r.on('error', () => {
        errors++;
        resolve();
      });
      if (req.body !== undefined) r.write(req.body);
      r.end();
    });
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, sent.length) }, async () => {
      while (next < sent.length) await one(sent[next++]);
    }),
  );
  const wallMs = performance.now() - t0;
  agent.destroy();
  return { requests: sent.length, wallMs, errors, bytes };
}

interface RunMeasurement {
  wallMs: number;
  upstreamQueries: number;
  httpRequests: number;
  httpMs: number;
  discoverMs: number;
  /** catalog.refreshEntity calls (SLO status changed): no-ops here. */
  catalogRefreshes: number;
  /** SQL statements sent (knex `query` events, BEGIN and COMMIT included). */
  sqlStatements: number;
  result: SloCollectorRunResult;
  /** CPU time of this process during the run (both threads, user and kernel). */
  cpuUserMs: number;
  cpuSystemMs: number;
  /**
   * From /proc/self/io: write syscalls and bytes sent to storage by this
   * process (not recorded for PostgreSQL, whose server does the writing).
   */
  writeSyscalls?: number;
  writeMb?: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  rssPeakMb: number;
  heapUsedMb: number;
  store: Record<string, { calls: number; ms: number }>;
}

interface HttpMeasurement {
  requests: number;
  concurrency: number;
  warmup: number;
  errors: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  requestsPerSecond: number;
  meanResponseBytes: number;
}

interface LayoutResult {
  n: number;
  db: DbMode;
  /** SQLite: the connection's journal_mode and synchronous after the store opened it; PostgreSQL: the server version. */
  dbSettings: Record<string, string | number>;
  layout: Layout;
  entities: number;
  slosPerEntity: number;
  setupMs: number;
  runs: RunMeasurement[];
  /** Run 2's requests sent again raw (`replayRaw`), and run 2 / that. */
  rawQueries: {
    requests: number;
    concurrency: number;
    wallMs: number;
    errors: number;
    responseMb: number;
    refreshRatio: number;
  };
  check: string;
  http: HttpMeasurement;
  sqliteBytes?: number;
  /** os.loadavg() (1, 5, 15 min) around the layout: other load skews times. */
  loadAvg: { before: number[]; after: number[] };
}

/**
 * The load generator runs on a worker thread (its own event loop) with
 * keep-alive connections, so the router's event loop only serves requests.
 */
const LOAD_WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const http = require('node:http');
const { port, paths, warmup, total, concurrency, header, seed } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
let s = seed >>> 0;
const rnd = () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
function get(p) {
  return new Promise(resolve => {
    const t0 = process.hrtime.bigint();
    const req = http.request({ host: '127.0.0.1', port, path: p, agent, headers: { authorization: header } }, res => {
      let bytes = 0;
      res.on('data', c => { bytes += c.length; });
      res.on('end', () => resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, status: res.statusCode, bytes }));
    });
    req.on('error', () => resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, status: 0, bytes: 0 }));
    req.end();
  });
}
async function phase(count, record) {
  const lat = new Float64Array(count);
  let next = 0, errors = 0, bytes = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) {
      const i = next++;
      const r = await get(paths[Math.floor(rnd() * paths.length)]);
      lat[i] = r.ms; bytes += r.bytes;
      if (r.status !== 200) errors++;
    }
  }));
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  return { lat, errors, bytes, wallMs };
}
(async () => {
  if (warmup > 0) await phase(warmup);
  const r = await phase(total);
  agent.destroy();
  parentPort.postMessage(r, [r.lat.buffer]);
})();
`;

async function measureHttp(
  app: express.Express,
  paths: string[],
  opts: Options,
): Promise<HttpMeasurement> {
  const server = http.createServer(app);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const { lat, errors, bytes, wallMs } = await new Promise<{
      lat: Float64Array;
      errors: number;
      bytes: number;
      wallMs: number;
    }>((resolve, reject) => {
      const worker = new Worker(LOAD_WORKER, {
        eval: true,
        workerData: {
          port,
          paths,
          warmup: opts.warmup,
          total: opts.requests,
          concurrency: opts.httpConcurrency,
          header: 'Bearer mock-user-token',
          seed: 42,
        },
      });
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    const sorted = Float64Array.from(lat).sort();
    const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
    return {
      requests: opts.requests,
      concurrency: opts.httpConcurrency,
      warmup: opts.warmup,
      errors,
      p50Ms: round(percentile(sorted, 50), 2),
      p95Ms: round(percentile(sorted, 95), 2),
      p99Ms: round(percentile(sorted, 99), 2),
      maxMs: round(sorted[sorted.length - 1], 2),
      meanMs: round(mean, 2),
      requestsPerSecond: round((opts.requests / wallMs) * 1000, 0),
      meanResponseBytes: Math.round(bytes / opts.requests),
    };
  } finally {
    server.closeAllConnections();
    await new Promise<void>(resolve => server.close(() => resolve()));
  }
}

/**
 * A fresh database slo_bench on the server of SLO_BENCH_PG_URL (which must
 * be on 127.0.0.1), dropped and created again for every layout.
 */
async function freshPostgres(): Promise<Knex> {
  const pgUrl = process.env.SLO_BENCH_PG_URL;
  if (!pgUrl) {
    throw new Error(
      '--db postgres needs SLO_BENCH_PG_URL (./bench/run-slo-refresh.sh starts a server)',
    );
  }
  const url = new URL(pgUrl);
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') {
    throw new Error(`SLO_BENCH_PG_URL must be on 127.0.0.1, got ${url.host}`);
  }
  const admin = knexFactory({ client: 'pg', connection: pgUrl });
  try {
    await admin.raw('DROP DATABASE IF EXISTS slo_bench');
    await admin.raw('CREATE DATABASE slo_bench');
  } finally {
    await admin.destroy();
  }
  url.pathname = '/slo_bench';
  return knexFactory({ client: 'pg', connection: url.toString() });
}

async function benchLayout(
  layout: Layout,
  fixtures: BenchFixtures,
  url: string,
  opts: Options,
): Promise<LayoutResult> {
  const n = fixtures.bench.slos;
  const now = new Date(fixtures.end * 1000);
  const loadBefore = os.loadavg().map(l => round(l, 2));
  const setupStart = performance.now();
  const entities = buildEntities(layout, n, fixtures.bench.services);
  const catalog = new MapCatalog(entities);

  let sqliteFile: string | undefined;
  let tmpDir: string | undefined;
  if (opts.db === 'file' || opts.db === 'file-wal') {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reliability-bench-'));
    sqliteFile = path.join(tmpDir, 'reliability.sqlite');
  }
  // What backend-defaults builds for `client: better-sqlite3`: one
  // connection, SQLite's default journal and synchronous settings (the
  // store then switches the journal to WAL). For PostgreSQL, a fresh
  // database with knex's default pool.
  const knex: Knex =
    opts.db === 'postgres'
      ? await freshPostgres()
      : knexFactory({
          client: 'better-sqlite3',
          connection: { filename: sqliteFile ?? ':memory:' },
          useNullAsDefault: true,
          ...(opts.db === 'file-wal'
            ? {
                pool: {
                  afterCreate: (
                    conn: { pragma(p: string): unknown },
                    done: (err: Error | null, conn: unknown) => void,
                  ) => {
                    conn.pragma('journal_mode = WAL');
                    conn.pragma('synchronous = NORMAL');
                    done(null, conn);
                  },
                },
              }
            : {}),
        });
  const realStore = await DatabaseReliabilityStore.create({
    database: { getClient: async () => knex },
  });
  const dbSettings: Record<string, string | number> = {};
  if (opts.db === 'postgres') {
    const { rows } = await knex.raw('show server_version');
    dbSettings.serverVersion = rows[0].server_version;
    for (const name of ['fsync', 'synchronous_commit']) {
      const r = await knex.raw(`show ${name}`);
      dbSettings[name] = r.rows[0][name];
    }
  } else {
    const pragma = async (name: string) =>
      Object.values(
        (
          (await knex.raw(`PRAGMA ${name}`)) as Array<Record<string, unknown>>
        )[0],
      )[0] as string | number;
    dbSettings.journal_mode = await pragma('journal_mode');
    dbSettings.synchronous = await pragma('synchronous');
  }
  const storeStats = new Map<string, { calls: number; ms: number }>();
  const store = instrument<ReliabilityStore>(realStore, storeStats);
  let sqlStatements = 0;
  knex.on('query', () => {
    sqlStatements++;
  });

  const logger = new BenchLogger();
  const [instance] = readPrometheusInstances(
    new ConfigReader({
      reliability: {
        prometheus: { instances: [{ name: 'bench', baseUrl: url }] },
      },
    }),
  );
  const upstream = { requests: 0, ms: 0 };
  let recording: SentRequest[] | undefined;
  const countingFetch: typeof fetch = async (input, init) => {
    upstream.requests++;
    if (recording) {
      const body = init?.body;
      recording.push({
        url: String(input instanceof Request ? input.url : input),
        method: init?.method ?? 'GET',
        headers: Object.fromEntries(new Headers(init?.headers).entries()),
        body:
          body === undefined || body === null
            ? undefined
            : typeof body === 'string'
            ? body
            : String(body),
      });
    }
    const t0 = performance.now();
    try {
      return await fetch(input, init);
    } finally {
      upstream.ms += performance.now() - t0;
    }
  };
  const provider = new PrometheusSloMetricsProvider([
    PrometheusClient.fromConfig(instance, { logger, fetchImpl: countingFetch }),
  ]);
  const discoverStats = new Map<string, { calls: number; ms: number }>();
  const timedProvider = instrument(provider, discoverStats);
  const auth = mockServices.auth();
  const collector = new SloCollector({
    clock: systemClock,
    catalog: catalog as unknown as CatalogService,
    auth,
    store,
    logger,
    specReader: new SloSpecReader({ urlReader: {} as UrlReaderService }),
    provider: timedProvider,
    instances: {
      names: ['bench'],
      links: (i, slo) => provider.links(i, slo),
    },
    tierModel: { tiers: DEFAULT_TIERS, source: DEFAULT_TIER_SOURCE },
    concurrency: opts.collectorConcurrency,
  });
  const setupMs = performance.now() - setupStart;

  const runs: RunMeasurement[] = [];
  for (let r = 0; r < 2; r++) {
    (globalThis as { gc?: () => void }).gc?.();
    storeStats.clear();
    discoverStats.clear();
    const q0 = provider.queryCount;
    const h0 = { ...upstream };
    const refreshes0 = catalog.refreshes;
    const sql0 = sqlStatements;
    const rssBefore = process.memoryUsage().rss;
    const cpu0 = process.cpuUsage();
    const io0 = readProcIo();
    const sampler = rssSampler();
    recording = r === 1 ? [] : undefined;
    const t0 = performance.now();
    const result = await collector.run(now);
    const wallMs = performance.now() - t0;
    const rssPeak = sampler.stop();
    const mem = process.memoryUsage();
    const cpu = process.cpuUsage(cpu0);
    const io1 = readProcIo();
    runs.push({
      wallMs: round(wallMs, 0),
      upstreamQueries: provider.queryCount - q0,
      httpRequests: upstream.requests - h0.requests,
      httpMs: round(upstream.ms - h0.ms, 0),
      discoverMs: round(discoverStats.get('discover')?.ms ?? 0, 0),
      catalogRefreshes: catalog.refreshes - refreshes0,
      sqlStatements: sqlStatements - sql0,
      result,
      cpuUserMs: round(cpu.user / 1000, 0),
      cpuSystemMs: round(cpu.system / 1000, 0),
      ...(io0 && io1 && opts.db !== 'postgres'
        ? {
            writeSyscalls: io1.syscw - io0.syscw,
            writeMb: round((io1.write_bytes - io0.write_bytes) / MB, 1),
          }
        : {}),
      rssBeforeMb: round(rssBefore / MB, 0),
      rssAfterMb: round(mem.rss / MB, 0),
      rssPeakMb: round(rssPeak / MB, 0),
      heapUsedMb: round(mem.heapUsed / MB, 0),
      store: Object.fromEntries(
        [...storeStats.entries()].map(([k, v]) => [
          k,
          { calls: v.calls, ms: round(v.ms, 0) },
        ]),
      ),
    });
    process.stderr.write(
      `  ${layout} run ${r + 1}: ${round(wallMs, 0)} ms, ${
        provider.queryCount - q0
      } queries, ${result.slos} SLOs of ${result.entities} entities\n`,
    );
  }

  // The same requests as run 2, sent raw: what Prometheus alone takes.
  const sent = recording ?? [];
  recording = undefined;
  const raw = await replayRaw(sent, opts.collectorConcurrency);
  const rawQueries = {
    requests: raw.requests,
    concurrency: opts.collectorConcurrency,
    wallMs: round(raw.wallMs, 0),
    errors: raw.errors,
    responseMb: round(raw.bytes / MB, 1),
    refreshRatio: round(runs[1].wallMs / raw.wallMs, 2),
  };
  process.stderr.write(
    `  ${layout} raw replay of run 2's ${raw.requests} requests: ${round(
      raw.wallMs,
      0,
    )} ms (${raw.errors} errors); refresh / raw = ${rawQueries.refreshRatio}\n`,
  );

  // Spot check: what the store holds for SLO bench-0 against the generator.
  const example = fixtures.bench.examples.find(e => e.id === 'bench-0')!;
  const ref =
    layout === 'service'
      ? `component:default/${example.service}`
      : 'component:default/bench-slo-0';
  const items = ((await realStore.readSections(ref)).slos?.items ??
    []) as SloSnapshot[];
  const slo = items.find(s => s.id === 'bench-0');
  const expectedSli = 1 - example.errorRatios['30d'];
  const expectedCount = layout === 'service' ? n / fixtures.bench.services : 1;
  const problems: string[] = [];
  if (items.length !== expectedCount) {
    problems.push(`${ref} has ${items.length} SLOs, expected ${expectedCount}`);
  }
  if (!slo || Math.abs((slo.sli ?? NaN) - expectedSli) > 1e-9) {
    problems.push(`bench-0 SLI ${slo?.sli} != ${expectedSli}`);
  }
  for (const run of runs) {
    if (run.result.slos !== n || run.result.problems !== 0) {
      problems.push(
        `run evaluated ${run.result.slos}/${n} SLOs with ${run.result.problems} problems`,
      );
    }
  }
  if (logger.errors > 0) problems.push(`${logger.errors} errors logged`);
  const check =
    problems.length === 0
      ? `ok: ${ref} holds ${items.length} SLOs; bench-0 SLI ${
          slo!.sli
        } = 1 - generated 30d error ratio`
      : `FAILED: ${problems.join('; ')}`;

  // The entity endpoint, through the real router.
  const app = express();
  app.use(
    '/api/reliability',
    await createRouter({
      clock: systemClock,
      logger,
      httpAuth: mockServices.httpAuth(),
      catalog: catalog as unknown as CatalogService,
      store: realStore,
      tierModel: { tiers: DEFAULT_TIERS, source: DEFAULT_TIER_SOURCE },
      // allows everything: the entity endpoint's reliability.entity.read
      // check costs a mock call only
      permissions: mockServices.permissions(),
      hoursOf: readTeamsConfig(new ConfigReader({})).hoursOf,
    }),
  );
  app.use(
    (
      err: Error,
      _req: express.Request,
      res: express.Response,
      _next: express.NextFunction,
    ) => {
      res.status(500).json({ error: err.message });
    },
  );
  const paths = entities.map(
    e => `/api/reliability/entities/component/default/${e.metadata.name}`,
  );
  const httpResult = await measureHttp(app, paths, opts);
  process.stderr.write(
    `  ${layout} entity endpoint: p50 ${httpResult.p50Ms} ms, p99 ${httpResult.p99Ms} ms, ${httpResult.requestsPerSecond} req/s\n`,
  );

  await knex.destroy();
  let sqliteBytes: number | undefined;
  if (sqliteFile && tmpDir) {
    sqliteBytes = fs.statSync(sqliteFile).size;
    if (fs.existsSync(`${sqliteFile}-wal`)) {
      sqliteBytes += fs.statSync(`${sqliteFile}-wal`).size;
    }
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
  return {
    n,
    db: opts.db,
    dbSettings,
    layout,
    entities: entities.length,
    slosPerEntity: n / entities.length,
    setupMs: round(setupMs, 0),
    runs,
    rawQueries,
    check,
    http: httpResult,
    ...(sqliteBytes !== undefined ? { sqliteBytes } : {}),
    loadAvg: { before: loadBefore, after: os.loadavg().map(l => round(l, 2)) },
  };
}

// --------------------------------------------------------------- report

function markdownTable(results: LayoutResult[]): string {
  const columns: Array<[string, (r: LayoutResult) => string | number]> = [
    ['N SLOs', r => r.n],
    [
      'layout',
      r =>
        r.layout === 'service'
          ? `(a) ${r.entities} entities × ${r.slosPerEntity} SLOs`
          : `(b) ${r.entities} entities × 1 SLO`,
    ],
    ['database', r => r.db],
    ['run 1 (ms)', r => r.runs[0].wallMs],
    ['run 2 (ms)', r => r.runs[1].wallMs],
    [
      'upstream queries (run 1 / 2)',
      r => `${r.runs[0].upstreamQueries} / ${r.runs[1].upstreamQueries}`,
    ],
    [
      'HTTP requests to Prometheus',
      r => `${r.runs[0].httpRequests} / ${r.runs[1].httpRequests}`,
    ],
    [
      'discovery (ms, run 1 / 2)',
      r => `${r.runs[0].discoverMs} / ${r.runs[1].discoverMs}`,
    ],
    ['SLOs evaluated', r => r.runs[0].result.slos],
    ['peak RSS (MB)', r => Math.max(...r.runs.map(x => x.rssPeakMb))],
    ['entity p50 (ms)', r => r.http.p50Ms],
    ['p95', r => r.http.p95Ms],
    ['p99', r => r.http.p99Ms],
    ['max', r => r.http.maxMs],
    ['req/s', r => r.http.requestsPerSecond],
    ['response (KiB)', r => Math.round(r.http.meanResponseBytes / 1024)],
    [
      'load 1 min (before → after)',
      r => `${r.loadAvg.before[0]} → ${r.loadAvg.after[0]}`,
    ],
  ];
  const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
  return [
    line(columns.map(([title]) => title)),
    line(
      columns.map(([title]) =>
        title === 'layout' || title === 'database' ? '---' : '---:',
      ),
    ),
    ...results.map(r => line(columns.map(([, value]) => value(r)))),
  ].join('\n');
}

function storeTable(results: LayoutResult[]): string {
  const methods = [
    'readSections',
    'replaceSloDefinitions',
    'upsertSloHistoryPoints',
    'writeSection',
  ];
  const rows = results.map(r => {
    const run = r.runs[1];
    const s = run.store;
    const cells = [
      run.wallMs,
      `${run.cpuUserMs} / ${run.cpuSystemMs}`,
      run.writeMb !== undefined
        ? `${run.writeMb} MB / ${run.writeSyscalls}`
        : '–',
      ...methods.map(m => (s[m] ? `${s[m].calls} × / ${s[m].ms} ms` : '–')),
    ];
    return `| ${r.n} | ${r.layout} | ${r.db} | ${cells.join(' | ')} |`;
  });
  return [
    `| N SLOs | layout | database | wall (ms) | CPU user / system (ms) | disk writes / write calls | ${methods.join(
      ' | ',
    )} |`,
    `| ---: | --- | --- | ---: | ---: | ---: | ${methods
      .map(() => '---:')
      .join(' | ')} |`,
    ...rows,
  ].join('\n');
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const url = process.env.PROMETHEUS_BENCH_URL;
  const fixturesPath = process.env.PROMETHEUS_BENCH_FIXTURES;
  if (!url || !fixturesPath) {
    throw new Error(
      'PROMETHEUS_BENCH_URL and PROMETHEUS_BENCH_FIXTURES are not set; run ./bench/run-slo-refresh.sh, or start_prometheus bench N first',
    );
  }
  if (!/^http:\/\/127\.0\.0\.1:\d+\/?$/.test(url)) {
    throw new Error(
      `PROMETHEUS_BENCH_URL must be http://127.0.0.1:<port>, got ${url}`,
    );
  }
  const fixtures = JSON.parse(
    fs.readFileSync(fixturesPath, 'utf8'),
  ) as BenchFixtures;
  if (!fixtures.bench) {
    throw new Error(`${fixturesPath} is not a bench fixtures file`);
  }
  process.stderr.write(
    `N = ${fixtures.bench.slos} SLOs at ${fixtures.endIso}, Prometheus ${url}, database ${opts.db}\n`,
  );
  const results: LayoutResult[] = [];
  for (const layout of opts.layouts) {
    results.push(await benchLayout(layout, fixtures, url, opts));
  }
  const summary = {
    benchmark: 'slo-refresh',
    at: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryMb: Math.round(os.totalmem() / MB),
      node: process.version,
      platform: `${os.type()} ${os.release()}`,
    },
    git: gitState(),
    options: opts,
    fixturesEnd: fixtures.endIso,
    results,
  };
  const table = `${markdownTable(
    results,
  )}\n\nWhere run 2's time goes: CPU time of the process (both threads), bytes written to storage (/proc/self/io), and store calls (count / summed wall time; calls overlap across the collector's workers and queue for SQLite's single connection):\n\n${storeTable(
    results,
  )}\n`;
  process.stdout.write(`${JSON.stringify(summary)}\n\n${table}`);
  if (opts.json)
    fs.writeFileSync(opts.json, `${JSON.stringify(summary, null, 2)}\n`);
  if (opts.markdown) fs.writeFileSync(opts.markdown, table);
  if (results.some(r => r.check.startsWith('FAILED') || r.http.errors > 0)) {
    process.stderr.write(
      `checks failed:\n${results
        .map(r => `  ${r.layout}: ${r.check}; ${r.http.errors} HTTP errors`)
        .join('\n')}\n`,
    );
    process.exitCode = 1;
  }
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
