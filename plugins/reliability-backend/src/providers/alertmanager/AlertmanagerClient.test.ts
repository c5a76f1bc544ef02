import { InputError } from '@backstage/errors';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync } from 'fs';
import { delay, http, HttpResponse } from 'msw';
import { dirname, join, resolve } from 'path';
import { parse as parseYaml } from 'yaml';
import { LabelMatcher } from '../prometheus';
import { UpstreamUnavailableError } from '../http/UpstreamUnavailableError';
import { AlertmanagerClient } from './AlertmanagerClient';
import { formatAlertmanagerMatcher } from './formatAlertmanagerMatcher';
import { mswServer } from '../../__testUtils__/mswServer';
import { catchError, clientKit, logged } from '../../__testUtils__/upstream';
import { checkoutDownAlert } from '../../integration/alertmanagerFixtures';

// Requests and canned responses are checked against Alertmanager's own API
// description (api/v2/openapi.yaml of prometheus/alertmanager, Swagger 2.0),
// committed unmodified in the repository's specs/ folder (specs/README.md).

const BASE = 'http://am.test';
const NOW = Date.parse('2026-03-01T12:00:00Z');

// ------------------------------------------------------------ the contract

function findSpec(): string {
  const file = 'alertmanager-api-v2-openapi.yaml';
  let dir = __dirname;
  while (!existsSync(join(dir, 'backstage.json'))) {
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error('cannot find the repository root (backstage.json)');
    }
    dir = parent;
  }
  return resolve(dir, 'specs', file);
}

const spec = parseYaml(readFileSync(findSpec(), 'utf8'));
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: 'alertmanager', definitions: spec.definitions });

/** Validates a body against a definition of the spec; returns the errors. */
function contractErrors(definition: string, body: unknown): string[] {
  const validate = ajv.getSchema(`alertmanager#/definitions/${definition}`);
  if (!validate) {
    throw new Error(`no definition ${definition} in the spec`);
  }
  return validate(body) ? [] : ajv.errorsText(validate.errors).split(', ');
}

/**
 * Checks a request's query string against the parameters the spec declares
 * for the operation: known names only, booleans as true/false, repeated
 * values only for `collectionFormat: multi` arrays.
 */
function queryErrors(apiPath: string, url: URL): string[] {
  const operation = spec.paths[apiPath]?.get;
  if (!operation) {
    return [`no GET ${apiPath} in the spec`];
  }
  const params = new Map<string, any>();
  for (const p of operation.parameters ?? []) {
    const param = p.$ref
      ? spec.parameters[p.$ref.replace('#/parameters/', '')]
      : p;
    if (param.in === 'query') {
      params.set(param.name, param);
    }
  }
  const errors: string[] = [];
  for (const name of new Set(url.searchParams.keys())) {
    const param = params.get(name);
    const values = url.searchParams.getAll(name);
    if (!param) {
      errors.push(`unknown query parameter ${name}`);
    } else if (param.type === 'boolean') {
      if (values.length !== 1 || !['true', 'false'].includes(values[0])) {
        errors.push(`${name} must be one boolean, got ${values}`);
      }
    } else if (param.type === 'array') {
      if (param.collectionFormat !== 'multi' && values.length > 1) {
        errors.push(`${name} cannot repeat`);
      }
    } else if (values.length > 1) {
      errors.push(`${name} cannot repeat`);
    }
  }
  return errors;
}

// ------------------------------------------------------------- the double

const server = mswServer();

interface Received {
  url: URL;
  headers: Headers;
}

type Responder = (
  request: Received,
  index: number,
) => Response | Promise<Response>;

function serve(path: string, ...responders: Responder[]): Received[] {
  const received: Received[] = [];
  server.use(
    http.get(`${BASE}${path}`, async ({ request }) => {
      const r = { url: new URL(request.url), headers: request.headers };
      received.push(r);
      const index = received.length - 1;
      return responders[Math.min(index, responders.length - 1)](r, index);
    }),
  );
  return received;
}

