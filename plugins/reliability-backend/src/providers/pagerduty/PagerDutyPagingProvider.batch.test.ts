/*
 * The batch methods of the PagerDuty provider (syncIncidentsForMany,
 * listOnCallShiftsForMany) against the PagerDuty double, every exchange
 * checked against PagerDuty's OpenAPI document: per account one listing for
 * the services of many entities, split back by service id, with the same
 * results and cursors as one call per entity.
 */
import { expectConformingExchanges } from './__testUtils__/expectConformingExchanges';
import { InputError } from '@backstage/errors';
import {
  Incident,
  OnCallShift,
} from '@reliability-kit/backstage-plugin-reliability-common';
import {
  PagingServiceRef,
  PagingSyncResult,
} from '@reliability-kit/backstage-plugin-reliability-node';
import {
  NOW,
  PD_EU,
  account,
  addServices,
  clockPerTest,
  expectedIncidents,
  lastDays,
  makeProvider,
  serveDouble,
} from './__testUtils__/pagerDutyTestEnv';
import {
  DoubleRequestLogEntry,
  PagerDutyDouble,
  populatePagerDutyDouble,
} from '../../testUtils';
import { encodeQuery } from './PagerDutyClient';
import { mswServer } from '../../__testUtils__/mswServer';
import { DAY, MINUTE } from '../../__testUtils__/time';

const server = mswServer();

/** The `GET /incidents` listings among `requests`. */
const listings = (requests: readonly DoubleRequestLogEntry[]) =>
  requests.filter(r => r.method === 'GET' && r.path === '/incidents');

/** The value of a fulfilled result; fails the test on a rejected one. */
function valueOf<T>(result: PromiseSettledResult<T> | undefined): T {
  expect(result).toMatchObject({ status: 'fulfilled' });
  return (result as PromiseFulfilledResult<T>).value;
}

/** The reason of a rejected result; fails the test on a fulfilled one. */
function reasonOf(result: PromiseSettledResult<unknown> | undefined): any {
  expect(result).toMatchObject({ status: 'rejected' });
  return (result as PromiseRejectedResult).reason;
}

/** What the double holds for these services, created in the range. */
const truthFor = (
  double: PagerDutyDouble,
  serviceIds: string[],
  sinceMs: number,
  untilMs: number,
): Incident[] =>
  expectedIncidents(
    double,
    (created, service) =>
      serviceIds.includes(service) && created >= sinceMs && created < untilMs,
  );

