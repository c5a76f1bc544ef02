import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AlertRule,
  FiringAlert,
  OnCallShift,
} from '@reliability-kit/backstage-plugin-reliability-common';
import {
  PagingProvider,
  PagingServiceRef,
  PagingSyncRange,
  PagingSyncRequest,
  PagingSyncResult,
} from '@reliability-kit/backstage-plugin-reliability-node';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import { LabelMatcher } from '../providers/prometheus/LabelMatcher';
import {
  AlertQualityCollector,
  AlertQualityCollectorOptions,
  AlertRuleSelector,
  AlertSourcesDocument,
} from './AlertQualityCollector';
import { fixedClock } from '../lib/Clock';
import { testComponent } from '../__testUtils__/entities';
import { ALL_TIME, testIncident as incident } from '../__testUtils__/incidents';
import { errorSection } from '../__testUtils__/sections';
import { noAlertSources } from '../__testUtils__/alertSources';
import { DAY, MINUTE } from '../__testUtils__/time';

const NOW = new Date('2026-11-26T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const later = (minutes: number) => new Date(NOW.getTime() + minutes * MINUTE);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** A paging provider whose answers the test sets, one call at a time. */
class FakePagingProvider implements PagingProvider {
  readonly syncIncidents = jest.fn<
    Promise<PagingSyncResult>,
    [
      {
        services: PagingServiceRef;
        since: Date;
        until: Date;
        cursor?: string;
        signal?: AbortSignal;
      },
    ]
  >(async () => ({ incidents: [], cursor: 'cursor-0', requests: 1 }));

  readonly listOnCallShifts = jest.fn<
    Promise<OnCallShift[]>,
    [
      {
        services: PagingServiceRef;
        since: Date;
        until: Date;
        signal?: AbortSignal;
      },
    ]
  >(async () => []);

  constructor(readonly id: string) {}
}

/**
 * A paging provider with batch methods (as PagerDuty's): by default each
 * request gets no incidents and a cursor naming its services and the run.
 */
class FakeBatchPagingProvider extends FakePagingProvider {
  readonly syncIncidentsForMany = jest.fn<
    Promise<PromiseSettledResult<PagingSyncResult>[]>,
    [PagingSyncRequest[], PagingSyncRange, AbortSignal?]
  >(async (requests, range) =>
    requests.map(r => ({
      status: 'fulfilled',
      value: {
        incidents: [],
        cursor: `${r.services.serviceIds.join(
          '+',
        )}@${range.until.toISOString()}`,
        requests: 1,
      },
    })),
  );

  readonly listOnCallShiftsForMany = jest.fn<
    Promise<PromiseSettledResult<OnCallShift[]>[]>,
    [PagingServiceRef[], PagingSyncRange, AbortSignal?]
  >(async services => services.map(() => ({ status: 'fulfilled', value: [] })));
}

const fulfilled = <T>(value: T): PromiseFulfilledResult<T> => ({
  status: 'fulfilled',
  value,
});
const rejected = (message: string): PromiseRejectedResult => ({
  status: 'rejected',
  reason: new Error(message),
});

const component = (name: string, annotations: Record<string, string>) =>
  testComponent(name, { annotations });

const ref = (name: string) => `component:default/${name}`;

const shift = (userId: string, start: string, end: string): OnCallShift => ({
  userId,
  start,
  end,
});

const rule = (name: string, service: string, runbook?: string): AlertRule => ({
  name,
  group: service,
  labels: { service },
  annotations: runbook ? { runbook_url: runbook } : {},
});

const firing = (name: string): FiringAlert => ({
  name,
  startsAt: '2026-11-26T09:00:00.000Z',
  state: 'active',
  silencedBy: [],
  labels: { alertname: name, service: 'checkout' },
});

const FLEET_RULES = [
  rule('HighLatency', 'checkout', 'https://runbooks/latency'),
  rule('ErrorRate', 'checkout'),
  rule('DiskFull', 'search', 'https://runbooks/disk'),
];

/** Selects the rules whose `service` label equals the matcher's value. */
const selectByService: AlertRuleSelector = matchers =>
  FLEET_RULES.filter(r =>
    matchers.every(m => m.operator === '=' && r.labels?.[m.name] === m.value),
  );

const setup = async (
  entities: Entity[],
  over: Partial<AlertQualityCollectorOptions> = {},
) => {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseReliabilityStore.create({
    database: { getClient: async () => knex },
  });
  const pagerduty = new FakePagingProvider('pagerduty');
  const logger = mockServices.logger.mock();
  const collector = new AlertQualityCollector({
    clock: fixedClock(NOW),
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    store,
    logger,
    pagers: new Map<string, PagingProvider>([['pagerduty', pagerduty]]),
    demo: false,
    backfillDays: 30,
    ...over,
  });
  const documentOf = (name: string) =>
    store.readDocument<AlertSourcesDocument>(ref(name), 'alertSources');
  const incidentsOf = (name: string) =>
    store.listIncidents(ref(name), ...ALL_TIME);
  const sectionOf = async (name: string) =>
    (await store.readSections(ref(name))).alertQuality;
  return {
    collector,
    store,
    pagerduty,
    logger,
    documentOf,
    incidentsOf,
    sectionOf,
  };
};

const checkout = component('checkout', {
  'pagerduty.com/service-id': 'PCHECKOUT',
  'pagerduty.com/account': 'eu',
});

describe('AlertQualityCollector', () => {
  describe('incident sync', () => {
    const i1 = incident('I1', '2026-11-20T03:00:00.000Z');
    const i2 = incident('I2', '2026-11-25T12:00:00.000Z', {
      status: 'resolved',
      firstAcknowledgedAt: '2026-11-25T12:05:00.000Z',
      resolvedAt: '2026-11-25T12:40:00.000Z',
      escalations: 1,
    });
    const shifts = [
      shift('alex', '2026-11-16T09:00:00.000Z', '2026-11-23T09:00:00.000Z'),
      shift('blair', '2026-11-23T09:00:00.000Z', '2026-11-26T10:00:00.000Z'),
    ];

    const firstSync = async () => {
      const ctx = await setup([checkout]);
      ctx.pagerduty.syncIncidents.mockResolvedValueOnce({
        incidents: [i1, i2],
        cursor: 'cursor-1',
        requests: 2,
      });
      ctx.pagerduty.listOnCallShifts.mockResolvedValueOnce(shifts);
      const summary = await ctx.collector.run(NOW);
      return { ...ctx, summary };
    };

    it('tells the fleet projection right after the alertQuality section write', async () => {
      const fleet = {
        entitiesIndexed: jest.fn(),
        entitiesChanged: jest.fn(),
        sloWritten: jest.fn(),
        alertQualityWritten: jest.fn(async (_ref: string, _now: string) => {}),
        readinessEvaluated: jest.fn(),
        policyEvaluated: jest.fn(),
      };
      const ctx = await setup([checkout], { fleet });
      const writeSection = jest.spyOn(ctx.store, 'writeSection');
      ctx.pagerduty.syncIncidents.mockResolvedValueOnce({
        incidents: [i1, i2],
        cursor: 'cursor-1',
        requests: 2,
      });
      ctx.pagerduty.listOnCallShifts.mockResolvedValueOnce(shifts);
      await ctx.collector.run(NOW);
      expect(fleet.alertQualityWritten.mock.calls).toEqual([
        [ref('checkout'), NOW.toISOString()],
      ]);
      expect(writeSection.mock.calls.map(c => [c[0], c[1]])).toEqual([
        [ref('checkout'), 'alertQuality'],
      ]);
      expect(
        fleet.alertQualityWritten.mock.invocationCallOrder[0],
      ).toBeGreaterThan(writeSection.mock.invocationCallOrder[0]);
    });

    it('backfills on the first sync and stores the incidents, the cursor and the shifts', async () => {
      const { summary, pagerduty, store, documentOf, incidentsOf, sectionOf } =
        await firstSync();
      expect(summary).toEqual({ entities: 1, incidents: 2, failures: 0 });

      const since = new Date(NOW.getTime() - 30 * DAY);
      expect(pagerduty.syncIncidents).toHaveBeenCalledTimes(1);
      expect(pagerduty.syncIncidents).toHaveBeenCalledWith({
        services: { serviceIds: ['PCHECKOUT'], account: 'eu' },
        since,
        until: NOW,
        cursor: undefined,
      });
      expect(pagerduty.listOnCallShifts).toHaveBeenCalledWith({
        services: { serviceIds: ['PCHECKOUT'], account: 'eu' },
        since: new Date(NOW.getTime() - 180 * DAY),
        until: NOW,
      });

      expect(await incidentsOf('checkout')).toEqual([i1, i2]);
      expect(await store.getPagingSync(ref('checkout'), 'pagerduty')).toEqual({
        cursor: 'cursor-1',
        syncedAt: NOW.toISOString(),
      });
      expect(await documentOf('checkout')).toEqual({
        pagingSource: 'pagerduty',
        dataSince: since.toISOString(),
        shifts,
        rules: null,
        firingAlerts: [],
        problems: [],
        computedAt: NOW.toISOString(),
        stale: false,
      });
      expect(await sectionOf('checkout')).toEqual({
        status: 'ok',
        items: [],
        problems: [],
        demo: false,
        computedAt: NOW.toISOString(),
        stale: false,
      });
    });

    it('passes the cursor next time and updates changed incidents in place', async () => {
      const { collector, pagerduty, store, documentOf, incidentsOf } =
        await firstSync();
      const acknowledged = {
        ...i1,
        status: 'acknowledged' as const,
        firstAcknowledgedAt: '2026-11-26T10:03:00.000Z',
      };
      const i3 = incident('I3', '2026-11-26T10:05:00.000Z');
      pagerduty.syncIncidents.mockResolvedValueOnce({
        incidents: [acknowledged, i3],
        cursor: 'cursor-2',
        requests: 1,
      });
      const summary = await collector.run(later(10));
      expect(summary).toEqual({ entities: 1, incidents: 2, failures: 0 });
      expect(pagerduty.syncIncidents).toHaveBeenLastCalledWith({
        services: { serviceIds: ['PCHECKOUT'], account: 'eu' },
        since: new Date(later(10).getTime() - 30 * DAY),
        until: later(10),
        cursor: 'cursor-1',
      });
      expect(await incidentsOf('checkout')).toEqual([acknowledged, i2, i3]);

      const resolved = {
        ...acknowledged,
        status: 'resolved' as const,
        resolvedAt: '2026-11-26T10:25:00.000Z',
      };
      pagerduty.syncIncidents.mockResolvedValueOnce({
        incidents: [resolved],
        cursor: 'cursor-3',
        requests: 1,
      });
      await collector.run(later(20));
      expect(pagerduty.syncIncidents).toHaveBeenLastCalledWith(
        expect.objectContaining({ cursor: 'cursor-2' }),
      );
      expect(await incidentsOf('checkout')).toEqual([resolved, i2, i3]);
      expect(await store.getPagingSync(ref('checkout'), 'pagerduty')).toEqual({
        cursor: 'cursor-3',
        syncedAt: later(20).toISOString(),
      });
      // The data reaches back to the first backfill, not the latest run.
      expect((await documentOf('checkout'))?.dataSince).toBe(
        iso(NOW.getTime() - 30 * DAY),
      );
      expect((await documentOf('checkout'))?.computedAt).toBe(
        later(20).toISOString(),
      );
    });

    it('keeps incidents and shifts when the provider fails, marks them stale, and clears that on the next success', async () => {
      const {
        collector,
        pagerduty,
        store,
        logger,
        documentOf,
        incidentsOf,
        sectionOf,
      } = await firstSync();
      pagerduty.syncIncidents.mockRejectedValueOnce(
        new Error('PagerDuty answered 503'),
      );
      pagerduty.listOnCallShifts.mockRejectedValueOnce(new Error('timeout'));

      const summary = await collector.run(later(10));
      expect(summary).toEqual({ entities: 1, incidents: 0, failures: 1 });
      const reason =
        'pagerduty: PagerDuty answered 503; pagerduty on-calls: timeout';
      expect(await incidentsOf('checkout')).toEqual([i1, i2]);
      expect(await documentOf('checkout')).toEqual({
        pagingSource: 'pagerduty',
        dataSince: iso(NOW.getTime() - 30 * DAY),
        shifts,
        rules: null,
        firingAlerts: [],
        problems: [],
        computedAt: NOW.toISOString(),
        stale: true,
        staleReason: reason,
      });
      expect(await sectionOf('checkout')).toEqual({
        status: 'ok',
        items: [],
        problems: [],
        demo: false,
        computedAt: NOW.toISOString(),
        stale: true,
        staleReason: reason,
      });
      expect(await store.getPagingSync(ref('checkout'), 'pagerduty')).toEqual({
        cursor: 'cursor-1',
        syncedAt: NOW.toISOString(),
        lastError: 'pagerduty: PagerDuty answered 503',
        lastErrorAt: later(10).toISOString(),
      });
      expect(logger.info).toHaveBeenLastCalledWith(
        'Synced 0 incidents of 1 entities (1 failed)',
      );

      // The cursor of the last success is passed again.
      pagerduty.syncIncidents.mockResolvedValueOnce({
        incidents: [],
        cursor: 'cursor-2',
        requests: 1,
      });
      const newShifts = [
        shift('casey', '2026-11-26T09:00:00.000Z', '2026-11-26T10:20:00.000Z'),
      ];
      pagerduty.listOnCallShifts.mockResolvedValueOnce(newShifts);
      expect(await collector.run(later(20))).toEqual({
        entities: 1,
        incidents: 0,
        failures: 0,
      });
      expect(pagerduty.syncIncidents).toHaveBeenLastCalledWith(
        expect.objectContaining({ cursor: 'cursor-1' }),
      );
      expect(await documentOf('checkout')).toEqual({
        pagingSource: 'pagerduty',
        dataSince: iso(NOW.getTime() - 30 * DAY),
        shifts: newShifts,
        rules: null,
        firingAlerts: [],
        problems: [],
        computedAt: later(20).toISOString(),
        stale: false,
      });
      expect(await sectionOf('checkout')).toEqual({
        status: 'ok',
        items: [],
        problems: [],
        demo: false,
        computedAt: later(20).toISOString(),
        stale: false,
      });
      expect(await store.getPagingSync(ref('checkout'), 'pagerduty')).toEqual({
        cursor: 'cursor-2',
        syncedAt: later(20).toISOString(),
      });
      expect(await incidentsOf('checkout')).toEqual([i1, i2]);
    });

    it('updates the shifts when only the incident sync fails', async () => {
      const { collector, pagerduty, documentOf } = await firstSync();
      pagerduty.syncIncidents.mockRejectedValueOnce(new Error('rate limited'));
      const newShifts = [
        shift('drew', '2026-11-26T09:00:00.000Z', '2026-11-26T10:10:00.000Z'),
      ];
      pagerduty.listOnCallShifts.mockResolvedValueOnce(newShifts);
      await collector.run(later(10));
      expect(await documentOf('checkout')).toMatchObject({
        shifts: newShifts,
        stale: true,
        staleReason: 'pagerduty: rate limited',
        computedAt: NOW.toISOString(),
      });
    });

    it('marks a first sync that fails stale, with nothing stored and no data since', async () => {
      const { collector, pagerduty, store, documentOf, sectionOf } =
        await setup([checkout]);
      pagerduty.syncIncidents.mockRejectedValueOnce(
        new Error('unknown service PCHECKOUT'),
      );
      expect(await collector.run(NOW)).toEqual({
        entities: 1,
        incidents: 0,
        failures: 1,
      });
      expect(await documentOf('checkout')).toEqual({
        pagingSource: 'pagerduty',
        dataSince: null,
        shifts: [],
        rules: null,
        firingAlerts: [],
        problems: [],
        computedAt: NOW.toISOString(),
        stale: true,
        staleReason: 'pagerduty: unknown service PCHECKOUT',
      });
      expect(await sectionOf('checkout')).toMatchObject({
        stale: true,
        staleReason: 'pagerduty: unknown service PCHECKOUT',
      });
      expect(await store.getPagingSync(ref('checkout'), 'pagerduty')).toEqual({
        lastError: 'pagerduty: unknown service PCHECKOUT',
        lastErrorAt: NOW.toISOString(),
      });

      // The next run is a backfill again.
      pagerduty.syncIncidents.mockResolvedValueOnce({
        incidents: [],
        cursor: 'cursor-1',
        requests: 1,
      });
      await collector.run(later(10));
      expect(pagerduty.syncIncidents).toHaveBeenLastCalledWith(
        expect.objectContaining({ cursor: undefined }),
      );
      expect((await documentOf('checkout'))?.dataSince).toBe(
        iso(later(10).getTime() - 30 * DAY),
      );
    });
  });

  describe('providers with batch methods', () => {
    const search = component('search', {
      'pagerduty.com/service-id': 'PSEARCH',
    });
    const payments = component('payments', {
      'pagerduty.com/service-id': 'PPAY, PSEARCH',
    });
    const web = component('web', {
      'reliability-kit.io/alert-selector': 'service="web"',
    });
    const checkoutIncident = incident('C1', '2026-11-20T03:00:00.000Z');
    const searchIncident = incident('S1', '2026-11-21T03:00:00.000Z', {
      serviceId: 'PSEARCH',
    });
    const payIncident = incident('P1', '2026-11-22T03:00:00.000Z', {
      serviceId: 'PPAY',
    });
    const alertIncident = incident('A1', '2026-11-23T03:00:00.000Z', {
      source: 'alertmanager',
    });
    const checkoutShifts = [
      shift('alex', '2026-11-16T09:00:00.000Z', '2026-11-23T09:00:00.000Z'),
    ];
    const searchShifts = [
      shift('blair', '2026-11-23T09:00:00.000Z', '2026-11-26T10:00:00.000Z'),
    ];

    const batchSetup = async () => {
      const pagerduty = new FakeBatchPagingProvider('pagerduty');
      const alertmanager = new FakePagingProvider('alertmanager');
      const ctx = await setup([checkout, search, payments, web], {
        pagers: new Map<string, PagingProvider>([
          ['pagerduty', pagerduty],
          ['alertmanager', alertmanager],
        ]),
      });
      return { ...ctx, pagerduty, alertmanager };
    };

    const firstRun = async () => {
      const ctx = await batchSetup();
      ctx.pagerduty.syncIncidentsForMany.mockResolvedValueOnce([
        fulfilled({ incidents: [checkoutIncident], cursor: 'c1', requests: 3 }),
        fulfilled({ incidents: [searchIncident], cursor: 's1', requests: 3 }),
        fulfilled({
          incidents: [searchIncident, payIncident],
          cursor: 'p1',
          requests: 3,
        }),
      ]);
      ctx.pagerduty.listOnCallShiftsForMany.mockResolvedValueOnce([
        fulfilled(checkoutShifts),
        fulfilled(searchShifts),
        fulfilled([...checkoutShifts, ...searchShifts]),
      ]);
      ctx.alertmanager.syncIncidents.mockResolvedValueOnce({
        incidents: [alertIncident],
        cursor: 'a1',
        requests: 1,
      });
      const summary = await ctx.collector.run(NOW);
      return { ...ctx, summary };
    };

    it('syncs all entities of a provider in one call, and stores each its own incidents, cursor and shifts', async () => {
      const {
        summary,
        collector,
        pagerduty,
        alertmanager,
        store,
        documentOf,
        incidentsOf,
      } = await firstRun();
      expect(summary).toEqual({ entities: 4, incidents: 5, failures: 0 });

      const since = new Date(NOW.getTime() - 30 * DAY);
      expect(pagerduty.syncIncidentsForMany).toHaveBeenCalledTimes(1);
      expect(pagerduty.syncIncidentsForMany).toHaveBeenCalledWith(
        [
          { services: { serviceIds: ['PCHECKOUT'], account: 'eu' } },
          { services: { serviceIds: ['PSEARCH'] } },
          { services: { serviceIds: ['PPAY', 'PSEARCH'] } },
        ],
        { since, until: NOW },
      );
      expect(pagerduty.listOnCallShiftsForMany).toHaveBeenCalledTimes(1);
      expect(pagerduty.listOnCallShiftsForMany).toHaveBeenCalledWith(
        [
          { serviceIds: ['PCHECKOUT'], account: 'eu' },
          { serviceIds: ['PSEARCH'] },
          { serviceIds: ['PPAY', 'PSEARCH'] },
        ],
        { since: new Date(NOW.getTime() - 180 * DAY), until: NOW },
      );
      expect(pagerduty.syncIncidents).not.toHaveBeenCalled();
      expect(pagerduty.listOnCallShifts).not.toHaveBeenCalled();
      // a provider without batch methods is still called per entity
      expect(alertmanager.syncIncidents).toHaveBeenCalledTimes(1);
      expect(alertmanager.syncIncidents).toHaveBeenCalledWith({
        services: { serviceIds: ['service="web"'] },
        since,
        until: NOW,
        cursor: undefined,
      });
      expect(alertmanager.listOnCallShifts).toHaveBeenCalledTimes(1);

      expect(await incidentsOf('checkout')).toEqual([checkoutIncident]);
      expect(await incidentsOf('search')).toEqual([searchIncident]);
      expect(await incidentsOf('payments')).toEqual([
        searchIncident,
        payIncident,
      ]);
      expect(await incidentsOf('web')).toEqual([alertIncident]);
      for (const [name, cursor] of [
        ['checkout', 'c1'],
        ['search', 's1'],
        ['payments', 'p1'],
      ]) {
        expect(await store.getPagingSync(ref(name), 'pagerduty')).toEqual({
          cursor,
          syncedAt: NOW.toISOString(),
        });
        expect(await documentOf(name)).toMatchObject({
          pagingSource: 'pagerduty',
          dataSince: since.toISOString(),
          computedAt: NOW.toISOString(),
          stale: false,
        });
      }
      expect((await documentOf('checkout'))?.shifts).toEqual(checkoutShifts);
      expect((await documentOf('search'))?.shifts).toEqual(searchShifts);
      expect(await store.getPagingSync(ref('web'), 'alertmanager')).toEqual({
        cursor: 'a1',
        syncedAt: NOW.toISOString(),
      });

      // the next run passes each entity its own cursor
      await collector.run(later(10));
      expect(pagerduty.syncIncidentsForMany).toHaveBeenLastCalledWith(
        [
          {
            services: { serviceIds: ['PCHECKOUT'], account: 'eu' },
            cursor: 'c1',
          },
          { services: { serviceIds: ['PSEARCH'] }, cursor: 's1' },
          { services: { serviceIds: ['PPAY', 'PSEARCH'] }, cursor: 'p1' },
        ],
        {
          since: new Date(later(10).getTime() - 30 * DAY),
          until: later(10),
        },
      );
      // the data still reaches back to the first backfill
      expect((await documentOf('search'))?.dataSince).toBe(since.toISOString());
      expect(await store.getPagingSync(ref('search'), 'pagerduty')).toEqual({
        cursor: `PSEARCH@${later(10).toISOString()}`,
        syncedAt: later(10).toISOString(),
      });
    });

    it('marks stale only the entities whose results are rejected, keeping their incidents and cursor', async () => {
      const {
        collector,
        pagerduty,
        store,
        documentOf,
        incidentsOf,
        sectionOf,
      } = await firstRun();
      const updated = { ...checkoutIncident, status: 'resolved' as const };
      pagerduty.syncIncidentsForMany.mockResolvedValueOnce([
        fulfilled({ incidents: [updated], cursor: 'c2', requests: 2 }),
        rejected('PagerDuty account "main" rate limited (HTTP 429)'),
        rejected('PagerDuty account "main" rate limited (HTTP 429)'),
      ]);
      pagerduty.listOnCallShiftsForMany.mockResolvedValueOnce([
        fulfilled(searchShifts),
        rejected('PagerDuty account "main" unreachable'),
        fulfilled([]),
      ]);

      expect(await collector.run(later(10))).toEqual({
        entities: 4,
        incidents: 1,
        failures: 2,
      });

      expect(await incidentsOf('checkout')).toEqual([updated]);
      expect(await documentOf('checkout')).toMatchObject({
        shifts: searchShifts,
        computedAt: later(10).toISOString(),
        stale: false,
      });
      expect(await store.getPagingSync(ref('checkout'), 'pagerduty')).toEqual({
        cursor: 'c2',
        syncedAt: later(10).toISOString(),
      });

      const reason =
        'pagerduty: PagerDuty account "main" rate limited (HTTP 429)';
      expect(await incidentsOf('search')).toEqual([searchIncident]);
      expect(await documentOf('search')).toEqual({
        pagingSource: 'pagerduty',
        dataSince: iso(NOW.getTime() - 30 * DAY),
        shifts: searchShifts,
        rules: null,
        firingAlerts: [],
        problems: [],
        computedAt: NOW.toISOString(),
        stale: true,
        staleReason: `${reason}; pagerduty on-calls: PagerDuty account "main" unreachable`,
      });
      expect(await sectionOf('search')).toMatchObject({
        stale: true,
        computedAt: NOW.toISOString(),
      });
      expect(await store.getPagingSync(ref('search'), 'pagerduty')).toEqual({
        cursor: 's1',
        syncedAt: NOW.toISOString(),
        lastError: reason,
        lastErrorAt: later(10).toISOString(),
      });

      // payments: incidents kept, shifts updated (their listing worked)
      expect(await incidentsOf('payments')).toEqual([
        searchIncident,
        payIncident,
      ]);
      expect(await documentOf('payments')).toMatchObject({
        shifts: [],
        stale: true,
        staleReason: reason,
      });
      expect(await store.getPagingSync(ref('payments'), 'pagerduty')).toEqual(
        expect.objectContaining({ cursor: 'p1', lastError: reason }),
      );
    });

    it('marks every entity of a provider stale when its batch call throws; other providers go on', async () => {
      const {
        collector,
        pagerduty,
        alertmanager,
        store,
        documentOf,
        incidentsOf,
      } = await firstRun();
      pagerduty.syncIncidentsForMany.mockRejectedValueOnce(
        new Error('aborted'),
      );
      pagerduty.listOnCallShiftsForMany.mockRejectedValueOnce(
        new Error('aborted too'),
      );
      alertmanager.syncIncidents.mockResolvedValueOnce({
        incidents: [],
        cursor: 'a2',
        requests: 1,
      });

      expect(await collector.run(later(10))).toEqual({
        entities: 4,
        incidents: 0,
        failures: 3,
      });
      for (const [name, cursor] of [
        ['checkout', 'c1'],
        ['search', 's1'],
        ['payments', 'p1'],
      ]) {
        expect(await documentOf(name)).toMatchObject({
          stale: true,
          staleReason: 'pagerduty: aborted; pagerduty on-calls: aborted too',
          computedAt: NOW.toISOString(),
        });
        expect(await store.getPagingSync(ref(name), 'pagerduty')).toEqual(
          expect.objectContaining({ cursor, lastError: 'pagerduty: aborted' }),
        );
      }
      expect(await incidentsOf('payments')).toEqual([
        searchIncident,
        payIncident,
      ]);
      expect(await documentOf('web')).toMatchObject({
        stale: false,
        computedAt: later(10).toISOString(),
      });
      expect(await store.getPagingSync(ref('web'), 'alertmanager')).toEqual({
        cursor: 'a2',
        syncedAt: later(10).toISOString(),
      });
    });

    it('leaves an entity whose sync state cannot be read out of the batch, and fails it alone', async () => {
      const { collector, pagerduty, store, logger, documentOf } =
        await batchSetup();
      const getPagingSync = store.getPagingSync.bind(store);
      jest
        .spyOn(store, 'getPagingSync')
        .mockImplementation(async (entityRef, source) => {
          if (entityRef === ref('search')) {
            throw new Error('deadlock detected');
          }
          return getPagingSync(entityRef, source);
        });

      expect(await collector.run(NOW)).toEqual({
        entities: 4,
        incidents: 0,
        failures: 1,
      });
      expect(pagerduty.syncIncidentsForMany).toHaveBeenCalledWith(
        [
          { services: { serviceIds: ['PCHECKOUT'], account: 'eu' } },
          { services: { serviceIds: ['PPAY', 'PSEARCH'] } },
        ],
        expect.anything(),
      );
      expect(pagerduty.syncIncidents).not.toHaveBeenCalled();
      expect(logger.error).toHaveBeenCalledWith(
        'Alert quality collection failed for component:default/search: deadlock detected',
      );
      expect(await documentOf('search')).toBeUndefined();
      expect(await documentOf('checkout')).toMatchObject({ stale: false });
      expect(await documentOf('payments')).toMatchObject({ stale: false });
    });

    it('uses the batch sync and per-entity on-calls of a provider with only syncIncidentsForMany', async () => {
      const batch = new FakeBatchPagingProvider('pagerduty');
      const pagerduty: PagingProvider = {
        id: 'pagerduty',
        syncIncidents: batch.syncIncidents,
        listOnCallShifts: batch.listOnCallShifts,
        syncIncidentsForMany: batch.syncIncidentsForMany,
      };
      const { collector, documentOf } = await setup([checkout, search], {
        pagers: new Map([['pagerduty', pagerduty]]),
      });
      batch.listOnCallShifts.mockImplementation(async ({ services }) =>
        services.serviceIds[0] === 'PSEARCH' ? searchShifts : checkoutShifts,
      );

      expect(await collector.run(NOW)).toEqual({
        entities: 2,
        incidents: 0,
        failures: 0,
      });
      expect(batch.syncIncidentsForMany).toHaveBeenCalledTimes(1);
      expect(batch.syncIncidents).not.toHaveBeenCalled();
      expect(batch.listOnCallShifts).toHaveBeenCalledTimes(2);
      expect((await documentOf('checkout'))?.shifts).toEqual(checkoutShifts);
      expect((await documentOf('search'))?.shifts).toEqual(searchShifts);
    });
  });

  describe('alert rules and firing alerts', () => {
    const bySelector = (name: string, selector: string) =>
      component(name, { 'reliability-kit.io/alert-selector': selector });

    it('loads the fleet rules once per run and binds each entity its rules', async () => {
      const selectRules = jest.fn(selectByService);
      const loadAlertRules = jest.fn(async () => selectRules);
      const { collector, documentOf, sectionOf } = await setup(
        [
          bySelector('checkout', 'service="checkout"'),
          bySelector('search', '{service="search"}'),
          bySelector('payments', 'service="payments"'),
          component('billing', { 'pagerduty.com/service-id': 'PBILL' }),
        ],
        { loadAlertRules },
      );
      await collector.run(NOW);
      await collector.run(later(10));
      expect(loadAlertRules).toHaveBeenCalledTimes(2);
      expect(selectRules).toHaveBeenCalledTimes(6);
      expect(selectRules).toHaveBeenCalledWith([
        { name: 'service', operator: '=', value: 'checkout' },
      ]);
      expect(selectRules).toHaveBeenCalledWith([
        { name: 'service', operator: '=', value: 'search' },
      ]);
      expect(selectRules).toHaveBeenCalledWith([
        { name: 'service', operator: '=', value: 'payments' },
      ]);

      expect(await documentOf('checkout')).toEqual({
        ...noAlertSources({ rules: [FLEET_RULES[0], FLEET_RULES[1]] }),
        computedAt: later(10).toISOString(),
        stale: false,
      });
      expect((await documentOf('search'))?.rules).toEqual([FLEET_RULES[2]]);
      expect((await documentOf('payments'))?.rules).toEqual([]);
      expect((await documentOf('billing'))?.rules).toBeNull();
      expect(await sectionOf('checkout')).toEqual({
        status: 'ok',
        items: [],
        problems: [],
        demo: false,
        computedAt: later(10).toISOString(),
        stale: false,
      });
    });

    it('does not load rules when no entity has an alert selector', async () => {
      const loadAlertRules = jest.fn(async () => selectByService);
      const { collector } = await setup([checkout], { loadAlertRules });
      await collector.run(NOW);
      expect(loadAlertRules).not.toHaveBeenCalled();
    });

    it.each([
      [
        'service=checkout',
        'Invalid label matchers at position 9: expected a double-quoted value for label "service", got "c"',
      ],
      [
        '{service="checkout"',
        'Invalid label matchers at position 20: expected a closing "}" at the end',
      ],
    ])(
      'reports an invalid alert selector %s as a problem and binds no rules',
      async (selector, error) => {
        const selectRules = jest.fn(selectByService);
        const loadAlertRules = jest.fn(async () => selectRules);
        const listFiringAlerts = jest.fn(async () => [firing('X')]);
        const { collector, documentOf, sectionOf } = await setup(
          [bySelector('checkout', selector)],
          { loadAlertRules, listFiringAlerts },
        );
        expect(await collector.run(NOW)).toEqual({
          entities: 1,
          incidents: 0,
          failures: 0,
        });
        const problem = {
          source: 'alert-quality',
          message: `invalid reliability-kit.io/alert-selector: ${error}`,
        };
        expect(selectRules).not.toHaveBeenCalled();
        expect(listFiringAlerts).not.toHaveBeenCalled();
        expect(await documentOf('checkout')).toEqual({
          ...noAlertSources({ problems: [problem] }),
          computedAt: NOW.toISOString(),
          stale: false,
        });
        expect(await sectionOf('checkout')).toEqual(
          errorSection([problem], NOW),
        );
      },
    );

    it('drops the rules bound before when the selector becomes invalid', async () => {
      const loadAlertRules = jest.fn(async () => selectByService);
      const listFiringAlerts = jest.fn(async () => [firing('HighLatency')]);
      const knex = await databases.init('SQLITE_3');
      const store = await DatabaseReliabilityStore.create({
        database: { getClient: async () => knex },
      });
      const collectorOf = (selector: string) =>
        new AlertQualityCollector({
          clock: fixedClock(NOW),
          catalog: catalogServiceMock({
            entities: [bySelector('checkout', selector)],
          }),
          auth: mockServices.auth(),
          store,
          logger: mockServices.logger.mock(),
          pagers: new Map(),
          demo: false,
          loadAlertRules,
          listFiringAlerts,
        });
      await collectorOf('service="checkout"').run(NOW);
      expect(
        await store.readDocument<AlertSourcesDocument>(
          ref('checkout'),
          'alertSources',
        ),
      ).toMatchObject({
        rules: [FLEET_RULES[0], FLEET_RULES[1]],
        firingAlerts: [firing('HighLatency')],
      });
      await collectorOf('service=checkout').run(later(10));
      expect(
        await store.readDocument<AlertSourcesDocument>(
          ref('checkout'),
          'alertSources',
        ),
      ).toMatchObject({ rules: null, firingAlerts: [], stale: false });
    });

    it('keeps the rules and marks the entities with a selector stale when the rules cannot be loaded', async () => {
      const loadAlertRules = jest
        .fn<Promise<AlertRuleSelector>, [AbortSignal?]>()
        .mockResolvedValueOnce(selectByService)
        .mockRejectedValueOnce(new Error('Prometheus "main" unreachable'));
      const { collector, pagerduty, documentOf, sectionOf, logger } =
        await setup(
          [
            component('checkout', {
              'reliability-kit.io/alert-selector': 'service="checkout"',
              'pagerduty.com/service-id': 'PCHECKOUT',
            }),
            component('billing', { 'pagerduty.com/service-id': 'PBILL' }),
          ],
          { loadAlertRules },
        );
      await collector.run(NOW);
      expect(pagerduty.syncIncidents).toHaveBeenCalledTimes(2);
      const summary = await collector.run(later(10));
      expect(summary).toEqual({ entities: 2, incidents: 0, failures: 1 });
      expect(logger.warn).toHaveBeenCalledWith(
        'Could not read alert rules: Prometheus "main" unreachable',
      );
      expect(await documentOf('checkout')).toMatchObject({
        pagingSource: 'pagerduty',
        rules: [FLEET_RULES[0], FLEET_RULES[1]],
        stale: true,
        staleReason: 'alert rules: Prometheus "main" unreachable',
        computedAt: NOW.toISOString(),
      });
      expect(await sectionOf('checkout')).toMatchObject({
        stale: true,
        staleReason: 'alert rules: Prometheus "main" unreachable',
      });
      expect(await documentOf('billing')).toMatchObject({
        stale: false,
        computedAt: later(10).toISOString(),
      });
    });

    it('stores the firing alerts of the selector and keeps them, stale, when Alertmanager fails', async () => {
      const listFiringAlerts = jest
        .fn<Promise<FiringAlert[]>, [LabelMatcher[], AbortSignal?]>()
        .mockResolvedValueOnce([firing('HighLatency')])
        .mockRejectedValueOnce(new Error('connect ECONNREFUSED'))
        .mockResolvedValueOnce([]);
      const { collector, documentOf, sectionOf } = await setup(
        [bySelector('checkout', 'service="checkout", env=~"prod|staging"')],
        { listFiringAlerts },
      );
      await collector.run(NOW);
      expect(listFiringAlerts).toHaveBeenCalledWith([
        { name: 'service', operator: '=', value: 'checkout' },
        { name: 'env', operator: '=~', value: 'prod|staging' },
      ]);
      expect(await documentOf('checkout')).toMatchObject({
        firingAlerts: [firing('HighLatency')],
        rules: null,
        stale: false,
      });

      expect(await collector.run(later(10))).toEqual({
        entities: 1,
        incidents: 0,
        failures: 1,
      });
      expect(await documentOf('checkout')).toMatchObject({
        firingAlerts: [firing('HighLatency')],
        stale: true,
        staleReason: 'Alertmanager: connect ECONNREFUSED',
        computedAt: NOW.toISOString(),
      });
      expect(await sectionOf('checkout')).toMatchObject({
        stale: true,
        staleReason: 'Alertmanager: connect ECONNREFUSED',
      });

      await collector.run(later(20));
      const document = await documentOf('checkout');
      expect(document).toMatchObject({
        firingAlerts: [],
        stale: false,
        computedAt: later(20).toISOString(),
      });
      expect(document).not.toHaveProperty('staleReason');
      expect(await sectionOf('checkout')).toMatchObject({ stale: false });
    });
  });

  describe('paging source of an entity', () => {
    const pagersOf = (ids: string[]) =>
      new Map<string, PagingProvider>(
        ids.map(id => [id, new FakePagingProvider(id)]),
      );

    it.each<
      [
        string,
        Record<string, string>,
        string[],
        boolean,
        { id: string; services: PagingServiceRef } | undefined,
      ]
    >([
      [
        'PagerDuty service ids, comma-separated and trimmed, with the account',
        {
          'pagerduty.com/service-id': ' PA , PB,,PC ',
          'pagerduty.com/account': 'eu',
          'reliability-kit.io/alert-selector': 'service="checkout"',
        },
        ['pagerduty', 'alertmanager', 'demo'],
        true,
        {
          id: 'pagerduty',
          services: { serviceIds: ['PA', 'PB', 'PC'], account: 'eu' },
        },
      ],
      [
        'PagerDuty without an account',
        { 'pagerduty.com/service-id': 'PA' },
        ['pagerduty'],
        false,
        { id: 'pagerduty', services: { serviceIds: ['PA'] } },
      ],
      [
        'the alert selector through Alertmanager when PagerDuty is not configured',
        {
          'pagerduty.com/service-id': 'PA',
          'reliability-kit.io/alert-selector': 'service="checkout"',
        },
        ['alertmanager', 'demo'],
        true,
        {
          id: 'alertmanager',
          services: { serviceIds: ['service="checkout"'] },
        },
      ],
      [
        'the alert selector through Alertmanager without service ids',
        {
          'pagerduty.com/service-id': ' , ',
          'reliability-kit.io/alert-selector': 'service="checkout"',
        },
        ['pagerduty', 'alertmanager'],
        false,
        {
          id: 'alertmanager',
          services: { serviceIds: ['service="checkout"'] },
        },
      ],
      [
        'the demo provider with the service ids in demo mode',
        { 'pagerduty.com/service-id': 'PA,PB' },
        ['demo'],
        true,
        { id: 'demo', services: { serviceIds: ['PA', 'PB'] } },
      ],
      [
        'the demo provider with the entity name for an alert selector',
        { 'reliability-kit.io/alert-selector': 'service="checkout"' },
        ['demo'],
        true,
        { id: 'demo', services: { serviceIds: ['checkout'] } },
      ],
      [
        'no source for an alert selector without Alertmanager or demo mode',
        { 'reliability-kit.io/alert-selector': 'service="checkout"' },
        ['pagerduty', 'demo'],
        false,
        undefined,
      ],
      [
        'no source for service ids without PagerDuty or demo mode',
        { 'pagerduty.com/service-id': 'PA' },
        ['alertmanager'],
        false,
        undefined,
      ],
      [
        'no source in demo mode without any annotation',
        {},
        ['pagerduty', 'alertmanager', 'demo'],
        true,
        undefined,
      ],
      [
        'no source in demo mode for blank service ids',
        { 'pagerduty.com/service-id': ' , ' },
        ['demo'],
        true,
        undefined,
      ],
    ])('chooses %s', (_case, annotations, pagers, demo, expected) => {
      const collector = new AlertQualityCollector({
        clock: fixedClock(NOW),
        catalog: catalogServiceMock(),
        auth: mockServices.auth(),
        store: {} as DatabaseReliabilityStore,
        logger: mockServices.logger.mock(),
        pagers: pagersOf(pagers),
        demo,
      });
      const paging = collector.pagingOf(component('checkout', annotations));
      expect(
        paging && { id: paging.provider.id, services: paging.services },
      ).toEqual(expected);
    });

    it('stores no paging source, and marks demo data, through a run', async () => {
      const demo = new FakePagingProvider('demo');
      const { collector, documentOf, sectionOf, pagerduty } = await setup(
        [
          component('checkout', { 'pagerduty.com/service-id': 'PCHECKOUT' }),
          component('search', {
            'reliability-kit.io/alert-selector': 'service="search"',
          }),
          component('untracked', {}),
        ],
        {
          demo: true,
          pagers: new Map<string, PagingProvider>([['demo', demo]]),
        },
      );
      expect(await collector.run(NOW)).toEqual({
        entities: 2,
        incidents: 0,
        failures: 0,
      });
      expect(pagerduty.syncIncidents).not.toHaveBeenCalled();
      expect(demo.syncIncidents).toHaveBeenCalledTimes(2);
      expect(await documentOf('checkout')).toMatchObject({
        pagingSource: 'demo',
      });
      expect(await sectionOf('checkout')).toMatchObject({ demo: true });
      expect(await sectionOf('search')).toMatchObject({ demo: true });
      expect(await documentOf('untracked')).toBeUndefined();
    });

    it('skips entities with neither annotation', async () => {
      const { collector, pagerduty, documentOf } = await setup([
        component('untracked', { 'backstage.io/techdocs-ref': 'dir:.' }),
        checkout,
      ]);
      expect((await collector.run(NOW)).entities).toBe(1);
      expect(pagerduty.syncIncidents).toHaveBeenCalledTimes(1);
      expect(await documentOf('untracked')).toBeUndefined();
    });

    it('writes a document without a paging source for a selector entity without a pager', async () => {
      const { collector, documentOf, sectionOf } = await setup([
        component('search', {
          'reliability-kit.io/alert-selector': 'service="search"',
        }),
      ]);
      await collector.run(NOW);
      expect(await documentOf('search')).toEqual({
        ...noAlertSources(),
        computedAt: NOW.toISOString(),
        stale: false,
      });
      expect(await sectionOf('search')).toMatchObject({
        status: 'ok',
        demo: false,
      });
    });
  });

  it('goes on with the other entities when one fails unexpectedly', async () => {
    const selectRules = jest.fn((matchers: LabelMatcher[]) => {
      if (matchers[0].value === 'b') {
        throw new Error('rule index corrupt');
      }
      return [rule(`Rule-${matchers[0].value}`, matchers[0].value)];
    });
    const entities = ['a', 'b', 'c'].map(name =>
      component(name, {
        'pagerduty.com/service-id': `P${name.toUpperCase()}`,
        'reliability-kit.io/alert-selector': `service="${name}"`,
      }),
    );
    const { collector, pagerduty, logger, documentOf } = await setup(entities, {
      loadAlertRules: async () => selectRules,
      concurrency: 1,
    });
    pagerduty.syncIncidents.mockImplementation(async ({ services }) => ({
      incidents: [
        incident(`${services.serviceIds[0]}-1`, '2026-11-25T00:00:00.000Z'),
      ],
      cursor: 'c',
      requests: 1,
    }));
    expect(await collector.run(NOW)).toEqual({
      entities: 3,
      incidents: 2,
      failures: 1,
    });
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledWith(
      'Alert quality collection failed for component:default/b: rule index corrupt',
    );
    expect((await documentOf('a'))?.rules).toEqual([rule('Rule-a', 'a')]);
    expect((await documentOf('c'))?.rules).toEqual([rule('Rule-c', 'c')]);
    expect(pagerduty.syncIncidents).toHaveBeenCalledTimes(3);
  });

  it('goes on with the other entities when the store fails for one', async () => {
    const entities = ['a', 'b', 'c'].map(name =>
      component(name, { 'pagerduty.com/service-id': `P${name}` }),
    );
    const { collector, store, logger, documentOf } = await setup(entities);
    const getPagingSync = store.getPagingSync.bind(store);
    jest
      .spyOn(store, 'getPagingSync')
      .mockImplementation(async (entityRef, source) => {
        if (entityRef === ref('a')) {
          throw new Error('deadlock detected');
        }
        return getPagingSync(entityRef, source);
      });
    expect(await collector.run(NOW)).toEqual({
      entities: 3,
      incidents: 0,
      failures: 1,
    });
    expect(logger.error).toHaveBeenCalledWith(
      'Alert quality collection failed for component:default/a: deadlock detected',
    );
    expect(await documentOf('a')).toBeUndefined();
    expect(await documentOf('b')).toMatchObject({ stale: false });
    expect(await documentOf('c')).toMatchObject({ stale: false });
  });

  describe('retention', () => {
    const seed = async (
      store: DatabaseReliabilityStore,
      entityRef: string,
      daysAgo: number[],
    ) =>
      store.upsertIncidents(
        entityRef,
        daysAgo.map(d => incident(`old-${d}`, iso(NOW.getTime() - d * DAY))),
        NOW.toISOString(),
      );

    it.each([
      ['the retention days', { backfillDays: 30, retentionDays: 250 }, 250],
      [
        'the backfill days when retention is shorter',
        { backfillDays: 200, retentionDays: 10 },
        200,
      ],
      [
        'two 90-day windows when retention is shorter',
        { backfillDays: 30, retentionDays: 100 },
        181,
      ],
      ['400 days by default', { backfillDays: undefined }, 400],
    ])(
      'prunes incidents of all entities older than %s',
      async (_case, options, keptDays) => {
        const { collector, store } = await setup([checkout], options);
        await seed(store, ref('checkout'), [keptDays - 1, keptDays + 1, 5]);
        // An entity no longer in the catalog is pruned too.
        await seed(store, ref('gone'), [keptDays + 2, keptDays - 2]);
        await collector.run(NOW);
        const ids = async (name: string) =>
          (await store.listIncidents(ref(name), ...ALL_TIME)).map(i => i.id);
        expect(await ids('checkout')).toEqual([`old-${keptDays - 1}`, 'old-5']);
        expect(await ids('gone')).toEqual([`old-${keptDays - 2}`]);
      },
    );

    it('keeps an incident created exactly at the retention limit', async () => {
      const { collector, store } = await setup([checkout], {
        backfillDays: 30,
        retentionDays: 60,
      });
      await seed(store, ref('checkout'), [60]);
      await collector.run(NOW);
      expect(
        (await store.listIncidents(ref('checkout'), ...ALL_TIME)).map(
          i => i.id,
        ),
      ).toEqual(['old-60']);
    });
  });
});
