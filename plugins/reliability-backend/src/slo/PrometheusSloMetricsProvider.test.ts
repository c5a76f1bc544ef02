import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  SloSpec,
  evaluateSlo,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { DiscoveredSlo } from '@reliability-kit/backstage-plugin-reliability-node';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  PrometheusClient,
  PrometheusQueryError,
  readPrometheusInstances,
} from '../providers/prometheus';
import { UpstreamUnavailableError } from '../providers/http/UpstreamUnavailableError';
import {
  PrometheusSloMetricsProvider,
  measurementQueries,
  renderWindowQuery,
} from './PrometheusSloMetricsProvider';
import { testSloSpec } from '../__testUtils__/sloSpecs';
import { DAY, MINUTE } from '../__testUtils__/time';

const AT = new Date('2026-11-26T10:00:00.000Z');
const AT_SECONDS = String(AT.getTime() / 1000);

const server = setupServer();
registerMswTestHooks(server);

const spec = (over: Partial<SloSpec> = {}): SloSpec =>
  testSloSpec('availability', over);

const timeslice = { target: 0.95, window: '5m', windowMs: 5 * MINUTE };

const makeClient = (instance: Record<string, unknown> = {}) =>
  PrometheusClient.fromConfig(
    readPrometheusInstances(
      new ConfigReader({
        reliability: {
          prometheus: {
            instances: [
              { name: 'prom', baseUrl: 'http://prom.test', ...instance },
            ],
          },
        },
      }),
    )[0],
    { logger: mockServices.logger.mock(), sleep: async () => {} },
  );

type Answer =
  | string
  | null
  | Array<{ metric: Record<string, string>; value: string }>;

/**
 * A Prometheus double: answers instant queries from `answers` (a number as
 * text, `null` for an empty vector, or samples), records every query.
 */
const servePrometheus = (
  answers: (query: string) => Answer,
  base = 'http://prom.test',
) => {
  const received: Array<{ query: string; time: string | null }> = [];
  server.use(
    http.post(`${base}/api/v1/query`, async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      const query = form.get('query')!;
      received.push({ query, time: form.get('time') });
      const answer = answers(query);
      let result: Array<{ metric: Record<string, string>; value: unknown }> =
        [];
      if (typeof answer === 'string') {
        result = [{ metric: {}, value: [Number(AT_SECONDS), answer] }];
      } else if (answer !== null) {
        result = answer.map(sample => ({
          metric: sample.metric,
          value: [Number(AT_SECONDS), sample.value],
        }));
      }
      return HttpResponse.json({
        status: 'success',
        data: { resultType: 'vector', result },
      });
    }),
  );
  return received;
};

describe('renderWindowQuery', () => {
  it.each([
    ['sum(rate(x[{{.window}}]))', 5 * MINUTE, 'sum(sum(rate(x[5m])))'],
    ['sum(rate(x[{{ .window }}]))', 28 * DAY, 'sum(sum(rate(x[28d])))'],
    ['sum(rate(x[{{.window}}]))', 90 * 1000, 'sum(sum(rate(x[1m30s])))'],
    ['sum(rate(x[{{.window}}]))', 1234, 'sum(sum(rate(x[1s])))'],
    ['sum(rate(x[{{.window}}]))', 1, 'sum(sum(rate(x[1s])))'],
    [
      'http_requests_total',
      60 * MINUTE,
      'sum(increase(http_requests_total[1h]))',
    ],
    [
      '  http_requests_total{service="checkout",code=~"5.."}  ',
      3 * DAY,
      'sum(increase(http_requests_total{service="checkout",code=~"5.."}[3d]))',
    ],
    [
      'namespace:http_requests:total{}',
      DAY,
      'sum(increase(namespace:http_requests:total{}[1d]))',
    ],
  ])('renders %j over %i ms as %j', (query, windowMs, expected) => {
    expect(renderWindowQuery(query, windowMs, spec())).toBe(expected);
  });

  it.each([
    'sum(rate(http_requests_total[5m]))',
    'http_requests_total[5m]',
    'rate(x)',
    'a or b',
    'x{a="}"}',
  ])('refuses %j, which has no placeholder and is no selector', query => {
    expect(() => renderWindowQuery(query, 5 * MINUTE, spec())).toThrow(
      new InputError(
        `SLO "availability": the query "${query}" must contain {{.window}} (e.g. sum(rate(x[{{.window}}]))) or be a plain counter selector`,
      ),
    );
  });
});

