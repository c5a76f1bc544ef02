/*
 * Contract tests: the provider against the PagerDuty double, with every
 * request the provider makes and every response the double answers checked
 * against PagerDuty's own OpenAPI document (with the known defects of the
 * published document patched in memory; see PagerDutyOpenApiContract).
 */
import { expectConformingExchanges } from './__testUtils__/expectConformingExchanges';
import { PagerDutyOpenApiContract } from './__testUtils__/PagerDutyOpenApiContract';
import {
  FakeClock,
  NOW,
  PD_EU,
  TOKEN,
  account,
  addServices,
  caught,
  clockPerTest,
  expectedIncidents,
  loggedText,
  makeProvider,
  serveDouble,
} from './__testUtils__/pagerDutyTestEnv';
import { PagerDutyDouble, populatePagerDutyDouble } from '../../testUtils';
import { PagerDutyClient } from './PagerDutyClient';
import { PagerDutyRequestError } from './PagerDutyRequestError';
import { listInTimeRange } from './listInTimeRange';
import { mswServer } from '../../__testUtils__/mswServer';
import { DAY, HOUR } from '../../__testUtils__/time';

const server = mswServer();

let contract: PagerDutyOpenApiContract;
beforeAll(() => {
  contract = PagerDutyOpenApiContract.load();
});

const paths = (double: PagerDutyDouble) =>
  double.requests.map(r => `${r.method} ${r.path}`);

