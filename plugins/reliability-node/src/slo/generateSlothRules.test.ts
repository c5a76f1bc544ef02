import { SloSpec } from '@reliability-kit/backstage-plugin-reliability-common';
import { parse, stringify } from 'yaml';
import { generateSlothRules, PrometheusRule } from './generateSlothRules';

const DAY = 24 * 60 * 60 * 1000;

const availability: SloSpec = {
  id: 'requests-availability',
  name: 'requests-availability',
  service: 'myservice',
  objective: 0.999,
  window: { kind: 'rolling', duration: '30d', ms: 30 * DAY },
  budgetingMethod: 'Occurrences',
  indicator: {
    kind: 'ratio',
    bad: 'sum(rate(http_requests_total{job="myservice",code=~"5.."}[{{.window}}]))',
    total: 'sum(rate(http_requests_total{job="myservice"}[{{ .window }}]))',
  },
  source: { format: 'sloth/v1', file: 'sloth.yaml' },
  labels: { owner: 'myteam' },
  alerting: {
    name: 'MyServiceHighErrorRate',
    labels: { category: 'availability' },
    page: { labels: { severity: 'pageteam' } },
    ticket: {
      labels: { severity: 'slack' },
      annotations: { runbook: 'https://runbooks/x' },
    },
  },
};

const SELECTOR =
  '{sloth_id="myservice-requests-availability", sloth_service="myservice", sloth_slo="requests-availability"}';

function rule(rules: PrometheusRule[], name: string): PrometheusRule {
  const found = rules.find(r => r.record === name);
  if (!found) throw new Error(`no rule ${name}`);
  return found;
}

