import { SloSpec } from '@reliability-kit/backstage-plugin-reliability-common';
import { parseSloFile, parseSloFiles } from './parseSloFiles';

const DAY = 24 * 60 * 60 * 1000;

/** 1-based line of the first occurrence of `needle` in `text`. */
function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`fixture has no ${needle}`);
  return text.slice(0, index).split('\n').length;
}

const OPENSLO_INLINE = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-availability
  displayName: Checkout availability
  labels:
    team: payments
    tags: [pci, revenue]
spec:
  description: Checkout requests succeed
  service: checkout
  indicator:
    metadata:
      name: checkout-success
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(http_requests_total{job="checkout",code!~"5.."}[5m]))
        total:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(http_requests_total{job="checkout"}[5m]))
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - displayName: 99.9% of checkouts succeed
      target: 0.999
`;

const OPENSLO_REF = `apiVersion: openslo/v1
kind: SLI
metadata:
  name: search-errors
spec:
  ratioMetric:
    bad:
      metricSource:
        type: prometheus
        spec:
          query: sum(rate(search_requests_total{code=~"5.."}[{{.window}}]))
    total:
      metricSource:
        spec:
          query: sum(rate(search_requests_total[{{.window}}]))
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: search-availability
spec:
  service: search
  indicatorRef: search-errors
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - targetPercent: 99.95
`;

const OPENSLO_LATENCY = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: search-latency
spec:
  service: search
  indicator:
    metadata:
      name: search-p99
    spec:
      thresholdMetric:
        metricSource:
          type: Prometheus
          spec:
            query: histogram_quantile(0.99, sum by (le) (rate(search_seconds_bucket[5m])))
  timeWindow:
    - duration: 1M
      isRolling: false
      calendar:
        startTime: "2024-01-01 00:00:00"
        timeZone: Europe/Berlin
  budgetingMethod: Timeslices
  objectives:
    - op: lte
      value: 0.3
      target: 0.99
      timeSliceTarget: 0.95
      timeSliceWindow: 5m
`;

const SLOTH = `version: "prometheus/v1"
service: "myservice"
labels:
  owner: "myteam"
  tier: 2
slos:
  - name: "requests-availability"
    objective: 99.9
    description: "Availability of HTTP responses."
    labels:
      category: availability
    sli:
      events:
        error_query: sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{.window}}]))
        total_query: sum(rate(http_request_duration_seconds_count{job="myservice"}[{{ .window }}]))
    alerting:
      name: MyServiceHighErrorRate
      labels:
        category: availability
      annotations:
        summary: "High error rate on 'myservice' requests responses"
      page_alert:
        labels:
          severity: pageteam
      ticket_alert:
        disable: true
  - name: "wifi-quality"
    objective: 95
    sli:
      raw:
        error_ratio_query: 1 - avg_over_time(wifi_ok[{{.window}}])
    alerting:
      name: WifiQuality
`;

