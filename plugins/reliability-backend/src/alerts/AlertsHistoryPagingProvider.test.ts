import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { PrometheusClient } from '../providers/prometheus';
import {
  AlertsHistoryPagingProvider,
  AlertsHistoryPagingProviderOptions,
  alertsHistoryServiceRef,
} from './AlertsHistoryPagingProvider';

const BASE = 'http://prom.test';
const MIN = 60;
const HOUR = 3600;
// a multiple of the step: the fixed "now" of these tests
const END = Date.parse('2026-03-01T12:00:00Z') / 1000;

const server = setupServer();
registerMswTestHooks(server);

interface FakeSeries {
  labels: Record<string, string>;
  /** Unix seconds of the samples (a rule evaluated every minute). */
  samples: number[];
}

interface Recorded {
  path: string;
  query?: string;
  start?: number;
  end?: number;
  step?: number;
  time?: number;
}

/** Samples every minute in [from, to). */
function firingFor(from: number, to: number): number[] {
  const out: number[] = [];
  for (let t = from; t < to; t += MIN) {
    out.push(t);
  }
  return out;
}

/**
 * A Prometheus double that answers `timestamp(ALERTS...)` for the given
 * series like Prometheus does for data without staleness markers: at each
 * step, the latest sample up to 5 minutes back.
 */
function fakePrometheus(
  series: FakeSeries[],
  options: { rules?: unknown; rulesStatus?: number } = {},
): Recorded[] {
  const recorded: Recorded[] = [];
  const at = (s: FakeSeries, t: number) => {
    const latest = s.samples.filter(x => x <= t && t - x <= 300);
    return latest.length ? Math.max(...latest) : undefined;
  };
  const metric = (s: FakeSeries) => s.labels;
  server.use(
    http.post(`${BASE}/api/v1/query_range`, async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      const start = Number(form.get('start'));
      const end = Number(form.get('end'));
      const step = Number(form.get('step'));
      recorded.push({
        path: 'query_range',
        query: form.get('query')!,
        start,
        end,
        step,
      });
      const result = series
        .map(s => {
          const values: Array<[number, string]> = [];
          for (let t = start; t <= end; t += step) {
            const v = at(s, t);
            if (v !== undefined) {
              values.push([t, String(v)]);
            }
          }
          return { metric: metric(s), values };
        })
        .filter(s => s.values.length > 0);
      return HttpResponse.json({
        status: 'success',
        data: { resultType: 'matrix', result },
      });
    }),
    http.post(`${BASE}/api/v1/query`, async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      const time = Number(form.get('time'));
      recorded.push({ path: 'query', query: form.get('query')!, time });
      const result = series
        .map(s => ({ s, v: at(s, time) }))
        .filter(x => x.v !== undefined)
        .map(x => ({ metric: metric(x.s), value: [time, String(x.v)] }));
      return HttpResponse.json({
        status: 'success',
        data: { resultType: 'vector', result },
      });
    }),
    http.get(`${BASE}/api/v1/rules`, ({ request }) => {
      recorded.push({ path: `rules${new URL(request.url).search}` });
      if (options.rulesStatus) {
        return new HttpResponse('down', { status: options.rulesStatus });
      }
      return HttpResponse.json({
        status: 'success',
        data: options.rules ?? { groups: [] },
      });
    }),
  );
  return recorded;
}

const RULES = {
  groups: [
    {
      name: 'checkout',
      file: 'checkout.yml',
      interval: 60,
      rules: [
        {
          type: 'alerting',
          name: 'CheckoutDown',
          query: 'up == 0',
          labels: { service: 'checkout', severity: 'page' },
          annotations: { summary: 'Checkout is down' },
          health: 'ok',
          state: 'inactive',
          duration: 0,
          alerts: [],
        },
        {
          type: 'alerting',
          name: 'PodCrashLooping',
          query: 'x > 3',
          labels: { service: 'checkout', severity: 'warning' },
          annotations: { summary: 'Pod {{ $labels.pod }} restarts' },
          health: 'ok',
          state: 'inactive',
          duration: 0,
          alerts: [],
        },
      ],
    },
  ],
};

const down = {
  alertname: 'CheckoutDown',
  alertstate: 'firing',
  service: 'checkout',
  severity: 'page',
};
const pod = (name: string) => ({
  alertname: 'PodCrashLooping',
  alertstate: 'firing',
  service: 'checkout',
  severity: 'warning',
  pod: name,
});

