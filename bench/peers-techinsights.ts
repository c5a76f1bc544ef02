/*
 * Tech Insights, side by side (run by ./bench/run-peers.sh): the Tech
 * Insights backend with its json-rules-engine checks
 * (@backstage-community/plugin-tech-insights-backend and
 * -backend-module-jsonfc, installed into bench/peers/ only) and our
 * scorecards, on the same generated catalog, with 20 equivalent checks:
 * 12 "annotation a<k> is present" and 8 "label l<k> equals v<k>".
 *
 * - Tech Insights: a fact retriever (registered through its extension
 *   point, cadence from config) returns the 20 facts of every entity, the
 *   backend stores them; `POST /checks/run` with no entities runs the 20
 *   checks on every entity that has facts. Both run in the measured fleet
 *   evaluation. Its scheduler is replaced by one that hands the task's
 *   function to the harness, so the run is awaited rather than polled.
 * - Ours: `ReadinessEvaluator.run()` with one 20-check scorecard, stores and
 *   index as in production (SQLite file), first run and a run after it.
 * Reading one entity's result: `POST /checks/run/:ns/:kind/:name` (Tech
 * Insights evaluates on request) against our entity endpoint `GET
 * /entities/:kind/:ns/:name` (reads the stored result), 200 entities.
 * Both on SQLite files (better-sqlite3) in the temp directory; SQL
 * statements are knex `query` events.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DEFAULT_TIERS,
  DEFAULT_TIER_SOURCE,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { parseChecksConfig } from '@reliability-kit/backstage-plugin-reliability-node';
import knexFactory, { Knex } from 'knex';
import fs from 'node:fs';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DatabaseReliabilityStore } from '../plugins/reliability-backend/src/database/DatabaseReliabilityStore';
import { systemClock } from '../plugins/reliability-backend/src/lib/Clock';
import { DatabaseReadinessStore } from '../plugins/reliability-backend/src/readiness/DatabaseReadinessStore';
import { ReadinessEvaluator } from '../plugins/reliability-backend/src/readiness/ReadinessEvaluator';
import {
  agent,
  peerRequire,
  quiet,
  round,
  send,
  serveOurRouter,
  timeEach,
} from './peersShared';

const SIZES = (process.env.PEERS_TI_SIZES ?? '1000 10000')
  .split(/\s+/)
  .filter(Boolean)
  .map(Number);
const READS = 200;
const ANNOTATIONS = 12;
const LABELS = 8;

const h = (i: number, salt: number) => {
  let x = (i * 2654435761 + salt * 40503) >>> 0;
  x ^= x >>> 15;
  x = Math.imul(x, 2246822519) >>> 0;
  x ^= x >>> 13;
  return x >>> 0;
};

function entityOf(i: number): Entity {
  const annotations: Record<string, string> = {};
  for (let k = 0; k < ANNOTATIONS; k++) {
    if (h(i, k) % 10 < 6) annotations[`bench.io/a${k}`] = 'yes';
  }
  const labels: Record<string, string> = {};
  for (let k = 0; k < LABELS; k++) {
    labels[`l${k}`] = h(i, 100 + k) % 3 === 0 ? `v${k}` : `other`;
  }
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `svc-${String(i).padStart(6, '0')}`,
      namespace: 'default',
      annotations,
      labels,
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
  };
}

/** The 20 facts of an entity, as the Tech Insights fact retriever returns. */
function factsOf(e: Entity) {
  const facts: Record<string, boolean | string> = {};
  for (let k = 0; k < ANNOTATIONS; k++) {
    facts[`a${k}`] = e.metadata.annotations?.[`bench.io/a${k}`] !== undefined;
  }
  for (let k = 0; k < LABELS; k++) {
    facts[`l${k}`] = e.metadata.labels?.[`l${k}`] ?? '';
  }
  return facts;
}

const CHECK_IDS = [
  ...Array.from({ length: ANNOTATIONS }, (_, k) => `a${k}`),
  ...Array.from({ length: LABELS }, (_, k) => `l${k}`),
];

function counter(knex: Knex) {
  const c = { n: 0 };
  knex.on('query', () => {
    c.n++;
  });
  return c;
}

async function reads(
  names: string[],
  read: (name: string) => Promise<{ status: number; ms: number }>,
) {
  const { meanMs: _mean, ...timed } = await timeEach(names, async name => {
    const r = await read(name);
    return { ok: r.status === 200, ms: r.ms };
  });
  return timed;
}

async function sumBytes(knex: Knex, table: string, column: string, where = {}) {
  const [row] = await knex(table)
    .where(where)
    .select(knex.raw(`SUM(LENGTH(${column})) as n`), knex.raw('COUNT(*) as c'));
  return { bytes: Number((row as any).n ?? 0), rows: Number((row as any).c) };
}

