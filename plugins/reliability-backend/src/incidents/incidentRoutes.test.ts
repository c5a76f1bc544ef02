import {
  TestDatabases,
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { PermissionsService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DEFAULT_TIERS,
  DEFAULT_TIER_SOURCE,
  EntityIncidentsResponse,
  FleetIncidentsResponse,
  Incident,
  Postmortem,
} from '@reliability-kit/backstage-plugin-reliability-common';
import express from 'express';
import request from 'supertest';
import { readTeamsConfig } from '../config/readTeamsConfig';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import { fixedClock } from '../lib/Clock';
import { createRouter } from '../service/createRouter';
import { DatabaseIncidentsStore } from './DatabaseIncidentsStore';
import { readIncidentsConfig } from './readIncidentsConfig';

// Monday 2026-12-07; the previous month is November.
const NOW = '2026-12-07T12:00:00.000Z';
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const tierModel = { tiers: DEFAULT_TIERS, source: DEFAULT_TIER_SOURCE };
const ref = (name: string) => `component:default/${name}`;
const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/team-a' },
});

const incident = (
  id: string,
  createdAt: string,
  over: Partial<Incident> = {},
): Incident => ({
  id,
  source: 'pagerduty',
  title: `Incident ${id}`,
  urgency: 'high',
  status: 'resolved',
  createdAt,
  resolvedAt: new Date(Date.parse(createdAt) + 3_600_000).toISOString(),
  ...over,
});

const postmortem = (over: Partial<Postmortem>): Postmortem => ({
  id: 'postmortems/a.md',
  source: 'file',
  title: 'Checkout outage',
  incidentIds: [],
  status: 'published',
  actions: [],
  ...over,
});

async function setup(permissions?: PermissionsService) {
  const knex = await databases.init('SQLITE_3');
  const database = { getClient: async () => knex };
  const store = await DatabaseReliabilityStore.create({ database });
  const incidents = await DatabaseIncidentsStore.create({ database });
  const teams = readTeamsConfig(new ConfigReader({}));
  const config = readIncidentsConfig(
    new ConfigReader({
      reliability: {
        incidents: {
          severity: {
            pagerDuty: {
              priorities: { P1: 'SEV0', P2: 'SEV1', P3: 'SEV2' },
              majorSeverity: 'SEV1',
            },
          },
          actions: { stalledAfterDays: 14 },
        },
      },
    }),
    { tierModel, hoursOf: teams.hoursOf },
  );
  await store.replaceEntityIndex(
    [
      ['checkout', 'tier-1'],
      ['payments', 'tier-1'],
      ['search', 'tier-2'],
    ].map(([name, tier]) => ({
      entityRef: ref(name),
      kind: 'component',
      namespace: 'default',
      name,
      ownerRef: 'group:default/team-a',
      tier,
      tierStatus: 'ok' as const,
    })),
    NOW,
  );
  await store.upsertIncidents(
    ref('checkout'),
    [
      // Monday Nov 2, resolved the same day: due Monday Nov 9; published Nov 16
      incident('C1', '2026-11-02T10:00:00.000Z', { priority: 'P1' }),
      // this month, major without a priority
      incident('C2', '2026-12-01T10:00:00.000Z', { major: true }),
      // no mapped priority: no severity
      incident('C3', '2026-12-02T10:00:00.000Z', { priority: 'P5' }),
    ],
    NOW,
  );
  await store.upsertIncidents(
    ref('payments'),
    [incident('P1', '2026-12-03T10:00:00.000Z', { priority: 'P1' })],
    NOW,
  );
  await store.upsertIncidents(
    ref('search'),
    [incident('S1', '2026-12-04T10:00:00.000Z', { priority: 'P2' })],
    NOW,
  );
  await incidents.replacePostmortems(
    ref('checkout'),
    'file',
    [
      postmortem({
        incidentIds: ['C1'],
        publishedAt: '2026-11-16T10:00:00Z',
        actions: [
          { id: 'A1', title: 'Canary', due: '2026-11-20', ticket: 'OPS-1' },
          { id: 'A2', title: 'Runbook', due: '2026-12-20' },
          { id: 'A3', title: 'Alert', due: '2026-11-30', ticket: 'OPS-2' },
        ],
      }),
    ],
    NOW,
  );
  await incidents.upsertTicketStates(
    'jira',
    [{ ticket: 'OPS-1', state: 'open', statusName: 'In Progress' }],
    NOW,
  );
  await incidents.recordTicketError('jira', ['OPS-2'], 'HTTP 401', NOW);
  await incidents.writeEntityState(ref('checkout'), {
    problems: [{ source: 'incidents', message: 'postmortems/b.md: bad' }],
    computedAt: NOW,
  });
  const router = await createRouter({
    clock: fixedClock(NOW),
    logger: mockServices.logger.mock(),
    httpAuth: mockServices.httpAuth(),
    catalog: catalogServiceMock({
      entities: ['checkout', 'payments', 'search'].map(component),
    }),
    store,
    tierModel,
    permissions: permissions ?? mockServices.permissions(),
    hoursOf: teams.hoursOf,
    incidents: { store: incidents, config },
  });
  return express().use(router).use(mockErrorHandler());
}

