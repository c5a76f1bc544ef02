/*
 * Fleet query benchmark: the real router (createRouter with the fleet
 * routes), DatabaseReliabilityStore and FleetStore, over real HTTP on
 * 127.0.0.1, with N generated entities (default 10,000) in the fleet table
 * and 12 weeks of weekly rows. Measures p50/p99 of `GET /fleet` with
 * filters and sorts, and of `GET /fleet/summary` per groupBy, on SQLite
 * (better-sqlite3, a file) and on PostgreSQL when FLEET_BENCH_PG_URL is set
 * (a fresh database is created in it). Permissions: ALLOW (the mock policy);
 * the CONDITIONAL path costs catalog and permission look-ups on top.
 *
 *   node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs \
 *     bench/fleet-queries.ts [--entities 10000] [--requests 300] [--warmup 30]
 *
 * Prints a Markdown table on stdout and progress on stderr; exits non-zero
 * when a request fails. Run it through ./bench/run-fleet-queries.sh.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DEFAULT_TIERS,
  DEFAULT_TIER_SOURCE,
} from '@reliability-kit/backstage-plugin-reliability-common';
import express from 'express';
import { Knex } from 'knex';
import {
  forEachBenchDatabase,
  percentile,
  quietLogger,
} from './benchDatabases';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import { readTeamsConfig } from '../plugins/reliability-backend/src/config/readTeamsConfig';
import { DatabaseReliabilityStore } from '../plugins/reliability-backend/src/database/DatabaseReliabilityStore';
import { FleetStore } from '../plugins/reliability-backend/src/fleet';
import { SLO_RANK } from '../plugins/reliability-backend/src/fleet/FleetStore';
import {
  addUtcDays as addDays,
  isoWeekStart,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { createRouter } from '../plugins/reliability-backend/src/service/createRouter';
import { systemClock } from '../plugins/reliability-backend/src/lib/Clock';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const ENTITIES = arg('entities', 10_000);
const REQUESTS = arg('requests', 300);
const WARMUP = arg('warmup', 30);
const WEEKS = 12;

const STATUSES = [
  'breaching',
  'at-risk',
  'no-data',
  'healthy',
  'no-slo',
] as const;
const TIERS = [null, 'tier-1', 'tier-2', 'tier-3'];

/** A deterministic hash of (i, salt). */
function h(i: number, salt: number) {
  let x = (i + 1) * 2654435761 + salt * 40503;
  x = Math.imul(x ^ (x >>> 15), 2246822507);
  x = Math.imul(x ^ (x >>> 13), 3266489909);
  return (x ^ (x >>> 16)) >>> 0;
}

function row(i: number, week?: string) {
  const status = STATUSES[h(i, 1) % 5];
  const maybe = (salt: number, v: number) => (h(i, salt) % 6 === 0 ? null : v);
  const ref = `component:default/svc-${String(i).padStart(6, '0')}`;
  const common = {
    entity_ref: ref,
    owner_ref: `group:default/team-${h(i, 2) % 50}`,
    system_ref: `system:default/sys-${h(i, 3) % 200}`,
    tier: TIERS[h(i, 4) % 4],
    slo_status: status,
    slo_count: status === 'no-slo' ? 0 : 1 + (h(i, 5) % 4),
    worst_budget_remaining:
      status === 'no-slo' ? null : maybe(6, ((h(i, 7) % 2001) - 1000) / 1000),
    pages_per_week: maybe(8, (h(i, 9) % 60) / 2),
    updated_at: new Date().toISOString(),
  };
  if (week) {
    return { ...common, week, breached: status === 'breaching' };
  }
  return {
    ...common,
    kind: 'component',
    namespace: 'default',
    name: `svc-${String(i).padStart(6, '0')}`,
    slo_rank: SLO_RANK[status],
    mtta_ms: maybe(10, (h(i, 11) % 600) * 1000),
    mttr_ms: maybe(12, (h(i, 13) % 600) * 60000),
    noise_ratio: maybe(14, (h(i, 15) % 101) / 100),
    runbook_coverage: maybe(16, (h(i, 17) % 21) / 20),
    readiness: 'unknown',
  };
}

