/*
 * Campaign progress benchmark: the real campaigns feature
 * (createCampaignsFeature: CampaignService, DatabaseCampaignStore) over N
 * entities (default 10,000) whose readiness and scorecard results are
 * stored like the readiness evaluator stores them (12 readiness items, a
 * 3-level scorecard of 9 checks, in the `readiness` and `scorecards`
 * sections), with fleet rows (FleetStore) for the audience.
 *
 * One campaign over the whole fleet targets two readiness items and a
 * scorecard level (about 40 % of the entities are done, 5 % exempt by an
 * item exemption). Measured on SQLite (better-sqlite3, a file in a temp
 * dir) and on PostgreSQL when CAMPAIGN_BENCH_PG_URL is set (a fresh
 * database `campaign_bench` is created in it):
 *
 * 1. the statuses of all N entities computed from the stored results,
 *    without I/O (`computeCampaignMembers` over results already read),
 *    p50/p99;
 * 2. `service.refresh()` cold (no members yet: reads fleet rows and both
 *    sections, computes, writes N members) and steady (nothing changed:
 *    reads and computes, writes nothing);
 * 3. the progress of the campaign as `GET /campaigns/:id` answers it
 *    (`service.get`, counts from the stored statuses), p50/p99;
 * 4. the first page of the drill-down (`not-done`, 50 rows), p50/p99.
 *
 * It checks the counts against a direct count and exits non-zero on a
 * mismatch.
 *
 *   ./bench/run-campaign-progress.sh [--entities 10000] [--requests 50]
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DEFAULT_TIERS,
  DEFAULT_TIER_SOURCE,
  ReadinessItemState,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { parseChecksConfig } from '@reliability-kit/backstage-plugin-reliability-node';
import { Knex } from 'knex';
import {
  forEachBenchDatabase,
  percentile,
  quietLogger,
} from './benchDatabases';
import os from 'node:os';
import { createCampaignsFeature } from '../plugins/reliability-backend/src/campaigns/createCampaignsFeature';
import { computeCampaignMembers } from '../plugins/reliability-backend/src/campaigns/campaignMembers';
import { resultsOfSections } from '../plugins/reliability-backend/src/campaigns/campaignMembers';
import { readCampaignEntities } from '../plugins/reliability-backend/src/campaigns/campaignReads';
import { DatabaseReliabilityStore } from '../plugins/reliability-backend/src/database/DatabaseReliabilityStore';
import { FleetStore } from '../plugins/reliability-backend/src/fleet';
import { fixedClock } from '../plugins/reliability-backend/src/lib/Clock';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ENTITIES = arg('entities', 10_000);
const REQUESTS = arg('requests', 50);
const NOW = '2026-03-10T12:00:00.000Z';
const clock = fixedClock(NOW);

const ITEMS = Array.from({ length: 12 }, (_, i) => `item-${i}`);
const CHECK_IDS = Array.from({ length: 9 }, (_, i) => `check-${i}`);
const LEVELS = ['bronze', 'silver', 'gold'];
const checks = parseChecksConfig(
  {
    checks: CHECK_IDS.map(id => ({
      id,
      title: `Check ${id}`,
      rule: { fact: `annotation:example.com/${id}`, exists: true },
    })),
    readiness: {
      items: ITEMS.map((id, i) => ({
        id,
        title: `Item ${id}`,
        kind: 'automatic',
        check: CHECK_IDS[i % CHECK_IDS.length],
        tiers: ['tier-1', 'tier-2'],
      })),
    },
    scorecards: [
      {
        id: 'golden',
        title: 'Golden path',
        levels: LEVELS.map((id, l) => ({
          id,
          title: id,
          checks: CHECK_IDS.slice(l * 3, l * 3 + 3).map(check => ({ check })),
        })),
      },
    ],
  },
  { tiers: DEFAULT_TIERS },
);

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function time<T>(fn: () => Promise<T> | T) {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/**
 * Wall-clock p50/p99 over REQUESTS calls after a warm-up, and the p50 of
 * this process's CPU time per call (user + system; on a loaded machine
 * the wall clock also counts waiting for a CPU, the CPU time does not;
 * PostgreSQL's own work is not in it).
 */
