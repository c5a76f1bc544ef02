import { TestDatabaseId } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import {
  ReadinessRecord,
  ScorecardResult,
  StoredPushedResult,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { createTestStore } from '../__testUtils__/createTestStore';
import { testDatabases } from '../__testUtils__/testDatabases';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
import { AuditInput, ScorecardResultWrite } from './ReadinessStore';

const databases = testDatabases();

const createStore = (databaseId: TestDatabaseId) =>
  createTestStore(databases, databaseId, options =>
    DatabaseReadinessStore.create(options),
  );

const CHECKOUT = 'component:default/checkout';
const SEARCH = 'component:default/search';
const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';

const attestation = (
  id: string,
  over: Partial<ReadinessRecord> = {},
): ReadinessRecord => ({
  id,
  entityRef: CHECKOUT,
  type: 'attestation',
  target: { kind: 'readiness', itemId: 'backup-restore' },
  createdBy: ALICE,
  createdAt: '2026-11-20T10:00:00.000Z',
  reason: 'Restore drill on staging',
  evidenceUrl: 'https://wiki.example.com/drills/42',
  expiresAt: '2027-02-18T10:00:00.000Z',
  ...over,
});

const exemption = (
  id: string,
  over: Partial<ReadinessRecord> = {},
): ReadinessRecord => ({
  id,
  entityRef: CHECKOUT,
  type: 'exemption',
  target: {
    kind: 'scorecard-check',
    scorecardId: 'golden-path',
    checkId: 'ci-template',
  },
  createdBy: BOB,
  createdAt: '2026-11-21T09:00:00.000Z',
  reason: 'Legacy build until Q2',
  expiresAt: '2027-05-01T00:00:00.000Z',
  ...over,
});

const audit = (over: Partial<AuditInput> = {}): AuditInput => ({
  at: '2026-11-20T10:00:00.000Z',
  actor: ALICE,
  action: 'attest',
  entityRef: CHECKOUT,
  target: 'readiness:backup-restore',
  details: { note: 'test' },
  ...over,
});

const pushed = (
  entityRef: string,
  checkId: string,
  over: Partial<StoredPushedResult> = {},
): StoredPushedResult => ({
  entityRef,
  checkId,
  scorecardId: 'golden-path',
  passed: true,
  pushedBy: 'service:ci',
  pushedAt: '2026-11-22T08:00:00.000Z',
  ...over,
});

const ref = (i: number) =>
  `component:default/svc-${String(i).padStart(5, '0')}`;

function scorecardResult(
  entityRef: string,
  level: string | null,
  score: number,
  failing: string[] = [],
  evaluatedAt = '2026-11-26T10:00:00.000Z',
): ScorecardResult {
  const check = (checkId: string, state: 'passed' | 'failed' | 'exempt') => ({
    checkId,
    title: checkId,
    level: 'bronze',
    weight: 1,
    state,
    detail: state,
    pushed: false,
  });
  return {
    scorecardId: 'golden-path',
    title: 'Golden path',
    entityRef,
    level,
    levelTitle: level,
    nextLevel: null,
    nextLevelTitle: null,
    missingForNextLevel: failing,
    score,
    checks: [
      check('has-owner', 'passed'),
      check('docs', 'exempt'),
      ...failing.map(id => check(id, 'failed')),
    ],
    evaluatedAt,
  };
}

const write = (
  entityRef: string,
  over: {
    owner?: string | null;
    tier?: string | null;
    level?: string | null;
    score?: number;
    failing?: string[];
    evaluatedAt?: string;
  } = {},
): ScorecardResultWrite => ({
  entityRef,
  ownerRef: over.owner === undefined ? 'group:default/team-a' : over.owner,
  tier: over.tier === undefined ? 'tier-1' : over.tier,
  result: scorecardResult(
    entityRef,
    over.level === undefined ? 'bronze' : over.level,
    over.score ?? 0.5,
    over.failing,
    over.evaluatedAt,
  ),
});

describe.each(databases.eachSupportedId())(
  'DatabaseReadinessStore on %s',
  databaseId => {
    it('runs its migrations twice without harm', async () => {
      const { knex } = await createStore(databaseId);
      await DatabaseReliabilityStore.migrate(knex);
      await DatabaseReadinessStore.create({
        database: { getClient: async () => knex },
      });
      for (const table of [
        'reliability_readiness_records',
        'reliability_audit_log',
        'reliability_pushed_results',
        'reliability_scorecard_results',
        'reliability_scorecard_history',
      ]) {
        expect(await knex.schema.hasTable(table)).toBe(true);
      }
    });

    it('creates, lists and revokes records, with audit entries', async () => {
      const { store } = await createStore(databaseId);
      const a = attestation('0b8a4c55-1111-4c1e-9d7e-000000000001');
      const e = exemption('0b8a4c55-1111-4c1e-9d7e-000000000002', {
        evidenceUrl: undefined,
      });
      expect(await store.createRecord(a, audit())).toEqual(a);
      expect(
        await store.createRecord(
          e,
          audit({
            actor: BOB,
            action: 'exempt',
            at: '2026-11-21T09:00:00.000Z',
            target: 'scorecard:golden-path/ci-template',
            details: { record: e.id },
          }),
        ),
      ).toEqual(e);
      await store.createRecord(
        attestation('0b8a4c55-1111-4c1e-9d7e-000000000003', {
          entityRef: SEARCH,
        }),
        audit({ entityRef: SEARCH }),
      );

      expect(await store.getRecord(a.id)).toEqual(a);
      expect(await store.getRecord('nope')).toBeUndefined();
      // newest first
      expect(await store.listRecords(CHECKOUT)).toEqual([e, a]);

      const revoked = await store.revokeRecord(
        a.id,
        {
          revokedBy: BOB,
          revokedAt: '2026-11-23T12:00:00.000Z',
          reason: 'Drill was on the wrong cluster',
        },
        audit({
          actor: BOB,
          action: 'revoke',
          at: '2026-11-23T12:00:00.000Z',
          details: { record: a.id },
        }),
      );
      const expected: ReadinessRecord = {
        ...a,
        revokedAt: '2026-11-23T12:00:00.000Z',
        revokedBy: BOB,
        revokeReason: 'Drill was on the wrong cluster',
      };
      expect(revoked).toEqual(expected);
      expect(await store.getRecord(a.id)).toEqual(expected);
      expect(await store.listRecords(CHECKOUT)).toEqual([e]);
      expect(
        await store.listRecords(CHECKOUT, { includeRevoked: true }),
      ).toEqual([e, expected]);

      // revoking again conflicts; unknown ids are undefined
      await expect(
        store.revokeRecord(
          a.id,
          { revokedBy: ALICE, revokedAt: '2026-11-24T12:00:00.000Z' },
          audit({ action: 'revoke' }),
        ),
      ).rejects.toBeInstanceOf(ConflictError);
      expect(
        await store.revokeRecord(
          'nope',
          { revokedBy: ALICE, revokedAt: '2026-11-24T12:00:00.000Z' },
          audit({ action: 'revoke' }),
        ),
      ).toBeUndefined();

      const log = await store.listAudit(CHECKOUT);
      expect(log.map(l => [l.action, l.actor, l.details])).toEqual([
        ['revoke', BOB, { record: a.id }],
        ['exempt', BOB, { record: e.id }],
        ['attest', ALICE, { note: 'test' }],
      ]);
      expect(log[0]).toEqual({
        id: expect.any(Number),
        at: '2026-11-23T12:00:00.000Z',
        actor: BOB,
        action: 'revoke',
        entityRef: CHECKOUT,
        target: 'readiness:backup-restore',
        details: { record: a.id },
      });
      expect(log[0].id).toBeGreaterThan(log[1].id);
    });

    it('renews an attestation that expires by renewBefore, and only one of concurrent renewals wins', async () => {
      const { store } = await createStore(databaseId);
      // expires 2027-02-18; renewed on 2027-02-10 with a 14-day warning window
      const old = attestation('0b8a4c55-4444-4c1e-9d7e-000000000001');
      await store.createRecord(old, audit());
      const renewedAt = '2027-02-10T10:00:00.000Z';
      const renewBefore = '2027-02-24T10:00:00.000Z';
      const renewal = (n: number) =>
        store.createRecord(
          attestation(`0b8a4c55-4444-4c1e-9d7e-00000000001${n}`, {
            createdAt: renewedAt,
            expiresAt: '2027-05-11T10:00:00.000Z',
          }),
          audit({ at: renewedAt }),
          undefined,
          { renewBefore },
        );
      const outcomes = await Promise.allSettled(
        Array.from({ length: 5 }, (_, n) => renewal(n)),
      );
      const won = outcomes.filter(o => o.status === 'fulfilled');
      const lost = outcomes.filter(
        (o): o is PromiseRejectedResult => o.status === 'rejected',
      );
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(4);
      lost.forEach(l => expect(l.reason).toBeInstanceOf(ConflictError));
      // the old record stays in the history, neither revoked nor active
      expect(await store.getRecord(old.id)).toEqual(old);
      expect(
        (await store.listRecords(CHECKOUT)).filter(
          r => r.expiresAt === '2027-05-11T10:00:00.000Z',
        ),
      ).toHaveLength(1);

      // a fresh attestation is not renewed: a conflict naming it
      await expect(
        store.createRecord(
          attestation('0b8a4c55-4444-4c1e-9d7e-000000000020', {
            createdAt: '2027-02-11T10:00:00.000Z',
          }),
          audit(),
          undefined,
          { renewBefore: '2027-02-25T10:00:00.000Z' },
        ),
      ).rejects.toBeInstanceOf(ConflictError);
    });

    it('lets exactly one of two concurrent revocations succeed', async () => {
      const { store } = await createStore(databaseId);
      const a = attestation('0b8a4c55-2222-4c1e-9d7e-000000000001');
      await store.createRecord(a, audit());
      const revoke = (by: string) =>
        store.revokeRecord(
          a.id,
          { revokedBy: by, revokedAt: '2026-11-23T12:00:00.000Z' },
          audit({ actor: by, action: 'revoke' }),
        );
      const outcomes = await Promise.allSettled([revoke(ALICE), revoke(BOB)]);
      const fulfilled = outcomes.filter(o => o.status === 'fulfilled');
      const rejected = outcomes.filter(
        (o): o is PromiseRejectedResult => o.status === 'rejected',
      );
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      expect(rejected[0].reason).toBeInstanceOf(ConflictError);
      const revokes = (await store.listAudit(CHECKOUT)).filter(
        l => l.action === 'revoke',
      );
      expect(revokes).toHaveLength(1);
      expect((await store.getRecord(a.id))?.revokedBy).toBe(revokes[0].actor);
    });

    it('stores no record when its audit entry fails', async () => {
      const { store } = await createStore(databaseId);
      const a = attestation('0b8a4c55-3333-4c1e-9d7e-000000000001');
      await expect(
        store.createRecord(a, audit({ actor: null as unknown as string })),
      ).rejects.toMatchObject({ message: expect.any(String) });
      expect(await store.getRecord(a.id)).toBeUndefined();
      expect(await store.listAudit(CHECKOUT)).toEqual([]);

      // nor a revocation
      await store.createRecord(a, audit());
      await expect(
        store.revokeRecord(
          a.id,
          { revokedBy: BOB, revokedAt: '2026-11-23T12:00:00.000Z' },
          audit({ action: 'revoke', actor: null as unknown as string }),
        ),
      ).rejects.toMatchObject({ message: expect.any(String) });
      expect(await store.getRecord(a.id)).toEqual(a);
      expect((await store.listAudit(CHECKOUT)).map(l => l.action)).toEqual([
        'attest',
      ]);
    });

    it('writes no audit entry when the record insert fails', async () => {
      const { store } = await createStore(databaseId);
      const a = attestation('0b8a4c55-4444-4c1e-9d7e-000000000001');
      await store.createRecord(a, audit({ details: { first: true } }));
      await expect(
        store.createRecord(
          exemption(a.id),
          audit({ action: 'exempt', details: { second: true } }),
        ),
      ).rejects.toMatchObject({ message: expect.any(String) });
      expect(await store.getRecord(a.id)).toEqual(a);
      expect((await store.listAudit(CHECKOUT)).map(l => l.details)).toEqual([
        { first: true },
      ]);
    });

    it('stores nothing of a push batch that fails halfway', async () => {
      const { store } = await createStore(databaseId);
      const before = pushed(ref(1), 'coverage', {
        passed: false,
        value: 0.42,
        pushedAt: '2026-11-21T08:00:00.000Z',
      });
      await store.upsertPushedResults(
        [before],
        [audit({ action: 'push', entityRef: ref(1) })],
      );

      // 250 results: the first statement (200 rows) succeeds, the second
      // fails on a NOT NULL column.
      const results = Array.from({ length: 250 }, (_, i) =>
        pushed(ref(i), 'coverage', { value: 0.9 }),
      );
      results[230] = {
        ...results[230],
        pushedBy: null as unknown as string,
      };
      const audits = results.map(r =>
        audit({ action: 'push', entityRef: r.entityRef, details: { n: 2 } }),
      );
      await expect(
        store.upsertPushedResults(results, audits),
      ).rejects.toMatchObject({ message: expect.any(String) });
      expect(await store.listPushedResults()).toEqual(
        new Map([[ref(1), [before]]]),
      );
      expect(await store.listAudit(ref(1))).toHaveLength(1);
      expect(await store.listAudit(ref(0))).toEqual([]);

      // the results are fine, an audit entry fails
      await expect(
        store.upsertPushedResults(
          [pushed(ref(1), 'coverage'), pushed(ref(2), 'coverage')],
          [
            audit({ action: 'push', entityRef: ref(1) }),
            audit({ action: 'push', actor: null as unknown as string }),
          ],
        ),
      ).rejects.toMatchObject({ message: expect.any(String) });
      expect(await store.listPushedResults()).toEqual(
        new Map([[ref(1), [before]]]),
      );
      expect(await store.listAudit(ref(1))).toHaveLength(1);
    });

    it('keeps the audit log append-only', async () => {
      const { knex, store } = await createStore(databaseId);
      await store.appendAudit([
        audit({ at: '2026-11-20T10:00:00.000Z', details: { n: 1 } }),
      ]);
      const [entry] = await store.listAudit(CHECKOUT);

      await expect(
        knex('reliability_audit_log')
          .where('id', entry.id)
          .update({ actor: 'user:default/mallory' }),
      ).rejects.toMatchObject({
        message: expect.stringMatching(/append-only/),
      });
      await expect(
        knex('reliability_audit_log').where('id', entry.id).delete(),
      ).rejects.toMatchObject({
        message: expect.stringMatching(/append-only/),
      });
      await expect(
        knex('reliability_audit_log').delete(),
      ).rejects.toMatchObject({
        message: expect.stringMatching(/append-only/),
      });
      expect(await store.listAudit(CHECKOUT)).toEqual([entry]);
    });

    it('pages the audit log newest first', async () => {
      const { store } = await createStore(databaseId);
      await store.appendAudit(
        Array.from({ length: 250 }, (_, i) =>
          audit({
            at: `2026-11-20T10:${String(Math.floor(i / 60)).padStart(
              2,
              '0',
            )}:${String(i % 60).padStart(2, '0')}.000Z`,
            details: { n: i },
          }),
        ),
      );
      await store.appendAudit([audit({ entityRef: SEARCH })]);

      const first = await store.listAudit(CHECKOUT);
      expect(first).toHaveLength(100);
      expect(first[0].details).toEqual({ n: 249 });
      const seen = [...first];
      let before = first[first.length - 1].id;
      for (;;) {
        const page = await store.listAudit(CHECKOUT, { limit: 70, before });
        if (page.length === 0) break;
        seen.push(...page);
        before = page[page.length - 1].id;
      }
      expect(seen.map(s => s.details.n)).toEqual(
        Array.from({ length: 250 }, (_, i) => 249 - i),
      );
      expect(await store.listAudit(SEARCH)).toHaveLength(1);
    });

    it('lists active records by entity, expired ones included', async () => {
      const { store } = await createStore(databaseId);
      const expired = attestation('r-expired', {
        createdAt: '2025-01-01T00:00:00.000Z',
        expiresAt: '2025-04-01T00:00:00.000Z',
      });
      const current = exemption('r-current');
      const revoked = attestation('r-revoked', {
        createdAt: '2026-11-25T00:00:00.000Z',
      });
      const other = attestation('r-other', { entityRef: SEARCH });
      for (const r of [expired, current, revoked, other]) {
        await store.createRecord(r, audit({ entityRef: r.entityRef }));
      }
      await store.revokeRecord(
        revoked.id,
        { revokedBy: BOB, revokedAt: '2026-11-25T01:00:00.000Z' },
        audit({ action: 'revoke' }),
      );

      expect(await store.listActiveRecords()).toEqual(
        new Map([
          [CHECKOUT, [current, expired]],
          [SEARCH, [other]],
        ]),
      );
      expect(await store.listActiveRecords([SEARCH, ref(1)])).toEqual(
        new Map([[SEARCH, [other]]]),
      );
      expect(await store.listActiveRecords([])).toEqual(new Map());

      // more refs than one IN list holds
      const many = Array.from({ length: 1200 }, (_, i) => ref(i));
      many[1100] = CHECKOUT;
      expect(await store.listActiveRecords(many)).toEqual(
        new Map([[CHECKOUT, [current, expired]]]),
      );
    });

    it('replaces an older pushed result by a newer one', async () => {
      const { store } = await createStore(databaseId);
      const older = pushed(CHECKOUT, 'coverage', {
        passed: false,
        value: 0.61,
        details: 'Coverage 61%',
        url: 'https://ci.example.com/runs/1',
      });
      const lint = pushed(CHECKOUT, 'lint', { value: 'clean' });
      const searchCoverage = pushed(SEARCH, 'coverage', { value: true });
      await store.upsertPushedResults(
        [older, lint, searchCoverage],
        [audit({ action: 'push' }), audit({ action: 'push' })],
      );
      const newer = pushed(CHECKOUT, 'coverage', {
        passed: true,
        value: 0.83,
        pushedAt: '2026-11-23T08:00:00.000Z',
        pushedBy: 'service:ci-2',
      });
      // of two results of one key in a batch, the last counts
      await store.upsertPushedResults(
        [pushed(CHECKOUT, 'coverage', { value: 0.1 }), newer],
        [audit({ action: 'push' })],
      );

      expect(await store.listPushedResults()).toEqual(
        new Map([
          [CHECKOUT, [newer, lint]],
          [SEARCH, [searchCoverage]],
        ]),
      );
      expect(await store.listPushedResults([SEARCH])).toEqual(
        new Map([[SEARCH, [searchCoverage]]]),
      );
      expect(await store.listAudit(CHECKOUT)).toHaveLength(3);
    });

    it('writes and lists scorecard results with every filter', async () => {
      const { store } = await createStore(databaseId);
      const rows = [
        write(ref(1), { level: 'gold', score: 1 }),
        write(ref(2), { level: 'silver', score: 0.8, failing: ['ci'] }),
        write(ref(3), {
          level: null,
          score: 0.2,
          failing: ['ci-template', 'CI'],
          owner: 'group:default/team-b',
        }),
        write(ref(4), {
          level: 'bronze',
          score: 0.5,
          failing: ['ci', 'docs'],
          tier: null,
          owner: null,
        }),
        write(ref(5), {
          level: null,
          score: 0,
          failing: ['50%_done'],
          tier: 'tier-2',
          owner: 'group:default/team-b',
        }),
      ];
      await store.writeScorecardResults('golden-path', rows, {
        day: '2026-11-26',
      });
      await store.writeScorecardResults('docs', [write(ref(1))], {
        day: '2026-11-26',
      });

      const list = (query: Parameters<typeof store.listScorecardResults>[1]) =>
        store.listScorecardResults('golden-path', query);
      const refsOf = async (
        query: Parameters<typeof store.listScorecardResults>[1],
      ) => {
        const { items, totalCount } = await list(query);
        return { refs: items.map(i => i.entityRef), totalCount };
      };

      const all = await list({ limit: 10 });
      expect(all.totalCount).toBe(5);
      expect(all.items[1]).toEqual({
        entityRef: ref(2),
        ownerRef: 'group:default/team-a',
        tier: 'tier-1',
        level: 'silver',
        score: 0.8,
        failing: ['ci'],
        evaluatedAt: '2026-11-26T10:00:00.000Z',
      });
      expect(all.items[3].ownerRef).toBeNull();
      expect(all.items[3].tier).toBeNull();

      expect(
        await refsOf({ owner: ['group:default/team-b'], limit: 10 }),
      ).toEqual({ refs: [ref(3), ref(5)], totalCount: 2 });
      expect(await refsOf({ tier: ['tier-2', 'none'], limit: 10 })).toEqual({
        refs: [ref(4), ref(5)],
        totalCount: 2,
      });
      expect(await refsOf({ level: ['none'], limit: 10 })).toEqual({
        refs: [ref(3), ref(5)],
        totalCount: 2,
      });
      expect(await refsOf({ level: ['gold', 'silver'], limit: 10 })).toEqual({
        refs: [ref(1), ref(2)],
        totalCount: 2,
      });
      // exact check ids: not prefixes, not case-insensitive
      expect(await refsOf({ failing: 'ci', limit: 10 })).toEqual({
        refs: [ref(2), ref(4)],
        totalCount: 2,
      });
      expect(await refsOf({ failing: 'CI', limit: 10 })).toEqual({
        refs: [ref(3)],
        totalCount: 1,
      });
      expect(await refsOf({ failing: '50%_done', limit: 10 })).toEqual({
        refs: [ref(5)],
        totalCount: 1,
      });
      expect(await refsOf({ failing: 'docs', limit: 10 })).toEqual({
        refs: [ref(4)],
        totalCount: 1,
      });
      // exempt checks do not fail
      expect(await refsOf({ failing: 'has-owner', limit: 10 })).toEqual({
        refs: [],
        totalCount: 0,
      });
      expect(
        await refsOf({
          owner: ['group:default/team-a', 'group:default/team-b'],
          tier: ['tier-1'],
          level: ['silver', 'none'],
          failing: 'ci',
          limit: 10,
        }),
      ).toEqual({ refs: [ref(2)], totalCount: 1 });
      expect(
        await refsOf({ entityRefs: [ref(5), ref(1), ref(9)], limit: 10 }),
      ).toEqual({ refs: [ref(1), ref(5)], totalCount: 2 });
      expect(await refsOf({ entityRefs: [], limit: 10 })).toEqual({
        refs: [],
        totalCount: 0,
      });
      expect(await refsOf({ after: ref(2), limit: 2 })).toEqual({
        refs: [ref(3), ref(4)],
        totalCount: 5,
      });

      expect(await store.readScorecardResults(ref(1))).toEqual([
        write(ref(1)).result,
        rows[0].result,
      ]);
      expect(await store.readScorecardResults(ref(9))).toEqual([]);
    });

    it('pages through every row exactly once, with a long allow-list', async () => {
      const { store } = await createStore(databaseId);
      const rows = Array.from({ length: 3000 }, (_, i) =>
        write(ref(i), {
          level: i % 3 === 0 ? null : 'bronze',
          tier: i % 2 ? 'tier-1' : 'tier-2',
        }),
      );
      await store.writeScorecardResults('golden-path', rows, {
        day: '2026-11-26',
      });

      const pageAll = async (
        query: Omit<
          Parameters<typeof store.listScorecardResults>[1],
          'after' | 'limit'
        >,
        limit: number,
      ) => {
        const seen: string[] = [];
        const counts = new Set<number>();
        let after: string | undefined;
        for (;;) {
          const page = await store.listScorecardResults('golden-path', {
            ...query,
            after,
            limit,
          });
          counts.add(page.totalCount);
          seen.push(...page.items.map(i => i.entityRef));
          if (page.items.length < limit) break;
          after = page.items[page.items.length - 1].entityRef;
        }
        return { seen, counts: [...counts] };
      };

      const plain = await pageAll({ tier: ['tier-1'] }, 333);
      expect(plain.counts).toEqual([1500]);
      expect(plain.seen).toEqual(
        rows.filter((_, i) => i % 2).map(r => r.entityRef),
      );

      // 1,200 allowed refs (and some that have no row)
      const allowed = Array.from({ length: 1500 }, (_, i) => ref(i * 2)).filter(
        (_, i) => i % 5 !== 0,
      );
      expect(allowed).toHaveLength(1200);
      const withAllowList = await pageAll(
        { entityRefs: [...allowed, ref(99999)].reverse() },
        100,
      );
      expect(withAllowList.counts).toEqual([1200]);
      expect(withAllowList.seen).toEqual(allowed);

      const filtered = await pageAll(
        { entityRefs: allowed, level: ['none'] },
        77,
      );
      const expected = allowed.filter(r => Number(r.slice(-5)) % 3 === 0);
      expect(filtered.counts).toEqual([expected.length]);
      expect(filtered.seen).toEqual(expected);
      expect(new Set(filtered.seen).size).toBe(filtered.seen.length);
    });

    it('removes results of entities and scorecards that no longer apply', async () => {
      const { store } = await createStore(databaseId);
      await store.writeScorecardResults(
        'golden-path',
        [write(ref(1)), write(ref(2)), write(ref(3))],
        { day: '2026-11-25' },
      );
      await store.writeScorecardResults('docs', [write(ref(1))], {
        day: '2026-11-25',
      });
      await store.writeScorecardResults(
        'golden-path',
        [write(ref(2), { level: 'gold', score: 1 }), write(ref(4))],
        { day: '2026-11-26', removeOthers: true },
      );
      const listed = await store.listScorecardResults('golden-path', {
        limit: 10,
      });
      expect(listed.items.map(i => [i.entityRef, i.level])).toEqual([
        [ref(2), 'gold'],
        [ref(4), 'bronze'],
      ]);
      // history is kept
      expect(
        await store.readScorecardHistory('golden-path', ref(1), '2026-01-01'),
      ).toEqual([{ day: '2026-11-25', level: 'bronze', score: 0.5 }]);
      // other scorecards untouched
      expect(
        (await store.listScorecardResults('docs', { limit: 10 })).totalCount,
      ).toBe(1);

      // entities named explicitly (any number of them)
      expect(
        await store.deleteScorecardResults('golden-path', [
          ref(4),
          ...Array.from({ length: 1200 }, (_, i) => ref(1000 + i)),
          ref(4),
        ]),
      ).toBe(1);
      expect(
        (
          await store.listScorecardResults('golden-path', { limit: 10 })
        ).items.map(i => i.entityRef),
      ).toEqual([ref(2)]);
      expect(
        (await store.listScorecardResults('docs', { limit: 10 })).totalCount,
      ).toBe(1);

      expect(await store.deleteScorecardsExcept(['golden-path'])).toBe(1);
      expect(
        (await store.listScorecardResults('docs', { limit: 10 })).totalCount,
      ).toBe(0);
      expect(await store.deleteScorecardsExcept([])).toBe(1);
      expect(await store.readScorecardResults(ref(2))).toEqual([]);
    });

    it('summarizes a scorecard, in all and by owner and tier', async () => {
      const { store } = await createStore(databaseId);
      const early = '2026-11-26T10:00:00.000Z';
      const late = '2026-11-26T11:00:00.000Z';
      await store.writeScorecardResults(
        'golden-path',
        [
          write(ref(1), { level: 'gold', score: 1 }),
          write(ref(2), { level: 'silver', score: 0.75, evaluatedAt: late }),
          write(ref(3), {
            level: null,
            score: 0.25,
            owner: 'group:default/team-b',
            tier: 'tier-2',
          }),
          write(ref(4), {
            level: 'silver',
            score: 0.5,
            owner: null,
            tier: null,
          }),
        ],
        { day: '2026-11-26' },
      );

      expect(await store.summarizeScorecard('golden-path', {})).toEqual([
        {
          key: null,
          entities: 4,
          byLevel: { gold: 1, silver: 2, none: 1 },
          meanScore: 0.625,
          evaluatedAt: late,
        },
      ]);
      expect(
        await store.summarizeScorecard('golden-path', { groupBy: 'owner' }),
      ).toEqual([
        {
          key: 'group:default/team-a',
          entities: 2,
          byLevel: { gold: 1, silver: 1 },
          meanScore: 0.875,
          evaluatedAt: late,
        },
        {
          key: 'group:default/team-b',
          entities: 1,
          byLevel: { none: 1 },
          meanScore: 0.25,
          evaluatedAt: early,
        },
        {
          key: null,
          entities: 1,
          byLevel: { silver: 1 },
          meanScore: 0.5,
          evaluatedAt: early,
        },
      ]);
      expect(
        await store.summarizeScorecard('golden-path', {
          groupBy: 'tier',
          entityRefs: [ref(2), ref(3), ref(4)],
        }),
      ).toEqual([
        {
          key: 'tier-1',
          entities: 1,
          byLevel: { silver: 1 },
          meanScore: 0.75,
          evaluatedAt: late,
        },
        {
          key: 'tier-2',
          entities: 1,
          byLevel: { none: 1 },
          meanScore: 0.25,
          evaluatedAt: early,
        },
        {
          key: null,
          entities: 1,
          byLevel: { silver: 1 },
          meanScore: 0.5,
          evaluatedAt: early,
        },
      ]);

      // allow-lists longer than one IN list: partial sums are added
      const many = [
        ref(1),
        ...Array.from({ length: 1200 }, (_, i) => `component:default/x-${i}`),
        ref(2),
        ref(1),
      ];
      expect(
        await store.summarizeScorecard('golden-path', { entityRefs: many }),
      ).toEqual([
        {
          key: null,
          entities: 2,
          byLevel: { gold: 1, silver: 1 },
          meanScore: 0.875,
          evaluatedAt: late,
        },
      ]);
      expect(await store.summarizeScorecard('unknown', {})).toEqual([
        {
          key: null,
          entities: 0,
          byLevel: {},
          meanScore: 0,
          evaluatedAt: null,
        },
      ]);
      expect(
        await store.summarizeScorecard('unknown', { groupBy: 'tier' }),
      ).toEqual([]);
    });

    it('keeps a daily history: trend, entity history and pruning', async () => {
      const { store } = await createStore(databaseId);
      const day = (d: number) => `2026-11-${String(d).padStart(2, '0')}`;
      // day 20: 1 none, 2 none; day 21: 1 bronze, 2 none, 3 none;
      // day 22: written twice, the last write counts: 1 silver, 2 bronze.
      await store.writeScorecardResults(
        'golden-path',
        [
          write(ref(1), { level: null, score: 0.2 }),
          write(ref(2), { level: null, score: 0 }),
        ],
        { day: day(20) },
      );
      await store.writeScorecardResults(
        'golden-path',
        [
          write(ref(1), { level: 'bronze', score: 0.4 }),
          write(ref(2), { level: null, score: 0.2 }),
          write(ref(3), { level: null, score: 0.3 }),
        ],
        { day: day(21) },
      );
      await store.writeScorecardResults(
        'golden-path',
        [
          write(ref(1), { level: 'bronze', score: 0.5 }),
          write(ref(2), { level: null, score: 0.1 }),
        ],
        { day: day(22) },
      );
      await store.writeScorecardResults(
        'golden-path',
        [
          write(ref(1), { level: 'silver', score: 0.7 }),
          write(ref(2), { level: 'bronze', score: 0.5 }),
        ],
        { day: day(22), removeOthers: true },
      );
      await store.writeScorecardResults(
        'docs',
        [write(ref(1), { level: 'gold' })],
        { day: day(22) },
      );

      const trend = await store.scorecardTrend('golden-path', {
        fromDay: day(21),
      });
      expect(trend).toHaveLength(2);
      expect(trend[0]).toEqual({
        day: day(21),
        entities: 3,
        byLevel: { bronze: 1, none: 2 },
        adoption: 1 / 3,
        meanScore: expect.any(Number),
      });
      expect(trend[0].meanScore).toBeCloseTo(0.3, 10);
      expect(trend[1]).toEqual({
        day: day(22),
        entities: 2,
        byLevel: { silver: 1, bronze: 1 },
        adoption: 1,
        meanScore: 0.6,
      });
      const trendOfOne = await store.scorecardTrend('golden-path', {
        fromDay: day(1),
        entityRefs: [ref(2)],
      });
      expect(trendOfOne.map(t => [t.day, t.adoption, t.meanScore])).toEqual([
        [day(20), 0, 0],
        [day(21), 0, 0.2],
        [day(22), 1, 0.5],
      ]);

      expect(
        await store.readScorecardHistory('golden-path', ref(1), day(21)),
      ).toEqual([
        { day: day(21), level: 'bronze', score: 0.4 },
        { day: day(22), level: 'silver', score: 0.7 },
      ]);

      expect(await store.pruneScorecardHistory(day(21))).toBe(2);
      expect(
        (await store.scorecardTrend('golden-path', { fromDay: day(1) })).map(
          t => t.day,
        ),
      ).toEqual([day(21), day(22)]);
      expect(
        await store.readScorecardHistory('docs', ref(1), day(1)),
      ).toHaveLength(1);
    });

    it('writes 10,000 results in one call', async () => {
      const { store } = await createStore(databaseId);
      const rows = Array.from({ length: 10000 }, (_, i) =>
        write(ref(i), {
          level: i % 4 ? 'bronze' : null,
          failing: i % 4 ? [] : ['ci'],
        }),
      );
      await store.writeScorecardResults('golden-path', rows, {
        day: '2026-11-26',
      });
      await store.writeScorecardResults('golden-path', rows, {
        day: '2026-11-26',
        removeOthers: true,
      });
      const page = await store.listScorecardResults('golden-path', {
        failing: 'ci',
        limit: 1,
      });
      expect(page.totalCount).toBe(2500);
      const [trend] = await store.scorecardTrend('golden-path', {
        fromDay: '2026-11-26',
      });
      expect(trend.entities).toBe(10000);
      expect(trend.adoption).toBe(0.75);
    });
  },
);
