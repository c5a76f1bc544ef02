import request from 'supertest';
import {
  CorrectiveActionRecord,
  IncidentRecord,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { incidentReviewOf } from '../incidents/incidentReviewSource';
import {
  CONDITIONAL,
  appOf,
  databases,
  ref,
  user,
  withReviewData,
} from './__testUtils__/fleetFixtures';
import { IncidentReviewSource } from './weeklyIncidentReview';

// The weekly review's incident, postmortem and corrective-action lines.

jest.setTimeout(120_000);

const FROM = '2026-11-23T00:00:00.000Z';
const TO = '2026-11-30T00:00:00.000Z';
const HOUR = 3_600_000;

const incident = (
  name: string,
  id: string,
  over: Partial<IncidentRecord>,
): IncidentRecord => ({
  entityRef: ref(name),
  id,
  source: 'pagerduty',
  title: `Incident ${id}`,
  severity: 'SEV1',
  createdAt: '2026-11-24T10:00:00.000Z',
  resolvedAt: '2026-11-24T12:00:00.000Z',
  impactStartedAt: null,
  impactStartFrom: null,
  mttdMs: null,
  mttrMs: 2 * HOUR,
  postmortem: {
    status: 'published',
    state: 'on-time',
    dueAt: '2026-12-01T22:59:59.999Z',
    publishedAt: '2026-11-26T10:00:00.000Z',
  },
  ...over,
});

const action = (
  name: string,
  id: string,
  over: Partial<CorrectiveActionRecord>,
): CorrectiveActionRecord => ({
  entityRef: ref(name),
  postmortemId: 'pm-1',
  postmortemTitle: 'Outage',
  id,
  title: `Action ${id}`,
  owner: 'group:default/team-a',
  due: '2026-11-10',
  dueAt: '2026-11-10T22:59:59.999Z',
  ticket: 'OPS-1',
  state: 'open',
  overdueDays: null,
  stalled: false,
  ...over,
});

const incidents = [
  incident('a', 'P1', { severity: 'SEV0' }),
  // last week: not a line of this week's SEV0/SEV1
  incident('b', 'P2', { createdAt: '2026-11-18T10:00:00.000Z' }),
  // SEV2 needs no postmortem
  incident('a', 'P3', { severity: 'SEV2', postmortem: null }),
  // a missing postmortem past its deadline
  incident('b', 'P4', {
    createdAt: '2026-11-02T10:00:00.000Z',
    postmortem: {
      status: 'missing',
      state: 'overdue',
      dueAt: '2026-11-09T22:59:59.999Z',
      publishedAt: null,
    },
  }),
  // published late this week, and one published late a week before
  incident('d', 'P5', {
    createdAt: '2026-11-09T10:00:00.000Z',
    postmortem: {
      status: 'published',
      state: 'late',
      dueAt: '2026-11-16T22:59:59.999Z',
      publishedAt: '2026-11-25T09:00:00.000Z',
    },
  }),
  incident('d', 'P6', {
    createdAt: '2026-11-02T10:00:00.000Z',
    postmortem: {
      status: 'published',
      state: 'late',
      dueAt: '2026-11-09T22:59:59.999Z',
      publishedAt: '2026-11-20T09:00:00.000Z',
    },
  }),
  // open, no MTTR yet
  incident('d', 'P7', {
    createdAt: '2026-11-27T10:00:00.000Z',
    resolvedAt: null,
    mttrMs: null,
    postmortem: {
      status: 'missing',
      state: 'pending',
      dueAt: null,
      publishedAt: null,
    },
  }),
];
const actions = [
  action('a', 'A1', { overdueDays: 3 }),
  action('b', 'A2', { overdueDays: 19, stalled: true, owner: undefined }),
  action('d', 'A3', { state: 'done' }),
  action('d', 'A4', { overdueDays: 5, ticket: undefined }),
];
const entities = ['a', 'b', 'd'].map(name => ({
  entityRef: ref(name),
  kind: 'component',
  namespace: 'default',
  name,
  ownerRef: `group:default/team-${name}`,
  tier: name === 'd' ? 'tier-2' : 'tier-1',
  tierValid: true,
}));
const review = incidentReviewOf({
  incidents,
  actions,
  entities: entities as never,
  requiredSeverities: ['SEV0', 'SEV1'],
  from: FROM,
  to: TO,
});

describe('incidentReviewOf', () => {
  it('lists the SEV0/SEV1 incidents created in the week', () => {
    expect(review.major.map(i => [i.id, i.severity, i.mttrMs])).toEqual([
      ['P1', 'SEV0', 2 * HOUR],
      ['P7', 'SEV1', null],
    ]);
    expect(review.major[0]).toMatchObject({
      tier: 'tier-1',
      ownerRef: 'group:default/team-a',
    });
  });

  it('lists postmortems overdue, and those published late in the week', () => {
    expect(
      review.postmortems.map(p => [p.incidentId, p.state, p.status]),
    ).toEqual([
      ['P4', 'overdue', 'missing'],
      ['P5', 'late', 'published'],
    ]);
  });

  it('lists the overdue actions, most overdue first', () => {
    expect(
      review.overdueActions.map(a => [a.id, a.overdueDays, a.stalled]),
    ).toEqual([
      ['A2', 19, true],
      ['A4', 5, false],
      ['A1', 3, false],
    ]);
  });
});

/** The incident lines of the CSV review of 2026-W48. */
async function incidentCsvLines(app: Parameters<typeof request>[0]) {
  const { text } = await request(app)
    .get('/reviews/weekly?week=2026-W48&format=csv')
    .set('Authorization', user);
  return text
    .split('\r\n')
    .filter(l => /^(incidents|postmortems-late|actions-overdue),/.test(l));
}

describe.each(databases.eachSupportedId())('weekly review on %s', id => {
  const source: IncidentReviewSource = {
    readWeek: jest.fn(async () => review),
  };

  it('adds the incident lines to the Markdown and CSV review', async () => {
    const { fleet } = await withReviewData(id);
    const { app } = appOf(fleet, { incidents: source });
    const md = await request(app)
      .get('/reviews/weekly?week=2026-W48')
      .set('Authorization', user);
    expect(source.readWeek).toHaveBeenCalledWith(
      FROM,
      TO,
      // the clock (2026-11-26T12:00Z) is before the end of the week
      '2026-11-26T12:00:00.000Z',
    );
    const after = md.text.slice(md.text.indexOf('## SEV0/SEV1 incidents'));
    expect(after.split('\n')).toEqual([
      '## SEV0/SEV1 incidents',
      '',
      '| Entity | Tier | Owner | Incident | Severity | Created | MTTR |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      '| component:default/a | tier-1 | group:default/team-a | P1: Incident P1 | SEV0 | 2026-11-24 10:00 | 2.0 h |',
      '| component:default/d | tier-2 | group:default/team-d | P7: Incident P7 | SEV1 | 2026-11-27 10:00 | open |',
      '',
      '## Postmortems late or missing',
      '',
      '| Entity | Tier | Owner | Incident | Severity | State | Postmortem | Due | Published |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      '| component:default/b | tier-1 | group:default/team-b | P4 | SEV1 | overdue | missing | 2026-11-09 | – |',
      '| component:default/d | tier-2 | group:default/team-d | P5 | SEV1 | late | published | 2026-11-16 | 2026-11-25 |',
      '',
      '## Corrective actions overdue',
      '',
      '| Entity | Tier | Action | Owner | Due | Days overdue | Ticket |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      '| component:default/b | tier-1 | pm-1/A2: Action A2 | group:default/team-b | 2026-11-10 | 19 (stalled) | OPS-1 |',
      '| component:default/d | tier-2 | pm-1/A4: Action A4 | group:default/team-a | 2026-11-10 | 5 | no ticket |',
      '| component:default/a | tier-1 | pm-1/A1: Action A1 | group:default/team-a | 2026-11-10 | 3 | OPS-1 |',
      '',
    ]);
    expect(await incidentCsvLines(app)).toEqual([
      'incidents,component:default/a,tier-1,group:default/team-a,,,,2026-11-24,,,,,,Incident P1,P1,SEV0,7200000,,,',
      'incidents,component:default/d,tier-2,group:default/team-d,,,,2026-11-27,,,,,,Incident P7,P7,SEV1,,,,',
      'postmortems-late,component:default/b,tier-1,group:default/team-b,overdue,,,2026-11-09,,,,,,missing,P4,SEV1,,,,',
      'postmortems-late,component:default/d,tier-2,group:default/team-d,late,,,2026-11-16,,,,,,published,P5,SEV1,,,,',
      'actions-overdue,component:default/b,tier-1,group:default/team-b,stalled,,,2026-11-10,,,,,,Action A2,pm-1,,,A2,,19',
      'actions-overdue,component:default/d,tier-2,group:default/team-d,overdue,,,2026-11-10,,,,,,Action A4,pm-1,,,A4,group:default/team-a,5',
      'actions-overdue,component:default/a,tier-1,group:default/team-a,overdue,,,2026-11-10,,,,,,Action A1,pm-1,,,A1,group:default/team-a,3',
    ]);
  });

  it('shows only the lines of entities the user may see', async () => {
    const { fleet } = await withReviewData(id);
    const { app } = appOf(fleet, {
      incidents: source,
      read: CONDITIONAL,
      allowed: new Set([ref('b')]),
    });
    const lines = await incidentCsvLines(app);
    expect(lines.map(l => l.split(',').slice(0, 2).join(','))).toEqual([
      'postmortems-late,component:default/b',
      'actions-overdue,component:default/b',
    ]);
  });
});