async function latencies(fn: () => Promise<unknown>) {
  await fn();
  const lat: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const before = process.cpuUsage();
    lat.push((await time(fn)).ms);
    const used = process.cpuUsage(before);
    cpu.push((used.user + used.system) / 1000);
  }
  lat.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return `p50 ${percentile(lat, 50).toFixed(1)} ms, p99 ${percentile(
    lat,
    99,
  ).toFixed(1)} ms (CPU p50 ${percentile(cpu, 50).toFixed(1)} ms)`;
}

async function seed(store: DatabaseReliabilityStore, fleet: FleetStore) {
  const next = random(17);
  const tiers = ['tier-1', 'tier-2', 'tier-3'];
  const refs: string[] = [];
  let expectedDone = 0;
  let expectedExempt = 0;
  const writes = [];
  const indexed = [];
  for (let i = 0; i < ENTITIES; i++) {
    const ref = `component:default/service-${String(i).padStart(5, '0')}`;
    refs.push(ref);
    const done = next() < 0.4;
    const exempt = !done && next() < 0.08;
    if (done) expectedDone++;
    if (exempt) expectedExempt++;
    const state = (id: string): ReadinessItemState => {
      if (id === 'item-0' && exempt) return 'exempt';
      if (id === 'item-0' || id === 'item-1')
        return done || exempt ? 'passed' : 'failed';
      return next() < 0.5 ? 'passed' : 'failed';
    };
    const level =
      done || exempt
        ? next() < 0.5
          ? 'gold'
          : 'silver'
        : next() < 0.5
        ? 'bronze'
        : null;
    indexed.push({
      entityRef: ref,
      kind: 'component',
      namespace: 'default',
      name: `service-${String(i).padStart(5, '0')}`,
      ownerRef: `group:default/team-${i % 80}`,
      systemRef: `system:default/system-${i % 40}`,
      tier: tiers[i % 3],
      tierStatus: 'ok' as const,
    });
    writes.push(
      {
        entityRef: ref,
        section: 'readiness' as const,
        write: {
          items: [
            {
              tier: tiers[i % 3],
              status: 'not-ready',
              missing: [],
              expiring: [],
              evaluatedAt: NOW,
              items: ITEMS.map(id => ({
                id,
                title: `Item ${id}`,
                group: 'Operations',
                description:
                  'What the item asks for and why, in a sentence or two.',
                howToFix: 'How to fix it, in Markdown, with a link or two.',
                kind: 'automatic',
                required: true,
                state: state(id),
                detail: 'The check said so.',
              })),
            },
          ],
          problems: [],
          status: 'ok' as const,
          demo: false,
          computedAt: NOW,
        },
      },
      {
        entityRef: ref,
        section: 'scorecards' as const,
        write: {
          items: [
            {
              scorecardId: 'golden',
              title: 'Golden path',
              entityRef: ref,
              level,
              levelTitle: level,
              nextLevel: null,
              nextLevelTitle: null,
              missingForNextLevel: [],
              score: 0.5,
              evaluatedAt: NOW,
              checks: CHECK_IDS.map((checkId, c) => ({
                checkId,
                title: `Check ${checkId}`,
                level: LEVELS[Math.floor(c / 3)],
                weight: 1,
                state: next() < 0.5 ? 'passed' : 'failed',
                detail: 'The check said so.',
              })),
            },
          ],
          problems: [],
          status: 'ok' as const,
          demo: false,
          computedAt: NOW,
        },
      },
    );
  }
  await fleet.replaceEntities(indexed, NOW);
  for (let i = 0; i < writes.length; i += 1000) {
    await store.writeSections(writes.slice(i, i + 1000));
  }
  return { refs, expectedDone, expectedExempt };
}