/** A gettableAlert as Alertmanager sends it. */
function gettableAlert(
  labels: Record<string, string>,
  options: {
    annotations?: Record<string, string>;
    state?: 'active' | 'suppressed' | 'unprocessed';
    silencedBy?: string[];
    inhibitedBy?: string[];
    startsAt?: string;
  } = {},
) {
  return {
    labels,
    annotations: options.annotations ?? {},
    receivers: [{ name: 'null' }],
    fingerprint: `fp-${Object.values(labels).join('-')}`,
    startsAt: options.startsAt ?? '2026-03-01T11:00:00.000Z',
    updatedAt: '2026-03-01T11:59:00.000Z',
    endsAt: '2026-03-01T12:05:00.000Z',
    generatorURL: 'http://prometheus.test/graph?g0.expr=up',
    status: {
      state: options.state ?? 'active',
      silencedBy: options.silencedBy ?? [],
      inhibitedBy: options.inhibitedBy ?? [],
      mutedBy: [],
    },
  };
}

const ALERTS = [
  gettableAlert(
    { alertname: 'CheckoutDown', service: 'checkout', severity: 'page' },
    {
      annotations: {
        summary: 'Checkout is down',
        runbook_url: 'https://runbooks.example.com/checkout/down',
      },
      startsAt: '2026-03-01T11:30:00.000Z',
    },
  ),
  gettableAlert(
    { alertname: 'CheckoutHighLatency', service: 'checkout' },
    {
      annotations: { summary: '  ', runbook_url: '' },
      state: 'suppressed',
      silencedBy: ['7d7b5c1e-5b2f-4d6a-9a51-0f4f1f5e8a11'],
    },
  ),
  gettableAlert(
    {
      alertname: 'CheckoutErrorBudgetBurn',
      service: 'checkout',
      severity: 'critical',
    },
    { state: 'suppressed', inhibitedBy: ['fp-source'] },
  ),
  gettableAlert(
    { alertname: 'CheckoutQueueBacklog', service: 'checkout' },
    { state: 'unprocessed', startsAt: '2026-03-01T11:00:00.000Z' },
  ),
];

const SILENCES = [
  {
    id: '7d7b5c1e-5b2f-4d6a-9a51-0f4f1f5e8a11',
    status: { state: 'active' },
    updatedAt: '2026-03-01T10:00:00.000Z',
    annotations: {},
    matchers: [
      { name: 'alertname', value: 'CheckoutHighLatency', isRegex: false },
      { name: 'env', value: 'staging|dev', isRegex: true, isEqual: false },
    ],
    startsAt: '2026-03-01T10:00:00.000Z',
    endsAt: '2026-03-01T14:00:00.000Z',
    createdBy: 'jane',
    comment: 'deploy window',
  },
  {
    id: '0b7c1f33-1f6e-4b9e-8d4e-6c3e6d2b9a00',
    status: { state: 'expired' },
    updatedAt: '2026-02-01T10:00:00.000Z',
    annotations: {},
    matchers: [{ name: 'service', value: 'checkout', isRegex: false }],
    startsAt: '2026-02-01T09:00:00.000Z',
    endsAt: '2026-02-01T10:00:00.000Z',
    createdBy: 'joe',
    comment: 'maintenance',
  },
];

const { makeClient, expectNoSecrets, expectConfiguredHeaders } = clientKit(
  AlertmanagerClient,
  BASE,
  { hidden: ['checkout-secret'], options: { now: () => NOW } },
);

const checkout: LabelMatcher[] = [
  { name: 'service', operator: '=', value: 'checkout' },
];

// ------------------------------------------------------------------- tests

describe('the canned responses', () => {
  it('follow the Alertmanager API description', () => {
    expect(contractErrors('gettableAlerts', ALERTS)).toEqual([]);
    expect(contractErrors('gettableSilences', SILENCES)).toEqual([]);
    // and the validator does catch a broken alert
    expect(
      contractErrors('gettableAlerts', [{ ...ALERTS[0], status: {} }]),
    ).not.toEqual([]);
  });
});

describe('formatAlertmanagerMatcher', () => {
  it.each<[LabelMatcher, string]>([
    [
      { name: 'service', operator: '=', value: 'checkout' },
      'service="checkout"',
    ],
    [
      { name: 'env', operator: '=~', value: 'prod|staging' },
      'env=~"prod|staging"',
    ],
    [{ name: 'team', operator: '!=', value: '' }, 'team!=""'],
    [{ name: 'x', operator: '!~', value: 'a.*' }, 'x!~"a.*"'],
    [
      { name: 'msg', operator: '=', value: 'say "hi"\\now\nnext\tcol' },
      'msg="say \\"hi\\"\\\\now\\nnext\tcol"',
    ],
  ])('formats %j as %s', (matcher, expected) => {
    expect(formatAlertmanagerMatcher(matcher)).toBe(expected);
  });

  it('rejects invalid names and operators', () => {
    expect(() =>
      formatAlertmanagerMatcher({ name: '1x', operator: '=', value: '' }),
    ).toThrow(InputError);
    expect(() =>
      formatAlertmanagerMatcher({
        name: 'x',
        operator: '==' as LabelMatcher['operator'],
        value: '',
      }),
    ).toThrow(/operator/);
  });
});

