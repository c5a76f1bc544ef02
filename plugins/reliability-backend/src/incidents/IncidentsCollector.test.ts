import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DEFAULT_TIERS,
  DEFAULT_TIER_SOURCE,
  Postmortem,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { PostmortemSource } from '@reliability-kit/backstage-plugin-reliability-node';
import { readTeamsConfig } from '../config/readTeamsConfig';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import { fixedClock } from '../lib/Clock';
import { DatabaseIncidentsStore } from './DatabaseIncidentsStore';
import { IncidentsCollector } from './IncidentsCollector';
import { PostmortemReader } from './PostmortemReader';
import { readIncidentsConfig } from './readIncidentsConfig';

const NOW = '2026-12-07T12:00:00.000Z';
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const tierModel = { tiers: DEFAULT_TIERS, source: DEFAULT_TIER_SOURCE };
const REF = 'component:default/checkout';
const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/team-a' },
};

const POSTMORTEM: Postmortem = {
  id: 'pm-1',
  source: 'wiki',
  title: 'Checkout outage',
  incidentIds: ['Q1'],
  status: 'published',
  publishedAt: '2026-11-05T10:00:00Z',
  actions: [
    // 16 days overdue on Dec 7 (tier-1 stalls after 7)
    {
      id: 'A1',
      title: 'Canary',
      owner: 'group:default/team-a',
      due: '2026-11-20',
      ticket: 'OPS-1',
    },
    // 6 days overdue: not stalled
    { id: 'A2', title: 'Runbook', due: '2026-11-30' },
  ],
};

/** A postmortem source that returns {@link POSTMORTEM}. */
const wiki: PostmortemSource = {
  id: 'wiki',
  readPostmortems: async () => ({ postmortems: [POSTMORTEM], problems: [] }),
};

async function setup(options: {
  source: PostmortemSource;
  onStalledActions?: jest.Mock;
  incidentsAssessed?: jest.Mock;
}) {
  const knex = await databases.init('SQLITE_3');
  const database = { getClient: async () => knex };
  const store = await DatabaseReliabilityStore.create({ database });
  const incidents = await DatabaseIncidentsStore.create({ database });
  await store.replaceEntityIndex(
    [
      {
        entityRef: REF,
        kind: 'component',
        namespace: 'default',
        name: 'checkout',
        ownerRef: 'group:default/team-a',
        tier: 'tier-1',
        tierStatus: 'ok',
      },
    ],
    NOW,
  );
  const logger = mockServices.logger.mock();
  const teams = readTeamsConfig(new ConfigReader({}));
  const collector = new IncidentsCollector({
    catalog: catalogServiceMock({ entities: [entity] }),
    auth: mockServices.auth(),
    store,
    incidents,
    config: readIncidentsConfig(
      new ConfigReader({
        reliability: {
          incidents: { actions: { stalledAfterDaysByTier: { 'tier-1': 7 } } },
        },
      }),
      { tierModel, hoursOf: teams.hoursOf },
    ),
    reader: new PostmortemReader({ urlReader: mockServices.urlReader.mock() }),
    sources: [options.source],
    ticketProviders: [
      {
        id: 'jira',
        handles: t => t.startsWith('OPS-'),
        getTicketStatuses: async tickets =>
          tickets.map(ticket => ({ ticket, state: 'open' as const })),
      },
    ],
    logger,
    clock: fixedClock(NOW),
    onStalledActions: options.onStalledActions,
    fleet: { incidentsAssessed: options.incidentsAssessed },
  });
  return { collector, incidents, logger };
}

describe('IncidentsCollector', () => {
  it('lists and logs the stalled actions and calls the escalation hook', async () => {
    const hook = jest.fn();
    const incidentsAssessed = jest.fn();
    const { collector, logger } = await setup({
      source: wiki,
      onStalledActions: hook,
      incidentsAssessed,
    });
    const result = await collector.run();
    expect(result).toMatchObject({
      entities: 1,
      postmortems: 1,
      tickets: expect.objectContaining({ read: 1, failed: 0 }),
    });
    expect(result.stalled.map(a => [a.id, a.overdueDays])).toEqual([
      ['A1', 16],
    ]);
    expect(hook).toHaveBeenCalledWith(
      [expect.objectContaining({ entityRef: REF, id: 'A1', stalled: true })],
      expect.any(Date),
    );
    expect(logger.warn).toHaveBeenCalledWith(
      'Stalled corrective action A1 "Canary" of component:default/checkout (postmortem pm-1): 16 days overdue, owner group:default/team-a, ticket OPS-1',
    );
    // the fleet's incident columns: no incident stored; A1 and A2 overdue
    expect(incidentsAssessed).toHaveBeenCalledWith(
      [
        {
          entityRef: REF,
          majorIncidents: 0,
          majorMttrMs: null,
          overdueActions: 2,
        },
      ],
      NOW,
    );
  });

  it('keeps running when the hook fails, and says so', async () => {
    const { collector, logger } = await setup({
      source: wiki,
      onStalledActions: jest.fn(async () => {
        throw new Error('mail server down');
      }),
    });
    const result = await collector.run();
    expect(result.stalled).toHaveLength(1);
    expect(logger.warn).toHaveBeenCalledWith(
      'The stalled-actions hook failed: mail server down',
    );
  });

  it('keeps the stored postmortems of a source that fails, with a problem on the entity', async () => {
    let fail = false;
    const { collector, incidents } = await setup({
      source: {
        id: 'wiki',
        readPostmortems: async () => {
          if (fail) throw new Error('wiki answered 503');
          return { postmortems: [POSTMORTEM], problems: [] };
        },
      },
    });
    await collector.run();
    fail = true;
    const second = await collector.run();
    expect(second.postmortems).toBe(0);
    const stored = await incidents.listPostmortems([REF]);
    expect(stored.get(REF)?.map(p => p.id)).toEqual(['pm-1']);
    expect((await incidents.readEntityState(REF))?.problems).toEqual([
      {
        source: 'incidents',
        message:
          'postmortem source wiki failed: wiki answered 503; showing what it returned before',
      },
    ]);
    // the actions of the kept postmortem are still assessed
    expect(second.stalled.map(a => a.id)).toEqual(['A1']);
  });
});
