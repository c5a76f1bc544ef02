import { TestDatabases, mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  SloHistoryEntry,
  SloSpec,
  SloStatus,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { generateSlothRules } from '@reliability-kit/backstage-plugin-reliability-node';
import request from 'supertest';
import { parse as parseYaml } from 'yaml';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import { fixedClock } from '../lib/Clock';
import { testComponent } from '../__testUtils__/entities';
import { createTestApp } from '../__testUtils__/testRouter';
import { testSloSpec, timeslicesFields } from '../__testUtils__/sloSpecs';
import { emptySection } from '../__testUtils__/sections';
import { DAY } from '../__testUtils__/time';

const NOW = new Date('2026-11-26T10:00:00.000Z');
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const component = (name: string): Entity =>
  testComponent(name, { annotations: { 'reliability-kit.io/tier': 'tier-1' } });

const entities = [
  component('checkout'),
  component('payments'),
  component('docs-bot'),
];

const ref = (name: string) => `component:default/${name}`;

const ratioSpec = (id: string, over: Partial<SloSpec> = {}): SloSpec =>
  testSloSpec(id, {
    window: { kind: 'rolling', duration: '30d', ms: 30 * DAY },
    source: { format: 'sloth/v1', file: './slos.yaml', line: 4 },
    ...over,
  });

const snapshotItem = (id: string, status: SloStatus) => ({
  id,
  name: id,
  origin: 'spec',
  instance: 'prom',
  objective: 0.999,
  status,
});

const point = (at: string, sli: number): SloHistoryEntry => ({
  at,
  objective: 0.999,
  sli,
  budgetRemaining: 1 - (1 - sli) / 0.001,
  status: 'healthy',
});

const setup = async () => {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseReliabilityStore.create({
    database: { getClient: async () => knex },
  });
  const app = await createTestApp({ store, entities, clock: fixedClock(NOW) });
  return { app, store };
};

const writeSlos = (
  store: DatabaseReliabilityStore,
  name: string,
  items: unknown[],
) =>
  store.writeSection(ref(name), 'slos', {
    items,
    problems: [],
    status: 'ok',
    demo: false,
    computedAt: '2026-11-26T10:00:00.000Z',
  });

const user = mockCredentials.user.header();

describe('GET /entities/:kind/:namespace/:name (SLO status)', () => {
  it.each<[string, SloStatus[], string]>([
    [
      'breaching over at-risk',
      ['healthy', 'breaching', 'at-risk'],
      'breaching',
    ],
    ['at-risk over no-data', ['no-data', 'at-risk', 'healthy'], 'at-risk'],
    ['no-data over healthy', ['healthy', 'no-data'], 'no-data'],
    ['healthy', ['healthy', 'healthy'], 'healthy'],
    ['no-slo for none', [], 'no-slo'],
  ])('gives %s', async (_case, statuses, expected) => {
    const { app, store } = await setup();
    await writeSlos(
      store,
      'checkout',
      statuses.map((s, i) => snapshotItem(`slo-${i}`, s)),
    );
    const res = await request(app)
      .get('/entities/component/default/checkout')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body.sloStatus).toBe(expected);
    expect(res.body.sections.slos.items.map((i: any) => i.status)).toEqual(
      statuses,
    );
  });

  it('gives no-slo and an empty section when nothing is stored', async () => {
    const { app } = await setup();
    const res = await request(app)
      .get('/entities/component/default/docs-bot')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body.sloStatus).toBe('no-slo');
    expect(res.body.sections.slos).toEqual(emptySection('not-collected'));
  });

  it('shows a stale section as stored', async () => {
    const { app, store } = await setup();
    await writeSlos(store, 'checkout', [snapshotItem('a', 'healthy')]);
    await store.markSectionStale(
      ref('checkout'),
      'slos',
      'Prometheus "x" unreachable',
    );
    const res = await request(app)
      .get('/entities/component/default/checkout')
      .set('Authorization', user);
    expect(res.body.sections.slos).toMatchObject({
      stale: true,
      staleReason: 'Prometheus "x" unreachable',
      computedAt: '2026-11-26T10:00:00.000Z',
    });
    expect(res.body.sloStatus).toBe('healthy');
  });
});

