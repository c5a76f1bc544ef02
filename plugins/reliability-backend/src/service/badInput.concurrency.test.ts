import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { createHardeningApp } from '../__testUtils__/hardeningApp';
import { testDatabases } from '../__testUtils__/testDatabases';

// Finding 2 of issue 19: duplicate writes. 20 parallel requests through the
// real router, on SQLite and PostgreSQL.

const databases = testDatabases();
const user = mockCredentials.user.header();
const base = '/entities/component/default/checkout';
const TOIL = {
  task: 'Rotate certificates',
  minutesPerOccurrence: 30,
  occurrencesPerWeek: 2,
};
const ATTESTATION = { evidenceUrl: 'https://wiki.example.com/restore' };
const EXEMPTION = {
  reason: 'Migrating off this service',
  expiresAt: '2027-01-26T10:00:00.000Z',
};
const N = 20;

const statuses = (responses: request.Response[]) =>
  responses.map(r => r.status).sort((a, b) => a - b);

describe.each(databases.eachSupportedId())(
  'concurrent writes, on %p',
  databaseId => {
    let ctx: Awaited<ReturnType<typeof createHardeningApp>>;
    beforeEach(async () => {
      ctx = await createHardeningApp(databases, databaseId);
    });
    const post = (url: string, body: object, key?: string) => {
      const r = request(ctx.app).post(url).set('Authorization', user);
      if (key) r.set('Idempotency-Key', key);
      return r.send(body);
    };
    const audit = async () =>
      (await request(ctx.app).get(`${base}/audit`).set('Authorization', user))
        .body.items as Array<{ action: string; target: string }>;

    it('creates one toil item for 20 identical requests with one Idempotency-Key', async () => {
      const responses = await Promise.all(
        Array.from({ length: N }, () => post(`${base}/toil`, TOIL, 'key-1')),
      );
      expect(statuses(responses)).toEqual(Array(N).fill(201));
      const ids = new Set(responses.map(r => r.body.id));
      expect(ids.size).toBe(1);
      for (const r of responses) expect(r.body).toEqual(responses[0].body);
      expect(
        responses.filter(r => r.headers['idempotent-replayed'] === 'true'),
      ).toHaveLength(N - 1);
      const list = await request(ctx.app)
        .get(`${base}/toil`)
        .set('Authorization', user);
      expect(list.body.items).toHaveLength(1);
      expect((await audit()).map(a => a.action)).toEqual(['toil.create']);

      // A later repeat: the original response, with the original status.
      const again = await post(`${base}/toil`, TOIL, 'key-1');
      expect(again.status).toBe(201);
      expect(again.body).toEqual(responses[0].body);
      // The same key with another body: 409, nothing stored.
      const other = await post(
        `${base}/toil`,
        { ...TOIL, task: 'Something else' },
        'key-1',
      );
      expect(other.status).toBe(409);
      expect(other.body.error.message).toBe(
        'Idempotency-Key "key-1" was already used with a different request body; use a new key for a different request',
      );
      // Another key is another item.
      expect((await post(`${base}/toil`, TOIL, 'key-2')).status).toBe(201);
      const after = await request(ctx.app)
        .get(`${base}/toil`)
        .set('Authorization', user);
      expect(after.body.items).toHaveLength(2);
    });

    it('refuses a malformed Idempotency-Key', async () => {
      const res = await post(`${base}/toil`, TOIL, 'x'.repeat(256));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'Invalid Idempotency-Key header: must be 1-255 visible ASCII characters',
      );
    });

    it('keeps one active attestation of 20 concurrent ones; the others are 409 naming it', async () => {
      const url = `${base}/readiness/backup-restore/attestations`;
      const responses = await Promise.all(
        Array.from({ length: N }, (_, i) =>
          post(url, { ...ATTESTATION, comment: `attempt ${i}` }),
        ),
      );
      expect(statuses(responses)).toEqual([201, ...Array(N - 1).fill(409)]);
      const created = responses.find(r => r.status === 201)!.body;
      for (const r of responses.filter(x => x.status === 409)) {
        expect(r.body.error.name).toBe('ConflictError');
        expect(r.body.error.message).toBe(
          `component:default/checkout already has an active attestation of readiness item "backup-restore": ${created.id}, by user:default/mock at ${created.createdAt}; revoke it first`,
        );
      }
      const records = await ctx.readinessStore.listRecords(
        'component:default/checkout',
      );
      expect(records.map(r => r.id)).toEqual([created.id]);
      expect((await audit()).map(a => a.action)).toEqual(['attest']);

      // Revoked, it can be attested again.
      const revoke = await post(
        `${base}/readiness-records/${created.id}/revoke`,
        {},
      );
      expect(revoke.status).toBe(200);
      expect((await post(url, ATTESTATION)).status).toBe(201);
    });

    it('replays 20 concurrent attestations with one Idempotency-Key', async () => {
      const url = `${base}/readiness/backup-restore/attestations`;
      const responses = await Promise.all(
        Array.from({ length: N }, () => post(url, ATTESTATION, 'attest-1')),
      );
      expect(statuses(responses)).toEqual(Array(N).fill(201));
      expect(new Set(responses.map(r => r.body.id)).size).toBe(1);
      expect((await audit()).map(a => a.action)).toEqual(['attest']);
    });

    it.each([
      ['a readiness item', `${base}/readiness/backup-restore/exemptions`],
      [
        'a scorecard check',
        `${base}/scorecards/golden-path/checks/ci-template/exemptions`,
      ],
    ])(
      'keeps one active exemption from %s of 20 concurrent ones',
      async (_, url) => {
        const responses = await Promise.all(
          Array.from({ length: N }, () => post(url, EXEMPTION)),
        );
        expect(statuses(responses)).toEqual([201, ...Array(N - 1).fill(409)]);
        const created = responses.find(r => r.status === 201)!.body;
        for (const r of responses.filter(x => x.status === 409)) {
          expect(r.body.error.message).toContain(created.id);
        }
        const records = await ctx.readinessStore.listRecords(
          'component:default/checkout',
        );
        expect(records.map(r => r.id)).toEqual([created.id]);
        expect((await audit()).map(a => a.action)).toEqual(['exempt']);
      },
    );

    it('lets one of 20 concurrent PUTs with the same If-Match win; the others are 409', async () => {
      const created = await post(`${base}/toil`, TOIL);
      expect(created.headers.etag).toBe('"1"');
      const url = `${base}/toil/${created.body.id}`;
      const responses = await Promise.all(
        Array.from({ length: N }, (_, i) =>
          request(ctx.app)
            .put(url)
            .set('Authorization', user)
            .set('If-Match', '"1"')
            .send({ ...TOIL, occurrencesPerWeek: i + 1 }),
        ),
      );
      expect(statuses(responses)).toEqual([200, ...Array(N - 1).fill(409)]);
      const winner = responses.find(r => r.status === 200)!;
      expect(winner.body.version).toBe(2);
      expect(winner.headers.etag).toBe('"2"');
      for (const r of responses.filter(x => x.status === 409)) {
        expect(r.body.error.message).toBe(
          `Toil item ${created.body.id} has changed: it is at version 2, not 1; read it again and retry`,
        );
      }
      const current = await request(ctx.app)
        .get(url)
        .set('Authorization', user);
      expect(current.body).toEqual(winner.body);
      expect(current.headers.etag).toBe('"2"');
      expect(
        (await audit()).filter(a => a.action === 'toil.update'),
      ).toHaveLength(1);

      // Without If-Match the last write wins, as before.
      const blind = await request(ctx.app)
        .put(url)
        .set('Authorization', user)
        .send({ ...TOIL, occurrencesPerWeek: 99 });
      expect(blind.status).toBe(200);
      expect(blind.body.version).toBe(3);
      // A malformed If-Match is a 400.
      const bad = await request(ctx.app)
        .put(url)
        .set('Authorization', user)
        .set('If-Match', 'yesterday')
        .send(TOIL);
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toBe(
        'Invalid If-Match header: must be the ETag of the toil item, e.g. "3"',
      );
    });
  },
);