async function peerRun(entities: Entity[], dir: string, names: string[]) {
  const {
    startTestBackend,
    mockServices: peerMocks,
    mockCredentials,
  } = peerRequire('@backstage/backend-test-utils');
  const api = peerRequire('@backstage/backend-plugin-api');
  const node = peerRequire('@backstage-community/plugin-tech-insights-node');
  const tiPlugin = peerRequire(
    '@backstage-community/plugin-tech-insights-backend',
  ).default;
  const jsonfc = peerRequire(
    '@backstage-community/plugin-tech-insights-backend-module-jsonfc',
  ).default;
  const versions = Object.fromEntries(
    [
      '@backstage-community/plugin-tech-insights-backend',
      '@backstage-community/plugin-tech-insights-backend-module-jsonfc',
    ].map(p => [p, peerRequire(`${p}/package.json`).version]),
  );
  const peerKnex = peerRequire('knex');
  const knex: Knex = peerKnex({
    client: 'better-sqlite3',
    connection: { filename: path.join(dir, 'tech-insights.sqlite') },
    useNullAsDefault: true,
  });
  const queries = counter(knex);
  const tasks = new Map<string, () => Promise<void>>();
  const scheduler = {
    scheduleTask: async (t: { id: string; fn: () => Promise<void> }) => {
      tasks.set(t.id, t.fn);
    },
    createScheduledTaskRunner: () => ({
      run: async (t: { id: string; fn: () => Promise<void> }) => {
        tasks.set(t.id, t.fn);
      },
    }),
    triggerTask: async (id: string) => tasks.get(id)?.(),
    getScheduledTasks: async () => [],
  };
  const retrieverModule = api.createBackendModule({
    pluginId: 'tech-insights',
    moduleId: 'bench-facts',
    register(env: any) {
      env.registerInit({
        deps: { retrievers: node.techInsightsFactRetrieversExtensionPoint },
        async init({ retrievers }: any) {
          retrievers.addFactRetrievers({
            benchFacts: {
              id: 'benchFacts',
              version: '1.0.0',
              entityFilter: [{ kind: 'component' }],
              schema: Object.fromEntries(
                CHECK_IDS.map(id => [
                  id,
                  {
                    type: id.startsWith('a') ? 'boolean' : 'string',
                    description: id,
                  },
                ]),
              ),
              handler: async () =>
                entities.map(e => ({
                  entity: {
                    namespace: 'default',
                    kind: 'component',
                    name: e.metadata.name,
                  },
                  facts: factsOf(e),
                })),
            },
          });
        },
      });
    },
  });
  const checks = Object.fromEntries(
    CHECK_IDS.map((id, k) => [
      id,
      {
        type: 'json-rules-engine',
        name: id,
        description: id,
        factIds: ['benchFacts'],
        rule: {
          conditions: {
            all: [
              k < ANNOTATIONS
                ? { fact: id, operator: 'equal', value: true }
                : { fact: id, operator: 'equal', value: `v${k - ANNOTATIONS}` },
            ],
          },
        },
      },
    ]),
  );
  const backend = await startTestBackend({
    features: [
      tiPlugin,
      jsonfc,
      retrieverModule,
      peerMocks.rootConfig.factory({
        data: {
          techInsights: {
            factRetrievers: {
              benchFacts: {
                cadence: '0 0 1 1 *',
                lifecycle: { maxItems: 7 },
              },
            },
            factChecker: { checks },
          },
        },
      }),
      api.createServiceFactory({
        service: api.coreServices.database,
        deps: {},
        factory: () => ({
          getClient: async () => knex,
          migrations: { skip: false },
        }),
      }),
      api.createServiceFactory({
        service: api.coreServices.scheduler,
        deps: {},
        factory: () => scheduler,
      }),
    ],
  });
  const port = (backend.server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}/api/tech-insights`;
  const headers = { authorization: mockCredentials.user.header() };

  const fleet = async () => {
    const q0 = queries.n;
    const t0 = performance.now();
    await tasks.get('benchFacts')!();
    const retrievedMs = performance.now() - t0;
    const r = await send('POST', `${base}/checks/run`, headers, {
      body: { checks: CHECK_IDS, entities: [] },
      timeoutMs: 3_600_000,
    });
    const ms = performance.now() - t0;
    if (r.status !== 200)
      throw new Error(`checks/run: ${r.status} ${r.body.slice(0, 300)}`);
    const results = JSON.parse(r.body) as Array<{ results: unknown[] }>;
    return {
      ms: round(ms, 0),
      retrieveAndStoreMs: round(retrievedMs, 0),
      queries: queries.n - q0,
      entitiesChecked: results.length,
      checkResults: results.reduce((n, x) => n + x.results.length, 0),
    };
  };
  const first = await fleet();
  const second = await fleet();
  const q0 = queries.n;
  const read = await reads(names, name =>
    send('POST', `${base}/checks/run/default/component/${name}`, headers, {
      body: { checks: CHECK_IDS },
    }),
  );
  const readQueries = (queries.n - q0) / names.length;
  const stored = await sumBytes(knex, 'facts', 'facts');
  await backend.stop();
  await knex.destroy();
  return {
    versions,
    first,
    second,
    read: { ...read, queriesPerRead: round(readQueries, 1) },
    stored: {
      bytes: stored.bytes,
      rows: stored.rows,
      what: 'facts (JSON), one row per entity and retrieval, up to 7 kept (lifecycle maxItems 7); check results are not stored',
    },
    resultsKept: false,
    historyKept: 'facts only (per the lifecycle)',
  };
}

async function ourRun(entities: Entity[], dir: string, names: string[]) {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(dir, 'reliability.sqlite') },
    useNullAsDefault: true,
  });
  const database = { getClient: async () => knex };
  const store = await DatabaseReliabilityStore.create({ database });
  const readinessStore = await DatabaseReadinessStore.create({
    database,
    skipMigrations: true,
  });
  await store.replaceEntityIndex(
    entities.map(e => ({
      entityRef: stringifyEntityRef(e),
      kind: 'component',
      namespace: 'default',
      name: e.metadata.name,
      ownerRef: 'group:default/team-a',
      tierStatus: 'missing' as const,
    })),
    new Date().toISOString(),
  );
  const config = parseChecksConfig(
    {
      checks: CHECK_IDS.map((id, k) => ({
        id,
        title: id,
        rule:
          k < ANNOTATIONS
            ? { fact: `annotation:bench.io/${id}`, exists: true }
            : { fact: `label:${id}`, equals: `v${k - ANNOTATIONS}` },
      })),
      scorecards: [
        {
          id: 'bench',
          title: 'Bench',
          levels: [
            {
              id: 'all',
              title: 'All',
              checks: CHECK_IDS.map(check => ({ check })),
            },
          ],
        },
      ],
    },
    { tiers: DEFAULT_TIERS },
  );
  const catalog = catalogServiceMock({ entities });
  const evaluator = new ReadinessEvaluator({
    catalog,
    auth: mockServices.auth(),
    store,
    readinessStore,
    config,
    tierModel: { tiers: DEFAULT_TIERS, source: DEFAULT_TIER_SOURCE },
    logger: quiet,
    clock: systemClock,
  });
  const queries = counter(knex);
  const fleet = async () => {
    const q0 = queries.n;
    const t0 = performance.now();
    const r = await evaluator.run();
    return {
      ms: round(performance.now() - t0, 0),
      queries: queries.n - q0,
      entitiesChecked: r.evaluated,
    };
  };
  const first = await fleet();
  const second = await fleet();
  const served = await serveOurRouter({
    catalog,
    store,
    readinessStore,
    evaluator,
  });
  const q0 = queries.n;
  const read = await reads(names, name =>
    send(
      'GET',
      `${served.base}/entities/component/default/${name}`,
      served.headers,
    ),
  );
  const readQueries = (queries.n - q0) / names.length;
  const sections = await sumBytes(knex, 'reliability_sections', 'payload');
  const results = await sumBytes(
    knex,
    'reliability_scorecard_results',
    'result',
  );
  const history = await sumBytes(
    knex,
    'reliability_scorecard_history',
    'level',
  );
  await served.stop();
  await knex.destroy();
  return {
    first,
    second,
    read: { ...read, queriesPerRead: round(readQueries, 1) },
    stored: {
      bytes: sections.bytes + results.bytes,
      rows: sections.rows + results.rows + history.rows,
      what: `readiness and scorecards sections and current results (JSON), plus ${history.rows} daily history rows`,
    },
    resultsKept: true,
    historyKept: 'daily level and score per entity (400 days)',
  };
}

async function main() {
  const jsonOut = process.argv[process.argv.indexOf('--json') + 1];
  const out: any[] = [];
  for (const n of SIZES) {
    const loadBefore = os.loadavg();
    const entities = Array.from({ length: n }, (_, i) => entityOf(i));
    const names = Array.from(
      { length: Math.min(READS, n) },
      (_, k) => entities[h(k, 999) % n].metadata.name!,
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peers-ti-'));
    try {
      const peer = await peerRun(entities, dir, names);
      process.stderr.write(`tech insights, ${n}: ${JSON.stringify(peer)}\n`);
      const ours = await ourRun(entities, dir, names);
      process.stderr.write(`ours, ${n}: ${JSON.stringify(ours)}\n`);
      out.push({
        entities: n,
        checks: CHECK_IDS.length,
        peer,
        ours,
        loadAvg: { before: loadBefore, after: os.loadavg() },
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  agent.destroy();
  const result = { at: new Date().toISOString(), sizes: out };
  if (jsonOut)
    fs.writeFileSync(jsonOut, `${JSON.stringify(result, null, 2)}\n`);
  process.exit(0);
}

main().catch(e => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
