import {
  Incident,
  computeAlertQuality,
  findFlappingRuns,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { PagingServiceRef } from '@reliability-kit/backstage-plugin-reliability-node';
import { DemoPagingProfile, DemoPagingProvider } from './DemoPagingProvider';
import { DAY, HOUR } from '../__testUtils__/time';

const WEEK_MS = 7 * DAY;
// Not on an hour boundary, so that incidents of the last hour are cut at now.
const NOW = new Date('2026-11-26T10:17:23.000Z');

const provider = (profile: DemoPagingProfile = 'quiet') =>
  new DemoPagingProvider(() => profile);

const services = (...serviceIds: string[]): PagingServiceRef => ({
  serviceIds,
});

/** Many services, so that some incidents are still open at NOW. */
const MANY = services(
  ...Array.from({ length: 200 }, (_, i) => `PSVC${String(i).padStart(3, '0')}`),
);

const backfill = (
  p: DemoPagingProvider,
  refs: PagingServiceRef,
  days: number,
  until: Date = NOW,
) =>
  p.syncIncidents({
    services: refs,
    since: new Date(until.getTime() - days * DAY),
    until,
  });

const statusOf = (i: Incident): Incident['status'] => {
  if (i.resolvedAt) {
    return 'resolved';
  }
  if (i.firstAcknowledgedAt) {
    return 'acknowledged';
  }
  return 'triggered';
};

const reportOf = (incidents: Incident[]) =>
  computeAlertQuality({ incidents, window: '28d', now: NOW });

describe('DemoPagingProvider', () => {
  it('is deterministic: the same request gives the same incidents and shifts', async () => {
    const a = await backfill(provider('noisy'), services('PCHECKOUT'), 90);
    const b = await backfill(provider('noisy'), services('PCHECKOUT'), 90);
    expect(a.incidents.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
    expect(a.cursor).toBe(NOW.toISOString());
    expect(a.requests).toBe(0);

    const request = {
      services: services('PCHECKOUT'),
      since: new Date(NOW.getTime() - 60 * DAY),
      until: NOW,
    };
    expect(await provider().listOnCallShifts(request)).toEqual(
      await provider().listOnCallShifts(request),
    );
  });

  it('gives different services different incidents', async () => {
    const a = await backfill(provider('noisy'), services('PA'), 28);
    const b = await backfill(provider('noisy'), services('PB'), 28);
    expect(a.incidents.map(i => i.createdAt)).not.toEqual(
      b.incidents.map(i => i.createdAt),
    );
    expect(new Set(a.incidents.map(i => i.serviceId))).toEqual(new Set(['PA']));
  });

  it('reads incidents of every service of the entity', async () => {
    const both = await backfill(provider('noisy'), services('PA', 'PB'), 28);
    const a = await backfill(provider('noisy'), services('PA'), 28);
    const b = await backfill(provider('noisy'), services('PB'), 28);
    expect(both.incidents).toEqual([...a.incidents, ...b.incidents]);
  });

  it('pages a noisy team more, more at night, with more noise and flapping', async () => {
    const refs = services('PCHECKOUT', 'PPAYMENTS');
    const quiet = (await backfill(provider('quiet'), refs, 56)).incidents;
    const noisy = (await backfill(provider('noisy'), refs, 56)).incidents;
    const q = reportOf(quiet).current;
    const n = reportOf(noisy).current;

    expect(q.pages).toBeGreaterThan(0);
    expect(n.pages).toBeGreaterThan(3 * q.pages);
    expect(n.pageTimes.sleep).toBeGreaterThan(0);
    expect(n.pageTimes.sleep).toBeGreaterThan(q.pageTimes.sleep);
    expect(n.noise.noiseRatio).toBeGreaterThan(q.noise.noiseRatio ?? 0);
    expect(n.noise.flappingIncidents).toBeGreaterThan(0);
    expect(findFlappingRuns(noisy).length).toBeGreaterThan(0);
    expect(findFlappingRuns(noisy).length).toBeGreaterThan(
      findFlappingRuns(quiet).length,
    );
    expect(n.responseTimes).not.toEqual(q.responseTimes);
    expect(n.responseTimes.mtta.medianMs!).toBeGreaterThan(
      q.responseTimes.mtta.medianMs!,
    );
  });

  it('gives incidents in the shape of the source', async () => {
    const { incidents } = await backfill(provider('noisy'), services('PA'), 7);
    expect(incidents.length).toBeGreaterThan(0);
    for (const incident of incidents) {
      expect(incident).toEqual({
        id: `demo-PA-${
          Math.floor(Date.parse(incident.createdAt) / HOUR) * HOUR
        }`,
        source: 'demo',
        serviceId: 'PA',
        title: expect.stringMatching(/^[A-Za-z0-9]+ on PA$/),
        alertKey: expect.stringMatching(/^PA\/[A-Za-z0-9]+$/),
        urgency: expect.stringMatching(/^(high|low)$/),
        status: expect.stringMatching(/^(triggered|acknowledged|resolved)$/),
        createdAt: expect.any(String),
        firstAcknowledgedAt: incident.firstAcknowledgedAt,
        resolvedAt: incident.resolvedAt,
        escalations: expect.any(Number),
      });
      expect(incident.alertKey).toBe(
        `PA/${incident.title.replace(/ on PA$/, '')}`,
      );
    }
    expect(new Set(incidents.map(i => i.id)).size).toBe(incidents.length);
  });

  it.each<DemoPagingProfile>(['quiet', 'noisy'])(
    'tells nothing after now (%s)',
    async profile => {
      const { incidents } = await backfill(provider(profile), MANY, 3);
      const now = NOW.getTime();
      const at = (v: string | null | undefined) =>
        v === null || v === undefined ? null : Date.parse(v);
      expect(incidents.length).toBeGreaterThan(0);
      for (const i of incidents) {
        expect(Date.parse(i.createdAt)).toBeLessThan(now);
        expect(Date.parse(i.createdAt)).toBeGreaterThanOrEqual(now - 3 * DAY);
        expect(at(i.firstAcknowledgedAt) ?? now).toBeLessThanOrEqual(now);
        expect(at(i.resolvedAt) ?? now).toBeLessThanOrEqual(now);
      }
      // The status agrees with the times.
      expect(incidents.map(i => i.status)).toEqual(incidents.map(statusOf));
      const open = incidents.filter(i => i.status !== 'resolved');
      expect(open.length).toBeGreaterThan(0);
      expect(open.map(i => i.resolvedAt)).toEqual(open.map(() => null));
    },
  );

  it('holds back an acknowledgement and resolution that happen after now', async () => {
    // The same incidents seen a day later: some that were open are done.
    const earlier = await backfill(provider('noisy'), MANY, 2);
    const later = await provider('noisy').syncIncidents({
      services: MANY,
      since: new Date(NOW.getTime() - 2 * DAY),
      until: new Date(NOW.getTime() + DAY),
    });
    const laterById = new Map(later.incidents.map(i => [i.id, i]));
    const open = earlier.incidents.filter(i => i.status !== 'resolved');
    expect(open.length).toBeGreaterThan(0);
    for (const incident of open) {
      const done = laterById.get(incident.id)!;
      expect(done.status).toBe('resolved');
      expect(Date.parse(done.resolvedAt!)).toBeGreaterThan(NOW.getTime());
      expect(done.createdAt).toBe(incident.createdAt);
    }
    // Closed incidents look the same either way.
    for (const incident of earlier.incidents.filter(
      i => i.status === 'resolved',
    )) {
      expect(laterById.get(incident.id)).toEqual(incident);
    }
  });

  it('syncs incrementally from the cursor, repeating the last day', async () => {
    const p = provider('noisy');
    const first = await backfill(p, MANY, 7);
    expect(first.cursor).toBe(NOW.toISOString());

    const later = new Date(NOW.getTime() + 6 * HOUR);
    const second = await p.syncIncidents({
      services: MANY,
      since: new Date(later.getTime() - 7 * DAY),
      until: later,
      cursor: first.cursor,
    });
    expect(second.cursor).toBe(later.toISOString());

    // Exactly the incidents created in [cursor - 1 day, until).
    const overlapStart = NOW.getTime() - DAY;
    const expected = await p.syncIncidents({
      services: MANY,
      since: new Date(overlapStart),
      until: later,
    });
    expect(second.incidents).toEqual(expected.incidents);
    const created = second.incidents.map(i => Date.parse(i.createdAt));
    expect(Math.min(...created)).toBeGreaterThanOrEqual(overlapStart);
    expect(Math.max(...created)).toBeLessThan(later.getTime());

    // The overlap day comes again, brought up to date.
    const overlap = first.incidents.filter(
      i => Date.parse(i.createdAt) >= overlapStart,
    );
    const secondById = new Map(second.incidents.map(i => [i.id, i]));
    expect(overlap.length).toBeGreaterThan(0);
    expect(overlap.every(i => secondById.has(i.id))).toBe(true);
    const wasOpen = overlap.filter(i => i.status !== 'resolved');
    expect(wasOpen.length).toBeGreaterThan(0);
    expect(
      wasOpen.filter(i => secondById.get(i.id)!.status === 'resolved').length,
    ).toBeGreaterThan(0);
    // Incidents older than the overlap are not sent again.
    expect(
      first.incidents.filter(
        i => Date.parse(i.createdAt) < overlapStart && secondById.has(i.id),
      ),
    ).toEqual([]);
  });

  it('syncs nothing new when the cursor is now', async () => {
    const p = provider('noisy');
    const result = await p.syncIncidents({
      services: MANY,
      since: new Date(NOW.getTime() - 90 * DAY),
      until: NOW,
      cursor: NOW.toISOString(),
    });
    const lastDay = await backfill(p, MANY, 1);
    expect(result.incidents).toEqual(lastDay.incidents);
  });

  it.each([
    ['180 days back from now', '2026-05-30T10:17:23.000Z', NOW.toISOString()],
    [
      'a range before the rotation epoch',
      '2025-11-03T00:00:00.000Z',
      '2026-02-14T12:00:00.000Z',
    ],
    [
      'a range on handover boundaries',
      '2026-01-12T09:00:00.000Z',
      '2026-02-09T09:00:00.000Z',
    ],
    [
      'a range within one shift',
      '2026-03-03T00:00:00.000Z',
      '2026-03-04T00:00:00.000Z',
    ],
  ])(
    'gives on-call shifts covering %s without gaps or overlaps',
    async (_case, since, until) => {
      const shifts = await provider().listOnCallShifts({
        services: services('PA', 'PB'),
        since: new Date(since),
        until: new Date(until),
      });
      expect(shifts.length).toBeGreaterThan(0);
      expect(shifts[0].start).toBe(since);
      expect(shifts[shifts.length - 1].end).toBe(until);
      shifts.forEach(shift => {
        expect(Date.parse(shift.end)).toBeGreaterThan(Date.parse(shift.start));
        expect(
          Date.parse(shift.end) - Date.parse(shift.start),
        ).toBeLessThanOrEqual(WEEK_MS);
        expect(shift.userId).toMatch(/^PA,PB:(alex|blair|casey|drew)$/);
      });
      // Consecutive: each shift starts where the previous one ended, at a
      // Monday 09:00 UTC handover, and hands over to the next person.
      const handovers = shifts.slice(1).map((shift, i) => ({
        start: shift.start,
        previousEnd: shifts[i].end,
        weekday: new Date(shift.start).getUTCDay(),
        hour: new Date(shift.start).toISOString().slice(11, 19),
        samePerson: shift.userId === shifts[i].userId,
      }));
      expect(handovers).toEqual(
        handovers.map(h => ({
          start: h.previousEnd,
          previousEnd: h.previousEnd,
          weekday: 1,
          hour: '09:00:00',
          samePerson: false,
        })),
      );
    },
  );

  it('rotates four people weekly', async () => {
    const shifts = await provider().listOnCallShifts({
      services: services('PA'),
      since: new Date('2026-01-05T09:00:00.000Z'),
      until: new Date('2026-02-09T09:00:00.000Z'),
    });
    expect(shifts.map(s => s.userId)).toEqual([
      'PA:alex',
      'PA:blair',
      'PA:casey',
      'PA:drew',
      'PA:alex',
    ]);
    expect(shifts[0]).toEqual({
      userId: 'PA:alex',
      start: '2026-01-05T09:00:00.000Z',
      end: '2026-01-12T09:00:00.000Z',
    });
  });
});
