import {
  TestDatabases,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { PermissionsService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  AlertRule,
  AuditEntry,
  DEFAULT_TIERS,
  FiringAlert,
  Incident,
  OnCallShift,
  StoredToilItem,
  computeAlertQuality,
  reliabilityEntityReadPermission,
  reliabilityToilWritePermission,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { parseChecksConfig } from '@reliability-kit/backstage-plugin-reliability-node';
import express from 'express';
import request from 'supertest';
import { AlertSourcesDocument } from './AlertQualityCollector';
import { readTeamsConfig } from '../config/readTeamsConfig';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import { DatabaseReadinessStore } from '../readiness/DatabaseReadinessStore';
import { ownedBy, testComponent } from '../__testUtils__/entities';
import {
  createTestApp,
  createTestEvaluator,
} from '../__testUtils__/testRouter';
import { testIncident } from '../__testUtils__/incidents';
import { noAlertSources } from '../__testUtils__/alertSources';
import { MINUTE } from '../__testUtils__/time';

// 11:00 in Berlin. The 28d window starts 2026-10-29T10:00Z (CET), the
// previous one 2026-10-01T09:00Z (CEST).
const NOW = new Date('2026-11-26T10:00:00.000Z');
/** The router's clock; tests move it. */
const clock = { at: NOW, now: () => clock.at };
const PREVIOUS_START = '2026-10-01T09:00:00.000Z';
const AUTO_RESOLVE_MS = 5 * MINUTE;

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const component = (name: string, owner?: string): Entity =>
  owner
    ? testComponent(name, ownedBy(owner))
    : testComponent(name, { ...ownedBy('unknown'), relations: [] });

const ref = (name: string) => `component:default/${name}`;
const BERLIN_TEAM = 'group:default/team-berlin';

const entities = [
  component('checkout', BERLIN_TEAM),
  component('payments', 'group:default/team-a'),
  component('orphan'),
  component('empty', 'group:default/team-a'),
  // the groups a toil item may name as its owner
  ...['team-a', 'team-b'].map(
    (name): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name, namespace: 'default' },
      spec: { type: 'team', children: [] },
    }),
  ),
];

const teams = readTeamsConfig(
  new ConfigReader({
    reliability: { teams: [{ ref: BERLIN_TEAM, timeZone: 'Europe/Berlin' }] },
  }),
);

const at = (isoTime: string, minutes: number | null) =>
  minutes === null
    ? null
    : new Date(Date.parse(isoTime) + minutes * MINUTE).toISOString();

/** An incident acknowledged and resolved minutes after its creation. */
const incident = (
  id: string,
  createdAt: string,
  ackMin: number | null,
  resolveMin: number | null,
  over: Partial<Incident> = {},
): Incident =>
  testIncident(id, createdAt, {
    status: resolveMin === null ? 'triggered' : 'resolved',
    firstAcknowledgedAt: at(createdAt, ackMin),
    resolvedAt: at(createdAt, resolveMin),
    ...over,
  });

const INCIDENTS: Incident[] = [
  // Current window. Thu 09:00 CET, business: MTTA 4m, interrupt 30m.
  incident('A', '2026-11-19T08:00:00.000Z', 4, 34),
  // Sun 00:30 CET, sleep: MTTA 10m.
  incident('B', '2026-11-21T23:30:00.000Z', 10, 70, { escalations: 1 }),
  // Tue 13:00 CET, never acknowledged, resolved after 2m: auto-resolved.
  incident('C', '2026-11-24T12:00:00.000Z', null, 2),
  // Low urgency, open: not a page.
  incident('D', '2026-11-25T12:00:00.000Z', null, null, { urgency: 'low' }),
  // Previous window: one page, MTTA 2m.
  incident('P', '2026-10-10T10:00:00.000Z', 2, 20),
  // Before both windows.
  incident('OLD', '2026-06-01T10:00:00.000Z', 1, 5),
];

const SHIFTS: OnCallShift[] = [
  {
    userId: 'alex',
    start: '2026-11-16T08:00:00.000Z',
    end: '2026-11-23T08:00:00.000Z',
  },
  {
    userId: 'blair',
    start: '2026-11-23T08:00:00.000Z',
    end: '2026-11-30T08:00:00.000Z',
  },
];

const RULES: AlertRule[] = [
  {
    name: 'HighLatency',
    group: 'checkout',
    annotations: { runbook_url: 'https://runbooks/latency' },
  },
  { name: 'ErrorRate', group: 'checkout', annotations: {} },
];

const FIRING: FiringAlert[] = [
  {
    name: 'HighLatency',
    startsAt: '2026-11-26T09:50:00.000Z',
    state: 'active',
    silencedBy: [],
    labels: { alertname: 'HighLatency', service: 'checkout' },
  },
];