describe('measurementQueries', () => {
  it.each<[string, SloSpec, number, ReturnType<typeof measurementQueries>]>([
    [
      'ratio with bad and placeholders',
      spec(),
      5 * MINUTE,
      {
        kind: 'events',
        queries: [
          'sum(sum(rate(http_requests_total{code=~"5.."}[5m])))',
          'sum(sum(rate(http_requests_total[5m])))',
        ],
      },
    ],
    [
      'ratio with good and plain selectors',
      spec({
        indicator: {
          kind: 'ratio',
          good: 'http_requests_total{code!~"5.."}',
          total: 'http_requests_total',
          counter: true,
        },
      }),
      28 * DAY,
      {
        kind: 'events',
        queries: [
          'sum(increase(http_requests_total{code!~"5.."}[28d]))',
          'sum(increase(http_requests_total[28d]))',
        ],
      },
    ],
    [
      'raw failure ratio',
      spec({
        indicator: {
          kind: 'raw',
          query: 'sum(rate(err[{{.window}}])) / sum(rate(all[{{.window}}]))',
          rawType: 'failure',
        },
      }),
      30 * MINUTE,
      {
        kind: 'ratio',
        queries: ['sum(rate(err[30m])) / sum(rate(all[30m]))'],
      },
    ],
    [
      'raw success ratio',
      spec({
        indicator: {
          kind: 'raw',
          query: 'avg_over_time(up[{{.window}}])',
          rawType: 'success',
        },
      }),
      2 * 60 * MINUTE,
      { kind: 'ratio', queries: ['avg_over_time(up[2h])'] },
    ],
    [
      'Timeslices with a threshold',
      spec({
        budgetingMethod: 'Timeslices',
        timeslice,
        indicator: {
          kind: 'threshold',
          query: 'histogram_quantile(0.99, sum by (le) (rate(lat_bucket[5m])))',
          operator: 'lte',
          value: 0.3,
        },
      }),
      28 * DAY,
      {
        kind: 'slices',
        queries: [
          'sum(count_over_time(((histogram_quantile(0.99, sum by (le) (rate(lat_bucket[5m])))) <= 0.3)[28d:5m]))',
          'sum(count_over_time(((histogram_quantile(0.99, sum by (le) (rate(lat_bucket[5m])))) >= -Inf)[28d:5m]))',
        ],
      },
    ],
    [
      'Timeslices with a good ratio',
      spec({
        budgetingMethod: 'Timeslices',
        timeslice,
        indicator: {
          kind: 'ratio',
          good: 'rate(ok[{{.window}}])',
          total: 'rate(all[{{.window}}])',
        },
      }),
      60 * MINUTE,
      {
        kind: 'slices',
        queries: [
          'sum(count_over_time(((sum(rate(ok[5m])) / sum(rate(all[5m]))) >= 0.95)[1h:5m]))',
          'sum(count_over_time(((sum(rate(ok[5m])) / sum(rate(all[5m]))) >= -Inf)[1h:5m]))',
        ],
      },
    ],
    [
      'Timeslices with a bad ratio',
      spec({
        budgetingMethod: 'Timeslices',
        timeslice,
        indicator: {
          kind: 'ratio',
          bad: 'rate(err[{{.window}}])',
          total: 'rate(all[{{.window}}])',
        },
      }),
      DAY,
      {
        kind: 'slices',
        queries: [
          'sum(count_over_time(((1 - sum(rate(err[5m])) / sum(rate(all[5m]))) >= 0.95)[1d:5m]))',
          'sum(count_over_time(((1 - sum(rate(err[5m])) / sum(rate(all[5m]))) >= -Inf)[1d:5m]))',
        ],
      },
    ],
    [
      'Timeslices with a raw failure ratio',
      spec({
        budgetingMethod: 'Timeslices',
        timeslice,
        indicator: {
          kind: 'raw',
          query: 'err_ratio[{{.window}}]',
          rawType: 'failure',
        },
      }),
      DAY,
      {
        kind: 'slices',
        queries: [
          'sum(count_over_time(((1 - err_ratio[5m]) >= 0.95)[1d:5m]))',
          'sum(count_over_time(((1 - err_ratio[5m]) >= -Inf)[1d:5m]))',
        ],
      },
    ],
  ])('plans %s', (_case, slo, windowMs, expected) => {
    expect(measurementQueries(slo, windowMs)).toEqual(expected);
  });

  it('refuses a threshold indicator without Timeslices', () => {
    expect(() =>
      measurementQueries(
        spec({
          indicator: {
            kind: 'threshold',
            query: 'latency',
            operator: 'lt',
            value: 1,
          },
        }),
        DAY,
      ),
    ).toThrow(
      new InputError(
        'SLO "availability": a threshold indicator needs the Timeslices budgeting method',
      ),
    );
  });

  it('refuses a raw query without the window placeholder', () => {
    expect(() =>
      measurementQueries(
        spec({
          indicator: { kind: 'raw', query: 'err_ratio', rawType: 'failure' },
        }),
        DAY,
      ),
    ).toThrow(
      new InputError(
        'SLO "availability": a raw ratio query must contain {{.window}}',
      ),
    );
  });

  it('refuses a ratio query that can be neither rendered nor wrapped', () => {
    expect(() =>
      measurementQueries(
        spec({
          indicator: {
            kind: 'ratio',
            bad: 'sum(rate(err[5m]))',
            total: 'sum(rate(all[{{.window}}]))',
          },
        }),
        DAY,
      ),
    ).toThrow(InputError);
  });

  it('measures the slices of a plain counter ratio by their increase', () => {
    // OpenSLO's usual ratioMetric: counters without a window placeholder.
    // Per slice, the ratio must be of the increase within the slice, not of
    // the counters' totals since they started.
    const { queries } = measurementQueries(
      spec({
        budgetingMethod: 'Timeslices',
        timeslice,
        indicator: {
          kind: 'ratio',
          good: 'http_requests_total{code!~"5.."}',
          total: 'http_requests_total',
          counter: true,
        },
      }),
      DAY,
    );
    expect(queries[0]).toContain(
      'increase(http_requests_total{code!~"5.."}[5m])',
    );
    expect(queries[0]).toContain('increase(http_requests_total[5m])');
  });
});

