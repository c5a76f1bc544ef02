/*
 * The batch on-call listing keeps what it read between runs: a later run
 * reads only the on-calls since the previous one and no service again, and
 * returns what a listing from scratch returns.
 */
import { OnCallShift } from '@reliability-kit/backstage-plugin-reliability-common';
import { PagingServiceRef } from '@reliability-kit/backstage-plugin-reliability-node';
import { PagerDutyDouble, populatePagerDutyDouble } from '../../testUtils';
import { expectConformingExchanges } from './__testUtils__/expectConformingExchanges';
import {
  FakeClock,
  NOW,
  makeProvider,
  serveDouble,
} from './__testUtils__/pagerDutyTestEnv';
import { mswServer } from '../../__testUtils__/mswServer';
import { DAY, HOUR, MINUTE } from '../../__testUtils__/time';

const server = mswServer();

function values(results: PromiseSettledResult<OnCallShift[]>[]) {
  return results.map(r => {
    expect(r.status).toBe('fulfilled');
    return (r as PromiseFulfilledResult<OnCallShift[]>).value;
  });
}

describe('the batch on-call listing between runs', () => {
  let clock: FakeClock;
  let double: PagerDutyDouble;
  let entities: PagingServiceRef[];
  const window = () => ({
    since: new Date(clock.ms - 90 * DAY),
    until: new Date(clock.ms),
  });
  /** What a provider that has read nothing before answers now. */
  const fromScratch = async () => {
    const { provider } = makeProvider(clock);
    return values(await provider.listOnCallShiftsForMany(entities, window()));
  };

  beforeEach(() => {
    clock = new FakeClock(NOW);
    double = serveDouble(server, clock);
    const data = populatePagerDutyDouble(double, {
      services: 150,
      incidents: 10,
      days: 90,
      end: NOW,
    });
    entities = data.serviceIds.map(id => ({ serviceIds: [id] }));
  });

  it('reads only the on-calls since the last run, and the same shifts result', async () => {
    const { provider } = makeProvider(clock);
    const first = values(
      await provider.listOnCallShiftsForMany(entities, window()),
    );
    expect(first.flat().length).toBeGreaterThan(0);

    // 15 minutes later: nothing listed; the same shifts as a fresh listing
    // (the cache keeps each shift's scheduled end, so a shift still going
    // on ends now, not at the last listing).
    clock.advance(15 * MINUTE);
    let from = double.requests.length;
    const soon = values(
      await provider.listOnCallShiftsForMany(entities, window()),
    );
    expect(double.requests.length).toBe(from);
    const { provider: fresh } = makeProvider(clock);
    expect(soon).toEqual(
      values(await fresh.listOnCallShiftsForMany(entities, window())),
    );

    // 30 minutes after the listing someone takes over policy PEP0001.
    clock.advance(15 * MINUTE);
    double.addOnCall({
      userId: 'PU00099',
      escalationPolicyId: 'PEP0001',
      level: 1,
      start: new Date(clock.ms - 10 * MINUTE).toISOString(),
      end: new Date(clock.ms + 50 * MINUTE).toISOString(),
    });
    from = double.requests.length;
    const second = values(
      await provider.listOnCallShiftsForMany(entities, window()),
    );
    const requests = double.requests.slice(from);
    expect(requests.map(r => r.path)).toEqual(['/oncalls']);
    expect(requests[0].query.since).toEqual([new Date(NOW).toISOString()]);
    expect(second).toEqual(await fromScratch());
    expect(second.flat()).toContainEqual({
      userId: 'PU00099',
      start: new Date(clock.ms - 10 * MINUTE).toISOString(),
      end: new Date(clock.ms).toISOString(),
    });
    expectConformingExchanges(double);
  });

  it('reads the services again after an hour and everything after six', async () => {
    const { provider } = makeProvider(clock);
    await provider.listOnCallShiftsForMany(entities, window());

    clock.advance(HOUR);
    let from = double.requests.length;
    const hourLater = values(
      await provider.listOnCallShiftsForMany(entities, window()),
    );
    expect(double.requests.slice(from).map(r => r.path)).toEqual([
      '/services',
      '/services',
      '/oncalls',
    ]);
    expect(hourLater).toEqual(await fromScratch());

    clock.advance(5 * HOUR);
    from = double.requests.length;
    const sixHoursLater = values(
      await provider.listOnCallShiftsForMany(entities, window()),
    );
    const onCalls = double.requests
      .slice(from)
      .filter(r => r.path === '/oncalls');
    expect(onCalls[0].query.since).toEqual([
      new Date(clock.ms - 90 * DAY).toISOString(),
    ]);
    expect(sixHoursLater).toEqual(await fromScratch());
  });
});