const sources = (
  over: Partial<AlertSourcesDocument> = {},
): AlertSourcesDocument => ({
  pagingSource: 'pagerduty',
  dataSince: '2026-08-28T10:00:00.000Z',
  shifts: SHIFTS,
  rules: RULES,
  firingAlerts: FIRING,
  problems: [],
  computedAt: '2026-11-26T09:55:00.000Z',
  stale: false,
  ...over,
});

/** Entity reads (ours and the catalog's) allowed, without conditions. */
const allowEntityReads = async (
  requests: unknown[],
): Promise<Array<{ result: AuthorizeResult.ALLOW }>> =>
  requests.map(() => ({ result: AuthorizeResult.ALLOW }));

/** Entity reads allowed, toil writes denied. */
const DENY_TOIL_WRITES = () =>
  mockServices.permissions.mock({
    authorizeConditional: allowEntityReads,
    authorize: async requests =>
      requests.map(r => ({
        result:
          r.permission.name === reliabilityToilWritePermission.name
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })),
  });

/** A toil item of a POST or PUT body, without its version. */
const unversioned = ({ version: _version, ...item }: StoredToilItem) => item;

const setup = async (
  options: {
    permissions?: PermissionsService;
    autoResolveThresholdMs?: number;
  } = {},
) => {
  const knex = await databases.init('SQLITE_3');
  const database = { getClient: async () => knex };
  const store = await DatabaseReliabilityStore.create({ database });
  // With a readiness store, the router serves the audit log (toil changes
  // included).
  const readinessStore = await DatabaseReadinessStore.create({
    database,
    skipMigrations: true,
  });
  const catalog = catalogServiceMock({ entities });
  const evaluator = createTestEvaluator({
    catalog,
    store,
    readinessStore,
    config: parseChecksConfig({}, { tiers: DEFAULT_TIERS }),
    clock,
  });
  const app = await createTestApp({
    clock,
    catalog,
    store,
    readinessStore,
    evaluator,
    permissions: options.permissions ?? mockServices.permissions(),
    hoursOf: teams.hoursOf,
    autoResolveThresholdMs: options.autoResolveThresholdMs ?? AUTO_RESOLVE_MS,
  });
  return { app, store, readinessStore };
};

const withData = async (
  document: AlertSourcesDocument = sources(),
  options: Parameters<typeof setup>[0] = {},
) => {
  const ctx = await setup(options);
  await ctx.store.upsertIncidents(
    ref('checkout'),
    INCIDENTS,
    NOW.toISOString(),
  );
  await ctx.store.writeDocument(ref('checkout'), 'alertSources', document);
  return ctx;
};

const user = mockCredentials.user.header();
const aqPath = (name: string) =>
  `/entities/component/default/${name}/alert-quality`;
const toilPath = (name: string, id?: string) =>
  `/entities/component/default/${name}/toil${id ? `/${id}` : ''}`;

/** The audit log of an entity, newest first, from the audit endpoint. */
const auditOf = async (app: express.Express, name = 'checkout') => {
  const res = await request(app)
    .get(`/entities/component/default/${name}/audit`)
    .set('Authorization', user);
  expect(res.status).toBe(200);
  return res.body.items as AuditEntry[];
};

/** The audit entry of a toil change, as the audit endpoint serves it. */
const toilEntry = (
  action: AuditEntry['action'],
  actor: string,
  time: string,
  item: StoredToilItem,
) => ({
  id: expect.any(Number),
  at: time,
  actor,
  action,
  entityRef: item.entityRef,
  target: `toil:${item.id}`,
  details: item,
});

/** The report computed straight from the store, as JSON. */
const expectedReport = async (
  store: DatabaseReliabilityStore,
  window: '7d' | '28d' | '90d',
  over: { autoResolveThresholdMs?: number } = {},
) => {
  const hours = teams.hoursOf(BERLIN_TEAM);
  const document = await store.readDocument<AlertSourcesDocument>(
    ref('checkout'),
    'alertSources',
  );
  const report = computeAlertQuality({
    incidents: await store.listIncidents(
      ref('checkout'),
      '2000-01-01T00:00:00.000Z',
      NOW.toISOString(),
    ),
    shifts: document!.shifts,
    rules: document!.rules ?? undefined,
    toilItems: await store.listToilItems(ref('checkout')),
    window,
    now: NOW,
    businessHours: hours.businessHours,
    sleepHours: hours.sleepHours,
    autoResolveThresholdMs: over.autoResolveThresholdMs ?? AUTO_RESOLVE_MS,
  });
  return JSON.parse(JSON.stringify(report));
};