describe('generateSlothRules', () => {
  const file = generateSlothRules(availability);
  const [sli, meta, alerts] = file.groups;

  it('names the groups like Sloth', () => {
    expect(file.groups.map(g => g.name)).toEqual([
      'sloth-slo-sli-recordings-myservice-requests-availability',
      'sloth-slo-meta-recordings-myservice-requests-availability',
      'sloth-slo-alerts-myservice-requests-availability',
    ]);
  });

  it.each([['5m'], ['30m'], ['1h'], ['2h'], ['6h'], ['1d'], ['3d']])(
    'records the error ratio over %s',
    window => {
      expect(rule(sli.rules, `slo:sli_error:ratio_rate${window}`)).toEqual({
        record: `slo:sli_error:ratio_rate${window}`,
        expr:
          `(sum(rate(http_requests_total{job="myservice",code=~"5.."}[${window}])))\n` +
          `/\n` +
          `(sum(rate(http_requests_total{job="myservice"}[${window}])))\n`,
        labels: {
          owner: 'myteam',
          sloth_id: 'myservice-requests-availability',
          sloth_service: 'myservice',
          sloth_slo: 'requests-availability',
          sloth_window: window,
        },
      });
    },
  );

  it('records the error ratio over the SLO window', () => {
    expect(sli.rules.map(r => r.record)).toEqual([
      'slo:sli_error:ratio_rate5m',
      'slo:sli_error:ratio_rate30m',
      'slo:sli_error:ratio_rate1h',
      'slo:sli_error:ratio_rate2h',
      'slo:sli_error:ratio_rate6h',
      'slo:sli_error:ratio_rate1d',
      'slo:sli_error:ratio_rate3d',
      'slo:sli_error:ratio_rate30d',
    ]);
    const period = rule(sli.rules, 'slo:sli_error:ratio_rate30d');
    expect(period.expr).toBe(
      `sum_over_time(slo:sli_error:ratio_rate5m${SELECTOR}[30d])\n` +
        `/ ignoring (sloth_window)\n` +
        `count_over_time(slo:sli_error:ratio_rate5m${SELECTOR}[30d])\n`,
    );
    expect(period.labels?.sloth_window).toBe('30d');
    expect(JSON.stringify(file)).not.toContain('{{.window}}');
    expect(JSON.stringify(file)).not.toContain('.window }}');
  });

  it.each([
    ['slo:objective:ratio', 'vector(0.999)'],
    ['slo:error_budget:ratio', 'vector(0.001)'],
    ['slo:time_period:days', 'vector(30)'],
    [
      'slo:period_error_budget_remaining:ratio',
      `1 - slo:period_burn_rate:ratio${SELECTOR}`,
    ],
  ])('records %s', (name, expr) => {
    expect(rule(meta.rules, name)).toMatchObject({
      expr,
      labels: expect.objectContaining({
        sloth_id: 'myservice-requests-availability',
      }),
    });
  });

  it('builds the page and ticket alerts with 30d thresholds', () => {
    const cond = (short: string, long: string, factor: string) =>
      `(\n    (slo:sli_error:ratio_rate${short}${SELECTOR} > (${factor} * 0.001))\n` +
      `    and ignoring (sloth_window)\n` +
      `    (slo:sli_error:ratio_rate${long}${SELECTOR} > (${factor} * 0.001))\n)`;
    expect(alerts.rules).toEqual([
      {
        alert: 'MyServiceHighErrorRate',
        expr: `${cond('5m', '1h', '14.4')}\nor ignoring (sloth_window)\n${cond(
          '30m',
          '6h',
          '6',
        )}\n`,
        labels: {
          category: 'availability',
          severity: 'pageteam',
          sloth_severity: 'page',
        },
        annotations: {
          title: expect.stringContaining('(page)'),
          summary: expect.stringContaining('99.9% over 30d'),
        },
      },
      {
        alert: 'MyServiceHighErrorRate',
        expr: `${cond('2h', '1d', '3')}\nor ignoring (sloth_window)\n${cond(
          '6h',
          '3d',
          '1',
        )}\n`,
        labels: {
          category: 'availability',
          severity: 'slack',
          sloth_severity: 'ticket',
        },
        annotations: {
          title: expect.stringContaining('(ticket)'),
          summary: expect.any(String),
          runbook: 'https://runbooks/x',
        },
      },
    ]);
  });

  it.each([
    [
      '28d',
      28 * DAY,
      ['13.44', '5.6', '2.8', '0.933333333333333'],
      'vector(28)',
    ],
    ['90d', 90 * DAY, ['43.2', '18', '9', '3'], 'vector(90)'],
  ])(
    'scales alert thresholds for a %s window',
    (duration, ms, factors, days) => {
      const out = generateSlothRules({
        ...availability,
        window: { kind: 'rolling', duration, ms },
      });
      const [page, ticket] = out.groups[2].rules;
      for (const factor of factors.slice(0, 2)) {
        expect(page.expr).toContain(`> (${factor} * 0.001)`);
      }
      for (const factor of factors.slice(2)) {
        expect(ticket.expr).toContain(`> (${factor} * 0.001)`);
      }
      expect(out.groups[0].rules[7].record).toBe(
        `slo:sli_error:ratio_rate${duration}`,
      );
      expect(rule(out.groups[1].rules, 'slo:time_period:days').expr).toBe(days);
    },
  );

  it.each([
    [
      'good events',
      {
        kind: 'ratio',
        good: 'sum(rate(ok[{{.window}}]))',
        total: 'sum(rate(all[{{.window}}]))',
      },
      '1 - (\n(sum(rate(ok[1h])))\n/\n(sum(rate(all[1h])))\n)\n',
    ],
    [
      'a raw error ratio',
      { kind: 'raw', rawType: 'failure', query: 'my:error_ratio[{{.window}}]' },
      '(my:error_ratio[1h])\n',
    ],
    [
      'a raw success ratio',
      {
        kind: 'raw',
        rawType: 'success',
        query: 'avg_over_time(up[{{.window}}])',
      },
      '1 - (avg_over_time(up[1h]))\n',
    ],
  ] as const)('computes the error ratio from %s', (_name, indicator, expr) => {
    const out = generateSlothRules({
      ...availability,
      indicator: { ...indicator },
    });
    expect(rule(out.groups[0].rules, 'slo:sli_error:ratio_rate1h').expr).toBe(
      expr,
    );
  });

  it('leaves out disabled alerts and falls back to defaults', () => {
    const out = generateSlothRules({
      ...availability,
      id: '5xx-rate',
      alerting: { ticket: { disabled: true } },
      labels: undefined,
    });
    expect(out.groups[2].rules.map(r => [r.alert, r.labels])).toEqual([
      ['Slo5xxRateSloBurnRate', { sloth_severity: 'page' }],
    ]);
    const none = generateSlothRules({
      ...availability,
      alerting: { page: { disabled: true }, ticket: { disabled: true } },
    });
    expect(none.groups).toHaveLength(2);
  });

  it('takes the service from the options and escapes label values', () => {
    const out = generateSlothRules(
      { ...availability, service: undefined },
      { service: 'my"svc' },
    );
    expect(out.groups[1].rules[0].labels?.sloth_service).toBe('my"svc');
    expect(out.groups[0].rules[7].expr).toContain('sloth_service="my\\"svc"');
  });

  it('serializes to YAML and back', () => {
    expect(parse(stringify(file))).toEqual(file);
  });

  it.each<[string, Partial<SloSpec>, RegExp]>([
    ['no service', { service: undefined }, /a service name is needed/],
    [
      'a threshold indicator',
      {
        indicator: { kind: 'threshold', query: 'x', operator: 'lt', value: 1 },
      },
      /only be generated for ratio SLOs, not threshold/,
    ],
    [
      'Timeslices',
      { budgetingMethod: 'Timeslices' },
      /need the Occurrences budgeting method/,
    ],
    [
      'a calendar window',
      { window: { kind: 'calendar', unit: 'month' } },
      /need a rolling window, not a calendar month/,
    ],
    [
      'a 3d window',
      { window: { kind: 'rolling', duration: '3d', ms: 3 * DAY } },
      /must be longer than 3d/,
    ],
    [
      'a query without {{.window}}',
      {
        indicator: {
          kind: 'ratio',
          bad: 'sum(rate(x[5m]))',
          total: 'sum(rate(y[{{.window}}]))',
        },
      },
      /has no \{\{\.window\}\} placeholder/,
    ],
    ['a 100% objective', { objective: 1 }, /100% leaves no error budget/],
  ])('rejects %s', (_name, change, message) => {
    expect(() => generateSlothRules({ ...availability, ...change })).toThrow(
      message,
    );
  });
});
