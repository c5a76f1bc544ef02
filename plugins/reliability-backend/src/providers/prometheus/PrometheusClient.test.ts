import { InputError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { PrometheusClient, parseRetryAfter } from './PrometheusClient';
import { PrometheusQueryError } from './PrometheusQueryError';
import { UpstreamUnavailableError } from '../http/UpstreamUnavailableError';
import { InstanceClientOptions } from '../http/InstanceHttpClient';
import { mswServer } from '../../__testUtils__/mswServer';
import { catchError, clientKit, logged } from '../../__testUtils__/upstream';

const BASE = 'http://prom.test';
const NOW = Date.parse('2026-03-01T12:00:00Z');
const QUERY = 'sum(rate(http_requests_total{job="checkout-secret-job"}[5m]))';

const server = mswServer();

interface Received {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

type Responder = (
  request: Received,
  index: number,
) => Response | Promise<Response>;

/** Serves `responders` in order (the last one repeats) and records requests. */
function serve(
  method: 'get' | 'post',
  url: string,
  ...responders: Responder[]
): Received[] {
  const received: Received[] = [];
  server.use(
    http[method](url, async ({ request }) => {
      const r: Received = {
        method: request.method,
        url: new URL(request.url),
        headers: request.headers,
        body: await request.text(),
      };
      received.push(r);
      const index = received.length - 1;
      const responder = responders[Math.min(index, responders.length - 1)];
      return responder(r, index);
    }),
  );
  return received;
}

/** Serves `responders` for the instant-query endpoint (see serve). */
const serveQuery = (...responders: Responder[]) =>
  serve('post', `${BASE}/api/v1/query`, ...responders);

/** Answers a redirect with `status` to `location`. */
const redirectTo = (status: number, location: string) => () =>
  new HttpResponse(null, { status, headers: { Location: location } });

/** Answers `body` as `contentType` with `status`. */
const answerText =
  (
    body: string | ReadableStream<Uint8Array>,
    contentType: string,
    status = 200,
  ) =>
  () =>
    new HttpResponse(body, {
      status,
      headers: { 'Content-Type': contentType },
    });

const success = (data: unknown, extra: Record<string, unknown> = {}) =>
  HttpResponse.json({ status: 'success', data, ...extra });

const errorEnvelope = (status: number, errorType: string, error: string) =>
  HttpResponse.json({ status: 'error', errorType, error }, { status });

const vector = (value = '1') =>
  success({
    resultType: 'vector',
    result: [{ metric: { job: 'checkout' }, value: [1767436620, value] }],
  });

const { makeClient, expectNoSecrets, expectConfiguredHeaders } = clientKit(
  PrometheusClient,
  BASE,
  { hidden: ['checkout-secret-job', 'http_requests_total'] },
);

describe('PrometheusClient', () => {
  describe('requests', () => {
    it('POSTs an instant query as a form with the configured headers', async () => {
      const received = serveQuery(() => vector());
      const { client } = makeClient();

      await client.instantQuery(QUERY, {
        time: new Date('2026-01-03T10:37:00.500Z'),
      });

      expect(received).toHaveLength(1);
      const [r] = received;
      expect(r.method).toBe('POST');
      expect(r.url.pathname).toBe('/api/v1/query');
      expect(r.url.search).toBe('');
      expect(r.headers.get('content-type')).toBe(
        'application/x-www-form-urlencoded',
      );
      expectConfiguredHeaders(r.headers);
      expect(r.headers.get('user-agent')).toBe('reliability-kit');
      const form = new URLSearchParams(r.body);
      expect(form.get('query')).toBe(QUERY);
      expect(form.get('time')).toBe('1767436620.5');
      expect([...form.keys()].sort()).toEqual(['query', 'time']);
    });

    it('omits time when not given', async () => {
      const received = serveQuery(() => vector());
      const { client } = makeClient();
      await client.instantQuery('up');
      expect(new URLSearchParams(received[0].body).has('time')).toBe(false);
    });

    it('puts the path prefix between the base URL and /api/v1', async () => {
      const received = serve(
        'post',
        `${BASE}/mimir/prometheus/api/v1/query`,
        () => vector(),
      );
      const { client } = makeClient({
        baseUrl: `${BASE}/mimir`,
        pathPrefix: '/prometheus',
      });
      await client.instantQuery('up');
      expect(received).toHaveLength(1);
    });

    it('POSTs a range query with start, end and an automatic step', async () => {
      const received = serve('post', `${BASE}/api/v1/query_range`, () =>
        success({ resultType: 'matrix', result: [] }),
      );
      const { client } = makeClient();
      const start = new Date('2026-01-01T00:00:00Z');
      const end = new Date('2026-01-31T00:00:00Z');

      const result = await client.rangeQuery(QUERY, { start, end });

      const form = new URLSearchParams(received[0].body);
      expect(form.get('query')).toBe(QUERY);
      expect(form.get('start')).toBe(String(start.getTime() / 1000));
      expect(form.get('end')).toBe(String(end.getTime() / 1000));
      expect(form.get('step')).toBe('300');
      expect(result.step).toBe(300);
    });

    it('sends an explicit step', async () => {
      const received = serve('post', `${BASE}/api/v1/query_range`, () =>
        success({ resultType: 'matrix', result: [] }),
      );
      const { client } = makeClient();
      await client.rangeQuery('up', {
        start: new Date('2026-01-01T00:00:00Z'),
        end: new Date('2026-01-01T01:00:00Z'),
        step: 60,
      });
      expect(new URLSearchParams(received[0].body).get('step')).toBe('60');
    });

    it.each([
      [
        'start after end',
        { start: new Date(2000), end: new Date(1000) },
        /start of a range must be before its end/,
      ],
      [
        'start equal to end',
        { start: new Date(1000), end: new Date(1000) },
        /before its end/,
      ],
      [
        'an invalid date',
        { start: new Date('nope'), end: new Date(1000) },
        /valid date/,
      ],
      [
        'a zero step',
        { start: new Date(0), end: new Date(3_600_000), step: 0 },
        /positive number of seconds/,
      ],
      [
        'a step giving too many points',
        { start: new Date(0), end: new Date(30 * 86_400_000), step: 15 },
        /172801 points per series, more than Prometheus allows \(11000\); use a step of at least 300s/,
      ],
    ])(
      'rejects a range query with %s without a request',
      async (_, options, message) => {
        const { client } = makeClient();
        const error = await catchError(client.rangeQuery('up', options));
        expect(error).toBeInstanceOf(InputError);
        expect(error.message).toMatch(message);
      },
    );

    it('rejects an empty query without a request', async () => {
      const { client } = makeClient();
      await expect(client.instantQuery('  ')).rejects.toThrow(InputError);
    });

    it('GETs rules with type, match[] and exclude_alerts', async () => {
      const received = serve('get', `${BASE}/api/v1/rules`, () =>
        success({ groups: [] }),
      );
      const { client } = makeClient();

      await client.rules({
        type: 'alert',
        matchers: ['{severity="critical"}', '{team="payments"}'],
        excludeAlerts: true,
      });

      const [r] = received;
      expect(r.method).toBe('GET');
      expect(r.url.searchParams.get('type')).toBe('alert');
      expect(r.url.searchParams.getAll('match[]')).toEqual([
        '{severity="critical"}',
        '{team="payments"}',
      ]);
      expect(r.url.searchParams.get('exclude_alerts')).toBe('true');
      expectConfiguredHeaders(r.headers);
    });

    it('rejects an unknown rule type', async () => {
      const { client } = makeClient();
      await expect(client.rules({ type: 'both' as 'alert' })).rejects.toThrow(
        'The rule type must be "alert" or "record", got "both"',
      );
    });
  });

  describe('parsing', () => {
    it('parses a vector with finite and non-finite values and warnings', async () => {
      serveQuery(() =>
        success(
          {
            resultType: 'vector',
            result: [
              { metric: { slo: 'a' }, value: [1767436620.25, '0.999'] },
              { metric: { slo: 'b' }, value: [1767436620, 'NaN'] },
              { metric: { slo: 'c' }, value: [1767436620, '+Inf'] },
              { metric: { slo: 'd' }, value: [1767436620, '-Inf'] },
              { metric: {}, value: [1767436620, '-1.5e-3'] },
            ],
          },
          { warnings: ['PromQL info: metric might not be a counter'] },
        ),
      );
      const { client } = makeClient();

      const result = await client.instantQuery('x');

      expect(result).toEqual({
        resultType: 'vector',
        result: [
          { metric: { slo: 'a' }, timestamp: 1767436620.25, value: 0.999 },
          {
            metric: { slo: 'b' },
            timestamp: 1767436620,
            value: null,
            nonFinite: 'NaN',
          },
          {
            metric: { slo: 'c' },
            timestamp: 1767436620,
            value: null,
            nonFinite: '+Inf',
          },
          {
            metric: { slo: 'd' },
            timestamp: 1767436620,
            value: null,
            nonFinite: '-Inf',
          },
          { metric: {}, timestamp: 1767436620, value: -0.0015 },
        ],
        warnings: ['PromQL info: metric might not be a counter'],
        infos: [],
      });
    });

    it('parses a native histogram sample', async () => {
      serveQuery(() =>
        success({
          resultType: 'vector',
          result: [
            {
              metric: { __name__: 'h' },
              histogram: [
                1767436620,
                { count: '12.5', sum: '42.1', buckets: [[0, '0.5', '1', '5']] },
              ],
            },
          ],
        }),
      );
      const { client } = makeClient();
      const result = await client.instantQuery('h');
      expect(result.resultType === 'vector' && result.result[0]).toEqual({
        metric: { __name__: 'h' },
        timestamp: 1767436620,
        value: null,
        histogram: { count: 12.5, sum: 42.1, buckets: [[0, 0.5, 1, 5]] },
      });
    });

    it('parses a matrix, turning non-finite points into null', async () => {
      serve('post', `${BASE}/api/v1/query_range`, () =>
        success({
          resultType: 'matrix',
          result: [
            {
              metric: { job: 'checkout' },
              values: [
                [1767436320, '1'],
                [1767436620, 'NaN'],
                [1767436920, '+Inf'],
                [1767437220, '0.25'],
              ],
            },
          ],
        }),
      );
      const { client } = makeClient();
      const result = await client.rangeQuery('x', {
        start: new Date(1767436320_000),
        end: new Date(1767437220_000),
        step: 300,
      });
      expect(result).toEqual({
        resultType: 'matrix',
        step: 300,
        result: [
          {
            metric: { job: 'checkout' },
            values: [
              [1767436320, 1],
              [1767436620, null],
              [1767436920, null],
              [1767437220, 0.25],
            ],
          },
        ],
        warnings: [],
        infos: [],
      });
    });

    it.each([
      ['42', { timestamp: 1767436620, value: 42 }],
      ['NaN', { timestamp: 1767436620, value: null, nonFinite: 'NaN' }],
      ['-Inf', { timestamp: 1767436620, value: null, nonFinite: '-Inf' }],
    ])('parses the scalar %s', async (text, expected) => {
      serveQuery(() =>
        success({ resultType: 'scalar', result: [1767436620, text] }),
      );
      const { client } = makeClient();
      const result = await client.instantQuery('scalar(x)');
      expect(result.resultType).toBe('scalar');
      expect(result.result).toEqual(expected);
    });

    it('parses a string result', async () => {
      serveQuery(() =>
        success({ resultType: 'string', result: [1767436620, 'hello'] }),
      );
      const { client } = makeClient();
      const result = await client.instantQuery('"hello"');
      expect(result.result).toEqual({ timestamp: 1767436620, value: 'hello' });
    });

    it('parses rule groups with alerting and recording rules', async () => {
      // the fields of a group that the client passes through as they are
      const group = {
        name: 'slos',
        file: '/etc/prometheus/rules.yml',
        interval: 30,
        limit: 0,
        evaluationTime: 0.0005,
        lastEvaluation: '2026-01-02T13:36:56.874Z',
      };
      serve('get', `${BASE}/api/v1/rules`, () =>
        success({
          groups: [
            {
              ...group,
              rules: [
                {
                  name: 'HighErrorRate',
                  query: 'error_ratio > 0.01',
                  duration: 600,
                  keepFiringFor: 0,
                  labels: { severity: 'page' },
                  annotations: { summary: 'Too many errors' },
                  health: 'ok',
                  state: 'firing',
                  type: 'alerting',
                  alerts: [
                    {
                      labels: { alertname: 'HighErrorRate', severity: 'page' },
                      annotations: { summary: 'Too many errors' },
                      state: 'firing',
                      activeAt: '2026-01-02T13:00:00Z',
                      value: '2.5e-02',
                    },
                  ],
                },
                {
                  name: 'job:error_ratio:rate5m',
                  query: 'sum(rate(errors[5m]))',
                  health: 'err',
                  lastError: 'many-to-many matching not allowed',
                  type: 'recording',
                },
              ],
            },
          ],
        }),
      );
      const { client } = makeClient();

      const result = await client.rules();

      expect(result).toEqual({
        groups: [
          {
            ...group,
            rules: [
              {
                type: 'alerting',
                name: 'HighErrorRate',
                query: 'error_ratio > 0.01',
                labels: { severity: 'page' },
                annotations: { summary: 'Too many errors' },
                health: 'ok',
                state: 'firing',
                duration: 600,
                keepFiringFor: 0,
                alerts: [
                  {
                    labels: { alertname: 'HighErrorRate', severity: 'page' },
                    annotations: { summary: 'Too many errors' },
                    state: 'firing',
                    activeAt: '2026-01-02T13:00:00Z',
                    value: 0.025,
                    valueText: '2.5e-02',
                  },
                ],
              },
              {
                type: 'recording',
                name: 'job:error_ratio:rate5m',
                query: 'sum(rate(errors[5m]))',
                labels: {},
                health: 'err',
                lastError: 'many-to-many matching not allowed',
              },
            ],
          },
        ],
        warnings: [],
        infos: [],
      });
    });

    it.each([
      [
        'an unknown result type',
        { status: 'success', data: { resultType: 'weird', result: [] } },
        /answered an unexpected response on \/api\/v1\/query: data.resultType "weird" is not one of vector, matrix, scalar, string/,
      ],
      [
        'a sample value that is not a number',
        {
          status: 'success',
          data: {
            resultType: 'vector',
            result: [{ metric: {}, value: [1, 'abc'] }],
          },
        },
        /data.result\[0\].value\[1\] is not a number/,
      ],
      [
        'a label value that is not a string',
        {
          status: 'success',
          data: {
            resultType: 'vector',
            result: [{ metric: { a: 1 }, value: [1, '1'] }],
          },
        },
        /data.result\[0\].metric.a is not a string/,
      ],
      [
        'an envelope without status',
        { data: {} },
        /status is neither "success" nor "error"/,
      ],
      ['a JSON array', [1, 2], /the body is not a JSON object/],
    ])('fails clearly on %s without retrying', async (_, body, message) => {
      const received = serveQuery(() => HttpResponse.json(body));
      const { client } = makeClient();
      const error = await catchError(client.instantQuery(QUERY));
      expect(error).toBeInstanceOf(UpstreamUnavailableError);
      expect(error.message).toMatch(message);
      expect(received).toHaveLength(1);
    });

    it('rejects a range query answered with a vector', async () => {
      serve('post', `${BASE}/api/v1/query_range`, () => vector());
      const { client } = makeClient();
      await expect(
        client.rangeQuery('x', { start: new Date(0), end: new Date(60_000) }),
      ).rejects.toThrow('data.resultType is "vector" instead of "matrix"');
    });
  });

  describe('errors and retries', () => {
    it('turns a 400 error envelope into a query error without retrying', async () => {
      const received = serveQuery(() =>
        errorEnvelope(
          400,
          'bad_data',
          '1:5: parse error: unexpected identifier "foo"',
        ),
      );
      const { client, sleep } = makeClient();

      const error = await catchError(client.instantQuery('up foo'));

      expect(error).toBeInstanceOf(PrometheusQueryError);
      expect(error).toBeInstanceOf(InputError);
      expect(error.name).toBe('InputError');
      expect(error.message).toBe(
        'Prometheus "eu-west" rejected the query: bad_data: 1:5: parse error: unexpected identifier "foo"',
      );
      expect((error as PrometheusQueryError).statusCode).toBe(400);
      expect((error as PrometheusQueryError).errorType).toBe('bad_data');
      expect(received).toHaveLength(1);
      expect(sleep).not.toHaveBeenCalled();
    });

    it('reports a 400 without an envelope', async () => {
      serveQuery(answerText('<html>Bad request</html>', 'text/html', 400));
      const { client } = makeClient();
      await expect(client.instantQuery('up')).rejects.toThrow(
        'Prometheus "eu-west" rejected the query: HTTP 400 with a non-JSON text/html body',
      );
    });

    it('retries a 503 and succeeds', async () => {
      const received = serveQuery(
        () => errorEnvelope(503, 'unavailable', 'TSDB not ready'),
        () => vector('0.5'),
      );
      const { client, sleep, logger } = makeClient();

      const result = await client.instantQuery(QUERY);

      expect(result.resultType === 'vector' && result.result[0].value).toBe(
        0.5,
      );
      expect(received).toHaveLength(2);
      expect(sleep).toHaveBeenCalledTimes(1);
      expect(sleep).toHaveBeenCalledWith(250);
      expect(logger.warn).toHaveBeenCalledWith(
        'Prometheus "eu-west" unreachable: HTTP 503 on /api/v1/query: unavailable: TSDB not ready; retrying in 250ms (attempt 2 of 4)',
      );
      expect(client.circuitState).toBe('closed');
    });

    it.each([
      ['delay-seconds', () => '7', 7_000],
      ['an HTTP date', () => new Date(NOW + 3_000).toUTCString(), 3_000],
      ['a date in the past', () => new Date(NOW - 3_000).toUTCString(), 0],
      ['a value above the cap', () => '120', 10_000],
      ['an invalid value (falls back to back-off)', () => 'soon', 250],
    ])(
      'honours Retry-After given as %s on 429',
      async (_, header, expected) => {
        const received = serveQuery(
          () =>
            HttpResponse.json(
              {
                status: 'error',
                errorType: 'too_many_requests',
                error: 'slow down',
              },
              { status: 429, headers: { 'Retry-After': header() } },
            ),
          () => vector(),
        );
        const { client, sleep } = makeClient({}, { now: () => NOW });
        await client.instantQuery('up');
        expect(received).toHaveLength(2);
        expect(sleep).toHaveBeenCalledWith(expected);
      },
    );

    it('honours Retry-After on 503', async () => {
      serveQuery(
        () =>
          new HttpResponse('down for maintenance', {
            status: 503,
            headers: { 'Retry-After': '2', 'Content-Type': 'text/plain' },
          }),
        () => vector(),
      );
      const { client, sleep } = makeClient();
      await client.instantQuery('up');
      expect(sleep.mock.calls).toEqual([[2_000]]);
    });

    it('gives up on a persistent 500 after the retries with a clear, secret-free message', async () => {
      const received = serveQuery(() => errorEnvelope(500, 'internal', 'boom'));
      const { client, sleep, logger } = makeClient();

      const error = await catchError(client.instantQuery(QUERY));

      expect(error).toBeInstanceOf(UpstreamUnavailableError);
      expect(error.message).toBe(
        'Prometheus "eu-west" unreachable: HTTP 500 on /api/v1/query: internal: boom (gave up after 4 attempts)',
      );
      expect((error as UpstreamUnavailableError).upstream).toBe('eu-west');
      expect((error as UpstreamUnavailableError).retryable).toBe(true);
      expect(received).toHaveLength(4);
      // exponential back-off: 250, 500, 1000 (jitter pinned by random = 1)
      expect(sleep.mock.calls).toEqual([[250], [500], [1000]]);
      expectNoSecrets(error.message);
      expectNoSecrets(String(error.stack));
      expectNoSecrets(logged(logger));
      expect(logger.warn).toHaveBeenCalledTimes(3);
    });

    it('jitters the back-off between half and all of the exponential delay and caps it', async () => {
      serveQuery(() => errorEnvelope(500, 'internal', 'boom'));
      const { client, sleep } = makeClient(
        {},
        {
          random: () => 0,
          retry: { retries: 6, baseDelayMs: 1000, maxDelayMs: 5000 },
        },
      );
      await expect(client.instantQuery('up')).rejects.toThrow(
        'gave up after 7 attempts',
      );
      expect(sleep.mock.calls.map(c => c[0])).toEqual([
        500, 1000, 2000, 2500, 2500, 2500,
      ]);
    });

    it('retries a network error and names its code', async () => {
      const fetchImpl = jest.fn(async () => {
        throw new TypeError('fetch failed', {
          cause: Object.assign(
            new Error('connect ECONNREFUSED 10.0.0.1:9090'),
            {
              code: 'ECONNREFUSED',
            },
          ),
        });
      });
      const { client, logger } = makeClient(
        {},
        { fetchImpl: fetchImpl as unknown as typeof fetch },
      );
      const error = await catchError(client.instantQuery(QUERY));
      expect(error).toBeInstanceOf(UpstreamUnavailableError);
      expect(error.message).toMatch(
        /^Prometheus "eu-west" unreachable: network error on \/api\/v1\/query \(ECONNREFUSED\) \(gave up after 4 attempts\)/,
      );
      expect(fetchImpl).toHaveBeenCalledTimes(4);
      expectNoSecrets(error.message);
      expectNoSecrets(logged(logger));
    });

    it('times out a request that does not answer in time', async () => {
      const received = serveQuery(async () => {
        await new Promise(resolve => setTimeout(resolve, 400));
        return vector();
      });
      const { client } = makeClient(
        { timeoutMs: 50 },
        { retry: { retries: 1 } },
      );
      const started = Date.now();

      const error = await catchError(client.instantQuery(QUERY));

      expect(error).toBeInstanceOf(UpstreamUnavailableError);
      expect(error.message).toBe(
        'Prometheus "eu-west" unreachable: timed out after 50ms on /api/v1/query (gave up after 2 attempts)',
      );
      expect(received).toHaveLength(2);
      expect(Date.now() - started).toBeLessThan(350);
    });

    it('does not retry when the caller aborts', async () => {
      const received = serveQuery(async () => {
        await new Promise(resolve => setTimeout(resolve, 300));
        return vector();
      });
      const { client, sleep, logger } = makeClient();
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 20);

      const error = await catchError(
        client.instantQuery('up', { signal: controller.signal }),
      );

      expect(error.name).toBe('AbortError');
      expect(received).toHaveLength(1);
      expect(sleep).not.toHaveBeenCalled();
      expect(logger.warn).not.toHaveBeenCalled();
      expect(client.circuitState).toBe('closed');
    });

    it('stops waiting for a retry when the caller aborts', async () => {
      const received = serveQuery(() =>
        errorEnvelope(503, 'unavailable', 'not ready'),
      );
      const controller = new AbortController();
      const { client } = makeClient(
        {},
        {
          sleep: () => {
            controller.abort();
            return new Promise(() => {});
          },
        },
      );
      const error = await catchError(
        client.instantQuery('up', { signal: controller.signal }),
      );
      expect(error.name).toBe('AbortError');
      expect(received).toHaveLength(1);
    });

    it('fails at once for an already aborted signal', async () => {
      const received = serveQuery(() => vector());
      const { client } = makeClient();
      const error = await catchError(
        client.instantQuery('up', { signal: AbortSignal.abort() }),
      );
      expect(error.name).toBe('AbortError');
      expect(received).toHaveLength(0);
    });

    it.each<
      [string, Responder, Partial<InstanceClientOptions>, string, number]
    >([
      [
        'turns a 422 execution error into a query error without retrying',
        () =>
          errorEnvelope(
            422,
            'execution',
            'query processing would load too many samples into memory',
          ),
        {},
        'Prometheus "eu-west" rejected the query: execution: query processing would load too many samples into memory',
        1,
      ],
      [
        'retries malformed JSON once, then fails clearly',
        answerText(
          '{"status":"success","data":{"resultType":',
          'application/json',
        ),
        {},
        'Prometheus "eu-west" answered malformed JSON on /api/v1/query (HTTP 200) (gave up after 2 attempts)',
        2,
      ],
      [
        'retries an HTML 502 page from a proxy and reports it without its content',
        answerText(
          '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>',
          'text/html; charset=utf-8',
          502,
        ),
        { retry: { retries: 2 } },
        'Prometheus "eu-west" unreachable: HTTP 502 on /api/v1/query with a non-JSON text/html body (gave up after 3 attempts)',
        3,
      ],
      [
        'does not retry an HTML page answered with 200',
        answerText('<html>Sign in</html>', 'text/html'),
        {},
        'Prometheus "eu-west" answered HTTP 200 with a non-JSON text/html body on /api/v1/query; check that baseUrl and pathPrefix point at the Prometheus API',
        1,
      ],
    ])('%s', async (_, responder, options, message, requests) => {
      const received = serveQuery(responder);
      const { client } = makeClient({}, options);
      const error = await catchError(client.instantQuery(QUERY));
      expect(error).toBeInstanceOf(
        message.includes('rejected the query')
          ? PrometheusQueryError
          : UpstreamUnavailableError,
      );
      expect(error.message).toBe(message);
      expect(received).toHaveLength(requests);
    });

    it('recovers when malformed JSON is followed by a good answer', async () => {
      const received = serveQuery(
        answerText('{"status":', 'application/json'),
        () => vector(),
      );
      const { client } = makeClient();
      await expect(client.instantQuery('up')).resolves.toMatchObject({
        resultType: 'vector',
      });
      expect(received).toHaveLength(2);
    });

    it.each([
      [
        401,
        /refused access with HTTP 401 on \/api\/v1\/query; check the configured headers/,
      ],
      [403, /refused access with HTTP 403/],
      [
        404,
        /answered HTTP 404 on \/api\/v1\/query; check baseUrl and pathPrefix/,
      ],
      [501, /answered HTTP 501 on \/api\/v1\/query/],
    ])('does not retry HTTP %s', async (status, message) => {
      const received = serveQuery(() => new HttpResponse('nope', { status }));
      const { client } = makeClient();
      const error = await catchError(client.instantQuery(QUERY));
      expect(error).toBeInstanceOf(UpstreamUnavailableError);
      expect((error as UpstreamUnavailableError).retryable).toBe(false);
      expect(error.message).toMatch(message);
      expectNoSecrets(error.message);
      expect(received).toHaveLength(1);
    });

    it('refuses responses larger than the limit', async () => {
      serveQuery(() =>
        success({ resultType: 'string', result: [1, 'x'.repeat(2_000)] }),
      );
      const { client } = makeClient({}, { maxResponseBytes: 1_000 });
      await expect(client.instantQuery('up')).rejects.toThrow(
        'Prometheus "eu-west" answered more than 1000 bytes on /api/v1/query',
      );
    });
  });

  it('refuses streamed responses that grow beyond the limit', async () => {
    serveQuery(() => {
      const chunk = new TextEncoder().encode('x'.repeat(400));
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          sent += 1;
          if (sent > 10) {
            controller.close();
          } else {
            controller.enqueue(chunk);
          }
        },
      });
      return new HttpResponse(stream, {
        headers: { 'Content-Type': 'application/json' },
      });
    });
    const { client } = makeClient({}, { maxResponseBytes: 1_000 });
    const error = await catchError(client.instantQuery('up'));
    expect(error.message).toBe(
      'Prometheus "eu-west" answered more than 1000 bytes on /api/v1/query; narrow the query or use a larger step',
    );
    expect((error as UpstreamUnavailableError).retryable).toBe(false);
  });

  describe('redirects', () => {
    it('follows a same-origin 307, re-sending method, body and headers', async () => {
      const first = serveQuery(redirectTo(307, '/prometheus/api/v1/query'));
      const second = serve('post', `${BASE}/prometheus/api/v1/query`, () =>
        vector(),
      );
      const { client } = makeClient();

      await client.instantQuery(QUERY);

      expect(first).toHaveLength(1);
      expect(second).toHaveLength(1);
      expect(new URLSearchParams(second[0].body).get('query')).toBe(QUERY);
      expectConfiguredHeaders(second[0].headers);
    });

    it('follows a same-origin 302 for a GET', async () => {
      serve(
        'get',
        `${BASE}/api/v1/rules`,
        () =>
          new HttpResponse(null, {
            status: 302,
            headers: { Location: `${BASE}/v2/api/v1/rules?type=alert` },
          }),
      );
      const second = serve('get', `${BASE}/v2/api/v1/rules`, () =>
        success({ groups: [] }),
      );
      const { client } = makeClient();
      await expect(client.rules({ type: 'alert' })).resolves.toMatchObject({
        groups: [],
      });
      expect(second).toHaveLength(1);
    });

    it.each([
      ['another host', 'http://evil.test/api/v1/query'],
      ['another port', 'http://prom.test:8080/api/v1/query'],
      ['another scheme', 'https://prom.test/api/v1/query'],
    ])('refuses a redirect to %s and sends it nothing', async (_, location) => {
      serveQuery(redirectTo(307, location));
      const elsewhere = serve('post', location, () => vector());
      const { client, logger } = makeClient();

      const error = await catchError(client.instantQuery(QUERY));

      expect(error).toBeInstanceOf(UpstreamUnavailableError);
      expect(error.message).toMatch(
        /^Prometheus "eu-west" redirected \/api\/v1\/query to another origin \(.+\); refusing to follow it/,
      );
      expect((error as UpstreamUnavailableError).retryable).toBe(false);
      expect(elsewhere).toHaveLength(0);
      // the message names the other origin, never a path or query
      expect(error.message).not.toContain('/api/v1/query)');
      expectNoSecrets(error.message, { allowBase: true });
      expectNoSecrets(logged(logger));
    });

    it('refuses a 303 that would turn a POST into a GET', async () => {
      serveQuery(redirectTo(303, '/other'));
      const { client } = makeClient();
      await expect(client.instantQuery('up')).rejects.toThrow(
        'redirected /api/v1/query with HTTP 303, which would turn the POST into a GET',
      );
    });

    it('gives up after 3 redirects', async () => {
      const received = serve('post', `${BASE}/loop`, redirectTo(308, '/loop'));
      serveQuery(redirectTo(308, '/loop'));
      const { client } = makeClient();
      await expect(client.instantQuery('up')).rejects.toThrow(
        'Prometheus "eu-west" redirected more than 3 times on /api/v1/query',
      );
      expect(received).toHaveLength(3);
    });
  });

  describe('circuit breaker', () => {
    it('opens after 5 failed calls, fails fast, and closes after a successful trial', async () => {
      let healthy = false;
      const received = serveQuery(() =>
        healthy ? vector() : errorEnvelope(500, 'internal', 'boom'),
      );
      let now = NOW;
      const { client, logger } = makeClient(
        {},
        { retry: { retries: 0 }, now: () => now },
      );

      for (let i = 0; i < 5; i++) {
        await expect(client.instantQuery('up')).rejects.toThrow('HTTP 500');
      }
      expect(received).toHaveLength(5);
      expect(client.circuitState).toBe('open');
      expect(logger.warn).toHaveBeenCalledWith(
        'Prometheus "eu-west" circuit opened after 5 consecutive failed calls; failing fast for 30s',
      );

      const error = await catchError(client.instantQuery('up'));
      expect(error).toBeInstanceOf(UpstreamUnavailableError);
      expect(error.message).toBe(
        'Prometheus "eu-west" unreachable: circuit open after 5 consecutive failed calls; next attempt in 30s',
      );
      expect((error as UpstreamUnavailableError).retryAfterMs).toBe(30_000);
      expect(received).toHaveLength(5);

      now += 29_999;
      await expect(client.instantQuery('up')).rejects.toThrow('circuit open');
      expect(received).toHaveLength(5);

      now += 1;
      healthy = true;
      expect(client.circuitState).toBe('half-open');
      await expect(client.instantQuery('up')).resolves.toMatchObject({
        resultType: 'vector',
      });
      expect(received).toHaveLength(6);
      expect(client.circuitState).toBe('closed');
    });

    it('re-opens for twice as long when the half-open trial fails, trying it once', async () => {
      const received = serveQuery(() =>
        errorEnvelope(503, 'unavailable', 'down'),
      );
      let now = NOW;
      const { client, sleep } = makeClient({}, { now: () => now });

      for (let i = 0; i < 5; i++) {
        await expect(client.instantQuery('up')).rejects.toThrow('HTTP 503');
      }
      expect(received).toHaveLength(20); // 5 calls of 4 attempts
      sleep.mockClear();

      now += 30_000;
      await expect(client.instantQuery('up')).rejects.toThrow(
        'Prometheus "eu-west" unreachable: HTTP 503 on /api/v1/query: unavailable: down',
      );
      expect(received).toHaveLength(21); // the trial makes one attempt
      expect(sleep).not.toHaveBeenCalled();
      expect(client.circuitState).toBe('open');

      now += 59_999;
      await expect(client.instantQuery('up')).rejects.toThrow(
        'next attempt in 1s',
      );
      now += 1;
      expect(client.circuitState).toBe('half-open');
    });

    it('does not count rejected queries as failures', async () => {
      const received = serveQuery(() =>
        errorEnvelope(400, 'bad_data', 'parse error'),
      );
      const { client } = makeClient();
      for (let i = 0; i < 7; i++) {
        await expect(client.instantQuery('up')).rejects.toThrow(
          PrometheusQueryError,
        );
      }
      expect(received).toHaveLength(7);
      expect(client.circuitState).toBe('closed');
    });
  });
});

describe('parseRetryAfter', () => {
  it.each([
    [null, undefined],
    ['', undefined],
    ['0', 0],
    ['5', 5_000],
    [' 12 ', 12_000],
    ['-1', undefined],
    ['1.5', undefined],
    ['Sun, 01 Mar 2026 12:00:10 GMT', 10_000],
    ['Sun, 01 Mar 2026 11:59:00 GMT', 0],
    ['tomorrow', undefined],
  ])('parses %p as %p', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});