const TOIL = {
  task: 'Rotate the TLS certificates by hand',
  minutesPerOccurrence: 30,
  occurrencesPerWeek: 4,
};

beforeEach(() => {
  // The real clock is left alone: a route that read it instead of the
  // injected clock would see today's date and fail these tests.
  clock.at = NOW;
});

describe('GET /entities/:kind/:namespace/:name/alert-quality', () => {
  it('computes the report from the stored incidents, shifts, rules and toil with the team hours', async () => {
    const { app, store } = await withData();
    const res = await request(app)
      .get(aqPath('checkout'))
      .query({ window: '28d' })
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      entityRef: ref('checkout'),
      window: '28d',
      pagingSource: 'pagerduty',
      demo: false,
      report: await expectedReport(store, '28d'),
      firingAlerts: FIRING,
      toilItems: [],
      problems: [],
      computedAt: '2026-11-26T09:55:00.000Z',
      stale: false,
    });

    const { report } = res.body;
    expect(report.timeZone).toBe('Europe/Berlin');
    expect(report.current.range).toEqual({
      start: '2026-10-29T10:00:00.000Z',
      end: NOW.toISOString(),
    });
    expect(report.previous.range.start).toBe(PREVIOUS_START);
    expect(report.current.incidents).toBe(4);
    expect(report.current.pages).toBe(3);
    expect(report.current.responseTimes.mtta.medianMs).toBe(7 * MINUTE);
    expect(report.current.noise.noiseRatio).toBe(0.25);
    expect(report.current.pageTimes).toEqual({
      business: 2,
      off: 0,
      sleep: 1,
      offHours: 1,
    });
    expect(report.current.escalations).toBe(1);
    expect(report.current.runbookCoverage).toEqual({
      rules: 2,
      rulesWithRunbook: 1,
      coverage: 0.5,
      missing: [{ name: 'ErrorRate', group: 'checkout' }],
    });
    expect(report.previous.pages).toBe(1);
    expect(report.trends.pages).toEqual({
      current: 3,
      previous: 1,
      delta: 2,
      direction: 'up',
      better: false,
    });
  });

  it('uses the configured auto-resolve threshold', async () => {
    const { app, store } = await withData(sources(), {
      autoResolveThresholdMs: MINUTE,
    });
    const res = await request(app)
      .get(aqPath('checkout'))
      .set('Authorization', user);
    expect(res.body.report).toEqual(
      await expectedReport(store, '28d', { autoResolveThresholdMs: MINUTE }),
    );
    expect(res.body.report.current.noise.noiseRatio).toBe(0);
  });

  it.each(['7d', '28d', '90d'] as const)(
    'computes the %s window',
    async window => {
      // Synced long enough ago for the previous 90 days too.
      const { app, store } = await withData(
        sources({ dataSince: '2026-01-01T00:00:00.000Z' }),
      );
      const res = await request(app)
        .get(aqPath('checkout'))
        .query({ window })
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body.window).toBe(window);
      expect(res.body.report).toEqual(await expectedReport(store, window));
    },
  );

  it('uses the 28d window by default', async () => {
    const { app, store } = await withData();
    const res = await request(app)
      .get(aqPath('checkout'))
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body.window).toBe('28d');
    expect(res.body.report).toEqual(await expectedReport(store, '28d'));
  });

  it('reports the previous trends unknown when data starts inside the previous window', async () => {
    const { app, store } = await withData(
      sources({ dataSince: '2026-10-15T00:00:00.000Z' }),
    );
    const res = await request(app)
      .get(aqPath('checkout'))
      .set('Authorization', user);
    const computed = await expectedReport(store, '28d');
    expect(res.body.report.current).toEqual(computed.current);
    expect(res.body.report.previous).toEqual(computed.previous);
    const trends = Object.entries(res.body.report.trends);
    expect(trends.map(([metric]) => metric).sort()).toEqual(
      Object.keys(computed.trends).sort(),
    );
    expect(Object.fromEntries(trends)).toEqual(
      Object.fromEntries(
        Object.entries(computed.trends).map(([metric, trend]) => [
          metric,
          {
            current: (trend as { current: number | null }).current,
            previous: null,
            delta: null,
            direction: 'unknown',
            better: null,
          },
        ]),
      ),
    );
  });

  it.each([
    ['at the start of the previous window', PREVIOUS_START],
    ['before the previous window', '2026-09-30T00:00:00.000Z'],
    ['unknown', null],
  ])(
    'compares with the previous window when data starts %s',
    async (_case, dataSince) => {
      const { app, store } = await withData(sources({ dataSince }));
      const res = await request(app)
        .get(aqPath('checkout'))
        .set('Authorization', user);
      expect(res.body.report.trends).toEqual(
        (await expectedReport(store, '28d')).trends,
      );
      expect(res.body.report.trends.pages.direction).toBe('up');
    },
  );

  it('shows stale data with its reason', async () => {
    const { app } = await withData(
      sources({ stale: true, staleReason: 'pagerduty: answered 503' }),
    );
    const res = await request(app)
      .get(aqPath('checkout'))
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      stale: true,
      staleReason: 'pagerduty: answered 503',
      computedAt: '2026-11-26T09:55:00.000Z',
    });
    expect(res.body.report.current.pages).toBe(3);
  });

  it('answers a null report and paging source when nothing is stored', async () => {
    const { app } = await setup();
    const res = await request(app)
      .get(aqPath('empty'))
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      entityRef: ref('empty'),
      window: '28d',
      pagingSource: null,
      demo: false,
      report: null,
      firingAlerts: [],
      toilItems: [],
      problems: [],
      computedAt: null,
      stale: false,
    });
  });

  it('answers a null report, with the problems, without a paging source or rules', async () => {
    const { app, store } = await setup();
    const problem = {
      source: 'alert-quality',
      message: 'invalid reliability-kit.io/alert-selector: nope',
    };
    await store.writeDocument(
      ref('payments'),
      'alertSources',
      sources(noAlertSources({ problems: [problem] })),
    );
    const res = await request(app)
      .get(aqPath('payments'))
      .set('Authorization', user);
    expect(res.body).toMatchObject({
      pagingSource: null,
      report: null,
      problems: [problem],
    });
  });

  it('computes runbook coverage for rules without a paging source', async () => {
    const { app, store } = await setup();
    await store.writeDocument(
      ref('payments'),
      'alertSources',
      sources({ pagingSource: null, dataSince: null, shifts: [] }),
    );
    const res = await request(app)
      .get(aqPath('payments'))
      .set('Authorization', user);
    expect(res.body.pagingSource).toBeNull();
    expect(res.body.report.current.pages).toBe(0);
    expect(res.body.report.current.runbookCoverage.coverage).toBe(0.5);
  });

  it('labels demo data', async () => {
    const { app } = await withData(sources({ pagingSource: 'demo' }));
    const res = await request(app)
      .get(aqPath('checkout'))
      .set('Authorization', user);
    expect(res.body).toMatchObject({ pagingSource: 'demo', demo: true });
  });

  it.each([
    [
      'window=30d',
      { window: '30d' },
      'Invalid alert quality window: expected one of 7d, 28d, 90d, got "30d"',
    ],
    [
      'an empty window',
      { window: '' },
      'Invalid alert quality window: expected one of 7d, 28d, 90d, got ""',
    ],
    [
      'a repeated window',
      'window=7d&window=28d',
      'Invalid alert quality window: expected one of 7d, 28d, 90d, got a object',
    ],
    [
      'an unknown parameter',
      { from: '2026-11-01' },
      'Unknown query parameter "from"',
    ],
    [
      'an unknown parameter next to the window',
      { window: '7d', format: 'csv' },
      'Unknown query parameter "format"',
    ],
  ])('answers 400 for %s', async (_case, query, message) => {
    const { app } = await withData();
    const res = await request(app)
      .get(aqPath('checkout'))
      .query(query)
      .set('Authorization', user);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ name: 'InputError', message });
  });

  it('answers 404 for an unknown entity', async () => {
    const { app } = await setup();
    const res = await request(app)
      .get(aqPath('nope'))
      .set('Authorization', user);
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({
      name: 'NotFoundError',
      message: 'No entity component:default/nope found in the catalog',
    });
  });

  it('answers 401 without credentials', async () => {
    const { app } = await withData();
    const res = await request(app)
      .get(aqPath('checkout'))
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('accepts service credentials for reading', async () => {
    const { app } = await withData();
    const res = await request(app)
      .get(aqPath('checkout'))
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(200);
    expect(res.body.report.current.pages).toBe(3);
  });
});

