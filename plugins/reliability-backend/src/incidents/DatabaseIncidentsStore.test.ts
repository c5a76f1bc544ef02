import { Postmortem } from '@reliability-kit/backstage-plugin-reliability-common';
import { createTestStore } from '../__testUtils__/createTestStore';
import { testDatabases } from '../__testUtils__/testDatabases';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import { DatabaseIncidentsStore } from './DatabaseIncidentsStore';
import { impactKey } from './IncidentsStore';

jest.setTimeout(60_000);
const databases = testDatabases();

const pm = (id: string, over: Partial<Postmortem> = {}): Postmortem => ({
  id,
  source: 'file',
  title: `Postmortem ${id}`,
  incidentIds: ['P1', 'P2'],
  severity: 'SEV1',
  status: 'published',
  createdAt: '2026-11-07',
  publishedAt: '2026-11-12T09:00:00Z',
  actions: [
    {
      id: 'a1',
      title: 'Fix it',
      owner: 'team-a',
      due: '2026-11-20',
      ticket: 'OPS-1',
    },
  ],
  ...over,
});

describe.each(databases.eachSupportedId())(
  'DatabaseIncidentsStore on %p',
  databaseId => {
    const create = () =>
      createTestStore(databases, databaseId, DatabaseIncidentsStore.create);

    it('replaces the postmortems of one entity and source, keeping the others', async () => {
      const { store } = await create();
      await store.replacePostmortems(
        'component:default/a',
        'file',
        [
          pm('p1.md'),
          pm('p2.md', { status: 'draft', publishedAt: undefined, actions: [] }),
        ],
        '2026-12-01T00:00:00Z',
      );
      await store.replacePostmortems(
        'component:default/a',
        'incident-io',
        [pm('X-1', { source: 'incident-io', url: 'https://x/1' })],
        '2026-12-01T00:00:00Z',
      );
      await store.replacePostmortems(
        'component:default/b',
        'file',
        [pm('p3.md')],
        '2026-12-01T00:00:00Z',
      );
      await store.replacePostmortems(
        'component:default/a',
        'file',
        [pm('p1.md', { title: 'Renamed' })],
        '2026-12-02T00:00:00Z',
      );

      const a = (await store.listPostmortems(['component:default/a'])).get(
        'component:default/a',
      )!;
      expect(a.map(p => [p.source, p.id, p.title])).toEqual([
        ['file', 'p1.md', 'Renamed'],
        ['incident-io', 'X-1', 'Postmortem X-1'],
      ]);
      expect(a[0]).toEqual(pm('p1.md', { title: 'Renamed' }));
      expect(a[1].url).toBe('https://x/1');
      expect([...(await store.listPostmortems()).keys()]).toEqual([
        'component:default/a',
        'component:default/b',
      ]);
    });

    it('keeps the last ticket state when a read fails, and the error until the next success', async () => {
      const { store } = await create();
      await store.upsertTicketStates(
        'jira',
        [
          {
            ticket: 'OPS-1',
            state: 'done',
            statusName: 'Done',
            closedAt: '2026-11-19T10:00:00Z',
            url: 'https://x/OPS-1',
          },
        ],
        '2026-12-01T00:00:00Z',
      );
      await store.recordTicketError(
        'jira',
        ['OPS-1', 'OPS-2'],
        'Jira "cloud" answered HTTP 503',
        '2026-12-02T00:00:00Z',
      );
      let states = await store.readTicketStates(['OPS-1', 'OPS-2', 'OPS-3']);
      expect(states.get('OPS-1')).toEqual({
        ticket: 'OPS-1',
        provider: 'jira',
        status: {
          ticket: 'OPS-1',
          state: 'done',
          statusName: 'Done',
          closedAt: '2026-11-19T10:00:00Z',
          url: 'https://x/OPS-1',
        },
        fetchedAt: '2026-12-01T00:00:00Z',
        lastError: 'Jira "cloud" answered HTTP 503',
        lastErrorAt: '2026-12-02T00:00:00Z',
      });
      expect(states.get('OPS-2')).toEqual({
        ticket: 'OPS-2',
        provider: 'jira',
        lastError: 'Jira "cloud" answered HTTP 503',
        lastErrorAt: '2026-12-02T00:00:00Z',
      });
      expect(states.has('OPS-3')).toBe(false);
      await store.upsertTicketStates(
        'jira',
        [{ ticket: 'OPS-2', state: 'open' }],
        '2026-12-03T00:00:00Z',
      );
      states = await store.readTicketStates(['OPS-2']);
      expect(states.get('OPS-2')).toMatchObject({
        status: { state: 'open', closedAt: null },
        fetchedAt: '2026-12-03T00:00:00Z',
      });
      expect(states.get('OPS-2')!.lastError).toBeUndefined();
    });

    it('stores impact starts, including "none found", and entity problems', async () => {
      const { store } = await create();
      await store.upsertImpacts([
        {
          entityRef: 'e1',
          source: 'pagerduty',
          incidentId: 'P1',
          impactStartedAt: '2026-11-06T09:50:00Z',
          sloId: 'availability',
          computedAt: '2026-12-01T00:00:00Z',
        },
        {
          entityRef: 'e2',
          source: 'alertmanager',
          incidentId: 'x',
          impactStartedAt: null,
          sloId: null,
          computedAt: '2026-12-01T00:00:00Z',
        },
      ]);
      const all = await store.readImpacts();
      expect(all.get(impactKey('e1', 'pagerduty', 'P1'))!.impactStartedAt).toBe(
        '2026-11-06T09:50:00Z',
      );
      expect(
        all.get(impactKey('e2', 'alertmanager', 'x'))!.impactStartedAt,
      ).toBeNull();
      expect([...(await store.readImpacts(['e2'])).keys()]).toEqual([
        impactKey('e2', 'alertmanager', 'x'),
      ]);

      await store.writeEntityState('e1', {
        problems: [{ source: 'incidents', message: 'p.md: bad' }],
        computedAt: '2026-12-01T00:00:00Z',
      });
      await store.writeEntityState('e1', {
        problems: [],
        computedAt: '2026-12-02T00:00:00Z',
      });
      expect(await store.readEntityState('e1')).toEqual({
        problems: [],
        computedAt: '2026-12-02T00:00:00Z',
      });
      expect(await store.readEntityState('e2')).toBeUndefined();
    });

    it('round-trips the new incident fields of the paging store', async () => {
      const { knex } = await create();
      const store = await DatabaseReliabilityStore.create({
        database: { getClient: async () => knex },
      });
      const base = {
        source: 'pagerduty',
        title: 't',
        urgency: 'high' as const,
        status: 'resolved' as const,
        createdAt: '2026-11-06T10:00:00.000Z',
        resolvedAt: '2026-11-06T12:00:00.000Z',
        firstAcknowledgedAt: null,
        alertKey: null,
        escalations: 0,
      };
      await store.upsertIncidents(
        'e1',
        [
          {
            ...base,
            id: 'P1',
            priority: 'P1',
            major: true,
            impactStartedAt: '2026-11-06T09:00:00Z',
          },
          {
            ...base,
            id: 'A1',
            source: 'alertmanager',
            severityLabel: 'critical',
          },
          { ...base, id: 'X1', source: 'incident-io', severity: 'SEV2' },
        ],
        '2026-12-01T00:00:00Z',
      );
      const got = (
        await store.listIncidents(
          'e1',
          '2026-11-01T00:00:00Z',
          '2026-12-01T00:00:00Z',
        )
      ).sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(
        got.map(i => [
          i.id,
          i.priority,
          i.major,
          i.severityLabel,
          i.severity,
          i.impactStartedAt,
        ]),
      ).toEqual([
        ['A1', undefined, undefined, 'critical', undefined, undefined],
        ['P1', 'P1', true, undefined, undefined, '2026-11-06T09:00:00Z'],
        ['X1', undefined, undefined, undefined, 'SEV2', undefined],
      ]);
    });
  },
);