describe('parseSloFile: OpenSLO', () => {
  it('reads an inline ratio SLI with a rolling window', () => {
    const result = parseSloFile(OPENSLO_INLINE, { file: 'slos.yaml' });
    expect(result.errors).toEqual([]);
    expect(result.slos).toEqual<SloSpec[]>([
      {
        id: 'checkout-availability',
        name: 'checkout-availability',
        displayName: 'Checkout availability',
        description: 'Checkout requests succeed',
        service: 'checkout',
        objective: 0.999,
        window: { kind: 'rolling', duration: '28d', ms: 28 * DAY },
        budgetingMethod: 'Occurrences',
        indicator: {
          kind: 'ratio',
          good: 'sum(rate(http_requests_total{job="checkout",code!~"5.."}[5m]))',
          total: 'sum(rate(http_requests_total{job="checkout"}[5m]))',
          counter: true,
        },
        source: { format: 'openslo/v1', file: 'slos.yaml', line: 1 },
        labels: { team: 'payments', tags: 'pci,revenue' },
      },
    ]);
  });

  it('resolves indicatorRef to an SLI document of the same file', () => {
    const result = parseSloFile(OPENSLO_REF, { file: 'search.yaml' });
    expect(result.errors).toEqual([]);
    expect(result.slos).toHaveLength(1);
    expect(result.slos[0]).toMatchObject({
      id: 'search-availability',
      objective: 0.9995,
      window: { kind: 'rolling', duration: '30d', ms: 30 * DAY },
      indicator: {
        kind: 'ratio',
        bad: 'sum(rate(search_requests_total{code=~"5.."}[{{.window}}]))',
        total: 'sum(rate(search_requests_total[{{.window}}]))',
      },
      source: {
        format: 'openslo/v1',
        file: 'search.yaml',
        line: lineOf(OPENSLO_REF, 'apiVersion: openslo/v1\nkind: SLO'),
      },
    });
  });

  it('resolves indicatorRef across the files of a set', () => {
    const [sli, slo] = OPENSLO_REF.split('---\n');
    const result = parseSloFiles([
      { file: 'slo.yaml', content: slo },
      { file: 'sli.yaml', content: sli },
    ]);
    expect(result.errors).toEqual([]);
    expect(result.slos.map(s => [s.id, s.source.file])).toEqual([
      ['search-availability', 'slo.yaml'],
    ]);
  });

  it('reads a threshold metric with Timeslices and a calendar window', () => {
    const result = parseSloFile(OPENSLO_LATENCY);
    expect(result.errors).toEqual([]);
    expect(result.slos[0]).toMatchObject({
      id: 'search-latency',
      objective: 0.99,
      window: { kind: 'calendar', unit: 'month', timeZone: 'Europe/Berlin' },
      budgetingMethod: 'Timeslices',
      timeslice: { target: 0.95, window: '5m', windowMs: 300_000 },
      indicator: {
        kind: 'threshold',
        query:
          'histogram_quantile(0.99, sum by (le) (rate(search_seconds_bucket[5m])))',
        operator: 'lte',
        value: 0.3,
      },
    });
  });

  it.each([
    ['duration: 1w', { kind: 'calendar', unit: 'week' }],
    ['duration: 1M', { kind: 'calendar', unit: 'month' }],
  ])('reads a calendar window "%s" without a zone', (duration, window) => {
    const text = OPENSLO_LATENCY.replace('duration: 1M', duration).replace(
      / {6}calendar:\n.*\n.*\n/,
      '',
    );
    const result = parseSloFile(text);
    expect(result.errors).toEqual([]);
    expect(result.slos[0].window).toEqual(window);
  });

  it('makes one SLO per objective, with indexed ids', () => {
    const text = OPENSLO_INLINE.replace(
      / {2}objectives:\n[\s\S]*$/,
      `  objectives:
    - displayName: Good
      target: 0.99
    - displayName: Great
      targetPercent: 99.9
`,
    );
    const result = parseSloFile(text);
    expect(result.errors).toEqual([]);
    expect(
      result.slos.map(s => [s.id, s.name, s.displayName, s.objective]),
    ).toEqual([
      ['checkout-availability-0', 'checkout-availability', 'Good', 0.99],
      ['checkout-availability-1', 'checkout-availability', 'Great', 0.999],
    ]);
  });

  it('reads a numeric timeSliceWindow as minutes, and raw ratio metrics', () => {
    const text = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: probe-success
spec:
  indicator:
    metadata:
      name: probe-ratio
    spec:
      ratioMetric:
        rawType: success
        raw:
          metricSource:
            type: Prometheus
            spec:
              query: avg_over_time(probe_success[1m])
  budgetingMethod: Timeslices
  objectives:
    - target: 0.99
      timeSliceTarget: 0.95
      timeSliceWindow: 10
`;
    const result = parseSloFile(text);
    expect(result.errors).toEqual([]);
    expect(result.slos[0].timeslice).toEqual({
      target: 0.95,
      window: '10m',
      windowMs: 600_000,
    });
    expect(result.slos[0].indicator).toEqual({
      kind: 'raw',
      rawType: 'success',
      query: 'avg_over_time(probe_success[1m])',
    });
    expect(
      parseSloFile(text.replace('rawType: success', 'rawType: ok')).errors.map(
        e => e.message,
      ),
    ).toEqual([
      'line 11: SLO "probe-success": spec.indicator.spec.ratioMetric.rawType must be success or failure, got "ok"',
    ]);
  });

  it('uses the default window when timeWindow is missing', () => {
    const text = OPENSLO_INLINE.replace(/ {2}timeWindow:\n.*\n.*\n/, '');
    expect(parseSloFile(text).slos[0].window).toEqual({
      kind: 'rolling',
      duration: '30d',
      ms: 30 * DAY,
    });
    expect(parseSloFile(text, { defaultWindow: '28d' }).slos[0].window).toEqual(
      {
        kind: 'rolling',
        duration: '28d',
        ms: 28 * DAY,
      },
    );
  });

  it.each<[string, string | RegExp, string, string, string]>([
    // name, needle to replace, replacement, field, message part
    [
      'target 1',
      'target: 0.999',
      'target: 1',
      'spec.objectives[0].target',
      'must be below 1 (100% leaves no error budget)',
    ],
    [
      'target 99.9 (a percentage)',
      'target: 0.999',
      'target: 99.9',
      'spec.objectives[0].target',
      'must be a fraction below 1, got 99.9; write 0.999 or targetPercent: 99.9',
    ],
    [
      'target 0',
      'target: 0.999',
      'target: 0',
      'spec.objectives[0].target',
      'must be above 0, got 0',
    ],
    [
      'target 150',
      'target: 0.999',
      'target: 150',
      'spec.objectives[0].target',
      'must be a fraction below 1',
    ],
    [
      'target as text',
      'target: 0.999',
      'target: high',
      'spec.objectives[0].target',
      'must be a number, got "high"',
    ],
    [
      'targetPercent 100',
      'target: 0.999',
      'targetPercent: 100',
      'spec.objectives[0].targetPercent',
      'must be below 100 (100% leaves no error budget)',
    ],
    [
      'target and targetPercent',
      'target: 0.999',
      'target: 0.999\n      targetPercent: 99.9',
      'spec.objectives[0]',
      'must have only one of target and targetPercent',
    ],
    [
      'no target',
      '      target: 0.999\n',
      '',
      'spec.objectives[0].target',
      'is required (or targetPercent)',
    ],
    [
      'no objectives',
      / {2}objectives:\n[\s\S]*$/,
      '  objectives: []\n',
      'spec.objectives',
      'must have at least one objective',
    ],
    [
      'RatioTimeslices',
      'budgetingMethod: Occurrences',
      'budgetingMethod: RatioTimeslices',
      'spec.budgetingMethod',
      'RatioTimeslices is not supported',
    ],
    [
      'unknown budgeting method',
      'budgetingMethod: Occurrences',
      'budgetingMethod: Events',
      'spec.budgetingMethod',
      'must be Occurrences or Timeslices, got "Events"',
    ],
    [
      'no budgeting method',
      '  budgetingMethod: Occurrences\n',
      '',
      'spec.budgetingMethod',
      'is required',
    ],
    [
      'Timeslices without slice settings',
      'budgetingMethod: Occurrences',
      'budgetingMethod: Timeslices',
      'spec.objectives[0].timeSliceTarget',
      'is required',
    ],
    [
      'zero window',
      'duration: 28d',
      'duration: 0d',
      'spec.timeWindow[0].duration',
      '"0d" must be longer than zero',
    ],
    [
      'garbage window',
      'duration: 28d',
      'duration: soon',
      'spec.timeWindow[0].duration',
      '"soon" is not valid',
    ],
    [
      'rolling month',
      'duration: 28d',
      'duration: 1M',
      'spec.timeWindow[0].duration',
      '"1M" uses a calendar unit (M, Q or Y) that has no fixed length; use days, e.g. 30d',
    ],
    [
      'two windows',
      '      isRolling: true\n',
      '      isRolling: true\n    - duration: 7d\n      isRolling: true\n',
      'spec.timeWindow',
      'must have exactly one item, got 2',
    ],
    [
      'a 28d calendar window',
      'isRolling: true',
      'isRolling: false\n      calendar:\n        timeZone: UTC',
      'spec.timeWindow[0].duration',
      '"28d" is not a supported calendar window; use 1w (ISO week) or 1M (calendar month)',
    ],
    [
      'a quarter calendar window',
      'duration: 28d\n      isRolling: true',
      'duration: 1Q\n      isRolling: false',
      'spec.timeWindow[0].duration',
      '"1Q" is not a supported calendar window',
    ],
    [
      'unknown time zone',
      'duration: 28d\n      isRolling: true',
      'duration: 1M\n      calendar:\n        timeZone: Mars/Olympus',
      'spec.timeWindow[0].calendar.timeZone',
      '"Mars/Olympus" is not a known IANA time zone',
    ],
    [
      'Datadog source',
      'type: Prometheus',
      'type: Datadog',
      'spec.indicator.spec.ratioMetric.good.metricSource.type',
      'uses metric source type "Datadog", which is not supported (only Prometheus)',
    ],
    [
      'empty query',
      'query: sum(rate(http_requests_total{job="checkout"}[5m]))',
      'query: ""',
      'spec.indicator.spec.ratioMetric.total.metricSource.spec.query',
      'must not be empty',
    ],
    [
      'good and bad',
      '        total:\n',
      '        bad:\n          metricSource:\n            spec:\n              query: x\n        total:\n',
      'spec.indicator.spec.ratioMetric',
      'must have only one of good and bad',
    ],
    [
      'no indicator',
      'indicator:',
      'indicatorX:',
      'spec.indicator',
      'is required (or spec.indicatorRef)',
    ],
    [
      'indicator and indicatorRef',
      '  indicator:\n',
      '  indicatorRef: other\n  indicator:\n',
      'spec.indicatorRef',
      'must not be set together with spec.indicator',
    ],
    [
      'unknown indicatorRef',
      '  indicator:\n',
      '  indicatorRef: missing-sli\n  indicatorX:\n',
      'spec.indicatorRef',
      '"missing-sli" does not match the metadata.name of any SLI document',
    ],
  ])('rejects %s', (_name, needle, replacement, field, message) => {
    const text = OPENSLO_INLINE.replace(needle, replacement);
    expect(text).not.toBe(OPENSLO_INLINE);
    const result = parseSloFile(text, { file: 'slos.yaml' });
    expect(result.slos).toEqual([]);
    expect(result.errors).toContainEqual(
      expect.objectContaining({
        file: 'slos.yaml',
        slo: 'checkout-availability',
        field,
        line: expect.any(Number),
        message: expect.stringContaining(
          `SLO "checkout-availability": ${field} ${message}`,
        ),
      }),
    );
  });

  it('names file, line, SLO and field in the message', () => {
    const text = OPENSLO_INLINE.replace('target: 0.999', 'target: 1');
    const result = parseSloFile(text, { file: 'slos.yaml' });
    // The target is on line 34 of the fixture.
    expect(lineOf(text, 'target: 1')).toBe(34);
    expect(result.errors).toEqual([
      {
        file: 'slos.yaml',
        line: 34,
        slo: 'checkout-availability',
        field: 'spec.objectives[0].target',
        message:
          'slos.yaml:34: SLO "checkout-availability": spec.objectives[0].target must be below 1 (100% leaves no error budget)',
      },
    ]);
  });

  it('reports all problems of an SLO at once', () => {
    const text = OPENSLO_INLINE.replace('type: Prometheus', 'type: Datadog')
      .replace('duration: 28d', 'duration: 0d')
      .replace('target: 0.999', 'target: 1');
    expect(parseSloFile(text).errors.map(e => e.field)).toEqual([
      'spec.indicator.spec.ratioMetric.good.metricSource.type',
      'spec.timeWindow[0].duration',
      'spec.objectives[0].target',
    ]);
  });

  it('points a missing field at its parent', () => {
    const text = OPENSLO_INLINE.replace('  budgetingMethod: Occurrences\n', '');
    const [error] = parseSloFile(text, { file: 'slos.yaml' }).errors;
    expect(error.line).toBe(lineOf(text, 'spec:'));
  });

  it('reports errors inside a referenced SLI at the SLI document', () => {
    const text = OPENSLO_REF.replace('type: prometheus', 'type: CloudWatch');
    const result = parseSloFile(text, { file: 'search.yaml' });
    expect(result.slos).toEqual([]);
    expect(result.errors).toEqual([
      expect.objectContaining({
        slo: 'search-availability',
        field: 'spec.ratioMetric.bad.metricSource.type',
        line: lineOf(text, 'type: CloudWatch'),
      }),
    ]);
  });

  it('rejects a threshold objective without op and value', () => {
    const text = OPENSLO_LATENCY.replace(
      '    - op: lte\n      value: 0.3\n      target',
      '    - target',
    );
    const result = parseSloFile(text, { file: 'latency.yaml' });
    expect(result.slos).toEqual([]);
    expect(result.errors.map(e => e.field)).toEqual([
      'spec.objectives[0].op',
      'spec.objectives[0].value',
    ]);
  });

  it('keeps valid objectives and SLOs next to broken ones', () => {
    const twoObjectives = OPENSLO_INLINE.replace(
      / {2}objectives:\n[\s\S]*$/,
      '  objectives:\n    - target: 1.0\n    - target: 0.995\n',
    );
    const result = parseSloFile(`${twoObjectives}---\n${OPENSLO_LATENCY}`, {
      file: 'mixed.yaml',
    });
    expect(result.slos.map(s => s.id)).toEqual([
      'checkout-availability-1',
      'search-latency',
    ]);
    expect(result.errors).toEqual([
      expect.objectContaining({
        field: 'spec.objectives[0].target',
        slo: 'checkout-availability',
      }),
    ]);
  });

  it.each([
    [
      'metadata without name',
      '  name: checkout-availability\n',
      '',
      'metadata.name',
      'is required',
    ],
    [
      'an unknown kind',
      'kind: SLO',
      'kind: Budget',
      'kind',
      '"Budget" is not an OpenSLO v1 kind',
    ],
    [
      'an unknown apiVersion',
      'apiVersion: openslo/v1',
      'apiVersion: openslo/v1alpha',
      'apiVersion',
      '"openslo/v1alpha" is not supported',
    ],
  ])(
    'rejects %s with one error',
    (_name, needle, replacement, field, message) => {
      const text = OPENSLO_INLINE.replace(needle, replacement);
      const result = parseSloFile(text, { file: 'slos.yaml' });
      expect(result.slos).toEqual([]);
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0].field).toBe(field);
      expect(result.errors[0].message).toContain(`${field} ${message}`);
    },
  );

  it('skips other OpenSLO kinds', () => {
    const service =
      'apiVersion: openslo/v1\nkind: Service\nmetadata:\n  name: checkout\nspec: {}\n';
    const result = parseSloFile(`${service}---\n${OPENSLO_INLINE}`);
    expect(result.errors).toEqual([]);
    expect(result.slos).toHaveLength(1);
  });
});

describe('parseSloFile: Sloth', () => {
  it('reads events and raw SLIs with percent objectives', () => {
    const result = parseSloFile(SLOTH, { file: 'sloth.yaml' });
    expect(result.errors).toEqual([]);
    expect(result.slos).toEqual<SloSpec[]>([
      {
        id: 'requests-availability',
        name: 'requests-availability',
        description: 'Availability of HTTP responses.',
        service: 'myservice',
        objective: 0.999,
        window: { kind: 'rolling', duration: '30d', ms: 30 * DAY },
        budgetingMethod: 'Occurrences',
        indicator: {
          kind: 'ratio',
          bad: 'sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{.window}}]))',
          total:
            'sum(rate(http_request_duration_seconds_count{job="myservice"}[{{ .window }}]))',
        },
        source: { format: 'sloth/v1', file: 'sloth.yaml', line: 7 },
        labels: { owner: 'myteam', tier: '2', category: 'availability' },
        alerting: {
          name: 'MyServiceHighErrorRate',
          labels: { category: 'availability' },
          annotations: {
            summary: "High error rate on 'myservice' requests responses",
          },
          page: { labels: { severity: 'pageteam' } },
          ticket: { disabled: true },
        },
      },
      {
        id: 'wifi-quality',
        name: 'wifi-quality',
        service: 'myservice',
        objective: 0.95,
        window: { kind: 'rolling', duration: '30d', ms: 30 * DAY },
        budgetingMethod: 'Occurrences',
        indicator: {
          kind: 'raw',
          rawType: 'failure',
          query: '1 - avg_over_time(wifi_ok[{{.window}}])',
        },
        source: {
          format: 'sloth/v1',
          file: 'sloth.yaml',
          line: lineOf(SLOTH, '- name: "wifi-quality"'),
        },
        labels: { owner: 'myteam', tier: '2' },
        alerting: { name: 'WifiQuality' },
      },
    ]);
    expect(result.slos[0].objective).toBe(0.999); // not 0.9990000000000001
  });

  it('reads a PrometheusServiceLevel resource', () => {
    const crd = `apiVersion: sloth.slok.dev/v1
kind: PrometheusServiceLevel
metadata:
  name: myservice
spec:
${SLOTH.replace(/^/gm, '  ')}`;
    const result = parseSloFile(crd, { defaultWindow: '28d' });
    expect(result.errors).toEqual([]);
    expect(result.slos.map(s => [s.id, s.objective, s.window])).toEqual([
      [
        'requests-availability',
        0.999,
        { kind: 'rolling', duration: '28d', ms: 28 * DAY },
      ],
      [
        'wifi-quality',
        0.95,
        { kind: 'rolling', duration: '28d', ms: 28 * DAY },
      ],
    ]);
  });

  it.each<[string, string | RegExp, string, string, string]>([
    [
      'objective 100',
      'objective: 99.9',
      'objective: 100',
      'slos[0].objective',
      'must be below 100 (100% leaves no error budget)',
    ],
    [
      'objective 0',
      'objective: 99.9',
      'objective: 0',
      'slos[0].objective',
      'must be above 0, got 0',
    ],
    [
      'objective as a fraction',
      'objective: 99.9',
      'objective: 0.999',
      'slos[0].objective',
      'is a percentage (e.g. 99.9 for 99.9%); 0.999 would mean 0.999%, did you mean 99.9?',
    ],
    [
      'objective above 100',
      'objective: 99.9',
      'objective: 999',
      'slos[0].objective',
      'is a percentage and must be below 100, got 999',
    ],
    [
      'no objective',
      '    objective: 99.9\n',
      '',
      'slos[0].objective',
      'is required',
    ],
    [
      'plugin SLI',
      / {6}events:\n.*\n.*\n/,
      '      plugin:\n        id: sloth-common/kubernetes/apiserver/availability\n',
      'slos[0].sli.plugin',
      'is not supported',
    ],
    [
      'events and raw',
      '      events:\n',
      '      raw:\n        error_ratio_query: x[{{.window}}]\n      events:\n',
      'slos[0].sli',
      'must have only one of events, raw',
    ],
    [
      'no SLI kind',
      / {6}events:\n.*\n.*\n/,
      '      other: {}\n',
      'slos[0].sli',
      'must have events (error_query, total_query) or raw (error_ratio_query)',
    ],
    [
      'query without window',
      '[{{ .window }}]',
      '[5m]',
      'slos[0].sli.events.total_query',
      'must use the {{.window}} placeholder',
    ],
    [
      'no error query',
      / {8}error_query: .*\n/,
      '',
      'slos[0].sli.events.error_query',
      'is required',
    ],
    [
      'bad disable flag',
      'disable: true',
      'disable: "yes"',
      'slos[0].alerting.ticket_alert.disable',
      'must be true or false',
    ],
  ])('rejects %s', (_name, needle, replacement, field, message) => {
    const text = SLOTH.replace(needle, replacement);
    expect(text).not.toBe(SLOTH);
    const result = parseSloFile(text, { file: 'sloth.yaml' });
    expect(result.slos.map(s => s.id)).toEqual(['wifi-quality']);
    expect(result.errors).toEqual([
      {
        file: 'sloth.yaml',
        slo: 'requests-availability',
        field,
        line: expect.any(Number),
        message: expect.stringContaining(
          `: SLO "requests-availability": ${field} ${message}`,
        ),
      },
    ]);
    expect(result.errors[0].message).toMatch(/^sloth\.yaml:\d+: /);
  });

  it.each([
    ['no service', 'service: "myservice"\n', '', 'service', 'is required'],
    [
      'no SLOs',
      /slos:[\s\S]*$/,
      'slos: []\n',
      'slos',
      'must list at least one SLO',
    ],
    [
      'another version',
      'version: "prometheus/v1"',
      'version: "prometheus/v2"',
      'version',
      '"prometheus/v2" is not supported',
    ],
  ])('rejects a file with %s', (_name, needle, replacement, field, message) => {
    const result = parseSloFile(SLOTH.replace(needle, replacement), {
      file: 'sloth.yaml',
    });
    expect(result.slos).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].message).toContain(`${field} ${message}`);
  });

  it('names an SLO without a name by its position', () => {
    const result = parseSloFile(
      SLOTH.replace(
        '  - name: "requests-availability"\n    objective',
        '  - objective',
      ),
      { file: 'sloth.yaml' },
    );
    expect(result.errors).toEqual([
      {
        file: 'sloth.yaml',
        field: 'slos[0].name',
        line: 7,
        message: 'sloth.yaml:7: slos[0].name is required',
      },
    ]);
  });
});

describe('parseSloFiles: ids', () => {
  it('sanitizes ids and keeps them unique within the set', () => {
    const sloth = SLOTH.replace(
      '"requests-availability"',
      '"Requests Availability"',
    ).replace('"wifi-quality"', '"requests_availability"');
    const result = parseSloFiles([
      { file: 'a.yaml', content: sloth },
      {
        file: 'b.yaml',
        content: OPENSLO_INLINE.replace(
          /checkout-availability/g,
          'requests-availability',
        ),
      },
    ]);
    expect(result.errors).toEqual([]);
    expect(result.slos.map(s => [s.id, s.name])).toEqual([
      ['requests-availability', 'Requests Availability'],
      ['requests-availability-2', 'requests_availability'],
      ['requests-availability-3', 'requests-availability'],
    ]);
  });
});

describe('parseSloFile: safety', () => {
  const bomb = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
`;

  it.each<[string, string, number | undefined, RegExp]>([
    [
      'an alias bomb',
      bomb,
      undefined,
      /^bomb\.yaml:1: uses too many YAML aliases/,
    ],
    [
      'a file over 256 KiB',
      `# ${'x'.repeat(256 * 1024)}\n`,
      undefined,
      /^bomb\.yaml: is too large \(more than 262144 bytes\)$/,
    ],
    [
      'a file over maxBytes',
      OPENSLO_INLINE,
      100,
      /is too large \(more than 100 bytes\)/,
    ],
    [
      'multi-byte text over maxBytes',
      `# ${'é'.repeat(60)}\n`,
      100,
      /is too large/,
    ],
    [
      'unclosed flow sequence',
      'slos: [unclosed\n',
      undefined,
      /^bomb\.yaml:\d+: is not valid YAML: /,
    ],
    [
      'bad indentation',
      'a:\n  b: 1\n c: 2\n',
      undefined,
      /^bomb\.yaml:3: is not valid YAML/,
    ],
    [
      'duplicate keys',
      'version: "prometheus/v1"\nservice: a\nservice: b\n',
      undefined,
      /^bomb\.yaml:3: is not valid YAML: Map keys must be unique/,
    ],
    [
      'a scalar document',
      'just text\n',
      undefined,
      /^bomb\.yaml:1: document 1 must be a mapping/,
    ],
    [
      'a foreign document',
      'apiVersion: v1\nkind: ConfigMap\n',
      undefined,
      /apiVersion "v1" is not supported; use openslo\/v1/,
    ],
    [
      'a document without version',
      'service: x\n',
      undefined,
      /document 1 is neither OpenSLO \(apiVersion: openslo\/v1\) nor Sloth \(version: prometheus\/v1\)/,
    ],
  ])('rejects %s with one error', (_name, content, maxBytes, message) => {
    const result = parseSloFile(`${content}`, { file: 'bomb.yaml', maxBytes });
    expect(result.slos).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].message).toMatch(message);
  });

  it('accepts a few anchors and aliases', () => {
    const text = SLOTH.replace(
      '    labels:\n      category: availability\n',
      '    labels: &l\n      category: availability\n',
    ).replace(
      '      name: WifiQuality\n',
      '      name: WifiQuality\n    labels: *l\n',
    );
    const result = parseSloFile(text);
    expect(result.errors).toEqual([]);
    expect(result.slos[1].labels).toEqual({
      owner: 'myteam',
      tier: '2',
      category: 'availability',
    });
  });

  it.each([[''], ['---\n'], ['# only a comment\n'], ['---\n---\n']])(
    'reads %j as no SLOs',
    content => {
      expect(parseSloFile(content)).toEqual({ slos: [], errors: [] });
    },
  );

  it('keeps other files when one is broken', () => {
    const result = parseSloFiles([
      { file: 'broken.yaml', content: bomb },
      { file: 'good.yaml', content: OPENSLO_INLINE },
    ]);
    expect(result.slos.map(s => s.id)).toEqual(['checkout-availability']);
    expect(result.errors.map(e => e.file)).toEqual(['broken.yaml']);
  });

  it('rejects an invalid default window', () => {
    expect(parseSloFile(OPENSLO_INLINE, { defaultWindow: '0d' })).toEqual({
      slos: [],
      errors: [{ message: 'default SLO window "0d" must be longer than zero' }],
    });
  });
});
