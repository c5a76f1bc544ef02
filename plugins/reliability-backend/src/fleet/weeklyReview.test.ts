import request from 'supertest';
import {
  isoWeekLabel,
  isoWeekStart,
  parseIsoWeek,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { csvField } from './weeklyReview';
import {
  databases,
  user,
  CONDITIONAL,
  appOf,
  ref,
  THIS_WEEK,
  withReviewData as withReviewDataOf,
} from './__testUtils__/fleetFixtures';

// GET /reviews/weekly (Markdown and CSV), ISO weeks and CSV quoting.

jest.setTimeout(120_000);

describe.each(databases.eachSupportedId())('fleet on %s', databaseId => {
  describe('a small hand-made fleet', () => {
    const withReviewData = () => withReviewDataOf(databaseId);

    it('exports the weekly review as Markdown', async () => {
      const { fleet } = await withReviewData();
      const { app } = appOf(fleet);
      const res = await request(app)
        .get('/reviews/weekly')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/markdown/);
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="reliability-review-2026-W48.md"',
      );
      expect(res.text).toBe(
        [
          '# Reliability review 2026-W48',
          '',
          'Week of 2026-11-23 to 2026-11-30 (exclusive), UTC.',
          '',
          '## tier-1 SLO status',
          '',
          '| Entity | Owner | SLO status | SLOs | Worst budget remaining |',
          '| --- | --- | --- | --- | --- |',
          '| component:default/a | group:default/team-a | healthy | 2 | 70.0% |',
          '| component:default/b | group:default/team-a | healthy | 2 | 30.0% |',
          '| component:default/c | group:default/team-b | at-risk | 2 | 10.0% |',
          '',
          '## Breaches and budget exhaustion',
          '',
          '| Entity | Tier | Owner | What | SLO | Day | Budget remaining |',
          '| --- | --- | --- | --- | --- | --- | --- |',
          '| component:default/b | tier-1 | group:default/team-a | breaching | – | – | 30.0% |',
          '| component:default/c | tier-1 | group:default/team-b | budget-exhausted | latency | 2026-11-24 | -50.0% |',
          '| component:default/d | tier-2 | group:default/team-b | breaching | – | – | -50.0% |',
          '',
          '## Top noisy alerts',
          '',
          '| Alert | Title | Incidents | Pages | Noise candidates |',
          '| --- | --- | --- | --- | --- |',
          '| disk | Disk "full", again | 3 | 3 | 0 |',
          '| Latency high | Latency high | 1 | 1 | 0 |',
          '',
          '## Readiness items expiring',
          '',
          'None: readiness is not collected yet.',
          '',
          '## Changes since last week',
          '',
          '| Entity | Tier | Last week | This week |',
          '| --- | --- | --- | --- |',
          '| component:default/b | tier-1 | breaching | healthy |',
          '| component:default/c | tier-1 | healthy | at-risk |',
          '| component:default/d | tier-2 | no-slo | breaching |',
          '',
          '## Incidents and postmortems',
          '',
          'None: the incidents feature is not running.',
          '',
        ].join('\n'),
      );
    });

    it('lists required readiness items expiring soon in the review, for visible entities only', async () => {
      const { fleet, store } = await withReviewData();
      const readiness = (
        itemId: string,
        state: string,
        expiresAt?: string,
      ) => ({
        tier: 'tier-1',
        status: state === 'expiring' ? 'expiring' : 'ready',
        missing: [],
        expiring: state === 'expiring' ? [itemId] : [],
        items: [
          {
            id: itemId,
            title: `Item ${itemId}`,
            group: 'Resilience',
            kind: 'attested',
            required: true,
            state,
            detail: '',
            ...(expiresAt ? { expiresAt } : {}),
          },
        ],
        evaluatedAt: THIS_WEEK,
      });
      const write = (name: string, items: unknown[]) =>
        store.writeSection(ref(name), 'readiness', {
          items,
          problems: [],
          status: 'ok',
          demo: false,
          computedAt: THIS_WEEK,
        });
      await write('a', [
        readiness('backup-restore', 'expiring', '2026-12-05T00:00:00.000Z'),
      ]);
      await write('b', [readiness('load-test', 'attested')]);
      await write('c', [
        readiness('security-review', 'expiring', '2026-12-01T00:00:00.000Z'),
      ]);

      const all = await request(appOf(fleet).app)
        .get('/reviews/weekly?week=2026-W48&format=csv')
        .set('Authorization', user);
      expect(
        all.text.split('\r\n').filter(l => l.startsWith('readiness-expiring')),
      ).toEqual([
        'readiness-expiring,component:default/c,tier-1,group:default/team-b,security-review,,,2026-12-01,,,,,,Item security-review,,,,,,',
        'readiness-expiring,component:default/a,tier-1,group:default/team-a,backup-restore,,,2026-12-05,,,,,,Item backup-restore,,,,,,',
      ]);
      const markdown = await request(appOf(fleet).app)
        .get('/reviews/weekly?week=2026-W48')
        .set('Authorization', user);
      expect(markdown.text).toContain(
        '| component:default/c | tier-1 | group:default/team-b | Item security-review | 2026-12-01 |',
      );

      // c is hidden from this caller: its item is not in the review.
      const { app } = appOf(fleet, {
        read: CONDITIONAL,
        allowed: new Set([ref('a'), ref('b'), ref('d')]),
      });
      const hidden = await request(app)
        .get('/reviews/weekly?week=2026-W48&format=csv')
        .set('Authorization', user);
      expect(
        hidden.text
          .split('\r\n')
          .filter(l => l.startsWith('readiness-expiring')),
      ).toEqual([
        'readiness-expiring,component:default/a,tier-1,group:default/team-a,backup-restore,,,2026-12-05,,,,,,Item backup-restore,,,,,,',
      ]);
    });

    it('exports the weekly review as CSV (RFC 4180)', async () => {
      const { fleet } = await withReviewData();
      const { app } = appOf(fleet);
      const res = await request(app)
        .get('/reviews/weekly?week=2026-W48&format=csv')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="reliability-review-2026-W48.csv"',
      );
      expect(res.text.split('\r\n')).toEqual([
        'section,entity_ref,tier,owner_ref,status,previous_status,slo_id,day,budget_remaining,alert_key,alert_title,incidents,pages,note,incident_id,severity,mttr_ms,action_id,action_owner,overdue_days',
        'critical-tier-slo-status,component:default/a,tier-1,group:default/team-a,healthy,,,,0.7,,,,,,,,,,,',
        'critical-tier-slo-status,component:default/b,tier-1,group:default/team-a,healthy,,,,0.3,,,,,,,,,,,',
        'critical-tier-slo-status,component:default/c,tier-1,group:default/team-b,at-risk,,,,0.1,,,,,,,,,,,',
        'breaches,component:default/b,tier-1,group:default/team-a,breaching,,,,0.3,,,,,,,,,,,',
        'breaches,component:default/c,tier-1,group:default/team-b,budget-exhausted,,latency,2026-11-24,-0.5,,,,,,,,,,,',
        'breaches,component:default/d,tier-2,group:default/team-b,breaching,,,,-0.5,,,,,,,,,,,',
        'noisy-alerts,,,,,,,,,disk,"Disk ""full"", again",3,3,,,,,,,',
        'noisy-alerts,,,,,,,,,Latency high,Latency high,1,1,,,,,,,',
        'readiness-expiring,,,,,,,,,,,,,readiness is not collected yet,,,,,,',
        'changes,component:default/b,tier-1,,healthy,breaching,,,,,,,,,,,,,,',
        'changes,component:default/c,tier-1,,at-risk,healthy,,,,,,,,,,,,,,',
        'changes,component:default/d,tier-2,,breaching,no-slo,,,,,,,,,,,,,,',
        'incidents,,,,,,,,,,,,,the incidents feature is not running,,,,,,',
        '',
      ]);
      // Last week: a's exhaustion, b's breach; no changes (no week before).
      const last = await request(app)
        .get('/reviews/weekly?week=2026-W47&format=csv')
        .set('Authorization', user);
      expect(
        last.text.split('\r\n').filter(l => /^(breaches|changes)/.test(l)),
      ).toEqual([
        'breaches,component:default/a,tier-1,group:default/team-a,budget-exhausted,,availability,2026-11-20,-1,,,,,,,,,,,',
        'breaches,component:default/b,tier-1,group:default/team-a,breaching,,,,-0.2,,,,,,,,,,,',
      ]);
      for (const bad of [
        'week=2026-48',
        'week=2026-W54',
        'format=pdf',
        'weeks=1',
      ]) {
        const r = await request(app)
          .get(`/reviews/weekly?${bad}`)
          .set('Authorization', user);
        expect(r.status).toBe(400);
      }
    });
  });
});

describe('ISO weeks', () => {
  it('reads and writes week labels', () => {
    expect(parseIsoWeek('2026-W48')).toBe('2026-11-23');
    expect(parseIsoWeek('2026-W01')).toBe('2025-12-29');
    expect(parseIsoWeek('2020-W53')).toBe('2020-12-28');
    expect(parseIsoWeek('2026-W53')).toBe('2026-12-28');
    expect(parseIsoWeek('2025-W53')).toBeUndefined();
    expect(parseIsoWeek('2026-W00')).toBeUndefined();
    expect(isoWeekStart('2026-11-29T23:59:59Z')).toBe('2026-11-23');
    expect(isoWeekStart('2026-11-30T00:00:00Z')).toBe('2026-11-30');
    expect(isoWeekLabel('2025-12-29')).toBe('2026-W01');
  });

  it('quotes CSV fields as RFC 4180 says', () => {
    expect(csvField('a')).toBe('a');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
  });
});