async function seed(knex: Knex) {
  const weekNow = isoWeekStart(new Date());
  for (let i = 0; i < ENTITIES; i += 200) {
    const ids = Array.from(
      { length: Math.min(200, ENTITIES - i) },
      (_, j) => i + j,
    );
    await knex('reliability_fleet').insert(ids.map(k => row(k)));
    for (let w = 0; w < WEEKS; w++) {
      const week = addDays(weekNow, -7 * w);
      await knex('reliability_fleet_weekly').insert(
        ids
          .map(k => row(k + w * 7, week))
          .map((r, j) => ({
            ...r,
            entity_ref: `component:default/svc-${String(ids[j]).padStart(
              6,
              '0',
            )}`,
          })),
      );
    }
  }
  if (knex.client.config.client === 'pg') {
    await knex.raw('ANALYZE reliability_fleet');
    await knex.raw('ANALYZE reliability_fleet_weekly');
  } else {
    await knex.raw('ANALYZE');
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function get(
  port: number,
  urlPath: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      {
        host: '127.0.0.1',
        port,
        path: `/api/reliability${urlPath}`,
        agent,
        headers: { authorization: 'Bearer mock-user-token' },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
  });
}

async function runScenarios(label: string, knex: Knex) {
  const store = await DatabaseReliabilityStore.create({
    database: { getClient: async () => knex },
  });
  process.stderr.write(`${label}: seeding ${ENTITIES} entities ...\n`);
  const seedStart = performance.now();
  await seed(knex);
  process.stderr.write(
    `${label}: seeded in ${Math.round(performance.now() - seedStart)} ms\n`,
  );
  const fleet = new FleetStore(knex, { store, clock: systemClock });
  const router = await createRouter({
    clock: systemClock,
    logger: quietLogger,
    httpAuth: mockServices.httpAuth(),
    catalog: {} as CatalogService,
    store,
    tierModel: { tiers: DEFAULT_TIERS, source: DEFAULT_TIER_SOURCE },
    permissions: mockServices.permissions(),
    hoursOf: readTeamsConfig(new ConfigReader({})).hoursOf,
    fleet,
  });
  const app = express().use('/api/reliability', router);
  const server = http.createServer(app);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  // A cursor deep into the sorted listing (page 20 of 50, or the last page
  // of a smaller fleet).
  let deepCursor = '';
  for (let p = 0; p < 20; p++) {
    const res = await get(
      port,
      `/fleet?sort=-worstBudgetRemaining&limit=50${
        deepCursor ? `&cursor=${deepCursor}` : ''
      }`,
    );
    const next: string | undefined = JSON.parse(res.body).nextCursor;
    if (!next) break;
    deepCursor = next;
  }

  const scenarios: Array<[string, string]> = [
    ['GET /fleet (default: by ref, 50)', '/fleet'],
    [
      'GET /fleet?tier=tier-1&sloStatus=breaching',
      '/fleet?tier=tier-1&sloStatus=breaching',
    ],
    ['GET /fleet?owner=team-7', '/fleet?owner=team-7'],
    [
      'GET /fleet?sort=-worstBudgetRemaining',
      '/fleet?sort=-worstBudgetRemaining',
    ],
    [
      'GET /fleet?sort=-worstBudgetRemaining (page 21)',
      `/fleet?sort=-worstBudgetRemaining&cursor=${deepCursor}`,
    ],
    [
      'GET /fleet?tier=tier-2&sort=mttrMs&limit=500',
      '/fleet?tier=tier-2&sort=mttrMs&limit=500',
    ],
    ['GET /fleet/summary?groupBy=tier', '/fleet/summary?groupBy=tier'],
    ['GET /fleet/summary?groupBy=owner', '/fleet/summary?groupBy=owner'],
    ['GET /fleet/summary?groupBy=system', '/fleet/summary?groupBy=system'],
    ['GET /fleet/trends?weeks=12', '/fleet/trends?weeks=12'],
  ];
  const results: string[] = [];
  let failures = 0;
  for (const [name, urlPath] of scenarios) {
    const lat: number[] = [];
    let size = 0;
    for (let i = 0; i < WARMUP + REQUESTS; i++) {
      const start = performance.now();
      const res = await get(port, urlPath);
      const ms = performance.now() - start;
      if (res.status !== 200) {
        failures++;
        process.stderr.write(`${name}: HTTP ${res.status} ${res.body}\n`);
        break;
      }
      if (i >= WARMUP) lat.push(ms);
      size = res.body.length;
    }
    lat.sort((a, b) => a - b);
    const p50 = percentile(lat, 50);
    const p99 = percentile(lat, 99);
    results.push(
      `| ${label} | \`${name.replace(/^GET /, '')}\` | ${p50.toFixed(
        1,
      )} | ${p99.toFixed(1)} | ${(size / 1024).toFixed(1)} | ${
        p99 < 100 ? 'yes' : '**no**'
      } |`,
    );
    process.stderr.write(
      `${label} ${name}: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms\n`,
    );
  }
  await new Promise(resolve => server.close(resolve));
  return { results, failures };
}

async function main() {
  const rows: string[] = [];
  let failures = 0;

  await forEachBenchDatabase(
    { name: 'fleet_bench', pgUrlEnv: 'FLEET_BENCH_PG_URL' },
    async (label, knex) => {
      const r = await runScenarios(label, knex);
      rows.push(...r.results);
      failures += r.failures;
    },
  );

  process.stdout.write(
    [
      `Fleet queries, ${ENTITIES} entities, ${WEEKS} weeks of weekly rows, ${REQUESTS} sequential requests per line after ${WARMUP} warm-up, HTTP on 127.0.0.1 (${
        os.cpus().length
      } CPUs, Node ${process.version}).`,
      '',
      '| Database | Request | p50 ms | p99 ms | Body KiB | p99 < 100 ms |',
      '| --- | --- | ---: | ---: | ---: | --- |',
      ...rows,
      '',
    ].join('\n'),
  );
  agent.destroy();
  process.exit(failures ? 1 : 0);
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