describe('the OpenAPI document', () => {
  it('is patched in memory for its known defects only', () => {
    expect(contract.patches.map(p => p.where)).toEqual([
      '#/components/schemas/AcknowledgeLogEntry/allOf/1/properties/type/enum',
      '#/components/schemas/Channel',
      expect.stringMatching(/under #\/paths\/~1analytics~1/),
      '#/components/schemas/Incident/allOf/1/properties/resolved_at',
      '#/components/schemas/Incident/allOf/1/properties/incident_key',
      '#/components/schemas/AnalyticsRawIncident/properties/seconds_to_first_ack',
      expect.stringMatching(/analytics~1raw~1incidents.*\/first$/),
      expect.stringMatching(/analytics~1raw~1incidents.*\/last$/),
      '#/components/schemas/Oncall/properties/start',
      '#/components/schemas/Oncall/properties/end',
    ]);
  });

  it('still rejects what the patches do not cover', () => {
    // a null title is not accepted: only the listed fields became nullable
    expect(
      contract.validate('#/components/schemas/Incident', {
        id: 'Q1',
        type: 'incident',
        title: null,
      }),
    ).not.toEqual([]);
    expect(
      contract.validate('#/components/schemas/Incident', {
        id: 'Q1',
        type: 'incident',
        status: 'open',
      }),
    ).not.toEqual([]);
    expect(
      contract.validate('#/components/schemas/AcknowledgeLogEntry', {
        id: 'R1',
        type: 'acknowledge_log_entry',
        created_at: '2026-03-01T12:00:00Z',
      }),
    ).toEqual([]);
    expect(
      contract.validate('#/components/schemas/AcknowledgeLogEntry', {
        id: 'R1',
        type: 'resolve_log_entry',
      }),
    ).not.toEqual([]);
  });

  it('flags requests the document does not allow', () => {
    const base = {
      method: 'GET',
      authorized: true,
      accept: 'application/vnd.pagerduty+json;version=2',
      contentType: 'application/json',
      status: 200,
      responseBody: {
        incidents: [],
        limit: 100,
        offset: 0,
        more: false,
        total: null,
      },
    };
    expect(
      contract.check({ ...base, path: '/incidents', query: { bogus: ['1'] } }),
    ).toEqual(['GET /incidents: query parameter "bogus" is not declared']);
    expect(
      contract.check({
        ...base,
        path: '/incidents',
        query: { 'statuses[]': ['open'], limit: ['x'] },
      }),
    ).toHaveLength(2);
    expect(contract.check({ ...base, path: '/nowhere', query: {} })).toEqual([
      'GET /nowhere: the path is not in the document',
    ]);
    expect(
      contract.check({
        ...base,
        path: '/incidents',
        query: {},
        responseBody: { incidents: [{ id: 'Q1', status: 'open' }] },
      })[0],
    ).toMatch(/response 200/);
  });
});

describe('PagerDutyPagingProvider against the double', () => {
  const clock = clockPerTest();

  it('backfills with paged /incidents, analytics and recent log entries', async () => {
    const double = serveDouble(server, clock, { analyticsLagMs: DAY });
    const data = populatePagerDutyDouble(double, {
      services: 12,
      incidents: 1_500,
      days: 30,
      end: NOW,
    });
    const services = data.serviceIds.slice(0, 8);
    const { provider } = makeProvider(clock, [account()], {
      serviceBatchSize: 5,
    });
    const since = new Date(NOW - 30 * DAY);
    const until = new Date(NOW);

    const result = await provider.syncIncidents({
      services: { serviceIds: services },
      since,
      until,
    });

    const expected = expectedIncidents(double, (_, service) =>
      services.includes(service),
    );
    expect(expected.length).toBeGreaterThan(500);
    expect(result.incidents).toEqual(expected);
    expect(result.requests).toBe(double.requests.length);
    const used = new Set(paths(double));
    expect([...used].sort()).toEqual([
      'GET /incidents',
      'GET /log_entries',
      'POST /analytics/raw/incidents',
    ]);
    // two batches of services; no per-incident requests
    const listings = double.requests.filter(r => r.path === '/incidents');
    expect(listings.every(r => r.query.limit[0] === '100')).toBe(true);
    expect(
      new Set(listings.map(r => r.query['service_ids[]'].join(','))).size,
    ).toBe(2);
    expectConformingExchanges(double);
  });

  it('splits a time range that holds more than 10,000 incidents', async () => {
    const double = serveDouble(server, clock);
    populatePagerDutyDouble(double, {
      services: 2,
      incidents: 12_500,
      days: 10,
      end: NOW,
      servicesPerPolicy: 2,
    });
    const { provider } = makeProvider(clock, [account()], {
      useAnalytics: false,
    });

    const result = await provider.syncIncidents({
      services: { serviceIds: ['PS00000', 'PS00001'] },
      since: new Date(NOW - 10 * DAY),
      until: new Date(NOW),
    });

    expect(result.incidents).toHaveLength(12_500);
    expect(new Set(result.incidents.map(i => i.id)).size).toBe(12_500);
    const listings = double.requests.filter(r => r.path === '/incidents');
    // no request passes the cap; the range was split
    expect(listings.every(r => r.status === 200)).toBe(true);
    expect(new Set(listings.map(r => r.query.since[0])).size).toBeGreaterThan(
      1,
    );
    expect(
      Math.max(...listings.map(r => Number(r.query.offset[0]))),
    ).toBeLessThanOrEqual(9_900);
    expectConformingExchanges(double);
  }, 60_000);

  it('splits in halves when a listing reaches offset 9,900 with more (no total)', async () => {
    const double = serveDouble(server, clock);
    populatePagerDutyDouble(double, {
      services: 1,
      incidents: 10_300,
      days: 4,
      end: NOW,
    });
    const { provider } = makeProvider(clock);
    const splits: string[] = [];

    const items = await listInTimeRange<{ id: string }>(
      provider.client(),
      '/incidents',
      'incidents',
      { 'service_ids[]': ['PS00000'] },
      NOW - 4 * DAY,
      NOW,
      {
        askTotal: false,
        onSplit: (s, u, reason) => splits.push(`${reason} ${(u - s) / HOUR}h`),
      },
    );

    expect(new Set(items.map(i => i.id)).size).toBe(10_300);
    expect(splits).toEqual(['cap 96h']);
    const offsets = double.requests.map(r => Number(r.query.offset[0]));
    expect(offsets.filter(o => o === 9_900)).toHaveLength(1);
    expect(double.requests.every(r => r.status === 200)).toBe(true);
    expect(double.requests.every(r => !('total' in r.query))).toBe(true);
    expectConformingExchanges(double);
  }, 60_000);

  it('splits ranges longer than 6 months', async () => {
    const double = serveDouble(server, clock);
    populatePagerDutyDouble(double, {
      services: 1,
      incidents: 300,
      days: 400,
      end: NOW,
    });
    const { provider } = makeProvider(clock, [account()], {
      useAnalytics: false,
    });

    const result = await provider.syncIncidents({
      services: { serviceIds: ['PS00000'] },
      since: new Date(NOW - 400 * DAY),
      until: new Date(NOW),
    });

    expect(result.incidents).toHaveLength(300);
    const ranges = [
      ...new Set(
        double.requests
          .filter(r => r.path === '/incidents')
          .map(r => `${r.query.since[0]}/${r.query.until[0]}`),
      ),
    ].map(r => Date.parse(r.split('/')[1]) - Date.parse(r.split('/')[0]));
    expect(ranges).toHaveLength(3);
    expect(Math.max(...ranges)).toBeLessThanOrEqual(180 * DAY);
    expectConformingExchanges(double);
  });

  it('waits as long as ratelimit-reset says on 429', async () => {
    const double = serveDouble(server, clock);
    populatePagerDutyDouble(double, {
      services: 2,
      incidents: 50,
      days: 5,
      end: NOW - DAY,
    });
    double.rateLimitNext(2, 7);
    const { provider, sleep } = makeProvider(clock);

    const result = await provider.syncIncidents({
      services: { serviceIds: ['PS00000', 'PS00001'] },
      since: new Date(NOW - 5 * DAY),
      until: new Date(NOW),
    });

    expect(result.incidents).toEqual(
      expectedIncidents(double, created => created >= NOW - 5 * DAY),
    );
    expect(double.requests.slice(0, 3).map(r => r.status)).toEqual([
      429, 429, 200,
    ]);
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([7_000, 7_000]);
    expectConformingExchanges(double);
  });

  it('slows down when ratelimit-remaining reaches 0', async () => {
    const double = serveDouble(server, clock);
    populatePagerDutyDouble(double, {
      services: 1,
      incidents: 250,
      days: 5,
      end: NOW - 2 * DAY,
    });
    double.failNext(1, {
      kind: 'headers',
      headers: {
        'ratelimit-limit': '960',
        'ratelimit-remaining': '0',
        'ratelimit-reset': '4',
      },
    });
    const { provider, sleep } = makeProvider(clock, [account()], {
      useAnalytics: false,
    });

    await provider.syncIncidents({
      services: { serviceIds: ['PS00000'] },
      since: new Date(NOW - 5 * DAY),
      until: new Date(NOW),
    });

    // the second request waited for the reset, without a 429
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([4_000]);
    expect(double.requests.every(r => r.status === 200)).toBe(true);
    expectConformingExchanges(double);
  });

  it('fails at once on 401, without the token in messages or logs', async () => {
    const double = serveDouble(server, clock, { baseUrl: PD_EU });
    const { provider, logger, sleep } = makeProvider(clock, [
      account({
        name: 'eu',
        baseUrl: PD_EU,
        region: 'eu',
        token: `${TOKEN}-wrong`,
      }),
    ]);

    const error = await caught(
      provider.syncIncidents({
        services: { account: 'eu', serviceIds: ['PXXXXXX'] },
        since: new Date(NOW - DAY),
        until: new Date(NOW),
      }),
    );

    expect(error).toBeInstanceOf(PagerDutyRequestError);
    expect(error.message).toContain(
      'PagerDuty account "eu" rejected the token (401)',
    );
    expect(error.statusCode).toBe(401);
    expect(double.requests).toHaveLength(1);
    expect(double.requests[0].authorized).toBe(false);
    expect(sleep).not.toHaveBeenCalled();
    expect(`${error.message} ${error.stack}`).not.toContain(TOKEN);
    expect(loggedText(logger)).not.toContain(TOKEN);
    expect(JSON.stringify(double.requests)).not.toContain(TOKEN);
    expectConformingExchanges(double);
  });

  it('retries 5xx bursts, then succeeds; the token is never logged', async () => {
    const double = serveDouble(server, clock);
    populatePagerDutyDouble(double, {
      services: 3,
      incidents: 120,
      days: 5,
      end: NOW - DAY,
    });
    double.failNext(3, { kind: 'status', status: 500 });
    const { provider, sleep, logger } = makeProvider(clock);

    const result = await provider.syncIncidents({
      services: { serviceIds: ['PS00000', 'PS00001', 'PS00002'] },
      since: new Date(NOW - 5 * DAY),
      until: new Date(NOW),
    });

    expect(result.incidents).toEqual(
      expectedIncidents(double, created => created >= NOW - 5 * DAY),
    );
    expect(double.requests.slice(0, 4).map(r => r.status)).toEqual([
      500, 500, 500, 200,
    ]);
    // exponential back-off: 500ms, 1s, 2s with jitter 0.5 -> 75%
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([375, 750, 1_500]);
    expect(loggedText(logger)).toContain('HTTP 500');
    expect(loggedText(logger)).not.toContain(TOKEN);
    expectConformingExchanges(double);
  });

  it('retries a request that hangs past the timeout', async () => {
    const double = serveDouble(server, clock);
    populatePagerDutyDouble(double, {
      services: 1,
      incidents: 20,
      days: 3,
      end: NOW - DAY,
    });
    double.failNext(1, { kind: 'hang' });
    const { provider, logger } = makeProvider(clock, [
      account({ timeoutMs: 100 }),
    ]);

    try {
      const result = await provider.syncIncidents({
        services: { serviceIds: ['PS00000'] },
        since: new Date(NOW - 5 * DAY),
        until: new Date(NOW),
      });
      expect(result.incidents).toEqual(expectedIncidents(double, () => true));
      expect(double.requests[0].fault).toBe('hang');
      expect(loggedText(logger)).toContain(
        'timed out after 100ms on GET /incidents',
      );
      expectConformingExchanges(double);
    } finally {
      double.releaseHangs();
    }
  });

  it('gives up after the retries with an UpstreamUnavailableError', async () => {
    const double = serveDouble(server, clock);
    double.failNext(10, { kind: 'status', status: 500 });
    const { provider, logger } = makeProvider(clock);

    const error = await caught(
      provider.syncIncidents({
        services: { serviceIds: ['PS00000'] },
        since: new Date(NOW - DAY),
        until: new Date(NOW),
      }),
    );

    expect(error.name).toBe('UpstreamUnavailableError');
    expect(error.message).toBe(
      'PagerDuty account "main" unreachable: HTTP 500 on GET /incidents: Internal Server Error (gave up after 4 attempts)',
    );
    expect(loggedText(logger)).not.toContain(TOKEN);
    expectConformingExchanges(double);
  });

  it('handles null resolved_at, incident_key and seconds_to_first_ack', async () => {
    const double = serveDouble(server, clock);
    double.addService({
      id: 'PSVC001',
      name: 'checkout',
      escalationPolicyId: 'PEP0001',
    });
    const open = double.addIncident({
      serviceId: 'PSVC001',
      title: 'Disk almost full',
      urgency: 'low',
      incidentKey: null,
      createdAt: NOW - 3 * DAY,
    });
    const noise = double.addIncident({
      serviceId: 'PSVC001',
      title: 'Flapping check',
      urgency: 'high',
      incidentKey: 'check/flap',
      createdAt: NOW - 2 * DAY,
    });
    double.resolve(noise.id, NOW - 2 * DAY + 60_000);
    const { provider } = makeProvider(clock);

    const result = await provider.syncIncidents({
      services: { serviceIds: ['PSVC001'] },
      since: new Date(NOW - 7 * DAY),
      until: new Date(NOW),
    });

    expect(result.incidents).toEqual([
      {
        id: open.id,
        source: 'pagerduty',
        serviceId: 'PSVC001',
        title: 'Disk almost full',
        alertKey: null,
        urgency: 'low',
        status: 'triggered',
        createdAt: new Date(NOW - 3 * DAY).toISOString(),
        firstAcknowledgedAt: null,
        resolvedAt: null,
        escalations: 0,
      },
      {
        id: noise.id,
        source: 'pagerduty',
        serviceId: 'PSVC001',
        title: 'Flapping check',
        alertKey: 'check/flap',
        urgency: 'high',
        status: 'resolved',
        createdAt: new Date(NOW - 2 * DAY).toISOString(),
        firstAcknowledgedAt: null,
        resolvedAt: new Date(NOW - 2 * DAY + 60_000).toISOString(),
        escalations: 0,
      },
    ]);
    // the double did send the nulls
    const listing = double.requests.find(r => r.path === '/incidents')!;
    const sent = (listing.responseBody as any).incidents;
    expect(sent[0].resolved_at).toBeNull();
    expect(sent[0].incident_key).toBeNull();
    const analytics = double.requests.find(r => r.method === 'POST')!;
    expect(
      (analytics.responseBody as any).data.map(
        (d: any) => d.seconds_to_first_ack,
      ),
    ).toEqual([null, null]);
    expectConformingExchanges(double);
  });

  it('falls back to log entries when analytics answer 401', async () => {
    const double = serveDouble(server, clock, { analyticsLagMs: DAY });
    populatePagerDutyDouble(double, {
      services: 4,
      incidents: 400,
      days: 20,
      end: NOW,
    });
    double.failNext(
      1,
      {
        kind: 'status',
        status: 401,
        body: { error: { message: 'Unauthorized', code: 2006 } },
      },
      { path: '/analytics/raw/incidents' },
    );
    const { provider, logger } = makeProvider(clock);

    const result = await provider.syncIncidents({
      services: { serviceIds: ['PS00000', 'PS00001', 'PS00002', 'PS00003'] },
      since: new Date(NOW - 20 * DAY),
      until: new Date(NOW),
    });

    expect(result.incidents).toEqual(expectedIncidents(double, () => true));
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('analytics unavailable (401)'),
    );
    // one account-wide listing instead of one per incident
    expect(
      double.requests.filter(r => /^\/incidents\/.+/.test(r.path)),
    ).toHaveLength(0);
    expectConformingExchanges(double);
  });

  it('syncs incrementally: new incidents plus only the changed ones', async () => {
    const double = serveDouble(server, clock, { analyticsLagMs: DAY });
    populatePagerDutyDouble(double, {
      services: 10,
      incidents: 800,
      days: 30,
      end: NOW,
    });
    const serviceIds = double.services.map(s => s.id);
    const { provider } = makeProvider(clock);
    const since = new Date(NOW - 30 * DAY);
    const first = await provider.syncIncidents({
      services: { serviceIds },
      since,
      until: new Date(NOW),
    });
    const open = double.incidents.filter(
      i => i.status !== 'resolved' && i.createdMs < NOW - 2 * DAY,
    );
    expect(open.length).toBeGreaterThanOrEqual(3);

    // 15 minutes later: two new incidents, an old one acknowledged and
    // resolved, an acknowledged one resolved, one escalated
    clock.advance(15 * 60_000);
    const t = (m: number) => NOW + m * 60_000;
    const fresh1 = double.addIncident({
      serviceId: serviceIds[0],
      title: 'New one',
      urgency: 'high',
      incidentKey: 'k1',
      createdAt: t(2),
    });
    double.acknowledge(fresh1.id, t(4), 'PU00000');
    const fresh2 = double.addIncident({
      serviceId: serviceIds[1],
      title: 'Another',
      urgency: 'low',
      createdAt: t(6),
    });
    const acked = open.find(i => i.status === 'acknowledged')!;
    const triggered = open.filter(i => i.status === 'triggered');
    double.resolve(acked.id, t(7));
    double.acknowledge(triggered[0].id, t(8), 'PU00001');
    double.resolve(triggered[0].id, t(9));
    double.escalate(triggered[1].id, t(10));
    double.clearRequests();

    const second = await provider.syncIncidents({
      services: { serviceIds },
      since,
      until: new Date(clock.ms),
      cursor: first.cursor,
    });

    const changed = [acked.id, triggered[0].id, triggered[1].id];
    expect(second.incidents.map(i => i.id).sort()).toEqual(
      [fresh1.id, fresh2.id, ...changed].sort(),
    );
    const all = expectedIncidents(double, () => true);
    for (const incident of second.incidents) {
      expect(incident).toEqual(all.find(e => e.id === incident.id));
    }
    // the incident acknowledged before the previous sync keeps that first
    // acknowledgement, though it was resolved after it
    const ackedAfter = second.incidents.find(i => i.id === acked.id)!;
    expect(Date.parse(ackedAfter.firstAcknowledgedAt!)).toBeLessThan(NOW);
    // only the changed incidents were fetched one by one
    const single = double.requests
      .filter(r => /^\/incidents\/[^/]+$/.test(r.path))
      .map(r => r.path.split('/')[2])
      .sort();
    expect(single).toEqual([...changed].sort());
    const histories = double.requests
      .filter(r => r.path.endsWith('/log_entries') && r.path !== '/log_entries')
      .map(r => r.path.split('/')[2])
      .sort();
    expect(histories).toEqual([...changed].sort());
    expect(double.requests.some(r => r.method === 'POST')).toBe(false);
    expect(second.requests).toBe(double.requests.length);
    expect(second.cursor).not.toBe(first.cursor);
    expectConformingExchanges(double);
  });

  it('lists on-call shifts, clipping permanent on-calls to the range', async () => {
    const double = serveDouble(server, clock);
    addServices(double, ['PEP0001', 'PEP0001', 'PEP0002']);
    const iso = (ms: number) => new Date(ms).toISOString();
    double.addOnCall({
      userId: 'PUSER01',
      escalationPolicyId: 'PEP0001',
      level: 1,
      scheduleId: 'PSCHED1',
      start: iso(NOW - 10 * DAY),
      end: iso(NOW - 3 * DAY),
    });
    double.addOnCall({
      userId: 'PUSER02',
      escalationPolicyId: 'PEP0001',
      level: 1,
      scheduleId: 'PSCHED1',
      start: iso(NOW - 3 * DAY),
      end: iso(NOW + 4 * DAY),
    });
    double.addOnCall({
      userId: 'PUSER03',
      escalationPolicyId: 'PEP0002',
      level: 2,
      start: null,
      end: null,
    });
    double.addOnCall({
      userId: 'PUSER09',
      escalationPolicyId: 'PEP0009',
      level: 1,
      start: null,
      end: null,
    });
    double.failNext(
      1,
      { kind: 'status', status: 429, headers: { 'ratelimit-reset': '2' } },
      {
        path: '/services/PSVC001',
      },
    );
    const { provider, sleep, logger } = makeProvider(clock);

    const shifts = await provider.listOnCallShifts({
      services: { serviceIds: ['PSVC001', 'PSVC002', 'PSVC003', 'PGONE99'] },
      since: new Date(NOW - 7 * DAY),
      until: new Date(NOW),
    });

    expect(shifts).toEqual([
      { userId: 'PUSER01', start: iso(NOW - 7 * DAY), end: iso(NOW - 3 * DAY) },
      { userId: 'PUSER02', start: iso(NOW - 3 * DAY), end: iso(NOW) },
      { userId: 'PUSER03', start: iso(NOW - 7 * DAY), end: iso(NOW) },
    ]);
    expect(sleep).toHaveBeenCalledWith(2_000);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('has no service PGONE99'),
    );
    const oncalls = double.requests.filter(r => r.path === '/oncalls');
    expect(oncalls).toHaveLength(1);
    expect(oncalls[0].query['escalation_policy_ids[]']).toEqual([
      'PEP0001',
      'PEP0002',
    ]);
    const sent = (oncalls[0].responseBody as any).oncalls;
    expect(sent.find((o: any) => o.user.id === 'PUSER03')).toMatchObject({
      start: null,
      end: null,
    });
    expectConformingExchanges(double);
  });
});

describe('PagerDutyClient against the double', () => {
  it('sends the token, the v2 Accept header and exploded arrays', async () => {
    const clock = new FakeClock(NOW);
    const double = serveDouble(server, clock);
    double.addService({
      id: 'PSVC001',
      name: 'a',
      escalationPolicyId: 'PEP0001',
    });
    const client = PagerDutyClient.fromConfig(account(), {
      logger: makeProvider(clock).logger,
    });

    await client.get('/incidents', {
      'service_ids[]': ['PSVC001', 'PSVC002'],
      'statuses[]': ['triggered', 'resolved'],
      'urgencies[]': ['high'],
      'include[]': ['services'],
      since: new Date(NOW - DAY).toISOString(),
      until: new Date(NOW).toISOString(),
      total: true,
      limit: 100,
      offset: 0,
    });

    expect(double.requests[0]).toMatchObject({
      authorized: true,
      accept: 'application/vnd.pagerduty+json;version=2',
      contentType: 'application/json',
      query: {
        'service_ids[]': ['PSVC001', 'PSVC002'],
        'statuses[]': ['triggered', 'resolved'],
        'urgencies[]': ['high'],
        total: ['true'],
      },
    });
    expectConformingExchanges(double);
  });
});