describe('GET /entities/:kind/:namespace/:name/slos/:sloId/history', () => {
  const path = '/entities/component/default/checkout/slos/availability/history';

  const withHistory = async () => {
    const ctx = await setup();
    await writeSlos(ctx.store, 'checkout', [
      snapshotItem('availability', 'healthy'),
      snapshotItem('latency', 'healthy'),
    ]);
    await ctx.store.upsertSloHistory(ref('checkout'), 'availability', [
      point('2026-11-26T10:00:00.000Z', 0.9996),
      point('2026-11-23T10:00:00.000Z', 0.9993),
      point('2026-11-24T10:00:00.000Z', 0.9994),
      point('2026-11-25T10:00:00.000Z', 0.9995),
    ]);
    return ctx;
  };

  it('returns the points in [from, to), oldest first', async () => {
    const { app } = await withHistory();
    const res = await request(app)
      .get(path)
      .query({
        from: '2026-11-24T10:00:00.000Z',
        to: '2026-11-26T10:00:00.000Z',
      })
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      entityRef: 'component:default/checkout',
      sloId: 'availability',
      from: '2026-11-24T10:00:00.000Z',
      to: '2026-11-26T10:00:00.000Z',
      points: [
        point('2026-11-24T10:00:00.000Z', 0.9994),
        point('2026-11-25T10:00:00.000Z', 0.9995),
      ],
    });
  });

  it('normalizes the times of the range to ISO 8601 UTC', async () => {
    const { app } = await withHistory();
    const res = await request(app)
      .get(path)
      .query({ from: '2026-11-25T00:00:00+02:00', to: '2026-11-27' })
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body.from).toBe('2026-11-24T22:00:00.000Z');
    expect(res.body.to).toBe('2026-11-27T00:00:00.000Z');
    expect(res.body.points.map((p: SloHistoryEntry) => p.at)).toEqual([
      '2026-11-25T10:00:00.000Z',
      '2026-11-26T10:00:00.000Z',
    ]);
  });

  it('defaults to the last 30 days', async () => {
    const { app, store } = await withHistory();
    const now = NOW.getTime();
    const at = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();
    await store.upsertSloHistory(ref('checkout'), 'latency', [
      point(at(31), 0.9),
      point(at(29), 0.91),
      point(at(1), 0.92),
    ]);
    const res = await request(app)
      .get('/entities/component/default/checkout/slos/latency/history')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(Date.parse(res.body.to) - Date.parse(res.body.from)).toBe(30 * DAY);
    expect(res.body.to).toBe(NOW.toISOString());
    expect(res.body.points.map((p: SloHistoryEntry) => p.sli)).toEqual([
      0.91, 0.92,
    ]);
  });

  it('defaults "from" to 30 days before "to"', async () => {
    const { app } = await withHistory();
    const res = await request(app)
      .get(path)
      .query({ to: '2026-11-25T10:00:00.000Z' })
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body.from).toBe('2026-10-26T10:00:00.000Z');
    expect(res.body.points.map((p: SloHistoryEntry) => p.at)).toEqual([
      '2026-11-23T10:00:00.000Z',
      '2026-11-24T10:00:00.000Z',
    ]);
  });

  it('answers an empty list for an SLO of the entity without points in the range', async () => {
    const { app } = await withHistory();
    const res = await request(app)
      .get('/entities/component/default/checkout/slos/latency/history')
      .query({ from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' })
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body.points).toEqual([]);
  });

  it('accepts a range of exactly 400 days', async () => {
    const { app } = await withHistory();
    const res = await request(app)
      .get(path)
      .query({
        from: '2025-10-22T10:00:00.000Z',
        to: new Date(
          Date.parse('2025-10-22T10:00:00.000Z') + 400 * DAY,
        ).toISOString(),
      })
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body.to).toBe('2026-11-26T10:00:00.000Z');
    // "to" is exclusive: the point of 26 Nov 10:00 is not in the range
    expect(res.body.points.map((p: SloHistoryEntry) => p.at)).toEqual([
      '2026-11-23T10:00:00.000Z',
      '2026-11-24T10:00:00.000Z',
      '2026-11-25T10:00:00.000Z',
    ]);
  });

  it.each([
    [
      '"from" equal to "to"',
      path,
      { from: '2026-11-24T00:00:00Z', to: '2026-11-24T00:00:00Z' },
      '"from" must be before "to"',
    ],
    [
      '"from" after "to"',
      path,
      { from: '2026-11-25T00:00:00Z', to: '2026-11-24T00:00:00Z' },
      '"from" must be before "to"',
    ],
    [
      'a range over 400 days',
      path,
      { from: '2025-10-22T09:59:59.999Z', to: '2026-11-26T10:00:00.000Z' },
      'The history range must not exceed 400 days',
    ],
    [
      'an invalid "from"',
      path,
      { from: 'yesterday' },
      'Invalid query parameter "from": must be an ISO 8601 time',
    ],
    [
      'an invalid "to"',
      path,
      { to: '2026-13-45' },
      'Invalid query parameter "to": must be an ISO 8601 time',
    ],
    [
      'an over-long "from"',
      path,
      { from: `2026-11-24T00:00:00.000${'0'.repeat(40)}Z` },
      'Invalid query parameter "from": ',
    ],
    [
      'an unknown query parameter',
      path,
      { from: '2026-11-24T00:00:00Z', limit: '5' },
      'Unknown query parameter "limit"',
    ],
    [
      'a repeated "from"',
      `${path}?from=2026-11-24T00:00:00Z&from=2026-11-25T00:00:00Z`,
      {},
      'Invalid query parameter "from": ',
    ],
    [
      'an SLO id with a slash',
      '/entities/component/default/checkout/slos/a%2Fb/history',
      {},
      'Invalid SLO id: must be 1-255 letters, digits, dots, colons, dashes or underscores',
    ],
    [
      'an SLO id of 300 characters',
      `/entities/component/default/checkout/slos/${'a'.repeat(300)}/history`,
      {},
      'Invalid SLO id: must be 1-255 letters, digits, dots, colons, dashes or underscores',
    ],
    [
      'an SLO id starting with a dot',
      '/entities/component/default/checkout/slos/.hidden/history',
      {},
      'Invalid SLO id: must be 1-255 letters, digits, dots, colons, dashes or underscores',
    ],
    [
      'an invalid entity name',
      '/entities/component/default/bad%20name/slos/availability/history',
      {},
      'Invalid entity name: must be 1-63 letters, digits, dashes, underscores or dots',
    ],
  ])('answers 400 for %s', async (_case, url, query, message) => {
    const { app } = await withHistory();
    const res = await request(app)
      .get(url)
      .query(query)
      .set('Authorization', user);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toContain(message);
  });

  it.each([
    [
      'an unknown entity',
      '/entities/component/default/nope/slos/availability/history',
      'No entity component:default/nope found in the catalog',
    ],
    [
      'an SLO the entity does not have',
      '/entities/component/default/checkout/slos/throughput/history',
      'component:default/checkout has no SLO "throughput"',
    ],
    [
      'an SLO of another entity',
      '/entities/component/default/payments/slos/availability/history',
      'component:default/payments has no SLO "availability"',
    ],
  ])('answers 404 for %s', async (_case, url, message) => {
    const { app } = await withHistory();
    const res = await request(app).get(url).set('Authorization', user);
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ name: 'NotFoundError', message });
  });

  it('answers 401 without credentials', async () => {
    const { app } = await withHistory();
    const res = await request(app)
      .get(path)
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('accepts service credentials', async () => {
    const { app } = await withHistory();
    const res = await request(app)
      .get(path)
      .query({ from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' })
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(200);
    expect(res.body.points).toHaveLength(4);
  });
});

describe('GET /slos/rules', () => {
  const checkoutSpec = ratioSpec('availability', { service: 'checkout-api' });
  // no service: the entity name is used
  const paymentsSpec = ratioSpec('requests', {
    indicator: {
      kind: 'ratio',
      good: 'sum(rate(payments_ok_total[{{.window}}]))',
      total: 'sum(rate(payments_total[{{.window}}]))',
    },
  });
  const timeslicesSpec = ratioSpec(
    'latency',
    timeslicesFields('p99_latency', 'lt'),
  );

  const withDefinitions = async () => {
    const ctx = await setup();
    const now = '2026-11-26T10:00:00.000Z';
    await ctx.store.replaceSloDefinitions(ref('checkout'), [checkoutSpec], now);
    await ctx.store.replaceSloDefinitions(
      ref('payments'),
      [timeslicesSpec, paymentsSpec],
      now,
    );
    // an entity the catalog does not return
    await ctx.store.replaceSloDefinitions(
      ref('ghost'),
      [ratioSpec('secret', { service: 'ghost' })],
      now,
    );
    return ctx;
  };

  const expectedGroups = [
    ...generateSlothRules(checkoutSpec, { service: 'checkout' }).groups,
    ...generateSlothRules(paymentsSpec, { service: 'payments' }).groups,
  ];

  const expectedSkipped = [
    {
      entityRef: 'component:default/payments',
      sloId: 'latency',
      reason:
        'SLO "latency": Sloth rules need the Occurrences budgeting method, not Timeslices',
    },
  ];

  it('exports Sloth rules of visible entities as JSON, listing skipped SLOs', async () => {
    const { app } = await withDefinitions();
    const res = await request(app)
      .get('/slos/rules')
      .query({ format: 'json' })
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body.skipped).toEqual(expectedSkipped);
    expect(res.body.groups).toEqual(expectedGroups);
    expect(res.body.groups.map((g: { name: string }) => g.name)).toEqual([
      'sloth-slo-sli-recordings-checkout-api-availability',
      'sloth-slo-meta-recordings-checkout-api-availability',
      'sloth-slo-alerts-checkout-api-availability',
      'sloth-slo-sli-recordings-payments-requests',
      'sloth-slo-meta-recordings-payments-requests',
      'sloth-slo-alerts-payments-requests',
    ]);
    expect(
      res.body.groups[0].rules.map((r: { record: string }) => r.record),
    ).toEqual([
      'slo:sli_error:ratio_rate5m',
      'slo:sli_error:ratio_rate30m',
      'slo:sli_error:ratio_rate1h',
      'slo:sli_error:ratio_rate2h',
      'slo:sli_error:ratio_rate6h',
      'slo:sli_error:ratio_rate1d',
      'slo:sli_error:ratio_rate3d',
      'slo:sli_error:ratio_rate30d',
    ]);
    expect(res.body.groups[0].rules[0]).toEqual({
      record: 'slo:sli_error:ratio_rate5m',
      expr: '(sum(rate(http_requests_total{code=~"5.."}[5m])))\n/\n(sum(rate(http_requests_total[5m])))\n',
      labels: {
        sloth_id: 'checkout-api-availability',
        sloth_service: 'checkout-api',
        sloth_slo: 'availability',
        sloth_window: '5m',
      },
    });
    expect(res.body.groups[3].rules[0].labels.sloth_service).toBe('payments');
    // nothing of the entity missing from the catalog
    expect(JSON.stringify(res.body)).not.toContain('ghost');
    expect(JSON.stringify(res.body)).not.toContain('secret');
  });

  it('exports YAML by default, with skipped SLOs as comments', async () => {
    const { app } = await withDefinitions();
    const res = await request(app)
      .get('/slos/rules')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/yaml/);
    const lines = res.text.split('\n');
    expect(lines[0]).toBe(
      '# skipped component:default/payments SLO latency: SLO "latency": Sloth rules need the Occurrences budgeting method, not Timeslices',
    );
    expect(lines[1]).toBe('groups:');
    expect(parseYaml(res.text)).toEqual({ groups: expectedGroups });
  });

  it('exports an empty rule file when nothing is stored', async () => {
    const { app } = await setup();
    const json = await request(app)
      .get('/slos/rules?format=json')
      .set('Authorization', user);
    expect(json.body).toEqual({ groups: [], skipped: [] });
    const yaml = await request(app)
      .get('/slos/rules?format=yaml')
      .set('Authorization', user);
    expect(yaml.text).toBe('groups: []\n');
  });

  it.each([
    [{ format: 'xml' }, 'Invalid query parameter "format"'],
    [{ service: 'checkout' }, 'Unknown query parameter "service"'],
  ])('answers 400 for %j', async (query, message) => {
    const { app } = await withDefinitions();
    const res = await request(app)
      .get('/slos/rules')
      .query(query)
      .set('Authorization', user);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toContain(message);
  });

  it('answers 401 without credentials', async () => {
    const { app } = await withDefinitions();
    const res = await request(app)
      .get('/slos/rules')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });
});
