import {
  Incident,
  TicketStatus,
  assessActions,
  assessIncident,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { fixedClock } from '../../lib/Clock';
import { DemoIncidents } from './DemoIncidents';
import { DEMO_MAJOR_INCIDENTS, demoMajorIncidents } from './demoMajorIncidents';

const calendar = { timeZone: 'UTC', days: [1, 2, 3, 4, 5], holidays: [] };
const policy = {
  requiredSeverities: ['SEV0', 'SEV1'],
  slaBusinessDays: 5,
  calendar,
};
const entity = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
});
const SERVICES: Record<string, string> = {
  checkout: 'PCHK001',
  payments: 'PPAY001',
  identity: 'PIDN001',
  search: 'PSRC001',
};

/** The demo as the collector sees it: incidents synced at `syncedAt`, postmortems and tickets read at `now`. */
async function demoAt(syncedAt: string, now: string) {
  const synced = Date.parse(syncedAt);
  const stored = new Map<string, Incident[]>(
    Object.entries(SERVICES).map(([name, service]) => [
      `component:default/${name}`,
      demoMajorIncidents(service, synced - 400 * 86_400_000, synced, synced),
    ]),
  );
  const demo = new DemoIncidents({
    incidents: { listIncidents: async ref => stored.get(ref) ?? [] },
    clock: fixedClock(now),
  });
  const result: Record<
    string,
    { incidents: string[]; actions: string[]; problems: number }
  > = {};
  for (const name of Object.keys(SERVICES)) {
    const ref = `component:default/${name}`;
    const { postmortems, problems } =
      await demo.postmortemSource.readPostmortems(entity(name), {});
    const tickets = postmortems.flatMap(p =>
      p.actions.flatMap(a => (a.ticket ? [a.ticket] : [])),
    );
    expect(tickets.every(t => demo.ticketProvider.handles(t))).toBe(true);
    const statuses = new Map<string, TicketStatus>(
      (await demo.ticketProvider.getTicketStatuses(tickets, {})).map(s => [
        s.ticket,
        s,
      ]),
    );
    const severity = (i: Incident) =>
      (({ P1: 'SEV0', P2: 'SEV1', P3: 'SEV2' } as Record<string, string>)[
        i.priority ?? ''
      ] ?? (i.major ? 'SEV1' : null));
    result[name] = {
      incidents: stored.get(ref)!.map(incident => {
        const r = assessIncident({
          entityRef: ref,
          incident,
          severity: severity(incident),
          postmortems,
          policy,
          now,
        });
        return `${r.severity} ${r.postmortem?.status ?? '-'} ${
          r.postmortem?.state ?? '-'
        } mttd=${r.mttdMs === null ? '?' : r.mttdMs / 60_000}`;
      }),
      actions: assessActions({
        entityRef: ref,
        postmortems,
        tickets: statuses,
        calendar,
        stalledAfterDays: 14,
        now,
      }).map(
        a =>
          `${a.state} overdue=${a.overdueDays ?? '-'}${
            a.stalled ? ' stalled' : ''
          }`,
      ),
      problems: problems.length,
    };
  }
  return result;
}

describe('the incidents demo', () => {
  it.each([
    ['2026-12-07T22:00:00Z', '2026-12-07T22:05:00Z'],
    // a day later than the sync, at another weekday and a year on
    ['2026-12-07T22:00:00Z', '2026-12-08T09:00:00Z'],
    ['2028-01-15T03:00:00Z', '2028-01-15T03:00:00Z'],
  ])('covers every state (synced %s, read %s)', async (syncedAt, now) => {
    const demo = await demoAt(syncedAt, now);
    expect(demo.checkout.incidents).toEqual([
      'SEV0 published on-time mttd=14',
      'SEV1 published late mttd=?',
      'SEV2 - - mttd=?',
    ]);
    expect(demo.checkout.actions).toEqual([
      'done overdue=-',
      'no-ticket overdue=-',
      expect.stringMatching(/^open overdue=(8|9|10)$/),
    ]);
    expect(demo.payments.incidents).toEqual(['SEV1 missing overdue mttd=?']);
    expect(demo.identity.incidents).toEqual([
      'SEV0 published on-time mttd=25',
      'SEV1 draft pending mttd=?',
    ]);
    expect(demo.identity.actions).toEqual([
      expect.stringMatching(/^open overdue=3[456] stalled$/),
    ]);
    expect(demo.search.incidents).toEqual(['SEV1 in-review overdue mttd=?']);
    expect(demo.search.actions).toEqual(['open overdue=-']);
    expect(Object.values(demo).every(d => d.problems === 0)).toBe(true);
  });

  it('gives the scripted incidents stable ids, only for their services', () => {
    const now = Date.parse('2026-12-07T22:00:00Z');
    const ids = DEMO_MAJOR_INCIDENTS.map(i => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(demoMajorIncidents('PA', 0, now, now)).toEqual([]);
    expect(
      demoMajorIncidents('PCHK001', now - 30 * 86_400_000, now, now).map(
        i => i.id,
      ),
    ).toEqual(['demo-sev-PCHK001-2']);
  });
});