describe('PagerDutyPagingProvider batch methods', () => {
  const clock = clockPerTest();

  /** Entities sharing services and with several services each. */
  const FLEET: PagingServiceRef[] = [
    { serviceIds: ['PS00000'] },
    { serviceIds: ['PS00001', 'PS00002'] },
    { serviceIds: ['PS00002'] }, // shares PS00002 with the one before
    { serviceIds: ['PS00003', 'PS00000', 'PS00003'] }, // shares, repeats
    { account: 'main', serviceIds: ['PS00004'] },
    { serviceIds: ['PS00005', 'PS00006', 'PS00007'] },
  ];

  it('returns per entity what syncIncidents returns, from one listing per account', async () => {
    const double = serveDouble(server, clock, { analyticsLagMs: DAY });
    populatePagerDutyDouble(double, {
      services: 10,
      incidents: 900,
      days: 30,
      end: NOW,
    });
    const { provider } = makeProvider(clock);
    const { provider: single } = makeProvider(clock);

    const batch = await provider.syncIncidentsForMany(
      FLEET.map(services => ({ services })),
      lastDays(30),
    );
    const batchRequests = [...double.requests];
    double.clearRequests();
    const perEntity: PagingSyncResult[] = [];
    for (const services of FLEET) {
      perEntity.push(await single.syncIncidents({ services, ...lastDays(30) }));
    }
    const perEntityRequests = [...double.requests];

    expect(batch).toHaveLength(FLEET.length);
    for (const [k, services] of FLEET.entries()) {
      const result = valueOf(batch[k]);
      expect(result.incidents).toEqual(perEntity[k].incidents);
      expect(result.cursor).toBe(perEntity[k].cursor);
      expect(result.incidents).toEqual(
        truthFor(double, services.serviceIds, NOW - 30 * DAY, NOW),
      );
      expect(result.incidents.length).toBeGreaterThan(0);
    }
    // an incident of a shared service goes to both entities
    const shared = valueOf(batch[2]).incidents;
    expect(shared.length).toBeGreaterThan(0);
    expect(valueOf(batch[1]).incidents).toEqual(expect.arrayContaining(shared));

    // one listing of all 8 services, paged: ceil(incidents / 100) pages
    const union = FLEET.flatMap(s => s.serviceIds);
    const listed = truthFor(double, union, NOW - 30 * DAY, NOW).length;
    expect(listings(batchRequests)).toHaveLength(Math.ceil(listed / 100));
    for (const r of listings(batchRequests)) {
      expect([...r.query['service_ids[]']].sort()).toEqual(
        [...new Set(union)].sort(),
      );
    }
    // per entity, the pages are read once per entity (and shared services
    // twice); every batch result counts the requests of the shared listing
    expect(listings(perEntityRequests).length).toBeGreaterThanOrEqual(
      FLEET.length,
    );
    expect(batchRequests.length).toBeLessThan(perEntityRequests.length / 2);
    expect(valueOf(batch[0]).requests).toBe(batchRequests.length);
    expectConformingExchanges(double);
  });

  it('sends at most serviceBatchSize service ids per listing, in short URLs', async () => {
    const double = serveDouble(server, clock);
    const data = populatePagerDutyDouble(double, {
      services: 250,
      incidents: 1_500,
      days: 10,
      end: NOW,
    });
    const { provider } = makeProvider(clock);

    const results = await provider.syncIncidentsForMany(
      data.serviceIds.map(id => ({ services: { serviceIds: [id] } })),
      lastDays(10),
    );

    for (const [k, id] of data.serviceIds.entries()) {
      expect(valueOf(results[k]).incidents).toEqual(
        truthFor(double, [id], NOW - 10 * DAY, NOW),
      );
    }
    const sent = listings(double.requests);
    const batches = new Set(sent.map(r => r.query['service_ids[]'].join(',')));
    expect(batches.size).toBe(3); // 100 + 100 + 50 services
    expect([...batches].map(b => b.split(',').length).sort()).toEqual([
      100, 100, 50,
    ]);
    for (const r of sent) {
      expect(r.query['service_ids[]'].length).toBeLessThanOrEqual(100);
      // the full URL stays far below common limits (8 KiB)
      const query = Object.fromEntries(
        Object.entries(r.query).map(([name, values]) => [
          name,
          name.endsWith('[]') ? values : values[0],
        ]),
      );
      expect(
        `https://api.pagerduty.com${r.path}?${encodeQuery(query)}`.length,
      ).toBeLessThan(4_000);
    }
    // 250 entities, yet only the pages of three listings
    expect(sent.length).toBeLessThanOrEqual(Math.ceil(1_500 / 100) + 3);
    expectConformingExchanges(double);
  });

  it('splits the range of a batch that holds more than 10,000 incidents', async () => {
    const double = serveDouble(server, clock);
    populatePagerDutyDouble(double, {
      services: 4,
      incidents: 12_000,
      days: 20,
      end: NOW,
    });
    const { provider } = makeProvider(clock, [account()], {
      useAnalytics: false,
    });

    const results = await provider.syncIncidentsForMany(
      [
        { services: { serviceIds: ['PS00000', 'PS00001'] } },
        { services: { serviceIds: ['PS00002', 'PS00003'] } },
      ],
      lastDays(20),
    );

    expect(valueOf(results[0]).incidents.map(i => i.id)).toEqual(
      truthFor(double, ['PS00000', 'PS00001'], NOW - 20 * DAY, NOW).map(
        i => i.id,
      ),
    );
    expect(valueOf(results[1]).incidents).toHaveLength(
      truthFor(double, ['PS00002', 'PS00003'], NOW - 20 * DAY, NOW).length,
    );
    expect(
      valueOf(results[0]).incidents.length +
        valueOf(results[1]).incidents.length,
    ).toBe(12_000);
    // the listing was split into several time ranges
    expect(
      new Set(listings(double.requests).map(r => r.query.since[0])).size,
    ).toBeGreaterThan(1);
    const offsets = listings(double.requests).map(r =>
      Number(r.query.offset[0]),
    );
    expect(Math.max(...offsets)).toBeLessThan(10_000);
    expect(double.requests.every(r => r.status === 200)).toBe(true);
  });

  it('rejects only the entities of a failing account, and an invalid request alone', async () => {
    const us = serveDouble(server, clock);
    const eu = serveDouble(server, clock, { baseUrl: PD_EU });
    populatePagerDutyDouble(us, {
      services: 3,
      incidents: 60,
      days: 5,
      end: NOW,
    });
    populatePagerDutyDouble(eu, {
      services: 3,
      incidents: 60,
      days: 5,
      end: NOW,
    });
    eu.failNext(10_000, { kind: 'status', status: 500 });
    const { provider } = makeProvider(
      clock,
      [
        account({ name: 'us' }),
        account({ name: 'eu', baseUrl: PD_EU, region: 'eu' }),
      ],
      { client: { retry: { retries: 1 } } },
    );

    const results = await provider.syncIncidentsForMany(
      [
        { services: { serviceIds: ['PS00000'] } },
        { services: { account: 'eu', serviceIds: ['PS00000'] } },
        { services: { account: 'us', serviceIds: ['PS00001', 'PS00002'] } },
        { services: { account: 'eu', serviceIds: ['PS00001'] } },
        { services: { account: 'apac', serviceIds: ['PS00001'] } },
        { services: { serviceIds: ['P1&x=1'] } },
        { services: { serviceIds: [' '] } },
      ],
      lastDays(5),
    );

    expect(valueOf(results[0]).incidents).toEqual(
      truthFor(us, ['PS00000'], NOW - 5 * DAY, NOW),
    );
    expect(valueOf(results[2]).incidents).toEqual(
      truthFor(us, ['PS00001', 'PS00002'], NOW - 5 * DAY, NOW),
    );
    for (const k of [1, 3]) {
      expect(reasonOf(results[k]).message).toBe(
        'PagerDuty account "eu" unreachable: HTTP 500 on GET /incidents: Internal Server Error (gave up after 2 attempts)',
      );
    }
    expect(reasonOf(results[4])).toEqual(
      new InputError(
        'Unknown PagerDuty account "apac"; configured accounts: "us", "eu"',
      ),
    );
    expect(reasonOf(results[5])).toEqual(
      new InputError('Invalid PagerDuty service id "P1&x=1"'),
    );
    expect(valueOf(results[6])).toEqual({
      incidents: [],
      cursor: expect.any(String),
      requests: 0,
    });
    // one listing per account, not one per entity
    expect(eu.requests.map(r => r.path)).toEqual(['/incidents', '/incidents']);
    expect(
      new Set(
        listings(us.requests).map(r => r.query['service_ids[]'].join(',')),
      ),
    ).toEqual(new Set(['PS00000,PS00001,PS00002']));
    expectConformingExchanges(us);
  });

  it('backfills the entities without a usable cursor and syncs the others incrementally, in one call', async () => {
    const double = serveDouble(server, clock, { analyticsLagMs: DAY });
    populatePagerDutyDouble(double, {
      services: 6,
      incidents: 400,
      days: 20,
      end: NOW,
    });
    // two incidents left open, changed after the first sync
    const resolved = double.addIncident({
      serviceId: 'PS00000',
      title: 'Old, open',
      urgency: 'low',
      createdAt: NOW - 5 * DAY,
    });
    const acked = double.addIncident({
      serviceId: 'PS00002',
      title: 'Old, triggered',
      urgency: 'high',
      createdAt: NOW - 4 * DAY,
    });
    const { provider, logger } = makeProvider(clock);
    const since = new Date(NOW - 20 * DAY);
    const first = await provider.syncIncidentsForMany(
      [
        { services: { serviceIds: ['PS00000'] } },
        { services: { serviceIds: ['PS00001', 'PS00002'] } },
        { services: { serviceIds: ['PS00003'] } },
      ],
      { since, until: new Date(NOW) },
    );
    const cursors = first.map(r => valueOf(r).cursor);
    expect(new Set(cursors).size).toBe(3);

    // 15 minutes later: a new incident, a resolved one, an acknowledged one
    clock.advance(15 * MINUTE);
    const t = (m: number) => NOW + m * MINUTE;
    const fresh = double.addIncident({
      serviceId: 'PS00001',
      title: 'New one',
      urgency: 'high',
      createdAt: t(3),
    });
    double.resolve(resolved.id, t(5));
    double.acknowledge(acked.id, t(6), 'PU00000');
    double.clearRequests();

    const until = new Date(clock.ms);
    const second = await provider.syncIncidentsForMany(
      [
        { services: { serviceIds: ['PS00000'] }, cursor: cursors[0] },
        {
          services: { serviceIds: ['PS00001', 'PS00002'] },
          cursor: cursors[1],
        },
        // its services changed: its cursor no longer matches
        {
          services: { serviceIds: ['PS00003', 'PS00004'] },
          cursor: cursors[2],
        },
        // new
        { services: { serviceIds: ['PS00005'] } },
      ],
      { since, until },
    );

    expect(valueOf(second[0]).incidents.map(i => i.id)).toEqual([resolved.id]);
    expect(
      valueOf(second[1])
        .incidents.map(i => i.id)
        .sort(),
    ).toEqual([acked.id, fresh.id].sort());
    const all = expectedIncidents(double, () => true);
    for (const r of second.slice(0, 2)) {
      for (const incident of valueOf(r).incidents) {
        expect(incident).toEqual(all.find(e => e.id === incident.id));
      }
    }
    expect(valueOf(second[2]).incidents).toEqual(
      truthFor(
        double,
        ['PS00003', 'PS00004'],
        since.getTime(),
        until.getTime(),
      ),
    );
    expect(valueOf(second[3]).incidents).toEqual(
      truthFor(double, ['PS00005'], since.getTime(), until.getTime()),
    );
    expect(logger.info).toHaveBeenCalledWith(
      'PagerDuty account "main": backfilling 1 entities whose sync cursor does not match their services (1) or is older than 7 days (0)',
    );

    // the backfill lists only the new services from `since`; the
    // incremental sync lists the others from the cursor (minus 10 minutes)
    const byServices = new Map<string, string[]>();
    for (const r of listings(double.requests)) {
      const key = r.query['service_ids[]'].join(',');
      byServices.set(key, [...(byServices.get(key) ?? []), r.query.since[0]]);
    }
    expect(byServices).toEqual(
      new Map([
        ['PS00003,PS00004,PS00005', [since.toISOString()]],
        [
          'PS00000,PS00001,PS00002',
          [new Date(NOW - 10 * MINUTE).toISOString()],
        ],
      ]),
    );
    // only the changed incidents were fetched one by one
    const single = double.requests
      .filter(r => /^\/incidents\/[^/]+$/.test(r.path))
      .map(r => r.path.split('/')[2])
      .sort();
    expect(single).toEqual([resolved.id, acked.id].sort());
    // cursors are those syncIncidents returns
    const { provider: other } = makeProvider(clock);
    const alone = await other.syncIncidents({
      services: { serviceIds: ['PS00000'] },
      since,
      until,
      cursor: cursors[0],
    });
    expect(valueOf(second[0]).cursor).toBe(alone.cursor);
    expect(alone.incidents).toEqual(valueOf(second[0]).incidents);
    expectConformingExchanges(double);
  });

  describe('listOnCallShiftsForMany', () => {
    const iso = (ms: number) => new Date(ms).toISOString();
    const seed = (double: PagerDutyDouble) => {
      addServices(double, ['PEP1', 'PEP1', 'PEP2']);
      double.addOnCall({
        userId: 'PUSER01',
        escalationPolicyId: 'PEP1',
        level: 1,
        start: iso(NOW - 10 * DAY),
        end: iso(NOW - 3 * DAY),
      });
      double.addOnCall({
        userId: 'PUSER02',
        escalationPolicyId: 'PEP1',
        level: 1,
        start: iso(NOW - 3 * DAY),
        end: iso(NOW + 4 * DAY),
      });
      double.addOnCall({
        userId: 'PUSER03',
        escalationPolicyId: 'PEP2',
        level: 2,
        start: null,
        end: null,
      });
    };
    const ENTITIES: PagingServiceRef[] = [
      { serviceIds: ['PSVC001'] },
      { serviceIds: ['PSVC002', 'PSVC003'] },
      { serviceIds: ['PSVC003'] },
      { serviceIds: ['PSVC001', 'PGONE99'] },
    ];

    it('reads each service once and lists /oncalls once for all entities', async () => {
      const double = serveDouble(server, clock);
      seed(double);
      const { provider, logger } = makeProvider(clock);
      const { provider: single } = makeProvider(clock);

      const results = await provider.listOnCallShiftsForMany(
        ENTITIES,
        lastDays(7),
      );
      const batchRequests = double.requests.map(r => r.path);
      const perEntity: OnCallShift[][] = [];
      for (const services of ENTITIES) {
        perEntity.push(
          await single.listOnCallShifts({ services, ...lastDays(7) }),
        );
      }

      for (const [k] of ENTITIES.entries()) {
        expect(valueOf(results[k])).toEqual(perEntity[k]);
      }
      expect(valueOf(results[2])).toEqual([
        { userId: 'PUSER03', start: iso(NOW - 7 * DAY), end: iso(NOW) },
      ]);
      expect(valueOf(results[0])).toEqual([
        {
          userId: 'PUSER01',
          start: iso(NOW - 7 * DAY),
          end: iso(NOW - 3 * DAY),
        },
        { userId: 'PUSER02', start: iso(NOW - 3 * DAY), end: iso(NOW) },
      ]);
      expect([...batchRequests].sort()).toEqual([
        '/oncalls',
        '/services/PGONE99',
        '/services/PSVC001',
        '/services/PSVC002',
        '/services/PSVC003',
      ]);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('has no service PGONE99'),
      );
      expectConformingExchanges(double);
    });

    it('reads the policies of more than 100 services from the paged GET /services', async () => {
      const double = serveDouble(server, clock);
      const data = populatePagerDutyDouble(double, {
        services: 150,
        incidents: 10,
        days: 1,
        end: NOW,
      });
      const { provider, logger } = makeProvider(clock);
      const { provider: single } = makeProvider(clock);
      const entities: PagingServiceRef[] = [
        ...data.serviceIds.map(id => ({ serviceIds: [id] })),
        { serviceIds: ['PS00000', 'PGONE99'] },
      ];

      const results = await provider.listOnCallShiftsForMany(
        entities,
        lastDays(7),
      );

      const paths = double.requests.map(r => r.path);
      expect(paths.filter(x => x === '/services')).toHaveLength(2);
      expect(paths.filter(x => x.startsWith('/services/'))).toEqual([]);
      expect(new Set(paths)).toEqual(new Set(['/services', '/oncalls']));
      expect(logger.warn).toHaveBeenCalledWith(
        'PagerDuty account "main" has no service PGONE99; its on-call shifts are left out',
      );
      for (const k of [0, 1, 5, 77, 149, 150]) {
        expect(valueOf(results[k])).toEqual(
          await single.listOnCallShifts({
            services: entities[k],
            ...lastDays(7),
          }),
        );
        expect(valueOf(results[k]).length).toBeGreaterThan(0);
      }
      expectConformingExchanges(double);
    });

    it('looks services up one by one when the account has far more than are asked for', async () => {
      const double = serveDouble(server, clock);
      const data = populatePagerDutyDouble(double, {
        services: 10_200,
        incidents: 10,
        days: 1,
        end: NOW,
      });
      const { provider } = makeProvider(clock);
      const asked = data.serviceIds.slice(0, 101);

      const results = await provider.listOnCallShiftsForMany(
        asked.map(id => ({ serviceIds: [id] })),
        lastDays(7),
      );

      expect(results.every(r => r.status === 'fulfilled')).toBe(true);
      const paths = double.requests.map(r => r.path);
      // the first page's total (10,200: 102 pages) is more than 101 lookups
      expect(paths.filter(x => x === '/services')).toHaveLength(1);
      expect(paths.filter(x => x.startsWith('/services/'))).toHaveLength(101);
    });

    it('rejects the entities of an account whose service listing fails', async () => {
      const double = serveDouble(server, clock);
      const data = populatePagerDutyDouble(double, {
        services: 120,
        incidents: 10,
        days: 1,
        end: NOW,
      });
      double.failNext(
        10,
        { kind: 'status', status: 500 },
        { path: '/services' },
      );
      const { provider } = makeProvider(clock, [account()], {
        client: { retry: { retries: 1 } },
      });

      const results = await provider.listOnCallShiftsForMany(
        data.serviceIds.map(id => ({ serviceIds: [id] })),
        lastDays(7),
      );

      for (const result of results) {
        expect(reasonOf(result).message).toBe(
          'PagerDuty account "main" unreachable: HTTP 500 on GET /services: Internal Server Error (gave up after 2 attempts)',
        );
      }
      expect(double.requests.map(r => r.path)).toEqual([
        '/services',
        '/services',
      ]);
    });

    it('rejects the entities of a service that cannot be read, and of an account that fails', async () => {
      const double = serveDouble(server, clock);
      seed(double);
      const eu = serveDouble(server, clock, { baseUrl: PD_EU });
      seed(eu);
      double.failNext(
        10,
        { kind: 'status', status: 500 },
        {
          path: '/services/PSVC003',
        },
      );
      eu.failNext(10, { kind: 'status', status: 500 }, { path: '/oncalls' });
      const { provider } = makeProvider(
        clock,
        [
          account({ name: 'us' }),
          account({ name: 'eu', baseUrl: PD_EU, region: 'eu' }),
        ],
        { client: { retry: { retries: 1 } } },
      );

      const results = await provider.listOnCallShiftsForMany(
        [...ENTITIES.slice(0, 3), { account: 'eu', serviceIds: ['PSVC001'] }],
        lastDays(7),
      );

      expect(valueOf(results[0])).toHaveLength(2);
      for (const k of [1, 2]) {
        expect(reasonOf(results[k]).message).toBe(
          'PagerDuty account "us" unreachable: HTTP 500 on GET /services/PSVC003: Internal Server Error (gave up after 2 attempts)',
        );
      }
      expect(reasonOf(results[3]).message).toBe(
        'PagerDuty account "eu" unreachable: HTTP 500 on GET /oncalls: Internal Server Error (gave up after 2 attempts)',
      );
      // the on-calls of the entities that could be read were listed once
      expect(double.requests.filter(r => r.path === '/oncalls')).toHaveLength(
        1,
      );
    });
  });
});