function makeProvider(
  options: Partial<AlertsHistoryPagingProviderOptions> = {},
  clientNames: string[] = ['eu-west'],
) {
  const logger = mockServices.logger.mock();
  const clients = clientNames.map(name =>
    PrometheusClient.fromConfig(
      {
        name,
        baseUrl: BASE,
        pathPrefix: '',
        headers: {},
        timeoutMs: 2_000,
        uiUrl: BASE,
      },
      { logger, sleep: async () => {}, retry: { retries: 0 } },
    ),
  );
  const provider = AlertsHistoryPagingProvider.create({
    clients,
    logger,
    now: () => END * 1000,
    ...options,
  });
  return { provider, logger };
}

const checkout = alertsHistoryServiceRef('service="checkout"');
const date = (seconds: number) => new Date(seconds * 1000);
const iso = (seconds: number) => date(seconds).toISOString();

describe('AlertsHistoryPagingProvider', () => {
  it('has the id alertmanager and knows no on-call shifts', async () => {
    const { provider } = makeProvider();
    expect(provider.id).toBe('alertmanager');
    await expect(
      provider.listOnCallShifts({
        services: checkout,
        since: date(END - HOUR),
        until: date(END),
      }),
    ).resolves.toEqual([]);
  });

  it('queries timestamp(ALERTS{alertstate="firing", <selector>}) with a 60 s step', async () => {
    const recorded = fakePrometheus([]);
    const { provider } = makeProvider();

    const result = await provider.syncIncidents({
      services: alertsHistoryServiceRef('{service="checkout", env=~"prod|eu"}'),
      since: date(END - 6 * HOUR),
      until: date(END),
    });

    expect(result.incidents).toEqual([]);
    expect(recorded).toEqual([
      {
        path: 'query_range',
        query:
          'timestamp(ALERTS{alertstate="firing", service="checkout", env=~"prod|eu"})',
        // one day of lookback before since, on the 60 s grid
        start: END - 6 * HOUR - 24 * HOUR,
        // the last step before until
        end: END - MIN,
        step: 60,
      },
    ]);
    expect(result.requests).toBe(1);
  });

  it('combines several selectors with or', async () => {
    const recorded = fakePrometheus([]);
    const { provider } = makeProvider();
    await provider.syncIncidents({
      services: { serviceIds: ['service="b"', ' service="a" ', 'service="b"'] },
      since: date(END - HOUR),
      until: date(END),
    });
    expect(recorded[0].query).toBe(
      'timestamp(ALERTS{alertstate="firing", service="a"}) or timestamp(ALERTS{alertstate="firing", service="b"})',
    );
  });

  it('turns each firing run into an incident, with rule summaries in titles', async () => {
    const recorded = fakePrometheus(
      [
        // started before since: not an incident of the range
        { labels: down, samples: firingFor(END - 7 * HOUR, END - 5 * HOUR) },
        { labels: down, samples: firingFor(END - 3 * HOUR, END - 2 * HOUR) },
        {
          labels: pod('a'),
          samples: firingFor(END - 90 * MIN, END - 80 * MIN),
        },
        {
          labels: pod('b'),
          samples: firingFor(END - 85 * MIN, END - 84 * MIN),
        },
        // still firing at the end
        { labels: down, samples: firingFor(END - 10 * MIN, END + 5 * MIN) },
      ],
      { rules: RULES },
    );
    const { provider } = makeProvider();

    const result = await provider.syncIncidents({
      services: checkout,
      since: date(END - 6 * HOUR),
      until: date(END),
    });

    const common = {
      source: 'alertmanager',
      serviceId: 'service="checkout"',
      firstAcknowledgedAt: null,
      escalations: 0,
      id: expect.any(String),
    };
    expect(result.incidents).toEqual([
      {
        ...common,
        title: 'CheckoutDown: Checkout is down',
        alertKey: 'CheckoutDown{service="checkout", severity="page"}',
        severityLabel: 'page',
        urgency: 'high',
        status: 'resolved',
        createdAt: iso(END - 3 * HOUR),
        resolvedAt: iso(END - 2 * HOUR),
      },
      {
        ...common,
        title: 'PodCrashLooping: Pod a restarts',
        alertKey:
          'PodCrashLooping{pod="a", service="checkout", severity="warning"}',
        severityLabel: 'warning',
        urgency: 'low',
        status: 'resolved',
        createdAt: iso(END - 90 * MIN),
        resolvedAt: iso(END - 80 * MIN),
      },
      {
        ...common,
        title: 'PodCrashLooping: Pod b restarts',
        alertKey:
          'PodCrashLooping{pod="b", service="checkout", severity="warning"}',
        severityLabel: 'warning',
        urgency: 'low',
        status: 'resolved',
        createdAt: iso(END - 85 * MIN),
        resolvedAt: iso(END - 84 * MIN),
      },
      {
        ...common,
        title: 'CheckoutDown: Checkout is down',
        alertKey: 'CheckoutDown{service="checkout", severity="page"}',
        severityLabel: 'page',
        urgency: 'high',
        status: 'triggered',
        createdAt: iso(END - 10 * MIN),
        resolvedAt: null,
      },
    ]);
    expect(new Set(result.incidents.map(i => i.id)).size).toBe(4);
    expect(recorded.map(r => r.path)).toEqual([
      'query_range',
      'rules?type=alert&exclude_alerts=true',
    ]);
    expect(result.requests).toBe(2);
  });

  it('splits long ranges into contiguous chunks without splitting runs', async () => {
    const recorded = fakePrometheus([
      { labels: down, samples: firingFor(END - 5 * HOUR, END - 2 * HOUR) },
    ]);
    const { provider } = makeProvider({
      maxPointsPerQuery: 100,
      lookbackSeconds: 0,
      titlesFromRules: false,
    });

    const result = await provider.syncIncidents({
      services: checkout,
      since: date(END - 6 * HOUR),
      until: date(END),
    });

    // 360 steps: 100 + 100 + 100 + 60
    expect(recorded.map(r => [r.start, r.end])).toEqual([
      [END - 6 * HOUR, END - 6 * HOUR + 99 * MIN],
      [END - 6 * HOUR + 100 * MIN, END - 6 * HOUR + 199 * MIN],
      [END - 6 * HOUR + 200 * MIN, END - 6 * HOUR + 299 * MIN],
      [END - 6 * HOUR + 300 * MIN, END - MIN],
    ]);
    expect(result.requests).toBe(4);
    expect(result.incidents).toHaveLength(1);
    expect(result.incidents[0]).toMatchObject({
      createdAt: iso(END - 5 * HOUR),
      resolvedAt: iso(END - 2 * HOUR),
      title: 'CheckoutDown',
    });
  });

  it('asks a one-point last chunk with an instant query', async () => {
    const recorded = fakePrometheus([
      { labels: down, samples: firingFor(END - 30 * MIN, END) },
    ]);
    const { provider } = makeProvider({
      maxPointsPerQuery: 10,
      lookbackSeconds: 0,
      titlesFromRules: false,
    });
    const result = await provider.syncIncidents({
      services: checkout,
      since: date(END - 11 * MIN),
      until: date(END),
    });
    expect(recorded.map(r => r.path)).toEqual(['query_range', 'query']);
    expect(recorded[1].time).toBe(END - MIN);
    // firing at the first step of a read without a cursor: started earlier
    expect(result.incidents).toEqual([]);
  });

  it('continues from its cursor: an open run keeps its id and gets resolved', async () => {
    const samples = firingFor(END - 2 * HOUR, END - 30 * MIN);
    fakePrometheus([{ labels: down, samples }], { rules: RULES });
    const { provider } = makeProvider();

    const first = await provider.syncIncidents({
      services: checkout,
      since: date(END - 6 * HOUR),
      until: date(END - HOUR),
    });
    expect(first.incidents).toEqual([
      expect.objectContaining({
        status: 'triggered',
        createdAt: iso(END - 2 * HOUR),
        resolvedAt: null,
      }),
    ]);

    server.resetHandlers();
    const recorded = fakePrometheus([{ labels: down, samples }], {
      rules: RULES,
    });
    const second = await provider.syncIncidents({
      services: checkout,
      since: date(END - 6 * HOUR),
      until: date(END),
      cursor: first.cursor,
    });

    // re-read 10 minutes before the previous last step, not the whole range
    expect(recorded[0]).toMatchObject({
      path: 'query_range',
      start: END - HOUR - MIN - 10 * MIN,
      end: END - MIN,
    });
    // the rules were fetched a moment ago: cached
    expect(recorded.map(r => r.path)).toEqual(['query_range']);
    expect(second.requests).toBe(1);
    expect(second.incidents).toEqual([
      {
        ...first.incidents[0],
        status: 'resolved',
        resolvedAt: iso(END - 30 * MIN),
      },
    ]);
  });

  it('does not re-report runs that ended before the overlap', async () => {
    const samples = firingFor(END - 4 * HOUR, END - 3 * HOUR);
    fakePrometheus([{ labels: down, samples }]);
    const { provider } = makeProvider({ titlesFromRules: false });
    const first = await provider.syncIncidents({
      services: checkout,
      since: date(END - 6 * HOUR),
      until: date(END - HOUR),
    });
    expect(first.incidents).toHaveLength(1);
    const second = await provider.syncIncidents({
      services: checkout,
      since: date(END - 6 * HOUR),
      until: date(END),
      cursor: first.cursor,
    });
    expect(second.incidents).toEqual([]);
  });

  it('returns nothing and no request when there is nothing new to read', async () => {
    const recorded = fakePrometheus([]);
    const { provider } = makeProvider();
    const first = await provider.syncIncidents({
      services: checkout,
      since: date(END - HOUR),
      until: date(END),
    });
    const second = await provider.syncIncidents({
      services: checkout,
      since: date(END - HOUR),
      until: date(END - 30 * MIN),
      cursor: first.cursor,
    });
    expect(second).toEqual({
      incidents: [],
      cursor: first.cursor,
      requests: 0,
    });
    expect(recorded).toHaveLength(1);
  });

  it('reads the whole range again with a cursor of another selector or a broken one', async () => {
    const recorded = fakePrometheus([]);
    const { provider } = makeProvider();
    const first = await provider.syncIncidents({
      services: alertsHistoryServiceRef('service="other"'),
      since: date(END - 2 * HOUR),
      until: date(END - HOUR),
    });
    for (const cursor of [first.cursor, 'not json', '{"v":99}']) {
      await provider.syncIncidents({
        services: checkout,
        since: date(END - 2 * HOUR),
        until: date(END),
        cursor,
      });
    }
    expect(recorded.slice(1).map(r => r.start)).toEqual([
      END - 26 * HOUR,
      END - 26 * HOUR,
      END - 26 * HOUR,
    ]);
  });

  it('keeps titles to the alert name when the rules cannot be read', async () => {
    fakePrometheus(
      [{ labels: down, samples: firingFor(END - 30 * MIN, END - 20 * MIN) }],
      { rulesStatus: 404 },
    );
    const { provider, logger } = makeProvider();
    const result = await provider.syncIncidents({
      services: checkout,
      since: date(END - HOUR),
      until: date(END),
    });
    expect(result.incidents.map(i => i.title)).toEqual(['CheckoutDown']);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Could not read alert rules of Prometheus "eu-west"',
      ),
    );
  });

  it('uses the instance named by account', async () => {
    fakePrometheus([]);
    const { provider } = makeProvider({}, ['eu-west', 'us-east']);
    const result = await provider.syncIncidents({
      services: alertsHistoryServiceRef('service="checkout"', 'us-east'),
      since: date(END - HOUR),
      until: date(END),
    });
    expect(JSON.parse(result.cursor).instance).toBe('us-east');
    await expect(
      provider.syncIncidents({
        services: alertsHistoryServiceRef('service="checkout"', 'mars'),
        since: date(END - HOUR),
        until: date(END),
      }),
    ).rejects.toThrow(/No Prometheus instance named "mars"/);
  });

  it.each([
    [{ serviceIds: [] }, /No alert-selector given/],
    [{ serviceIds: ['  '] }, /No alert-selector given/],
    [
      { serviceIds: ['service=checkout'] },
      /Invalid reliability-kit.io\/alert-selector annotation: Invalid label matchers at position 9/,
    ],
  ])('rejects %j without a request', async (services, message) => {
    const recorded = fakePrometheus([]);
    const { provider } = makeProvider();
    const error = await provider
      .syncIncidents({ services, since: date(END - HOUR), until: date(END) })
      .catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(message);
    expect(recorded).toEqual([]);
  });

  it('validates its options', () => {
    expect(() => makeProvider({ maxPointsPerQuery: 20_000 })).toThrow(
      /at most 11000/,
    );
    expect(() => makeProvider({ stepSeconds: 0 })).toThrow(/stepSeconds/);
    expect(() => AlertsHistoryPagingProvider.create({ clients: [] })).toThrow(
      /at least one Prometheus client/,
    );
  });
});
