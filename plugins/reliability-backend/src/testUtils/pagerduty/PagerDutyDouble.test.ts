import { PagerDutyOpenApiContract } from '../../providers/pagerduty/__testUtils__/PagerDutyOpenApiContract';
import { PagerDutyDouble } from './PagerDutyDouble';
import { populatePagerDutyDouble } from './populatePagerDutyDouble';
import { addServices } from '../../providers/pagerduty/__testUtils__/pagerDutyTestEnv';

const TOKEN = 'double-token';
const NOW = Date.parse('2026-03-01T12:00:00Z');
const DAY = 86_400_000;
const BASE = 'https://api.pagerduty.com';

function makeDouble(options: { analyticsLagMs?: number } = {}) {
  const double = new PagerDutyDouble({
    token: TOKEN,
    now: () => NOW,
    keepBodies: true,
    ...options,
  });
  addServices(double, ['PEP0001', 'PEP0001']);
  return double;
}

async function call(
  double: PagerDutyDouble,
  path: string,
  init: { method?: string; body?: unknown; token?: string | null } = {},
) {
  const headers: Record<string, string> = {
    accept: 'application/vnd.pagerduty+json;version=2',
    'content-type': 'application/json',
  };
  if (init.token !== null) {
    headers.authorization = `Token token=${init.token ?? TOKEN}`;
  }
  const response = await double.handle(
    new Request(`${BASE}${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    }),
  );
  return {
    status: response.status,
    headers: response.headers,
    body: response.type === 'error' ? undefined : await response.json(),
  };
}

describe('PagerDutyDouble', () => {
  it('checks the token', async () => {
    const double = makeDouble();
    await expect(
      call(double, '/incidents', { token: null }),
    ).resolves.toMatchObject({
      status: 401,
      body: { error: { message: 'Authentication failed', code: 2006 } },
    });
    await expect(
      call(double, '/incidents', { token: 'other' }),
    ).resolves.toMatchObject({
      status: 401,
    });
    expect(double.requests.map(r => r.authorized)).toEqual([false, false]);
  });

  it('pages incidents with limit (capped at 100), offset, more and total', async () => {
    const double = makeDouble();
    for (let i = 0; i < 130; i++) {
      double.addIncident({
        serviceId: i % 2 ? 'PSVC001' : 'PSVC002',
        title: `t${i}`,
        urgency: i % 3 ? 'high' : 'low',
        createdAt: NOW - DAY + i * 60_000,
      });
    }
    const first = await call(double, '/incidents?limit=500');
    expect(first.body).toMatchObject({
      limit: 100,
      offset: 0,
      more: true,
      total: null,
    });
    expect(first.body.incidents).toHaveLength(100);
    const second = await call(
      double,
      '/incidents?limit=100&offset=100&total=true',
    );
    expect(second.body).toMatchObject({ more: false, total: 130 });
    expect(second.body.incidents).toHaveLength(30);
    const defaults = await call(double, '/incidents');
    expect(defaults.body.incidents).toHaveLength(25);

    const filtered = await call(
      double,
      '/incidents?service_ids%5B%5D=PSVC001&urgencies%5B%5D=low&total=true',
    );
    expect(filtered.body.total).toBe(
      double.incidents.filter(
        i => i.serviceId === 'PSVC001' && i.urgency === 'low',
      ).length,
    );
    expect(
      (await call(double, '/incidents?statuses%5B%5D=resolved&total=true')).body
        .total,
    ).toBe(0);
    expect(PagerDutyOpenApiContract.load().checkAll(double.requests)).toEqual(
      [],
    );
  });

  it('pages services by name, with their escalation policies', async () => {
    const double = makeDouble();
    for (let i = 0; i < 120; i++) {
      double.addService({
        id: `PX${String(i).padStart(5, '0')}`,
        name: `x-${String(119 - i).padStart(3, '0')}`,
        escalationPolicyId: `PEP${i % 7}`,
      });
    }
    const first = await call(double, '/services?limit=100&total=true');
    expect(first.body).toMatchObject({
      limit: 100,
      offset: 0,
      more: true,
      total: 122,
    });
    expect(first.body.services.slice(0, 3)).toMatchObject([
      { id: 'PSVC001', name: 'a', escalation_policy: { id: 'PEP0001' } },
      { id: 'PSVC002', name: 'b' },
      { id: 'PX00119', name: 'x-000', escalation_policy: { id: 'PEP0' } },
    ]);
    const second = await call(double, '/services?limit=100&offset=100');
    expect(second.body).toMatchObject({ more: false, total: null });
    expect(second.body.services).toHaveLength(22);
    expect(
      new Set(
        [...first.body.services, ...second.body.services].map(
          (x: { id: string }) => x.id,
        ),
      ).size,
    ).toBe(122);
    expect(PagerDutyOpenApiContract.load().checkAll(double.requests)).toEqual(
      [],
    );
  });

  it('answers 400 past the 10,000 offset cap and for ranges over 6 months', async () => {
    const double = makeDouble();
    await expect(
      call(double, '/incidents?limit=100&offset=9901'),
    ).resolves.toEqual({
      status: 400,
      headers: expect.anything(),
      body: {
        error: {
          message: 'Invalid Input Provided',
          code: 2001,
          errors: ['Offset + limit must be less than or equal to 10000'],
        },
      },
    });
    expect(
      (await call(double, '/incidents?limit=100&offset=9900')).status,
    ).toBe(200);
    const since = new Date(NOW - 200 * DAY).toISOString();
    expect(
      (
        await call(
          double,
          `/incidents?since=${since}&until=${new Date(NOW).toISOString()}`,
        )
      ).status,
    ).toBe(400);
    expect((await call(double, '/incidents?statuses%5B%5D=open')).status).toBe(
      400,
    );
    // the responses conform; the invalid request is caught by the contract
    expect(PagerDutyOpenApiContract.load().checkAll(double.requests)).toEqual([
      'GET /incidents: query parameter "statuses[]"="open": data must be equal to one of the allowed values',
    ]);
  });

  it('defaults /incidents to the last month of created_at', async () => {
    const double = makeDouble();
    double.addIncident({
      serviceId: 'PSVC001',
      title: 'old',
      urgency: 'high',
      createdAt: NOW - 40 * DAY,
    });
    double.addIncident({
      serviceId: 'PSVC001',
      title: 'new',
      urgency: 'high',
      createdAt: NOW - 2 * DAY,
    });
    const listed = await call(double, '/incidents');
    expect(listed.body.incidents.map((i: any) => i.title)).toEqual(['new']);
    const all = await call(double, '/incidents?date_range=all');
    expect(all.body.incidents.map((i: any) => i.title)).toEqual(['old', 'new']);
  });

  it('clears acknowledgements on resolve and keeps them in log entries', async () => {
    const double = makeDouble();
    const i = double.addIncident({
      serviceId: 'PSVC001',
      title: 'x',
      urgency: 'high',
      createdAt: NOW - DAY,
    });
    double.notify(i.id, NOW - DAY + 5_000, 'PU1');
    double.acknowledge(i.id, NOW - DAY + 60_000, 'PU1');
    let got = (await call(double, `/incidents/${i.id}`)).body.incident;
    expect(got.acknowledgements).toEqual([
      expect.objectContaining({ at: '2026-02-28T12:01:00Z' }),
    ]);
    double.resolve(i.id, NOW - DAY + 120_000);
    got = (await call(double, `/incidents/${i.id}`)).body.incident;
    expect(got).toMatchObject({
      status: 'resolved',
      acknowledgements: [],
      resolved_at: '2026-02-28T12:02:00Z',
    });

    const all = await call(double, `/incidents/${i.id}/log_entries`);
    expect(all.body.log_entries.map((e: any) => e.type)).toEqual([
      'resolve_log_entry',
      'acknowledge_log_entry',
      'notify_log_entry',
      'trigger_log_entry',
    ]);
    const overview = await call(double, '/log_entries?is_overview=true');
    expect(overview.body.log_entries.map((e: any) => e.type)).toEqual([
      'resolve_log_entry',
      'acknowledge_log_entry',
      'trigger_log_entry',
    ]);
    expect((await call(double, '/incidents/NOPE')).status).toBe(404);
    expect(PagerDutyOpenApiContract.load().checkAll(double.requests)).toEqual(
      [],
    );
  });

  it('serves analytics as of the lag, with cursors', async () => {
    const double = makeDouble({ analyticsLagMs: DAY });
    const a = double.addIncident({
      serviceId: 'PSVC001',
      title: 'a',
      urgency: 'high',
      createdAt: NOW - 3 * DAY,
    });
    double.acknowledge(a.id, NOW - 3 * DAY + 90_000, 'PU1');
    double.resolve(a.id, NOW - 2 * HOURS(1));
    const b = double.addIncident({
      serviceId: 'PSVC001',
      title: 'b',
      urgency: 'low',
      createdAt: NOW - 2 * DAY,
    });
    double.addIncident({
      serviceId: 'PSVC002',
      title: 'c',
      urgency: 'low',
      createdAt: NOW - HOURS(2),
    });
    const body = {
      filters: {
        created_at_start: new Date(NOW - 7 * DAY).toISOString(),
        created_at_end: new Date(NOW).toISOString(),
      },
      limit: 1,
      order: 'asc',
    };
    const first = await call(double, '/analytics/raw/incidents', {
      method: 'POST',
      body,
    });
    expect(first.body).toMatchObject({ more: true, limit: 1 });
    // acknowledged, but not yet resolved as far as analytics know
    expect(first.body.data).toEqual([
      expect.objectContaining({
        id: a.id,
        seconds_to_first_ack: 90,
        status: 'acknowledged',
      }),
    ]);
    expect(first.body.data[0].resolved_at).toBeUndefined();
    const second = await call(double, '/analytics/raw/incidents', {
      method: 'POST',
      body: { ...body, starting_after: first.body.last },
    });
    // c is too recent for analytics
    expect(second.body).toMatchObject({
      more: false,
      data: [{ id: b.id, seconds_to_first_ack: null }],
    });
    const empty = await call(double, '/analytics/raw/incidents', {
      method: 'POST',
      body: { filters: { service_ids: ['PNONE'] }, limit: 10 },
    });
    expect(empty.body).toMatchObject({
      first: null,
      last: null,
      more: false,
      data: [],
    });
    expect(
      (
        await call(double, '/analytics/raw/incidents', {
          method: 'POST',
          body: { limit: 5000 },
        })
      ).status,
    ).toBe(400);
    expect(PagerDutyOpenApiContract.load().checkAll(double.requests)).toEqual([
      'POST /analytics/raw/incidents: request body: data/limit must be <= 1000',
    ]);
  });

  it('plays scripted faults in order and logs them', async () => {
    const double = makeDouble();
    double.rateLimitNext(1, 9, '10');
    double.failNext(1, { kind: 'status', status: 500 });
    double.failNext(1, { kind: 'network' });
    double.failNext(1, { kind: 'status', status: 502 }, { path: '/oncalls' });

    const limited = await call(double, '/incidents');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('ratelimit-reset')).toBe('9');
    expect(limited.headers.get('retry-after')).toBe('10');
    expect((await call(double, '/incidents')).status).toBe(500);
    expect((await call(double, '/incidents')).status).toBe(0);
    expect((await call(double, '/incidents')).status).toBe(200);
    expect((await call(double, '/oncalls')).status).toBe(502);
    expect(double.requests.map(r => r.fault)).toEqual([
      'status',
      'status',
      'network',
      undefined,
      'status',
    ]);
  });

  it('hangs until released', async () => {
    const double = makeDouble();
    double.failNext(1, { kind: 'hang' });
    let settled = false;
    const pending = call(double, '/incidents').then(r => {
      settled = true;
      return r;
    });
    await new Promise(resolve => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    double.releaseHangs();
    await expect(pending).resolves.toMatchObject({ status: 0 });
  });

  it('enforces an optional rate limit with ratelimit headers', async () => {
    let now = NOW;
    const double = new PagerDutyDouble({
      token: TOKEN,
      now: () => now,
      rateLimit: { limit: 2, windowMs: 60_000 },
    });
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const r = await call(double, '/oncalls');
      statuses.push([
        r.status,
        r.headers.get('ratelimit-remaining'),
        r.headers.get('ratelimit-reset'),
      ]);
    }
    now += 60_000;
    statuses.push([(await call(double, '/oncalls')).status]);
    expect(statuses).toEqual([
      [200, '1', '60'],
      [200, '0', '60'],
      [429, '0', '60'],
      [200],
    ]);
  });

  it('serves over real HTTP on 127.0.0.1', async () => {
    const double = new PagerDutyDouble({ token: TOKEN, now: () => NOW });
    populatePagerDutyDouble(double, {
      services: 3,
      incidents: 40,
      days: 10,
      end: NOW,
    });
    const { url, close } = await double.listen();
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${url}/incidents?limit=100&total=true`, {
        headers: { authorization: `Token token=${TOKEN}` },
      });
      expect(response.status).toBe(200);
      await expect(response.json()).resolves.toMatchObject({ total: 40 });
      const analytics = await fetch(`${url}/analytics/raw/incidents`, {
        method: 'POST',
        headers: {
          authorization: `Token token=${TOKEN}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ limit: 1000 }),
      });
      expect((await analytics.json()).data).toHaveLength(40);
      double.failNext(1, { kind: 'network' });
      await expect(fetch(`${url}/incidents`)).rejects.toThrow();
    } finally {
      await close();
    }
  });
});

function HOURS(n: number) {
  return n * 3_600_000;
}
