import {
  RedirectProblem,
  RedirectRefusedError,
  fetchWithRedirects,
} from './fetchWithRedirects';

const ORIGIN = 'https://up.test';

type Answer = { status: number; location?: string } | Response;

function fakeFetch(...answers: Answer[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = jest.fn(async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)];
    if (answer instanceof Response) {
      return answer;
    }
    return new Response(null, {
      status: answer.status,
      headers:
        answer.location === undefined ? {} : { location: answer.location },
    });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

const options = (
  fetch: typeof globalThis.fetch,
  extra: Partial<Parameters<typeof fetchWithRedirects>[2]> = {},
) => ({
  fetch,
  origin: ORIGIN,
  maxRedirects: 3,
  where: '/api/x',
  settings: ['baseUrl', 'pathPrefix'],
  secret: 'credentials are',
  ...extra,
});

/** Fetches `/a` with the answers, expecting a refused redirect. */
async function refused(
  answers: Answer[],
  extra: Partial<Parameters<typeof fetchWithRedirects>[2]> = {},
  method = 'GET',
) {
  const { fetch, calls } = fakeFetch(...answers);
  const error = await fetchWithRedirects(
    `${ORIGIN}/a`,
    { method },
    options(fetch, extra),
  ).then(
    () => undefined,
    e => e,
  );
  expect(error).toBeInstanceOf(RedirectRefusedError);
  return { error: error as RedirectRefusedError, calls };
}

describe('fetchWithRedirects', () => {
  it('returns a non-redirect response as is, sending method, headers, body and signal', async () => {
    const ok = new Response('hi', { status: 200 });
    const { fetch, calls } = fakeFetch(ok);
    const signal = new AbortController().signal;
    const response = await fetchWithRedirects(
      `${ORIGIN}/api/x`,
      { method: 'POST', headers: { A: 'b' }, body: 'q=1', signal },
      options(fetch),
    );
    expect(response).toBe(ok);
    expect(calls).toEqual([
      {
        url: `${ORIGIN}/api/x`,
        init: {
          method: 'POST',
          headers: { A: 'b' },
          body: 'q=1',
          redirect: 'manual',
          signal,
        },
      },
    ]);
  });

  it('follows same-origin redirects, relative ones included, re-sending the request', async () => {
    const { fetch, calls } = fakeFetch(
      { status: 308, location: '/moved' },
      { status: 307, location: `${ORIGIN}/final?x=1` },
      new Response('done'),
    );
    const onRequest = jest.fn();
    const response = await fetchWithRedirects(
      `${ORIGIN}/api/x`,
      { method: 'POST', body: 'q=1' },
      options(fetch, { onRequest }),
    );
    expect(await response.text()).toBe('done');
    expect(calls.map(c => [c.url, c.init.method, c.init.body])).toEqual([
      [`${ORIGIN}/api/x`, 'POST', 'q=1'],
      [`${ORIGIN}/moved`, 'POST', 'q=1'],
      [`${ORIGIN}/final?x=1`, 'POST', 'q=1'],
    ]);
    expect(onRequest).toHaveBeenCalledTimes(3);
  });

  it('follows a 301, 302 or 303 for a GET', async () => {
    for (const status of [301, 302, 303]) {
      const { fetch } = fakeFetch({ status, location: '/b' }, new Response());
      const response = await fetchWithRedirects(
        `${ORIGIN}/a`,
        { method: 'GET' },
        options(fetch),
      );
      expect(response.status).toBe(200);
    }
  });

  it('refuses a redirect to another origin without following it', async () => {
    const { error, calls } = await refused([
      { status: 302, location: 'http://up.test/x' },
    ]);
    expect(error.problem).toBe('other-origin');
    expect(error.message).toBe(
      'redirected /api/x to another origin (http://up.test); refusing to follow it so that credentials are not sent elsewhere. Point baseUrl at the final address',
    );
    expect(calls).toHaveLength(1);
  });

  it('refuses a redirect that would turn a POST into a GET', async () => {
    const { error } = await refused(
      [{ status: 303, location: '/b' }],
      {},
      'POST',
    );
    expect(error.message).toBe(
      'redirected /api/x with HTTP 303, which would turn the POST into a GET; point baseUrl or pathPrefix at the final address',
    );
  });

  it('gives up after the maximum number of redirects', async () => {
    const { error, calls } = await refused([
      { status: 307, location: '/again' },
    ]);
    expect(error.message).toBe(
      'redirected more than 3 times on /api/x; check baseUrl and pathPrefix',
    );
    expect(calls).toHaveLength(4);
  });

  it('reports a missing and an invalid Location apart by default', async () => {
    expect((await refused([{ status: 301 }])).error.message).toBe(
      'answered HTTP 301 without a Location on /api/x',
    );
    const invalid = { status: 301, location: 'http://[::1' };
    expect((await refused([invalid])).error.message).toBe(
      'answered HTTP 301 with an invalid Location on /api/x',
    );
  });

  it('reports the first problem that applies, in the order asked for', async () => {
    // the fourth redirect leads to another origin: two problems at once
    const answers = [
      { status: 307, location: '/1' },
      { status: 307, location: '/2' },
      { status: 307, location: '/3' },
      { status: 307, location: 'https://elsewhere.test/' },
    ];
    expect((await refused(answers)).error.problem).toBe('too-many');

    const checks: RedirectProblem[] = [
      'bad-location',
      'other-origin',
      'too-many',
      'method-change',
    ];
    const { error } = await refused(answers, {
      checks,
      settings: ['baseUrl'],
      secret: 'the token is',
    });
    expect(error.problem).toBe('other-origin');
    expect(error.message).toContain('so that the token is not sent elsewhere');

    expect((await refused([{ status: 302 }], { checks })).error.message).toBe(
      'answered HTTP 302 without a valid Location on /api/x',
    );
  });

  it('never follows a redirect whose problem was left out of the checks', async () => {
    const { error, calls } = await refused(
      [{ status: 307, location: 'https://elsewhere.test/' }],
      { checks: ['too-many'] },
    );
    expect(error.problem).toBe('other-origin');
    expect(calls).toHaveLength(1);
  });

  it('lets errors of fetch through', async () => {
    const fetch = jest.fn(async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof globalThis.fetch;
    await expect(
      fetchWithRedirects(`${ORIGIN}/a`, { method: 'GET' }, options(fetch)),
    ).rejects.toThrow(TypeError);
  });
});
