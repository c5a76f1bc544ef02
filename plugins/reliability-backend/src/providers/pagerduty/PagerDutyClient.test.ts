import { mockServices } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { UpstreamUnavailableError } from '../http/UpstreamUnavailableError';
import {
  FakeClock,
  NOW,
  TOKEN,
  account,
  caught,
  loggedText,
} from './__testUtils__/pagerDutyTestEnv';
import {
  PagerDutyClient,
  PagerDutyClientOptions,
  PagerDutyRequestStats,
  encodeQuery,
} from './PagerDutyClient';
import { PagerDutyRequestError } from './PagerDutyRequestError';
import { PagerDutyAccountConfig } from './readPagerDutyAccounts';
import { mswServer } from '../../__testUtils__/mswServer';

const BASE = 'https://api.pagerduty.com';
const server = mswServer();

/** Serves `responders` in order (the last one repeats); counts requests. */
function serve(
  method: 'get' | 'post',
  path: string,
  ...responders: Array<(request: Request) => Response | Promise<Response>>
) {
  const received: Request[] = [];
  server.use(
    http[method](`${BASE}${path}`, ({ request }) => {
      received.push(request.clone());
      return responders[Math.min(received.length - 1, responders.length - 1)](
        request,
      );
    }),
  );
  return received;
}

const ok = (
  body: Parameters<typeof HttpResponse.json>[0] = {
    incidents: [],
    more: false,
  },
) => HttpResponse.json(body);
const pdError = (status: number, message: string, errors?: string[]) =>
  HttpResponse.json({ error: { code: 2001, message, errors } }, { status });

function makeClient(
  config: Partial<PagerDutyAccountConfig> = {},
  options: Partial<PagerDutyClientOptions> = {},
) {
  const clock = new FakeClock(NOW);
  const logger = mockServices.logger.mock();
  const sleep = jest.fn(async (ms: number) => clock.advance(ms));
  const client = PagerDutyClient.fromConfig(
    account({ name: 'eu', ...config }),
    {
      logger,
      sleep,
      now: clock.now,
      random: () => 0.5,
      ...options,
    },
  );
  return { client, logger, sleep, clock };
}

const stats = (): PagerDutyRequestStats => ({
  requests: 0,
  retries: 0,
  rateLimitWaitMs: 0,
});

describe('encodeQuery', () => {
  it('explodes arrays as name[] and skips undefined', () => {
    expect(
      encodeQuery({
        'service_ids[]': ['A', 'B'],
        statuses: ['resolved'],
        total: true,
        limit: 100,
        skipped: undefined,
      }),
    ).toBe(
      'service_ids%5B%5D=A&service_ids%5B%5D=B&statuses%5B%5D=resolved&total=true&limit=100',
    );
  });
});