describe('toil items', () => {
  const create = (
    app: express.Express,
    body: object,
    name = 'checkout',
    header = user,
  ) =>
    request(app).post(toilPath(name)).set('Authorization', header).send(body);

  it('creates an item as the user, owned by the entity owner', async () => {
    const { app, store } = await setup();
    const res = await create(app, TOIL);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      ),
      entityRef: ref('checkout'),
      task: TOIL.task,
      minutesPerOccurrence: 30,
      occurrencesPerWeek: 4,
      owner: BERLIN_TEAM,
      createdBy: 'user:default/mock',
      createdAt: NOW.toISOString(),
      updatedBy: 'user:default/mock',
      updatedAt: NOW.toISOString(),
      version: 1,
    });
    expect(res.headers.etag).toBe('"1"');
    // The store's items leave the version out; it is in the item's bodies.
    expect(await store.getToilItem(res.body.id)).toEqual(unversioned(res.body));
  });

  it('takes a given owner and trims the task', async () => {
    const { app } = await setup();
    const res = await create(app, {
      ...TOIL,
      task: '  Restart the batch job  ',
      owner: 'group:default/team-b',
      occurrencesPerWeek: 0,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      task: 'Restart the batch job',
      owner: 'group:default/team-b',
      occurrencesPerWeek: 0,
    });
  });

  it('asks for an owner when the entity has none', async () => {
    const { app } = await setup();
    const res = await create(app, TOIL, 'orphan');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'component:default/orphan has no owner: give the toil item an "owner"',
    );
    const withOwner = await create(
      app,
      { ...TOIL, owner: 'group:default/team-a' },
      'orphan',
    );
    expect(withOwner.status).toBe(201);
  });

  it('lists, updates and deletes items', async () => {
    const { app } = await setup();
    // Listings leave the version out.
    const first = unversioned((await create(app, TOIL)).body);
    clock.at = new Date(NOW.getTime() + MINUTE);
    const second = unversioned(
      (
        await create(app, {
          task: 'Approve access requests',
          minutesPerOccurrence: 5,
          occurrencesPerWeek: 20,
        })
      ).body,
    );

    const list = await request(app)
      .get(toilPath('checkout'))
      .set('Authorization', user);
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ items: [first, second] });

    // Updated by another user an hour later.
    const updatedAt = new Date(NOW.getTime() + 60 * MINUTE).toISOString();
    clock.at = new Date(updatedAt);
    const put = await request(app)
      .put(toilPath('checkout', first.id))
      .set('Authorization', mockCredentials.user.header('user:default/bob'))
      .send({
        task: 'Rotate certificates',
        minutesPerOccurrence: 45,
        occurrencesPerWeek: 1,
      });
    expect(put.status).toBe(200);
    const updated = {
      ...first,
      task: 'Rotate certificates',
      minutesPerOccurrence: 45,
      occurrencesPerWeek: 1,
      updatedBy: 'user:default/bob',
      updatedAt,
    };
    expect(put.body).toEqual({ ...updated, version: 2 });
    expect(
      (await request(app).get(toilPath('checkout')).set('Authorization', user))
        .body,
    ).toEqual({ items: [updated, second] });

    const del = await request(app)
      .delete(toilPath('checkout', first.id))
      .set('Authorization', user);
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    const again = await request(app)
      .delete(toilPath('checkout', first.id))
      .set('Authorization', user);
    expect(again.status).toBe(404);
    expect(again.body.error).toMatchObject({
      name: 'NotFoundError',
      message: `component:default/checkout has no toil item ${first.id}`,
    });
    const putGone = await request(app)
      .put(toilPath('checkout', first.id))
      .set('Authorization', user)
      .send(TOIL);
    expect(putGone.status).toBe(404);
    expect(
      (await request(app).get(toilPath('checkout')).set('Authorization', user))
        .body,
    ).toEqual({ items: [second] });
  });

  it('audits every create, update and delete, by the user, in the audit log', async () => {
    const { app } = await setup();
    // Audit entries hold the item without its version.
    const item = unversioned((await create(app, TOIL)).body);
    expect(await auditOf(app)).toEqual([
      toilEntry('toil.create', 'user:default/mock', NOW.toISOString(), item),
    ]);

    const updatedAt = new Date(NOW.getTime() + 60 * MINUTE).toISOString();
    clock.at = new Date(updatedAt);
    const put = await request(app)
      .put(toilPath('checkout', item.id))
      .set('Authorization', mockCredentials.user.header('user:default/bob'))
      .send({ ...TOIL, task: 'Rotate certificates', occurrencesPerWeek: 1 });
    expect(put.status).toBe(200);
    const updated = unversioned(put.body);
    expect(updated).toMatchObject({
      task: 'Rotate certificates',
      updatedBy: 'user:default/bob',
      updatedAt,
    });

    const deletedAt = new Date(NOW.getTime() + 120 * MINUTE).toISOString();
    clock.at = new Date(deletedAt);
    const del = await request(app)
      .delete(toilPath('checkout', item.id))
      .set('Authorization', mockCredentials.user.header('user:default/carol'));
    expect(del.status).toBe(204);

    // Changes of a gone item are 404s and audit nothing.
    const putGone = await request(app)
      .put(toilPath('checkout', item.id))
      .set('Authorization', user)
      .send(TOIL);
    expect(putGone.status).toBe(404);
    const delGone = await request(app)
      .delete(toilPath('checkout', item.id))
      .set('Authorization', user);
    expect(delGone.status).toBe(404);

    const entries = await auditOf(app);
    expect(entries).toEqual([
      toilEntry('toil.delete', 'user:default/carol', deletedAt, updated),
      toilEntry('toil.update', 'user:default/bob', updatedAt, updated),
      toilEntry('toil.create', 'user:default/mock', NOW.toISOString(), item),
    ]);
    expect(entries[0].id).toBeGreaterThan(entries[1].id);
    expect(entries[1].id).toBeGreaterThan(entries[2].id);
    // Another entity's log stays empty.
    expect(await auditOf(app, 'payments')).toEqual([]);
  });

  it('audits nothing for a write that stores nothing', async () => {
    const { app, store } = await setup();
    const orphan = await create(app, TOIL, 'orphan');
    expect(orphan.status).toBe(400);
    const other = unversioned((await create(app, TOIL, 'payments')).body);
    const payments = await auditOf(app, 'payments');
    expect(payments).toHaveLength(1);
    const put = await request(app)
      .put(toilPath('checkout', other.id))
      .set('Authorization', user)
      .send({ ...TOIL, task: 'hijacked' });
    expect(put.status).toBe(404);
    const del = await request(app)
      .delete(toilPath('checkout', other.id))
      .set('Authorization', user);
    expect(del.status).toBe(404);
    const badId = await request(app)
      .delete(toilPath('checkout', 'not-a-uuid'))
      .set('Authorization', user);
    expect(badId.status).toBe(400);
    expect(await store.getToilItem(other.id)).toEqual(other);
    expect(await auditOf(app, 'orphan')).toEqual([]);
    expect(await auditOf(app)).toEqual([]);
    expect(await auditOf(app, 'payments')).toEqual(payments);
  });

  it('keeps the owner on an update without one and changes it with one', async () => {
    const { app } = await setup();
    const item = unversioned((await create(app, TOIL)).body);
    const keep = await request(app)
      .put(toilPath('checkout', item.id))
      .set('Authorization', user)
      .send(TOIL);
    expect(keep.body.owner).toBe(BERLIN_TEAM);
    const change = await request(app)
      .put(toilPath('checkout', item.id))
      .set('Authorization', user)
      .send({ ...TOIL, owner: 'group:default/team-b' });
    expect(change.body.owner).toBe('group:default/team-b');
  });

  it.each<[string, object, string]>([
    [
      'a missing task',
      { minutesPerOccurrence: 5, occurrencesPerWeek: 1 },
      'Invalid toil item: "task" Required',
    ],
    ['a blank task', { ...TOIL, task: '   ' }, 'Invalid toil item: "task"'],
    [
      'a task of 201 characters',
      { ...TOIL, task: 'x'.repeat(201) },
      'Invalid toil item: "task"',
    ],
    [
      'negative minutes',
      { ...TOIL, minutesPerOccurrence: -5 },
      'Invalid toil item: "minutesPerOccurrence"',
    ],
    [
      'zero minutes',
      { ...TOIL, minutesPerOccurrence: 0 },
      'Invalid toil item: "minutesPerOccurrence"',
    ],
    [
      'minutes above a week (10080)',
      { ...TOIL, minutesPerOccurrence: 10081 },
      'Invalid toil item: "minutesPerOccurrence"',
    ],
    [
      'more than 1000 occurrences',
      { ...TOIL, occurrencesPerWeek: 1001 },
      'Invalid toil item: "occurrencesPerWeek"',
    ],
    [
      'negative occurrences',
      { ...TOIL, occurrencesPerWeek: -1 },
      'Invalid toil item: "occurrencesPerWeek"',
    ],
    [
      'minutes as a string',
      { ...TOIL, minutesPerOccurrence: '5' },
      'Invalid toil item: "minutesPerOccurrence" Expected number, received string',
    ],
    [
      'occurrences as a string',
      { ...TOIL, occurrencesPerWeek: '5' },
      'Invalid toil item: "occurrencesPerWeek" Expected number, received string',
    ],
    [
      'an unknown field',
      { ...TOIL, hoursPerWeek: 2 },
      'Invalid toil item: unknown field "hoursPerWeek"',
    ],
    [
      'an owner that is a user',
      { ...TOIL, owner: 'user:default/bob' },
      'Invalid toil item: "owner" must be a group entity ref such as group:default/team-a',
    ],
    [
      'an owner without kind',
      { ...TOIL, owner: 'team-a' },
      'Invalid toil item: "owner" must be a group entity ref such as group:default/team-a',
    ],
    [
      'an owner without namespace',
      { ...TOIL, owner: 'group:team-a' },
      'Invalid toil item: "owner" must be a group entity ref such as group:default/team-a',
    ],
    [
      'an array body',
      [TOIL],
      'Invalid toil item: "body" Expected object, received array',
    ],
  ])('rejects %s with 400', async (_case, body, message) => {
    const { app, store } = await setup();
    const res = await create(app, body);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toContain(message);
    expect(await store.listToilItems(ref('checkout'))).toEqual([]);
    expect(await auditOf(app)).toEqual([]);
  });

  it('accepts the limits: 200 characters, 10080 minutes, 1000 occurrences', async () => {
    const { app } = await setup();
    const res = await create(app, {
      task: 'x'.repeat(200),
      minutesPerOccurrence: 10080,
      occurrencesPerWeek: 1000,
    });
    expect(res.status).toBe(201);
    expect(res.body.task).toHaveLength(200);
  });

  it('validates updates the same way', async () => {
    const { app, store } = await setup();
    const item = unversioned((await create(app, TOIL)).body);
    const res = await request(app)
      .put(toilPath('checkout', item.id))
      .set('Authorization', user)
      .send({ ...TOIL, minutesPerOccurrence: 10081 });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      'Invalid toil item: "minutesPerOccurrence"',
    );
    expect(await store.getToilItem(item.id)).toEqual(item);
    expect(await auditOf(app)).toEqual([
      toilEntry('toil.create', 'user:default/mock', item.createdAt, item),
    ]);
  });

  it.each([
    ['PUT', 'not-a-uuid'],
    ['DELETE', 'not-a-uuid'],
    ['PUT', '12345678-1234-1234-1234-1234567890123'],
  ])('answers 400 to %s of a malformed id %s', async (method, id) => {
    const { app } = await setup();
    const req =
      method === 'PUT'
        ? request(app).put(toilPath('checkout', id)).send(TOIL)
        : request(app).delete(toilPath('checkout', id));
    const res = await req.set('Authorization', user);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      name: 'InputError',
      message: 'Invalid toil item id',
    });
  });

  it('answers 404 for an item of another entity through this entity', async () => {
    const { app, store } = await setup();
    const item = unversioned((await create(app, TOIL, 'payments')).body);
    expect(item.entityRef).toBe(ref('payments'));
    const put = await request(app)
      .put(toilPath('checkout', item.id))
      .set('Authorization', user)
      .send({ ...TOIL, task: 'hijacked' });
    expect(put.status).toBe(404);
    expect(put.body.error.message).toBe(
      `component:default/checkout has no toil item ${item.id}`,
    );
    const del = await request(app)
      .delete(toilPath('checkout', item.id))
      .set('Authorization', user);
    expect(del.status).toBe(404);
    expect(await store.getToilItem(item.id)).toEqual(item);
    expect(
      (await request(app).get(toilPath('checkout')).set('Authorization', user))
        .body,
    ).toEqual({ items: [] });
  });

  it('answers 404 for a random id', async () => {
    const { app } = await setup();
    const res = await request(app)
      .delete(toilPath('checkout', '3f1c6f5e-8d0b-4c3e-9a7e-2b6d1e0f4a5c'))
      .set('Authorization', user);
    expect(res.status).toBe(404);
  });

  it('asks the permission policy for reliability.toil.write on the entity', async () => {
    const permissions = mockServices.permissions.mock({
      authorizeConditional: allowEntityReads,
      authorize: async requests =>
        requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    });
    const { app } = await setup({ permissions });
    const res = await create(app, TOIL);
    expect(res.status).toBe(201);
    // First reliability.entity.read (as for every entity endpoint), then
    // reliability.toil.write.
    expect(permissions.authorize).toHaveBeenCalledTimes(2);
    expect(permissions.authorize).toHaveBeenNthCalledWith(
      1,
      [
        {
          permission: reliabilityEntityReadPermission,
          resourceRef: ref('checkout'),
        },
      ],
      { credentials: mockCredentials.user() },
    );
    expect(permissions.authorize).toHaveBeenNthCalledWith(
      2,
      [
        {
          permission: reliabilityToilWritePermission,
          resourceRef: ref('checkout'),
        },
      ],
      { credentials: mockCredentials.user() },
    );
    expect(reliabilityToilWritePermission.name).toBe('reliability.toil.write');
  });

  it('answers 403 when the permission policy denies toil writes', async () => {
    // Items written while allowed, then the policy denies.
    const { app: allowed, store, readinessStore } = await setup();
    const item = unversioned((await create(allowed, TOIL)).body);
    const audited = await auditOf(allowed);
    expect(audited).toEqual([
      toilEntry('toil.create', 'user:default/mock', item.createdAt, item),
    ]);
    const permissions = DENY_TOIL_WRITES();
    const app = await createTestApp({
      clock,
      entities,
      store,
      permissions,
      hoursOf: teams.hoursOf,
    });
    const message =
      'You may not change the toil log of component:default/checkout: only its owning team can';

    const post = await create(app, TOIL);
    expect(post.status).toBe(403);
    expect(post.body.error).toMatchObject({ name: 'NotAllowedError', message });
    const put = await request(app)
      .put(toilPath('checkout', item.id))
      .set('Authorization', user)
      .send({ ...TOIL, task: 'changed' });
    expect(put.status).toBe(403);
    const del = await request(app)
      .delete(toilPath('checkout', item.id))
      .set('Authorization', user);
    expect(del.status).toBe(403);
    expect(
      permissions.authorize.mock.calls.map(([requests]) => requests),
    ).toEqual(
      Array.from({ length: 3 }).flatMap(() => [
        [
          {
            permission: reliabilityEntityReadPermission,
            resourceRef: ref('checkout'),
          },
        ],
        [
          {
            permission: reliabilityToilWritePermission,
            resourceRef: ref('checkout'),
          },
        ],
      ]),
    );
    expect(await store.listToilItems(ref('checkout'))).toEqual([item]);
    // Nothing audited: the log holds the creation alone.
    expect(await readinessStore.listAudit(ref('checkout'))).toEqual(audited);

    // Reading stays allowed.
    const list = await request(app)
      .get(toilPath('checkout'))
      .set('Authorization', user);
    expect(list.body).toEqual({ items: [item] });
  });

  it('lets only users write, not services', async () => {
    const { app, store } = await setup();
    const item = unversioned((await create(app, TOIL)).body);
    const audited = await auditOf(app);
    const service = mockCredentials.service.header();
    const post = await create(app, TOIL, 'checkout', service);
    expect(post.status).toBe(403);
    const put = await request(app)
      .put(toilPath('checkout', item.id))
      .set('Authorization', service)
      .send(TOIL);
    expect(put.status).toBe(403);
    const del = await request(app)
      .delete(toilPath('checkout', item.id))
      .set('Authorization', service);
    expect(del.status).toBe(403);
    expect(await store.listToilItems(ref('checkout'))).toEqual([item]);
    expect(audited).toHaveLength(1);
    expect(await auditOf(app)).toEqual(audited);
    const list = await request(app)
      .get(toilPath('checkout'))
      .set('Authorization', service);
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ items: [item] });
  });

  it('answers 401 without credentials', async () => {
    const { app } = await setup();
    const none = mockCredentials.none.header();
    expect((await create(app, TOIL, 'checkout', none)).status).toBe(401);
    expect(
      (await request(app).get(toilPath('checkout')).set('Authorization', none))
        .status,
    ).toBe(401);
  });

  it('answers 404 for toil of an unknown entity', async () => {
    const { app } = await setup();
    expect((await create(app, TOIL, 'nope')).status).toBe(404);
    expect(
      (await request(app).get(toilPath('nope')).set('Authorization', user))
        .status,
    ).toBe(404);
  });

  it('adds self-reported toil to the report: 30 min x 4 a week is 2 hours a week', async () => {
    const { app, store } = await withData();
    expect((await create(app, TOIL)).status).toBe(201);
    const res = await request(app)
      .get(aqPath('checkout'))
      .set('Authorization', user);
    expect(res.body.toilItems).toEqual(
      await store.listToilItems(ref('checkout')),
    );
    expect(res.body.report.current.toil.selfReportedHoursPerWeek).toBe(2);
    expect(res.body.report.previous.toil.selfReportedHoursPerWeek).toBe(2);
    expect(res.body.report).toEqual(await expectedReport(store, '28d'));
    // Plus the interrupt time of pages: 30m + 60m in 4 weeks.
    expect(res.body.report.current.toil.interruptHoursPerWeek).toBe(1.5 / 4);
    expect(res.body.report.current.toil.toilHoursPerWeek).toBe(2 + 1.5 / 4);

    await create(app, {
      task: 'Approve access requests',
      minutesPerOccurrence: 6,
      occurrencesPerWeek: 10,
    });
    const more = await request(app)
      .get(aqPath('checkout'))
      .set('Authorization', user);
    expect(more.body.report.current.toil.selfReportedHoursPerWeek).toBe(3);
  });
});