async function runDatabase(name: string, knex: Knex) {
  const rows: string[][] = [];
  const failures: string[] = [];
  const store = await DatabaseReliabilityStore.create({
    database: { getClient: async () => knex },
  });
  const fleet = new FleetStore(knex, { store, clock });
  process.stderr.write(`${name}: seeding ${ENTITIES} entities\n`);
  const expected = await seed(store, fleet);
  const feature = createCampaignsFeature({
    config: new ConfigReader({}),
    db: knex,
    fleet,
    sections: store,
    catalog: {} as CatalogService,
    auth: mockServices.auth(),
    checks,
    tierModel: { tiers: DEFAULT_TIERS, source: DEFAULT_TIER_SOURCE },
    logger: quietLogger,
    clock,
  });
  const at = NOW;
  const campaign = {
    id: 'bench',
    title: 'Bench',
    description: 'Two items and silver.',
    owner: 'group:default/platform',
    target: {
      readinessItems: ['item-0', 'item-1'],
      scorecardLevel: { scorecardId: 'golden', level: 'silver' },
    },
    audience: {},
    startDate: '2026-03-02',
    dueDate: '2026-03-29',
    timeZone: 'Europe/Berlin',
    reminders: { everyDays: 7 },
    published: true,
    source: 'api' as const,
    createdBy: 'bench',
    createdAt: at,
    updatedAt: at,
  };
  await feature.store.createCampaign(campaign, {
    at,
    actor: 'bench',
    action: 'campaign.create',
    entityRef: 'campaign:bench',
    target: 'campaign:bench',
    details: {},
  });

  // 1. the statuses of all entities from results already read (no I/O)
  const [readiness, scorecards] = await Promise.all([
    store.readSectionOf('readiness', expected.refs),
    store.readSectionOf('scorecards', expected.refs),
  ]);
  const candidates = (await fleet.listAll()).map(r => ({ ...r }));
  const levelOrder = () => LEVELS;
  const pure = () =>
    computeCampaignMembers({
      target: campaign.target,
      audience: {},
      candidates,
      results: ref =>
        resultsOfSections(readiness.get(ref), scorecards.get(ref)),
      exempt: new Set(),
      existing: [],
      levelOrder,
      started: true,
      now: clock.now(),
    });
  rows.push([
    name,
    `statuses of ${ENTITIES} entities from stored results, no I/O`,
    await latencies(async () => pure()),
  ]);

  // 2. refresh: read + compute + write
  const cold = await time(() => feature.service.refresh());
  rows.push([
    name,
    'refresh cold (read, compute, write all members)',
    `${cold.ms.toFixed(0)} ms`,
  ]);
  const steady = await time(() => feature.service.refresh());
  rows.push([
    name,
    'refresh steady (read, compute, nothing to write)',
    `${steady.ms.toFixed(0)} ms`,
  ]);

  // 3. progress as GET /campaigns/:id answers it
  rows.push([
    name,
    'progress (GET /campaigns/:id)',
    await latencies(() => feature.service.get('bench')),
  ]);
  rows.push([
    name,
    'list (GET /campaigns)',
    await latencies(() => feature.service.list()),
  ]);
  // 4. the drill-down's first page
  rows.push([
    name,
    'drill-down, first page of not-done',
    await latencies(() =>
      readCampaignEntities(
        feature.service,
        'bench',
        { status: ['not-done'], limit: 50 },
        { kind: 'all' },
      ),
    ),
  ]);

  const { progress } = await feature.service.get('bench');
  if (
    progress.inScope !== ENTITIES ||
    progress.done !== expected.expectedDone ||
    progress.exempt !== expected.expectedExempt
  ) {
    failures.push(
      `${name}: progress ${JSON.stringify(progress)} does not match done ${
        expected.expectedDone
      }, exempt ${expected.expectedExempt}`,
    );
  }
  return { rows, failures };
}

async function main() {
  const rows: string[][] = [];
  const failures: string[] = [];
  await forEachBenchDatabase(
    { name: 'campaign_bench', pgUrlEnv: 'CAMPAIGN_BENCH_PG_URL' },
    async (label, knex) => {
      const r = await runDatabase(label, knex);
      rows.push(...r.rows);
      failures.push(...r.failures);
    },
  );
  process.stdout.write(
    [
      `Campaign progress, ${ENTITIES} entities, ${
        os.cpus().length
      } CPUs, Node ${process.version}, load average ${os
        .loadavg()
        .map(l => l.toFixed(2))
        .join(' ')}`,
      '',
      '| Database | What | Time |',
      '| --- | --- | --- |',
      ...rows.map(r => `| ${r.join(' | ')} |`),
      '',
    ].join('\n'),
  );
  if (failures.length) {
    process.stderr.write(`${failures.join('\n')}\n`);
    process.exit(1);
  }
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
