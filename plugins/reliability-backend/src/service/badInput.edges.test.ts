import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { createHardeningApp } from '../__testUtils__/hardeningApp';
import { testDatabases } from '../__testUtils__/testDatabases';
import { csvField } from '../fleet/weeklyReview';
import { parseIsoWeek } from '@reliability-kit/backstage-plugin-reliability-common';

// Finding 6 of issue 19: input edges. Each is a 400 with a clear message,
// and nothing is stored.

const databases = testDatabases();
const user = mockCredentials.user.header();
const base = '/entities/component/default/checkout';
const TOIL = {
  task: 'Rotate certificates',
  minutesPerOccurrence: 30,
  occurrencesPerWeek: 2,
};
const cursor = (payload: unknown) =>
  Buffer.from(JSON.stringify(payload)).toString('base64url');

describe.each(databases.eachSupportedId())('input edges, on %p', databaseId => {
  let ctx: Awaited<ReturnType<typeof createHardeningApp>>;
  beforeAll(async () => {
    ctx = await createHardeningApp(databases, databaseId);
  });

  const postToil = (body: object) =>
    request(ctx.app).post(`${base}/toil`).set('Authorization', user).send(body);

  it.each([
    [
      'a lone high surrogate',
      'Rotate \ud800 certs',
      'must not contain a lone surrogate (invalid Unicode)',
    ],
    [
      'a lone low surrogate',
      'Rotate \udc00 certs',
      'must not contain a lone surrogate (invalid Unicode)',
    ],
    [
      'a NUL byte',
      'Rotate\u0000certs',
      'must not contain control characters (U+0000) or line breaks',
    ],
    [
      'an escape character',
      'Rotate \u001b[31m certs',
      'must not contain control characters (U+001B) or line breaks',
    ],
    [
      'a line break in one-line text',
      'Rotate\ncerts',
      'must not contain control characters (U+000A) or line breaks',
    ],
    [
      'DEL',
      'Rotate\u007fcerts',
      'must not contain control characters (U+007F) or line breaks',
    ],
  ])('refuses a toil task with %s', async (_, task, message) => {
    const res = await postToil({ ...TOIL, task });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(`Invalid toil item: "task" ${message}`);
    const list = await request(ctx.app)
      .get(`${base}/toil`)
      .set('Authorization', user);
    expect(list.body.items).toEqual([]);
  });

  it('stores and echoes valid unicode (pairs, tab) unchanged', async () => {
    const task = 'Rotate \u{1f525} caf\u00e9\tcerts';
    const res = await postToil({ ...TOIL, task });
    expect(res.status).toBe(201);
    expect(res.body.task).toBe(task);
    const list = await request(ctx.app)
      .get(`${base}/toil`)
      .set('Authorization', user);
    expect(list.body.items.map((i: { task: string }) => i.task)).toEqual([
      task,
    ]);
    await request(ctx.app)
      .delete(`${base}/toil/${res.body.id}`)
      .set('Authorization', user)
      .expect(204);
  });

  it('refuses control characters in attestation comments but keeps line breaks', async () => {
    const url = `${base}/readiness/backup-restore/attestations`;
    const evidenceUrl = 'https://wiki.example.com/restore';
    const bad = await request(ctx.app)
      .post(url)
      .set('Authorization', user)
      .send({ evidenceUrl, comment: 'ok\u0000' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe(
      'Invalid attestation: "comment" must not contain control characters (U+0000)',
    );
    const surrogate = await request(ctx.app)
      .post(`${base}/readiness/backup-restore/exemptions`)
      .set('Authorization', user)
      .send({
        reason: 'because \udfff',
        expiresAt: '2026-12-26T10:00:00.000Z',
      });
    expect(surrogate.status).toBe(400);
    expect(surrogate.body.error.message).toBe(
      'Invalid exemption: "reason" must not contain a lone surrogate (invalid Unicode)',
    );
    const good = await request(ctx.app)
      .post(url)
      .set('Authorization', user)
      .send({ evidenceUrl, comment: 'line one\r\nline two' });
    expect(good.status).toBe(201);
    expect(good.body.reason).toBe('line one\r\nline two');
  });

  it('refuses a toil owner the catalog does not know', async () => {
    const res = await postToil({
      ...TOIL,
      owner: 'group:default/no-such-team',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Invalid toil item: "owner" group:default/no-such-team is not a group in the catalog',
    );
    const ok = await postToil({ ...TOIL, owner: 'group:default/team-b' });
    expect(ok.status).toBe(201);
    const put = await request(ctx.app)
      .put(`${base}/toil/${ok.body.id}`)
      .set('Authorization', user)
      .send({ ...TOIL, owner: 'group:default/ghosts' });
    expect(put.status).toBe(400);
    expect(put.body.error.message).toBe(
      'Invalid toil item: "owner" group:default/ghosts is not a group in the catalog',
    );
    await request(ctx.app)
      .delete(`${base}/toil/${ok.body.id}`)
      .set('Authorization', user)
      .expect(204);
  });

  it.each(['9999-W52', '1999-W52', '3000-W01', '0000-W01'])(
    'refuses ?week=%s, outside the years 2000-2999',
    async week => {
      const res = await request(ctx.app)
        .get(`/reviews/weekly?week=${week}`)
        .set('Authorization', user);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'Invalid query parameter "week": must be an ISO week like 2026-W48, of a year from 2000 to 2999',
      );
    },
  );

  it('serves ?week= at the bounds of the range', async () => {
    for (const week of ['2000-W01', '2999-W01', '2026-W48']) {
      const res = await request(ctx.app)
        .get(`/reviews/weekly?week=${week}`)
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.text).not.toContain('+0');
    }
  });

  it('refuses an empty scorecard cursor as the fleet refuses one', async () => {
    for (const payload of [{ r: '' }, { r: 'x'.repeat(256) }, { r: 1 }, {}]) {
      const res = await request(ctx.app)
        .get(`/scorecards/golden-path/results?cursor=${cursor(payload)}`)
        .set('Authorization', user);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'Invalid query parameter "cursor": not a valid cursor',
      );
    }
    const fleet = await request(ctx.app)
      .get(`/fleet?cursor=${cursor({ s: 'entityRef', v: '', r: '' })}`)
      .set('Authorization', user);
    expect(fleet.status).toBe(400);
    const good = await request(ctx.app)
      .get(
        `/scorecards/golden-path/results?cursor=${cursor({
          r: 'component:default/a',
        })}`,
      )
      .set('Authorization', user);
    expect(good.status).toBe(200);
  });
});

describe('parseIsoWeek', () => {
  it('bounds the year', () => {
    expect(parseIsoWeek('2026-W48')).toBe('2026-11-23');
    expect(parseIsoWeek('9999-W52')).toBeUndefined();
    expect(parseIsoWeek('1999-W52')).toBeUndefined();
  });
});

describe('csvField', () => {
  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(
      `"'=HYPERLINK(""http://x"")"`,
    );
    expect(csvField('+1+2')).toBe("'+1+2");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
    expect(csvField('a=b')).toBe('a=b');
  });

  it('keeps the numbers it formats itself readable', () => {
    expect(csvField(-0.25)).toBe('-0.25');
    expect(csvField(3)).toBe('3');
    // but the same text from a user is neutralised
    expect(csvField('-0.25')).toBe("'-0.25");
  });
});
