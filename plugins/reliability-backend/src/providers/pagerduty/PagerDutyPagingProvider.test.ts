import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { PagerDutyOpenApiContract } from './__testUtils__/PagerDutyOpenApiContract';
import {
  NOW,
  PD_EU,
  TOKEN,
  account,
  clockPerTest,
  expectedIncidents,
  lastDays,
  makeProvider,
  serveDouble,
} from './__testUtils__/pagerDutyTestEnv';
import { populatePagerDutyDouble } from '../../testUtils';
import { getPagingServiceRef } from './getPagingServiceRef';
import { PagerDutyPagingProvider } from './PagerDutyPagingProvider';
import { mswServer } from '../../__testUtils__/mswServer';
import { DAY, HOUR } from '../../__testUtils__/time';

const server = mswServer();

describe('PagerDutyPagingProvider', () => {
  const clock = clockPerTest();

  it('reads its accounts from config', () => {
    const provider = PagerDutyPagingProvider.fromConfig(
      new ConfigReader({
        reliability: {
          pagerduty: {
            accounts: [
              { name: 'us', token: TOKEN },
              { name: 'eu', token: TOKEN, region: 'eu' },
            ],
          },
        },
      }),
      { logger: mockServices.logger.mock() },
    );
    expect(provider.id).toBe('pagerduty');
    expect(provider.accountNames).toEqual(['us', 'eu']);
    expect(provider.client().name).toBe('us');
    expect(provider.client('eu').name).toBe('eu');
  });

  it('picks the account named by the services', async () => {
    const us = serveDouble(server, clock);
    const eu = serveDouble(server, clock, { baseUrl: PD_EU });
    eu.addService({ id: 'PEU0001', name: 'eu', escalationPolicyId: 'PEP0001' });
    eu.addIncident({
      serviceId: 'PEU0001',
      title: 'EU incident',
      urgency: 'high',
      createdAt: NOW - HOUR,
    });
    const { provider } = makeProvider(clock, [
      account({ name: 'us' }),
      account({ name: 'eu', baseUrl: PD_EU, region: 'eu' }),
    ]);

    const result = await provider.syncIncidents({
      services: { account: 'eu', serviceIds: ['PEU0001'] },
      ...lastDays(1),
    });

    expect(result.incidents.map(i => i.title)).toEqual(['EU incident']);
    expect(us.requests).toHaveLength(0);
    await expect(
      provider.syncIncidents({
        services: { account: 'apac', serviceIds: ['PEU0001'] },
        ...lastDays(1),
      }),
    ).rejects.toThrow(
      new InputError(
        'Unknown PagerDuty account "apac"; configured accounts: "us", "eu"',
      ),
    );
  });

  it('explains when no account is configured', async () => {
    const { provider } = makeProvider(clock, []);
    await expect(
      provider.listOnCallShifts({
        services: { serviceIds: ['P1'] },
        ...lastDays(1),
      }),
    ).rejects.toThrow(
      'No PagerDuty account is configured (reliability.pagerduty.accounts)',
    );
  });

  it('validates its input', async () => {
    const { provider } = makeProvider(clock);
    await expect(
      provider.syncIncidents({
        services: { serviceIds: ['P1&x=1'] },
        ...lastDays(1),
      }),
    ).rejects.toThrow('Invalid PagerDuty service id "P1&x=1"');
    await expect(
      provider.syncIncidents({
        services: { serviceIds: ['P1'] },
        since: new Date(NOW),
        until: new Date(NOW),
      }),
    ).rejects.toThrow('since must be before until');
    await expect(
      provider.syncIncidents({
        services: { serviceIds: ['P1'] },
        since: new Date('nope'),
        until: new Date(NOW),
      }),
    ).rejects.toThrow('since must be a valid date');
  });

  it('makes no request without services', async () => {
    const double = serveDouble(server, clock);
    const { provider } = makeProvider(clock);
    const result = await provider.syncIncidents({
      services: { serviceIds: [' '] },
      ...lastDays(1),
    });
    expect(result).toEqual({
      incidents: [],
      cursor: expect.any(String),
      requests: 0,
    });
    expect(double.requests).toHaveLength(0);
  });

  it('backfills again when the cursor belongs to other services', async () => {
    const double = serveDouble(server, clock);
    populatePagerDutyDouble(double, {
      services: 2,
      incidents: 20,
      days: 3,
      end: NOW - 2 * DAY,
    });
    const { provider, logger } = makeProvider(clock);
    const first = await provider.syncIncidents({
      services: { serviceIds: ['PS00000'] },
      ...lastDays(7),
    });

    const second = await provider.syncIncidents({
      services: { serviceIds: ['PS00000', 'PS00001'] },
      ...lastDays(7),
      cursor: first.cursor,
    });

    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining('does not match these services; backfilling'),
    );
    expect(second.incidents).toEqual(expectedIncidents(double, () => true));
  });

  it('backfills again when the cursor is older than maxCursorAgeMs', async () => {
    const double = serveDouble(server, clock);
    populatePagerDutyDouble(double, {
      services: 1,
      incidents: 30,
      days: 10,
      end: NOW - DAY,
    });
    const { provider, logger } = makeProvider(clock, [account()], {
      maxCursorAgeMs: 2 * DAY,
    });
    const first = await provider.syncIncidents({
      services: { serviceIds: ['PS00000'] },
      since: new Date(NOW - 20 * DAY),
      until: new Date(NOW - 3 * DAY),
    });

    const second = await provider.syncIncidents({
      services: { serviceIds: ['PS00000'] },
      ...lastDays(20),
      cursor: first.cursor,
    });

    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining('older than 2 days; backfilling'),
    );
    expect(second.incidents).toEqual(expectedIncidents(double, () => true));
  });

  it('completes an old incident changed within the analytics lag from its own log entries', async () => {
    const double = serveDouble(server, clock, { analyticsLagMs: DAY });
    populatePagerDutyDouble(double, {
      services: 3,
      incidents: 600,
      days: 20,
      end: NOW - 3 * DAY,
    });
    const old = double.addIncident({
      serviceId: 'PS00001',
      title: 'Lingering',
      urgency: 'low',
      createdAt: NOW - 10 * DAY,
    });
    double.acknowledge(old.id, NOW - 10 * DAY + HOUR, 'PU00001');
    double.escalate(old.id, NOW - 3 * HOUR);
    double.resolve(old.id, NOW - 2 * HOUR);
    const { provider } = makeProvider(clock);

    const result = await provider.syncIncidents({
      services: { serviceIds: ['PS00000', 'PS00001', 'PS00002'] },
      ...lastDays(30),
    });

    expect(result.incidents).toEqual(expectedIncidents(double, () => true));
    const lingering = result.incidents.find(i => i.id === old.id);
    expect(lingering).toMatchObject({
      firstAcknowledgedAt: new Date(NOW - 10 * DAY + HOUR).toISOString(),
      resolvedAt: new Date(NOW - 2 * HOUR).toISOString(),
      escalations: 1,
    });
    expect(
      double.requests
        .filter(r => /^\/incidents\/.+\/log_entries$/.test(r.path))
        .map(r => r.path),
    ).toEqual([`/incidents/${old.id}/log_entries`]);
    expect(PagerDutyOpenApiContract.load().checkAll(double.requests)).toEqual(
      [],
    );
  });

  it('reads log entries per incident when the account-wide listing costs more', async () => {
    const double = serveDouble(server, clock, { analyticsLagMs: DAY });
    // a busy account: 400 incidents today on other services
    populatePagerDutyDouble(double, {
      services: 20,
      incidents: 400,
      days: 1,
      end: NOW,
    });
    double.addService({
      id: 'PQUIET1',
      name: 'quiet',
      escalationPolicyId: 'PEP0000',
    });
    const a = double.addIncident({
      serviceId: 'PQUIET1',
      title: 'Quiet one',
      urgency: 'high',
      createdAt: NOW - 2 * HOUR,
    });
    double.acknowledge(a.id, NOW - 2 * HOUR + 60_000, 'PU00000');
    const { provider } = makeProvider(clock);

    const one = await provider.syncIncidents({
      services: { serviceIds: ['PQUIET1'] },
      ...lastDays(7),
    });

    expect(one.incidents).toEqual(
      expectedIncidents(double, (_, s) => s === 'PQUIET1'),
    );
    // one incident: its own log entries, without probing the busy account
    expect(double.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      'GET /incidents',
      'POST /analytics/raw/incidents',
      `GET /incidents/${a.id}/log_entries`,
    ]);
    expect(one.requests).toBe(3);

    const b = double.addIncident({
      serviceId: 'PQUIET1',
      title: 'Quiet two',
      urgency: 'low',
      createdAt: NOW - HOUR,
    });
    double.clearRequests();
    const two = await provider.syncIncidents({
      services: { serviceIds: ['PQUIET1'] },
      ...lastDays(7),
    });

    expect(two.incidents).toEqual(
      expectedIncidents(double, (_, s) => s === 'PQUIET1'),
    );
    // two: a probe of the account-wide listing (its total says 5 pages),
    // then per incident
    expect(double.requests.map(r => `${r.method} ${r.path}`).sort()).toEqual(
      [
        'GET /incidents',
        'POST /analytics/raw/incidents',
        'GET /log_entries',
        `GET /incidents/${a.id}/log_entries`,
        `GET /incidents/${b.id}/log_entries`,
      ].sort(),
    );
    expect(
      double.requests.find(r => r.path === '/log_entries')?.query.total,
    ).toEqual(['true']);
  });

  it('leaves out changed incidents created before since', async () => {
    const double = serveDouble(server, clock);
    double.addService({
      id: 'PSVC001',
      name: 'a',
      escalationPolicyId: 'PEP0001',
    });
    const ancient = double.addIncident({
      serviceId: 'PSVC001',
      title: 'Ancient',
      urgency: 'low',
      createdAt: NOW - 100 * DAY,
    });
    const { provider } = makeProvider(clock);
    const first = await provider.syncIncidents({
      services: { serviceIds: ['PSVC001'] },
      ...lastDays(90),
    });
    expect(first.incidents).toEqual([]);

    clock.advance(HOUR);
    double.resolve(ancient.id, NOW + 30 * 60_000);
    double.clearRequests();
    const second = await provider.syncIncidents({
      services: { serviceIds: ['PSVC001'] },
      since: new Date(NOW - 90 * DAY),
      until: new Date(clock.ms),
      cursor: first.cursor,
    });

    expect(second.incidents).toEqual([]);
    expect(double.requests.map(r => r.path)).toEqual([
      '/incidents',
      '/log_entries',
      `/incidents/${ancient.id}`,
    ]);
  });

  it('counts only the chosen escalation levels of on-call time', async () => {
    const double = serveDouble(server, clock);
    double.addService({
      id: 'PSVC001',
      name: 'a',
      escalationPolicyId: 'PEP0001',
    });
    double.addOnCall({
      userId: 'PUSER01',
      escalationPolicyId: 'PEP0001',
      level: 1,
      start: new Date(NOW - DAY).toISOString(),
      end: new Date(NOW + DAY).toISOString(),
    });
    double.addOnCall({
      userId: 'PUSER01',
      escalationPolicyId: 'PEP0001',
      level: 1,
      start: new Date(NOW - 3 * DAY).toISOString(),
      end: new Date(NOW - DAY).toISOString(),
    });
    double.addOnCall({
      userId: 'PBOSS01',
      escalationPolicyId: 'PEP0001',
      level: 2,
      start: null,
      end: null,
    });
    const { provider } = makeProvider(clock, [account()], {
      onCallEscalationLevels: [1],
    });

    await expect(
      provider.listOnCallShifts({
        services: { serviceIds: ['PSVC001'] },
        ...lastDays(2),
      }),
    ).resolves.toEqual([
      // adjoining shifts of one person are merged
      {
        userId: 'PUSER01',
        start: new Date(NOW - 2 * DAY).toISOString(),
        end: new Date(NOW).toISOString(),
      },
    ]);
  });
});

describe('getPagingServiceRef', () => {
  it('reads comma-separated service ids and the account', () => {
    expect(
      getPagingServiceRef({
        'pagerduty.com/service-id': ' PABC123, PDEF456 ,,PABC123',
        'pagerduty.com/account': ' eu ',
      }),
    ).toEqual({ account: 'eu', serviceIds: ['PABC123', 'PDEF456'] });
    expect(
      getPagingServiceRef({ 'pagerduty.com/service-id': 'PABC123' }),
    ).toEqual({ serviceIds: ['PABC123'] });
    expect(getPagingServiceRef({ 'pagerduty.com/service-id': ' , ' })).toBe(
      undefined,
    );
    expect(getPagingServiceRef(undefined)).toBe(undefined);
  });
});