describe('PrometheusSloMetricsProvider.measure', () => {
  const windows = [5 * MINUTE, 28 * DAY];

  it('sends two instant queries per window at the given time', async () => {
    const received = servePrometheus(query =>
      query.includes('code=~"5.."') ? '12' : '24000',
    );
    const provider = new PrometheusSloMetricsProvider([makeClient()]);
    const result = await provider.measure({
      entityRef: 'component:default/checkout',
      slo: spec(),
      instance: 'prom',
      windowsMs: windows,
      at: AT,
    });
    expect(received.map(r => r.query).sort()).toEqual(
      [
        'sum(sum(rate(http_requests_totalMARK[28d])))'.replace(
          'MARK',
          '{code=~"5.."}',
        ),
        'sum(sum(rate(http_requests_total[28d])))',
        'sum(sum(rate(http_requests_total[5m])))',
        'sum(sum(rate(http_requests_total{code=~"5.."}[5m])))',
      ].sort(),
    );
    expect(received.every(r => r.time === AT_SECONDS)).toBe(true);
    expect([...result.entries()]).toEqual([
      [5 * MINUTE, { kind: 'events', bad: 12, total: 24000 }],
      [28 * DAY, { kind: 'events', bad: 12, total: 24000 }],
    ]);
    expect(provider.queryCount).toBe(4);
  });

  it('gives good counts for a good/total ratio and feeds evaluateSlo', async () => {
    servePrometheus(query =>
      query.includes('code!~"5.."') ? '999500' : '1000000',
    );
    const provider = new PrometheusSloMetricsProvider([makeClient()]);
    const slo = spec({
      indicator: {
        kind: 'ratio',
        good: 'http_requests_total{code!~"5.."}',
        total: 'http_requests_total',
      },
    });
    const result = await provider.measure({
      entityRef: 'component:default/checkout',
      slo,
      windowsMs: [28 * DAY],
      at: AT,
    });
    expect(result.get(28 * DAY)).toEqual({
      kind: 'events',
      good: 999500,
      total: 1000000,
    });
    const evaluation = evaluateSlo({
      objective: 0.999,
      window: slo.window,
      measurements: result,
      now: AT,
    });
    expect(evaluation.sli).toBe(0.9995);
    expect(evaluation.budgetRemaining).toBeCloseTo(0.5, 12);
  });

  it('reads an empty error vector as no errors and an empty total as no traffic', async () => {
    servePrometheus(query =>
      // no error series at all; traffic only in the 28d window
      query.includes('code=~"5.."') || query.includes('[5m]') ? null : '5000',
    );
    const provider = new PrometheusSloMetricsProvider([makeClient()]);
    const result = await provider.measure({
      entityRef: 'component:default/checkout',
      slo: spec(),
      windowsMs: windows,
      at: AT,
    });
    expect([...result.entries()]).toEqual([
      [5 * MINUTE, { kind: 'events', bad: 0, total: 0 }],
      [28 * DAY, { kind: 'events', bad: 0, total: 5000 }],
    ]);
  });

  it('leaves out a window whose events are NaN', async () => {
    servePrometheus(query => (query.includes('[5m]') ? 'NaN' : '10'));
    const provider = new PrometheusSloMetricsProvider([makeClient()]);
    const result = await provider.measure({
      entityRef: 'component:default/checkout',
      slo: spec(),
      windowsMs: windows,
      at: AT,
    });
    expect([...result.entries()]).toEqual([
      [28 * DAY, { kind: 'events', bad: 10, total: 10 }],
    ]);
  });

  it.each<[string, 'success' | 'failure', Answer, number | null]>([
    ['a NaN failure ratio', 'failure', 'NaN', null],
    ['an empty failure ratio', 'failure', null, null],
    ['a failure ratio', 'failure', '0.0025', 0.0025],
    ['a success ratio', 'success', '0.9995', 1 - 0.9995],
    ['a NaN success ratio', 'success', 'NaN', null],
  ])('reads %s as errorRatio %s', async (_case, rawType, answer, expected) => {
    const received = servePrometheus(() => answer);
    const provider = new PrometheusSloMetricsProvider([makeClient()]);
    const result = await provider.measure({
      entityRef: 'component:default/checkout',
      slo: spec({
        indicator: { kind: 'raw', query: 'ratio[{{.window}}]', rawType },
      }),
      windowsMs: [60 * MINUTE],
      at: AT,
    });
    expect(received.map(r => r.query)).toEqual(['ratio[1h]']);
    expect(result.get(60 * MINUTE)).toEqual({
      kind: 'ratio',
      errorRatio: expected,
    });
  });

  it('rounds slice counts to whole slices', async () => {
    servePrometheus(query => (query.includes('-Inf') ? '8063.6' : '8000.4'));
    const provider = new PrometheusSloMetricsProvider([makeClient()]);
    const result = await provider.measure({
      entityRef: 'component:default/checkout',
      slo: spec({
        budgetingMethod: 'Timeslices',
        timeslice,
        indicator: {
          kind: 'threshold',
          query: 'p99',
          operator: 'lt',
          value: 0.3,
        },
      }),
      windowsMs: [28 * DAY],
      at: AT,
    });
    expect(result.get(28 * DAY)).toEqual({
      kind: 'slices',
      good: 8000,
      withData: 8064,
    });
  });

  it('queries the named instance', async () => {
    const promA = servePrometheus(() => '1', 'http://a.test');
    const promB = servePrometheus(() => '2', 'http://b.test');
    const provider = new PrometheusSloMetricsProvider([
      makeClient({ name: 'a', baseUrl: 'http://a.test' }),
      makeClient({ name: 'b', baseUrl: 'http://b.test' }),
    ]);
    const result = await provider.measure({
      entityRef: 'component:default/checkout',
      slo: spec(),
      instance: 'b',
      windowsMs: [DAY],
      at: AT,
    });
    expect(promA).toHaveLength(0);
    expect(promB).toHaveLength(2);
    expect(result.get(DAY)).toEqual({ kind: 'events', bad: 2, total: 2 });
    // without an instance, the first one
    await provider.measure({
      entityRef: 'component:default/checkout',
      slo: spec(),
      windowsMs: [DAY],
      at: AT,
    });
    expect(promA).toHaveLength(2);
  });

  it('refuses an unknown instance with an InputError', async () => {
    const provider = new PrometheusSloMetricsProvider([makeClient()]);
    await expect(
      provider.measure({
        entityRef: 'component:default/checkout',
        slo: spec(),
        instance: 'nope',
        windowsMs: [DAY],
        at: AT,
      }),
    ).rejects.toThrow(
      new InputError('No Prometheus instance "nope" is configured'),
    );
  });

  it('passes a rejected query on as a PrometheusQueryError (an InputError)', async () => {
    server.use(
      http.post('http://prom.test/api/v1/query', () =>
        HttpResponse.json(
          { status: 'error', errorType: 'bad_data', error: 'parse error' },
          { status: 400 },
        ),
      ),
    );
    const provider = new PrometheusSloMetricsProvider([makeClient()]);
    const error = await provider
      .measure({
        entityRef: 'component:default/checkout',
        slo: spec(),
        windowsMs: [DAY],
        at: AT,
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(PrometheusQueryError);
    expect(error).toBeInstanceOf(InputError);
    expect(error.name).toBe('InputError');
    expect(error.message).toBe(
      'Prometheus "prom" rejected the query: bad_data: parse error',
    );
  });

  it('fails with UpstreamUnavailableError when the upstream is down', async () => {
    server.use(
      http.post(
        'http://prom.test/api/v1/query',
        () => new HttpResponse('down', { status: 503 }),
      ),
    );
    const provider = new PrometheusSloMetricsProvider([makeClient()]);
    const error = await provider
      .measure({
        entityRef: 'component:default/checkout',
        slo: spec(),
        windowsMs: [DAY],
        at: AT,
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(error.message).toMatch(/^Prometheus "prom" unreachable: HTTP 503/);
  });

  it('keeps at most queryConcurrency queries in flight', async () => {
    let inFlight = 0;
    let max = 0;
    server.use(
      http.post('http://prom.test/api/v1/query', async () => {
        inFlight++;
        max = Math.max(max, inFlight);
        await new Promise(resolve => setTimeout(resolve, 5));
        inFlight--;
        return HttpResponse.json({
          status: 'success',
          data: {
            resultType: 'vector',
            result: [{ metric: {}, value: [Number(AT_SECONDS), '1'] }],
          },
        });
      }),
    );
    const provider = new PrometheusSloMetricsProvider([makeClient()], {
      queryConcurrency: 2,
    });
    const result = await provider.measure({
      entityRef: 'component:default/checkout',
      slo: spec(),
      windowsMs: [5 * MINUTE, 30 * MINUTE, 60 * MINUTE, DAY, 28 * DAY],
      at: AT,
    });
    expect(result.size).toBe(5);
    expect(provider.queryCount).toBe(10);
    expect(max).toBe(2);
  });
});

describe('PrometheusSloMetricsProvider.measureRange', () => {
  it('samples the SLO window at each step with range queries', async () => {
    const start = new Date('2026-11-01T00:00:00.000Z');
    const end = new Date('2026-11-03T23:59:59.999Z');
    const t0 = start.getTime() / 1000;
    const received: Array<Record<string, string>> = [];
    server.use(
      http.post('http://prom.test/api/v1/query_range', async ({ request }) => {
        const form = Object.fromEntries(
          new URLSearchParams(await request.text()),
        );
        received.push(form);
        const bad = form.query.includes('5..');
        return HttpResponse.json({
          status: 'success',
          data: {
            resultType: 'matrix',
            result: [
              {
                metric: {},
                // no point on the second day; NaN total on the third
                values: bad
                  ? [
                      [t0, '5'],
                      [t0 + 2 * 86400, '7'],
                    ]
                  : [
                      [t0, '1000'],
                      [t0 + 2 * 86400, 'NaN'],
                    ],
              },
            ],
          },
        });
      }),
    );
    const provider = new PrometheusSloMetricsProvider([makeClient()]);
    const points = await provider.measureRange({
      entityRef: 'component:default/checkout',
      slo: spec(),
      windowMs: 28 * DAY,
      start,
      end,
      stepSeconds: 86400,
    });
    expect(received.map(r => [r.query, r.start, r.end, r.step]).sort()).toEqual(
      [
        [
          'sum(sum(rate(http_requests_total[28d])))',
          String(t0),
          String(end.getTime() / 1000),
          '86400',
        ],
        [
          'sum(sum(rate(http_requests_total{code=~"5.."}[28d])))',
          String(t0),
          String(end.getTime() / 1000),
          '86400',
        ],
      ],
    );
    expect(points).toEqual([
      {
        at: new Date('2026-11-01T00:00:00.000Z'),
        measurement: { kind: 'events', bad: 5, total: 1000 },
      },
      {
        at: new Date('2026-11-02T00:00:00.000Z'),
        measurement: { kind: 'events', bad: 0, total: 0 },
      },
      { at: new Date('2026-11-03T00:00:00.000Z'), measurement: null },
    ]);
    expect(provider.queryCount).toBe(2);
  });
});

describe('PrometheusSloMetricsProvider.discover', () => {
  const INFO = 'max by (sloth_id, sloth_service, sloth_slo) (sloth_slo_info)';
  const WINDOW_QUERIES = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'].map(
    w => `max by (sloth_id) (slo:sli_error:ratio_rate${w})`,
  );
  const LONG =
    'max by (__name__, sloth_id) ({__name__=~"slo:sli_error:ratio_rate[0-9]+d"})';
  const SLOTH_QUERIES = [
    INFO,
    'max by (sloth_id) (slo:objective:ratio)',
    'max by (sloth_id) (slo:time_period:days)',
    ...WINDOW_QUERIES,
    LONG,
  ];
  const PYRRA_BURNRATES =
    '{__name__=~".+:burnrate(5m|30m|1h|2h|6h|1d|3d)", slo!=""}';
  const PYRRA_QUERIES = [
    'pyrra_objective',
    'pyrra_window',
    'pyrra_availability',
    PYRRA_BURNRATES,
  ];

  /**
   * A Prometheus with `sloth` Sloth SLOs `svc-<i>-availability` and `pyrra`
   * Pyrra SLOs `api-<i>`.
   */
  const serveFleet = (sloth: number, pyrra = 0, base = 'http://prom.test') =>
    servePrometheus(query => {
      const ids = Array.from({ length: sloth }, (_, i) => `svc-${i}`);
      const each = (value: (i: number) => string, extra = {}) =>
        ids.map((id, i) => ({
          metric: { sloth_id: `${id}-availability`, ...extra },
          value: value(i),
        }));
      const slos = Array.from({ length: pyrra }, (_, i) => `api-${i}`);
      const eachPyrra = (name: string, value: (i: number) => string) =>
        slos.map((slo, i) => ({
          metric: { __name__: name, slo, namespace: 'monitoring' },
          value: value(i),
        }));
      switch (query) {
        case INFO:
          return ids.map(id => ({
            metric: {
              sloth_id: `${id}-availability`,
              sloth_service: id,
              sloth_slo: 'availability',
            },
            value: '1',
          }));
        case 'max by (sloth_id) (slo:objective:ratio)':
          return each(() => '0.999');
        case 'max by (sloth_id) (slo:time_period:days)':
          return each(() => '30');
        case LONG:
          return [
            ...each(() => '0.0005', {
              __name__: 'slo:sli_error:ratio_rate30d',
            }),
            // Sloth's 1d and 3d rules match the pattern too
            ...each(() => '0.9', { __name__: 'slo:sli_error:ratio_rate3d' }),
          ];
        case 'pyrra_objective':
          return slos.map((slo, i) => ({
            metric: {
              __name__: 'pyrra_objective',
              slo,
              namespace: 'monitoring',
              service: `api-service-${i}`,
            },
            value: '0.995',
          }));
        case 'pyrra_window':
          return eachPyrra('pyrra_window', () => String(28 * 86400));
        case 'pyrra_availability':
          // api-0 has no traffic: NaN
          return eachPyrra('pyrra_availability', i =>
            i === 0 ? 'NaN' : '0.998',
          );
        case PYRRA_BURNRATES:
          return [
            ...eachPyrra('http_requests:burnrate5m', () => '0.01'),
            ...eachPyrra('http_requests:burnrate1h', () => '0.004'),
            // Pyrra's 4d window is not one of ours
            ...eachPyrra('http_requests:burnrate4d', () => '0.5'),
          ];
        default: {
          const window = /ratio_rate(\w+)\)$/.exec(query)?.[1];
          if (!window) return null;
          // svc-0 has no traffic in the 5m window: Sloth records NaN
          return each(i => (i === 0 && window === '5m' ? 'NaN' : '0.002'));
        }
      }
    }, base);

  it.each([1, 50])(
    'discovers %i Sloth SLOs in 11 queries, plus one to look for Pyrra',
    async count => {
      const received = serveFleet(count);
      const provider = new PrometheusSloMetricsProvider([makeClient()]);
      const found = await provider.discover({ at: AT });
      expect(received.map(r => r.query)).toEqual([
        ...SLOTH_QUERIES,
        'pyrra_objective',
      ]);
      expect(received.every(r => r.time === AT_SECONDS)).toBe(true);
      expect(provider.queryCount).toBe(12);
      expect(found.map(d => d.key)).toEqual(
        Array.from({ length: count }, (_, i) => `svc-${i}-availability`),
      );
    },
  );

  it.each([
    [1, 1],
    [50, 50],
    [0, 7],
  ])(
    'discovers %i Sloth and %i Pyrra SLOs in a constant number of queries',
    async (sloth, pyrra) => {
      const received = serveFleet(sloth, pyrra);
      const provider = new PrometheusSloMetricsProvider([makeClient()]);
      const found = await provider.discover({ at: AT });
      expect(received.map(r => r.query)).toEqual(
        sloth > 0
          ? [...SLOTH_QUERIES, ...PYRRA_QUERIES]
          : [INFO, ...PYRRA_QUERIES],
      );
      expect(found.filter(d => d.origin === 'sloth')).toHaveLength(sloth);
      expect(found.filter(d => d.origin === 'pyrra')).toHaveLength(pyrra);
    },
  );

  it('reads objective, window, labels and error ratios of Sloth SLOs, NaN as null', async () => {
    serveFleet(2);
    const provider = new PrometheusSloMetricsProvider([makeClient()]);
    const [first, second] = await provider.discover({ at: AT });
    expect(first).toEqual<DiscoveredSlo>({
      origin: 'sloth',
      instance: 'prom',
      key: 'svc-0-availability',
      name: 'availability',
      service: 'svc-0',
      labels: {
        sloth_id: 'svc-0-availability',
        sloth_service: 'svc-0',
        sloth_slo: 'availability',
      },
      objective: 0.999,
      windowMs: 30 * DAY,
      errorRatios: new Map<number, number | null>([
        [5 * MINUTE, null],
        [30 * MINUTE, 0.002],
        [60 * MINUTE, 0.002],
        [2 * 60 * MINUTE, 0.002],
        [6 * 60 * MINUTE, 0.002],
        [DAY, 0.002],
        [3 * DAY, 0.002],
        [30 * DAY, 0.0005],
      ]),
    });
    expect(second.errorRatios.get(5 * MINUTE)).toBe(0.002);
  });

  it('reads objective, window, labels and error ratios of Pyrra SLOs, NaN as null', async () => {
    serveFleet(0, 2);
    const provider = new PrometheusSloMetricsProvider([makeClient()]);
    const [first, second] = await provider.discover({ at: AT });
    expect(first).toEqual<DiscoveredSlo>({
      origin: 'pyrra',
      instance: 'prom',
      key: 'pyrra-api-0',
      name: 'api-0',
      service: 'api-service-0',
      labels: {
        slo: 'api-0',
        namespace: 'monitoring',
        service: 'api-service-0',
      },
      objective: 0.995,
      windowMs: 28 * DAY,
      errorRatios: new Map<number, number | null>([
        [5 * MINUTE, 0.01],
        [60 * MINUTE, 0.004],
        [28 * DAY, null],
      ]),
    });
    expect(second.errorRatios.get(28 * DAY)).toBe(1 - 0.998);
  });

  it('looks no further when there are no SLOs', async () => {
    const received = servePrometheus(() => null);
    const provider = new PrometheusSloMetricsProvider([makeClient()]);
    await expect(provider.discover({ at: AT })).resolves.toEqual([]);
    expect(received.map(r => r.query)).toEqual([INFO, 'pyrra_objective']);
  });

  it('skips Sloth SLOs without a usable objective and defaults the window to 30 days', async () => {
    servePrometheus(query => {
      if (query === INFO) {
        return ['ok', 'none', 'one', 'nan'].map(id => ({
          metric: { sloth_id: id, sloth_service: 's', sloth_slo: id },
          value: '1',
        }));
      }
      if (query === 'max by (sloth_id) (slo:objective:ratio)') {
        return [
          { metric: { sloth_id: 'ok' }, value: '0.99' },
          { metric: { sloth_id: 'one' }, value: '1' },
          { metric: { sloth_id: 'nan' }, value: 'NaN' },
        ];
      }
      return null;
    });
    const provider = new PrometheusSloMetricsProvider([makeClient()]);
    const found = await provider.discover({ at: AT });
    expect(found.map(d => [d.key, d.objective, d.windowMs])).toEqual([
      ['ok', 0.99, 30 * DAY],
    ]);
    expect(found[0].errorRatios.size).toBe(0);
  });

  it('skips Pyrra SLOs without a usable objective or window', async () => {
    servePrometheus(query => {
      if (query === 'pyrra_objective') {
        return [
          { metric: { slo: 'ok' }, value: '0.99' },
          { metric: { slo: 'hundred' }, value: '1' },
          { metric: { slo: 'no-window' }, value: '0.99' },
          { metric: { slo: 'zero-window' }, value: '0.99' },
        ];
      }
      if (query === 'pyrra_window') {
        return [
          { metric: { slo: 'ok' }, value: '604800' },
          { metric: { slo: 'hundred' }, value: '604800' },
          { metric: { slo: 'zero-window' }, value: '0' },
        ];
      }
      return null;
    });
    const provider = new PrometheusSloMetricsProvider([makeClient()]);
    const found = await provider.discover({ at: AT });
    expect(found.map(d => [d.key, d.objective, d.windowMs])).toEqual([
      ['pyrra-ok', 0.99, 7 * DAY],
    ]);
    // no availability recorded: no data for the SLO window
    expect([...found[0].errorRatios]).toEqual([[7 * DAY, null]]);
  });

  it('discovers on every instance, naming it', async () => {
    const a = serveFleet(1, 0, 'http://a.test');
    const b = serveFleet(2, 1, 'http://b.test');
    const provider = new PrometheusSloMetricsProvider([
      makeClient({ name: 'a', baseUrl: 'http://a.test' }),
      makeClient({ name: 'b', baseUrl: 'http://b.test' }),
    ]);
    const found = await provider.discover({ at: AT });
    expect(found.map(d => `${d.instance}/${d.key}`)).toEqual([
      'a/svc-0-availability',
      'b/svc-0-availability',
      'b/svc-1-availability',
      'b/pyrra-api-0',
    ]);
    expect(a).toHaveLength(12);
    expect(b).toHaveLength(15);
  });
});

describe('PrometheusSloMetricsProvider.links', () => {
  const graph = (base: string, expr: string) =>
    `${base}/graph?g0.expr=${encodeURIComponent(
      expr,
    )}&g0.tab=0&g0.range_input=1d`;

  it.each<[string, SloSpec, string]>([
    [
      'a bad/total ratio',
      spec(),
      'sum(sum(rate(http_requests_total{code=~"5.."}[1h]))) / sum(sum(rate(http_requests_total[1h])))',
    ],
    [
      'a good/total ratio',
      spec({
        indicator: { kind: 'ratio', good: 'ok_total', total: 'all_total' },
      }),
      '1 - sum(increase(ok_total[1h])) / sum(increase(all_total[1h]))',
    ],
    [
      'a raw ratio',
      spec({
        indicator: {
          kind: 'raw',
          query: 'err:ratio_rate{{.window}}',
          rawType: 'failure',
        },
      }),
      'err:ratio_rate1h',
    ],
  ])('links %s to its one-hour error ratio', (_case, slo, expr) => {
    const provider = new PrometheusSloMetricsProvider([makeClient()]);
    expect(provider.links('prom', slo)).toEqual([
      { title: 'Error ratio in prom', url: graph('http://prom.test', expr) },
    ]);
  });

  it('links a discovered SLO to its recording rule, escaping the id', () => {
    const provider = new PrometheusSloMetricsProvider([
      makeClient({ uiUrl: 'https://ui.example/prometheus/' }),
    ]);
    const links = provider.links('prom', {
      origin: 'sloth',
      instance: 'prom',
      key: 'svc-"x"',
      name: 'x',
      labels: {},
      objective: 0.999,
      windowMs: 30 * DAY,
      errorRatios: new Map(),
    });
    expect(links).toEqual([
      {
        title: 'Error ratio in prom',
        url: graph(
          'https://ui.example/prometheus',
          'slo:sli_error:ratio_rate1h{sloth_id="svc-\\"x\\""}',
        ),
      },
    ]);
    expect(links[0].url).toBe(
      'https://ui.example/prometheus/graph?g0.expr=slo%3Asli_error%3Aratio_rate1h%7Bsloth_id%3D%22svc-%5C%22x%5C%22%22%7D&g0.tab=0&g0.range_input=1d',
    );
  });

  it('links a Pyrra SLO to its one-hour burn rate', () => {
    const provider = new PrometheusSloMetricsProvider([makeClient()]);
    expect(
      provider.links('prom', {
        origin: 'pyrra',
        instance: 'prom',
        key: 'pyrra-api',
        name: 'api',
        labels: { slo: 'api' },
        objective: 0.99,
        windowMs: 28 * DAY,
        errorRatios: new Map(),
      }),
    ).toEqual([
      {
        title: 'Error ratio in prom',
        url: graph(
          'http://prom.test',
          '{__name__=~".+:burnrate1h", slo="api"}',
        ),
      },
    ]);
  });

  it('gives no link for an unknown instance or an unmeasurable SLO', () => {
    const provider = new PrometheusSloMetricsProvider([makeClient()]);
    expect(provider.links('other', spec())).toEqual([]);
    expect(
      provider.links(
        'prom',
        spec({
          indicator: {
            kind: 'threshold',
            query: 'x',
            operator: 'lt',
            value: 1,
          },
        }),
      ),
    ).toEqual([]);
  });
});