const user = mockCredentials.user.header();
const entityPath = (name: string) =>
  `/entities/component/default/${name}/incidents`;
const countOf = (kpis: EntityIncidentsResponse['kpis']['current'], s: string) =>
  kpis.bySeverity.find(b => b.severity === s)?.count;

describe('incident routes', () => {
  it('serves an entity’s SEV incidents, postmortem states, actions, KPIs and problems', async () => {
    const app = await setup();
    const res = await request(app)
      .get(entityPath('checkout'))
      .set('Authorization', user);
    expect(res.status).toBe(200);
    const body = res.body as EntityIncidentsResponse;
    expect(body.period).toBe('month');
    expect(
      body.incidents.map(i => [i.id, i.severity, i.postmortem?.state]),
    ).toEqual([
      ['C2', 'SEV1', 'pending'],
      ['C1', 'SEV0', 'late'],
    ]);
    expect(body.monthly).toHaveLength(12);
    expect(body.monthly.slice(-2)).toEqual([
      {
        month: '2026-11',
        counts: expect.objectContaining({ SEV0: 1, none: 0 }),
      },
      {
        month: '2026-12',
        counts: expect.objectContaining({ SEV1: 1, none: 1 }),
      },
    ]);
    expect(
      body.actions.map(a => [a.id, a.state, a.overdueDays, a.stalled]),
    ).toEqual([
      ['A1', 'open', 16, true],
      ['A2', 'no-ticket', null, false],
      ['A3', 'unknown', 6, false],
    ]);
    expect(countOf(body.kpis.current, 'SEV1')).toBe(1);
    expect(countOf(body.kpis.previous, 'SEV0')).toBe(1);
    expect(body.kpis.previous.postmortems).toMatchObject({ due: 1, onTime: 0 });
    expect(body.kpis).toMatchObject({
      overdueActions: 2,
      oldestOverdueDays: 16,
      stalledActions: 1,
    });
    expect(body.problems.map(p => p.message)).toEqual([
      'postmortems/b.md: bad',
      'ticket OPS-2: HTTP 401',
    ]);
    expect(body.computedAt).toBe(NOW);
  });

  it('serves a quarter', async () => {
    const app = await setup();
    const res = await request(app)
      .get(`${entityPath('checkout')}?period=quarter`)
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body.period).toBe('quarter');
    // October to December: both SEV incidents are in the current quarter
    expect(res.body.kpis.current.majorCount).toBe(2);
  });

  it.each([
    ['an unknown period', `${entityPath('checkout')}?period=year`],
    ['an unknown parameter', `${entityPath('checkout')}?window=28d`],
    ['an unknown fleet period', '/incidents/fleet?period=week'],
  ])('answers 400 to %s', async (_name, path) => {
    const app = await setup();
    const res = await request(app).get(path).set('Authorization', user);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
  });

  it('serves the fleet’s SEV0/SEV1 counts per tier and the stalled actions', async () => {
    const app = await setup();
    const res = await request(app)
      .get('/incidents/fleet')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    const body = res.body as FleetIncidentsResponse;
    expect(
      body.tiers.map(t => [
        t.tier,
        t.entities,
        countOf(t.kpis.current, 'SEV0'),
        countOf(t.kpis.current, 'SEV1'),
      ]),
    ).toEqual([
      ['tier-1', 2, 1, 1],
      ['tier-2', 1, 0, 1],
    ]);
    expect(countOf(body.fleet.current, 'SEV1')).toBe(2);
    expect(body.stalledActions.map(a => [a.entityRef, a.id])).toEqual([
      [ref('checkout'), 'A1'],
    ]);
  });

  it('shows nothing of entities the permission policy hides', async () => {
    const deny = mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(() => ({ result: AuthorizeResult.DENY })),
      authorizeConditional: async requests =>
        requests.map(() => ({ result: AuthorizeResult.DENY })),
    });
    const app = await setup(deny);
    const fleet = await request(app)
      .get('/incidents/fleet')
      .set('Authorization', user);
    expect(fleet.status).toBe(200);
    expect(fleet.body.tiers).toEqual([]);
    expect(fleet.body.fleet.current.majorCount).toBe(0);
    const entity = await request(app)
      .get(entityPath('checkout'))
      .set('Authorization', user);
    // as for an entity that does not exist
    expect(entity.status).toBe(404);
  });

  it('answers 401 without credentials', async () => {
    const app = await setup();
    const none = mockCredentials.none.header();
    for (const path of ['/incidents/fleet', entityPath('checkout')]) {
      const res = await request(app).get(path).set('Authorization', none);
      expect(res.status).toBe(401);
    }
  });
});