describe('AlertmanagerClient', () => {
  describe('listAlerts', () => {
    it('GETs /api/v2/alerts with one filter per matcher and the configured headers', async () => {
      const received = serve('/api/v2/alerts', () => HttpResponse.json([]));
      const { client } = makeClient();

      await client.listAlerts({
        matchers: [
          ...checkout,
          { name: 'env', operator: '=~', value: 'prod|staging' },
          { name: 'msg', operator: '!=', value: 'a "b" \\ c' },
        ],
      });

      expect(received).toHaveLength(1);
      const [r] = received;
      expect(r.url.pathname).toBe('/api/v2/alerts');
      expect(r.url.searchParams.getAll('filter')).toEqual([
        'service="checkout"',
        'env=~"prod|staging"',
        'msg!="a \\"b\\" \\\\ c"',
      ]);
      expect([...new Set(r.url.searchParams.keys())]).toEqual(['filter']);
      expect(queryErrors('/alerts', r.url)).toEqual([]);
      expectConfiguredHeaders(r.headers);
      expect(r.headers.get('accept')).toBe('application/json');
      expect(r.headers.get('user-agent')).toBe('reliability-kit');
    });

    it('sends active, silenced, inhibited and unprocessed only when set', async () => {
      const received = serve('/api/v2/alerts', () => HttpResponse.json([]));
      const { client } = makeClient();

      await client.listAlerts({
        matchers: checkout,
        active: true,
        silenced: false,
        inhibited: false,
        unprocessed: true,
      });

      const { searchParams } = received[0].url;
      expect(searchParams.get('active')).toBe('true');
      expect(searchParams.get('silenced')).toBe('false');
      expect(searchParams.get('inhibited')).toBe('false');
      expect(searchParams.get('unprocessed')).toBe('true');
      expect(queryErrors('/alerts', received[0].url)).toEqual([]);
    });

    it('lists every alert without matchers', async () => {
      const received = serve('/api/v2/alerts', () => HttpResponse.json([]));
      const { client } = makeClient();
      await client.listAlerts({ matchers: [] });
      expect(received[0].url.search).toBe('');
    });

    it('puts the path prefix between the base URL and /api/v2', async () => {
      const received = serve('/mimir/alertmanager/api/v2/alerts', () =>
        HttpResponse.json([]),
      );
      const { client } = makeClient({
        baseUrl: `${BASE}/mimir`,
        pathPrefix: '/alertmanager',
      });
      await client.listAlerts({ matchers: checkout });
      expect(received).toHaveLength(1);
    });

    it('maps alerts to firing alerts, sorted by start, then name', async () => {
      serve('/api/v2/alerts', () => HttpResponse.json(ALERTS));
      const { client } = makeClient();

      const alerts = await client.listAlerts({ matchers: checkout });

      expect(alerts).toEqual([
        {
          name: 'CheckoutErrorBudgetBurn',
          severity: 'critical',
          startsAt: '2026-03-01T11:00:00.000Z',
          // inhibited: suppressed, but by no silence
          state: 'suppressed',
          silencedBy: [],
          labels: {
            alertname: 'CheckoutErrorBudgetBurn',
            service: 'checkout',
            severity: 'critical',
          },
        },
        {
          name: 'CheckoutHighLatency',
          startsAt: '2026-03-01T11:00:00.000Z',
          state: 'suppressed',
          silencedBy: ['7d7b5c1e-5b2f-4d6a-9a51-0f4f1f5e8a11'],
          labels: { alertname: 'CheckoutHighLatency', service: 'checkout' },
        },
        {
          name: 'CheckoutQueueBacklog',
          startsAt: '2026-03-01T11:00:00.000Z',
          state: 'unprocessed',
          silencedBy: [],
          labels: { alertname: 'CheckoutQueueBacklog', service: 'checkout' },
        },
        checkoutDownAlert('2026-03-01T11:30:00.000Z'),
      ]);
    });

    it('accepts alerts of servers older than the description (no mutedBy, no inhibitedBy)', async () => {
      const old = ALERTS[0] as any;
      serve('/api/v2/alerts', () =>
        HttpResponse.json([
          { ...old, status: { state: 'active', silencedBy: [] } },
        ]),
      );
      const { client } = makeClient();
      const [alert] = await client.listAlerts({ matchers: checkout });
      expect(alert.state).toBe('active');
    });

    it('rejects invalid matchers and flags without a request', async () => {
      const received = serve('/api/v2/alerts', () => HttpResponse.json([]));
      const { client } = makeClient();
      await expect(
        client.listAlerts({
          matchers: [{ name: 'bad-name', operator: '=', value: 'x' }],
        }),
      ).rejects.toThrow(InputError);
      await expect(
        client.listAlerts({ matchers: checkout, active: 'yes' as any }),
      ).rejects.toThrow(/active must be a boolean/);
      expect(received).toHaveLength(0);
    });
  });

  describe('listSilences', () => {
    it('GETs /api/v2/silences and maps them, sorted by start', async () => {
      const received = serve('/api/v2/silences', () =>
        HttpResponse.json(SILENCES),
      );
      const { client } = makeClient();

      const silences = await client.listSilences({ matchers: checkout });

      expect(received[0].url.searchParams.getAll('filter')).toEqual([
        'service="checkout"',
      ]);
      expect(queryErrors('/silences', received[0].url)).toEqual([]);
      expect(silences).toEqual([
        {
          id: '0b7c1f33-1f6e-4b9e-8d4e-6c3e6d2b9a00',
          state: 'expired',
          matchers: [
            {
              name: 'service',
              value: 'checkout',
              isRegex: false,
              isEqual: true,
            },
          ],
          startsAt: '2026-02-01T09:00:00.000Z',
          endsAt: '2026-02-01T10:00:00.000Z',
          updatedAt: '2026-02-01T10:00:00.000Z',
          createdBy: 'joe',
          comment: 'maintenance',
        },
        {
          id: '7d7b5c1e-5b2f-4d6a-9a51-0f4f1f5e8a11',
          state: 'active',
          matchers: [
            {
              name: 'alertname',
              value: 'CheckoutHighLatency',
              isRegex: false,
              isEqual: true,
            },
            {
              name: 'env',
              value: 'staging|dev',
              isRegex: true,
              isEqual: false,
            },
          ],
          startsAt: '2026-03-01T10:00:00.000Z',
          endsAt: '2026-03-01T14:00:00.000Z',
          updatedAt: '2026-03-01T10:00:00.000Z',
          createdBy: 'jane',
          comment: 'deploy window',
        },
      ]);
    });

    it('sends no query without matchers', async () => {
      const received = serve('/api/v2/silences', () => HttpResponse.json([]));
      const { client } = makeClient();
      await client.listSilences();
      expect(received[0].url.search).toBe('');
    });
  });

  describe('errors', () => {
    it('fails at once with an InputError when Alertmanager rejects the request', async () => {
      const received = serve('/api/v2/alerts', () =>
        HttpResponse.json('bad matcher format: service=~"(" ', {
          status: 400,
        }),
      );
      const { client, sleep } = makeClient();

      const error = await catchError(client.listAlerts({ matchers: checkout }));

      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toBe(
        'Alertmanager "eu-west" rejected the request on /api/v2/alerts: bad matcher format: service=~"("',
      );
      expect(received).toHaveLength(1);
      expect(sleep).not.toHaveBeenCalled();
      expect(client.circuitState).toBe('closed');
    });

    it('retries 5xx with exponential back-off, then succeeds', async () => {
      const received = serve(
        '/api/v2/alerts',
        () => HttpResponse.json('internal error', { status: 500 }),
        () => new HttpResponse('bad gateway', { status: 502 }),
        () => HttpResponse.json([ALERTS[0]]),
      );
      const { client, sleep, logger } = makeClient();

      const alerts = await client.listAlerts({ matchers: checkout });

      expect(alerts).toHaveLength(1);
      expect(received).toHaveLength(3);
      expect(sleep.mock.calls.map(c => c[0])).toEqual([250, 500]);
      expect(logger.warn).toHaveBeenCalledWith(
        'Alertmanager "eu-west" unreachable: HTTP 500 on /api/v2/alerts: internal error; retrying in 250ms (attempt 2 of 4)',
      );
      expectNoSecrets(logged(logger));
    });

    it('honours Retry-After on 429 and 503, capped', async () => {
      serve(
        '/api/v2/alerts',
        () =>
          new HttpResponse(null, {
            status: 429,
            headers: { 'Retry-After': '2' },
          }),
        () =>
          new HttpResponse(null, {
            status: 503,
            headers: { 'Retry-After': '3600' },
          }),
        () => HttpResponse.json([]),
      );
      const { client, sleep } = makeClient();
      await client.listAlerts({ matchers: checkout });
      expect(sleep.mock.calls.map(c => c[0])).toEqual([2_000, 10_000]);
    });

    it('gives up after the retries with an UpstreamUnavailableError without secrets', async () => {
      const received = serve('/api/v2/alerts', () =>
        HttpResponse.json('boom', { status: 503 }),
      );
      const { client, logger } = makeClient();

      const error = await catchError(
        client.listAlerts({
          matchers: [{ name: 'job', operator: '=', value: 'checkout-secret' }],
        }),
      );

      expect(error).toBeInstanceOf(UpstreamUnavailableError);
      expect(error.message).toBe(
        'Alertmanager "eu-west" unreachable: HTTP 503 on /api/v2/alerts: boom (gave up after 4 attempts)',
      );
      expect((error as UpstreamUnavailableError).retryable).toBe(true);
      expect((error as UpstreamUnavailableError).upstream).toBe('eu-west');
      expect(received).toHaveLength(4);
      expectNoSecrets(`${error.message}\n${error.stack}\n${logged(logger)}`);
    });

    it('retries network errors', async () => {
      serve(
        '/api/v2/alerts',
        () => HttpResponse.error(),
        () => HttpResponse.json([]),
      );
      const { client, logger } = makeClient();
      await expect(client.listAlerts({ matchers: checkout })).resolves.toEqual(
        [],
      );
      expect(logged(logger)).toContain('network error on /api/v2/alerts');
    });

    it('times out slow answers and retries them', async () => {
      const received = serve(
        '/api/v2/alerts',
        async () => {
          await delay(500);
          return HttpResponse.json([]);
        },
        () => HttpResponse.json([]),
      );
      const { client, logger } = makeClient({ timeoutMs: 50 });
      await client.listAlerts({ matchers: checkout });
      expect(received).toHaveLength(2);
      expect(logged(logger)).toContain('timed out after 50ms');
    });

    it.each([
      [
        401,
        /refused access with HTTP 401 on \/api\/v2\/alerts; check the configured headers/,
      ],
      [403, /refused access with HTTP 403/],
      [404, /HTTP 404 on \/api\/v2\/alerts; check baseUrl and pathPrefix/],
    ])('does not retry HTTP %i', async (status, message) => {
      const received = serve(
        '/api/v2/alerts',
        () => new HttpResponse(null, { status }),
      );
      const { client } = makeClient();
      const error = await catchError(client.listAlerts({ matchers: checkout }));
      expect(error).toBeInstanceOf(UpstreamUnavailableError);
      expect(error.message).toMatch(message);
      expect((error as UpstreamUnavailableError).retryable).toBe(false);
      expect(received).toHaveLength(1);
      expectNoSecrets(error.message);
    });

    it('follows a redirect within the origin, keeping the headers', async () => {
      serve(
        '/api/v2/alerts',
        () =>
          new HttpResponse(null, {
            status: 307,
            headers: { Location: '/am/api/v2/alerts?filter=x' },
          }),
      );
      const moved = serve('/am/api/v2/alerts', () => HttpResponse.json([]));
      const { client } = makeClient();
      await client.listAlerts({ matchers: checkout });
      expect(moved).toHaveLength(1);
      expectConfiguredHeaders(moved[0].headers);
    });

    it('refuses a redirect to another host', async () => {
      serve(
        '/api/v2/alerts',
        () =>
          new HttpResponse(null, {
            status: 302,
            headers: { Location: 'http://evil.test/api/v2/alerts' },
          }),
      );
      const elsewhere: string[] = [];
      server.use(
        http.get('http://evil.test/*', ({ request }) => {
          elsewhere.push(request.headers.get('authorization') ?? '');
          return HttpResponse.json([]);
        }),
      );
      const { client } = makeClient();
      const error = await catchError(client.listAlerts({ matchers: checkout }));
      expect(error.message).toMatch(
        /redirected \/api\/v2\/alerts to another origin \(http:\/\/evil.test\); refusing to follow it/,
      );
      expect(elsewhere).toEqual([]);
    });

    it('retries malformed JSON once', async () => {
      const received = serve(
        '/api/v2/alerts',
        () =>
          new HttpResponse('[{"labels":', {
            headers: { 'Content-Type': 'application/json' },
          }),
      );
      const { client } = makeClient();
      const error = await catchError(client.listAlerts({ matchers: checkout }));
      expect(error.message).toMatch(/malformed JSON on \/api\/v2\/alerts/);
      expect(received).toHaveLength(2);
    });

    it.each([
      [
        'an object instead of an array',
        { alerts: [] },
        /the body is not an array of alerts/,
      ],
      [
        'an alert without status',
        [{ labels: {}, startsAt: '2026-01-01T00:00:00Z' }],
        /\[0\]\.status is missing/,
      ],
      [
        'an unknown state',
        [{ ...ALERTS[0], status: { state: 'firing', silencedBy: [] } }],
        /\[0\]\.status\.state is not one of/,
      ],
      [
        'a bad startsAt',
        [{ ...ALERTS[0], startsAt: 'yesterday' }],
        /\[0\]\.startsAt is not an RFC 3339 date-time/,
      ],
      [
        'a non-string label',
        [{ ...ALERTS[0], labels: { a: 1 } }],
        /\[0\]\.labels\.a is not a string/,
      ],
    ])('fails on %s without retry', async (_, body, message) => {
      const received = serve('/api/v2/alerts', () => HttpResponse.json(body));
      const { client } = makeClient();
      const error = await catchError(client.listAlerts({ matchers: checkout }));
      expect(error).toBeInstanceOf(UpstreamUnavailableError);
      expect(error.message).toMatch(message);
      expect(received).toHaveLength(1);
    });

    it('refuses a non-JSON page, e.g. a login form', async () => {
      serve('/api/v2/alerts', () => HttpResponse.html('<html>sign in</html>'));
      const { client } = makeClient();
      await expect(client.listAlerts({ matchers: checkout })).rejects.toThrow(
        /non-JSON text\/html body on \/api\/v2\/alerts/,
      );
    });

    it('refuses responses larger than the limit', async () => {
      serve('/api/v2/alerts', () => HttpResponse.json(ALERTS));
      const { client } = makeClient({}, { maxResponseBytes: 100 });
      await expect(client.listAlerts({ matchers: checkout })).rejects.toThrow(
        /answered more than/,
      );
    });

    it('opens the circuit after repeated failures and fails fast', async () => {
      const received = serve(
        '/api/v2/alerts',
        () => new HttpResponse(null, { status: 500 }),
      );
      const { client, logger } = makeClient(
        {},
        { retry: { retries: 0 }, circuitBreaker: { failureThreshold: 2 } },
      );
      await expect(client.listAlerts({ matchers: checkout })).rejects.toThrow(
        UpstreamUnavailableError,
      );
      await expect(client.listAlerts({ matchers: checkout })).rejects.toThrow(
        UpstreamUnavailableError,
      );
      expect(client.circuitState).toBe('open');
      const error = await catchError(client.listAlerts({ matchers: checkout }));
      expect(error.message).toMatch(
        /Alertmanager "eu-west" unreachable: circuit open after 2 consecutive failed calls; next attempt in 30s/,
      );
      expect(received).toHaveLength(2);
      expect(logged(logger)).toContain('circuit opened');
    });

    it('passes the caller abort through without tripping the breaker', async () => {
      serve('/api/v2/alerts', async () => {
        await delay(1_000);
        return HttpResponse.json([]);
      });
      const { client } = makeClient(
        {},
        { circuitBreaker: { failureThreshold: 1 } },
      );
      const controller = new AbortController();
      const pending = client.listAlerts({
        matchers: checkout,
        signal: controller.signal,
      });
      controller.abort(new Error('shutting down'));
      await expect(pending).rejects.toThrow('shutting down');
      expect(client.circuitState).toBe('closed');
    });
  });
});