describe('PagerDutyClient', () => {
  it('sends the token and PagerDuty headers, and parses JSON', async () => {
    const received = serve('get', '/incidents', () => ok({ incidents: [1] }));
    const { client } = makeClient();

    await expect(client.get('/incidents', { limit: 1 })).resolves.toEqual({
      incidents: [1],
    });

    const request = received[0];
    expect(request.headers.get('authorization')).toBe(`Token token=${TOKEN}`);
    expect(request.headers.get('accept')).toBe(
      'application/vnd.pagerduty+json;version=2',
    );
    expect(new URL(request.url).search).toBe('?limit=1');
  });

  it('posts JSON bodies', async () => {
    const received = serve('post', '/analytics/raw/incidents', () =>
      ok({ data: [] }),
    );
    const { client } = makeClient();

    await client.post('/analytics/raw/incidents', { limit: 1000 });

    expect(received[0].headers.get('content-type')).toBe('application/json');
    await expect(received[0].json()).resolves.toEqual({ limit: 1000 });
  });

  it('honours Retry-After when ratelimit-reset is missing, capped', async () => {
    serve(
      'get',
      '/incidents',
      () => pdError(429, 'Rate Limit Exceeded'),
      () =>
        new HttpResponse(JSON.stringify({ error: {} }), {
          status: 429,
          headers: { 'retry-after': '3600' },
        }),
      () => ok(),
    );
    const { client, sleep } = makeClient(
      {},
      { retry: { maxRateLimitWaitMs: 20_000 } },
    );
    const s = stats();

    await client.get('/incidents', {}, { stats: s });

    // no header: back-off (500ms * 75%); an hour: capped at 20s
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([375, 20_000]);
    expect(s).toEqual({ requests: 3, retries: 2, rateLimitWaitMs: 20_375 });
  });

  it('gives up on 429 after rateLimitRetries', async () => {
    const received = serve('get', '/incidents', () =>
      pdError(429, 'Rate Limit Exceeded'),
    );
    const { client } = makeClient({}, { retry: { rateLimitRetries: 2 } });

    await expect(client.get('/incidents')).rejects.toThrow(
      'PagerDuty account "eu" rate limited (HTTP 429) on GET /incidents (gave up after 3 attempts)',
    );
    expect(received).toHaveLength(3);
  });

  it.each([
    [401, 'PagerDuty account "eu" rejected the token (401) on GET /incidents'],
    [403, 'PagerDuty account "eu" rejected the token (403) on GET /incidents'],
  ])('fails at once on %i', async (status, message) => {
    const received = serve('get', '/incidents', () =>
      pdError(status, 'Unauthorized'),
    );
    const { client, sleep } = makeClient();

    const error = await caught(client.get('/incidents'));

    expect(error).toBeInstanceOf(PagerDutyRequestError);
    expect(error.message).toContain(message);
    expect(error.statusCode).toBe(status);
    expect(received).toHaveLength(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('reports 400 and 404 with PagerDuty error details, redacting the token', async () => {
    serve('get', '/incidents', () =>
      pdError(400, 'Invalid Input Provided', [
        `Offset must be less than 10000`,
        `token ${TOKEN} is odd`,
      ]),
    );
    serve('get', '/services/PX', () => pdError(404, 'Not Found'));
    const { client, logger } = makeClient();

    const bad = await caught(client.get('/incidents'));
    expect(bad.message).toBe(
      'PagerDuty account "eu" rejected GET /incidents (400): Invalid Input Provided (Offset must be less than 10000; token [redacted] is odd)',
    );
    expect(bad.errorCode).toBe(2001);
    await expect(client.get('/services/PX')).rejects.toMatchObject({
      name: 'PagerDutyRequestError',
      statusCode: 404,
    });
    expect(loggedText(logger)).not.toContain(TOKEN);
  });

  it('retries network errors and timeouts', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/incidents`, async () => {
        calls++;
        if (calls === 1) {
          return HttpResponse.error();
        }
        if (calls === 2) {
          await new Promise(resolve => setTimeout(resolve, 500));
        }
        return ok();
      }),
    );
    const { client, logger } = makeClient({ timeoutMs: 50 });

    await expect(client.get('/incidents')).resolves.toEqual({
      incidents: [],
      more: false,
    });
    expect(calls).toBe(3);
    const logged = loggedText(logger);
    expect(logged).toContain('network error on GET /incidents');
    expect(logged).toContain('timed out after 50ms on GET /incidents');
    expect(logged).not.toContain(TOKEN);
  });

  it('retries malformed JSON once', async () => {
    const received = serve(
      'get',
      '/incidents',
      () => new HttpResponse('{"incidents": [', { status: 200 }),
    );
    const { client } = makeClient();

    await expect(client.get('/incidents')).rejects.toThrow(
      'PagerDuty account "eu" answered malformed JSON on GET /incidents (HTTP 200) (gave up after 2 attempts)',
    );
    expect(received).toHaveLength(2);
  });

  it('refuses redirects to another origin and follows same-origin ones', async () => {
    serve(
      'get',
      '/incidents',
      () =>
        new HttpResponse(null, {
          status: 307,
          headers: { location: '/v2/incidents' },
        }),
    );
    serve('get', '/v2/incidents', () => ok({ moved: true }));
    serve(
      'get',
      '/services/P1',
      () =>
        new HttpResponse(null, {
          status: 302,
          headers: { location: 'https://evil.example.com/steal' },
        }),
    );
    const { client } = makeClient();

    await expect(client.get('/incidents')).resolves.toEqual({ moved: true });
    const error = await caught(client.get('/services/P1'));
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(error.message).toBe(
      'PagerDuty account "eu" redirected GET /services/P1 to another origin (https://evil.example.com); refusing to follow it so that the token is not sent elsewhere. Point baseUrl at the final address',
    );
  });

  it('opens the circuit after repeated failures', async () => {
    const received = serve('get', '/incidents', () =>
      pdError(503, 'Service Unavailable'),
    );
    const { client, logger } = makeClient(
      {},
      { retry: { retries: 0 }, circuitBreaker: { failureThreshold: 2 } },
    );

    await expect(client.get('/incidents')).rejects.toThrow('HTTP 503');
    await expect(client.get('/incidents')).rejects.toThrow('HTTP 503');
    expect(client.circuitState).toBe('open');
    await expect(client.get('/incidents')).rejects.toThrow(
      'PagerDuty account "eu" unreachable: circuit open after 2 consecutive failed calls; next attempt in 30s',
    );
    expect(received).toHaveLength(2);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('circuit opened'),
    );
  });

  it('stops when the caller aborts', async () => {
    serve('get', '/incidents', () => pdError(500, 'oops'));
    const controller = new AbortController();
    const { client } = makeClient(
      {},
      {
        sleep: async () => {
          controller.abort(new Error('shutting down'));
          await new Promise(() => {});
        },
      },
    );

    await expect(
      client.get('/incidents', {}, { signal: controller.signal }),
    ).rejects.toThrow('shutting down');
    expect(client.circuitState).toBe('closed');
  });

  it('pages with limit=100 and stops at the 10,000 cap', async () => {
    const received = serve('get', '/incidents', request => {
      const offset = Number(new URL(request.url).searchParams.get('offset'));
      return ok({
        incidents: [{ id: `Q${offset}` }],
        limit: 100,
        offset,
        more: true,
        total: null,
      });
    });
    const { client } = makeClient();

    const { items, capped } = await client.listAll(
      '/incidents',
      'incidents',
      {},
    );

    expect(capped).toBe(true);
    expect(items).toHaveLength(100);
    expect(
      new URL(received[received.length - 1].url).searchParams.get('offset'),
    ).toBe('9900');
    expect(
      received.every(r => new URL(r.url).searchParams.get('limit') === '100'),
    ).toBe(true);
  });

  it('rejects a page without the expected array', async () => {
    serve('get', '/incidents', () => ok({ nope: [] }));
    const { client } = makeClient();

    await expect(
      client.getPage('/incidents', 'incidents', {}, 0),
    ).rejects.toThrow(
      'PagerDuty account "eu" answered an unexpected response on GET /incidents: no "incidents" array',
    );
  });

  it('refuses invalid paths', async () => {
    const { client } = makeClient();
    await expect(client.get('https://evil.example.com/x')).rejects.toThrow(
      TypeError,
    );
    await expect(client.get('/incidents/../users')).rejects.toThrow(TypeError);
  });
});
