import { PromRuleGroup, parseLabelMatchers } from '../providers/prometheus';
import { findAlertRule, selectAlertRules } from './selectAlertRules';

const alerting = (
  name: string,
  labels: Record<string, string>,
  annotations: Record<string, string> = {},
) => ({
  type: 'alerting' as const,
  name,
  query: 'vector(1)',
  labels,
  annotations,
  health: 'ok',
  state: 'inactive',
  duration: 0,
  alerts: [],
});

const GROUPS: PromRuleGroup[] = [
  {
    name: 'checkout',
    file: 'checkout.yml',
    interval: 60,
    rules: [
      alerting(
        'CheckoutDown',
        { service: 'checkout', severity: 'page' },
        { summary: 'down', runbook_url: 'https://runbooks/down' },
      ),
      {
        type: 'recording',
        name: 'checkout:requests:rate5m',
        query: 'sum(rate(x[5m]))',
        labels: { service: 'checkout' },
        health: 'ok',
      },
      alerting('CheckoutSlow', { service: 'checkout', severity: 'warning' }),
    ],
  },
  {
    name: 'web',
    file: 'web.yml',
    interval: 60,
    rules: [
      alerting('CheckoutWebSlow', { service: 'checkout-web' }),
      alerting('NoService', { severity: 'warning' }),
      alerting('CheckoutDown', { service: 'checkout-eu', severity: 'page' }),
    ],
  },
];

const names = (selector: string) =>
  selectAlertRules(GROUPS, parseLabelMatchers(selector)).map(
    r => `${r.group}/${r.name}`,
  );

describe('selectAlertRules', () => {
  it('returns the matching alerting rules with group, labels and annotations', () => {
    expect(
      selectAlertRules(GROUPS, parseLabelMatchers('service="checkout"')),
    ).toEqual([
      {
        name: 'CheckoutDown',
        group: 'checkout',
        labels: { service: 'checkout', severity: 'page' },
        annotations: { summary: 'down', runbook_url: 'https://runbooks/down' },
      },
      {
        name: 'CheckoutSlow',
        group: 'checkout',
        labels: { service: 'checkout', severity: 'warning' },
        annotations: {},
      },
    ]);
  });

  it.each([
    ['service="checkout"', ['checkout/CheckoutDown', 'checkout/CheckoutSlow']],
    [
      'service=~"checkout.*"',
      [
        'checkout/CheckoutDown',
        'checkout/CheckoutSlow',
        'web/CheckoutWebSlow',
        'web/CheckoutDown',
      ],
    ],
    ['service=~"check"', []],
    ['service="checkout", severity="page"', ['checkout/CheckoutDown']],
    ['service="checkout", severity!="page"', ['checkout/CheckoutSlow']],
    ['service!~"checkout.*"', ['web/NoService']],
    ['service=""', ['web/NoService']],
    [
      '{service=~"(?i)CHECKOUT"}',
      ['checkout/CheckoutDown', 'checkout/CheckoutSlow'],
    ],
    ['team="payments"', []],
  ])('selects %s', (selector, expected) => {
    expect(names(selector)).toEqual(expected);
  });

  it('returns copies', () => {
    const [rule] = selectAlertRules(
      GROUPS,
      parseLabelMatchers('service="checkout"'),
    );
    rule.labels!.service = 'changed';
    expect(GROUPS[0].rules[0].labels.service).toBe('checkout');
  });
});

describe('findAlertRule', () => {
  it('finds the rule by name and static labels', () => {
    expect(
      findAlertRule(GROUPS, {
        alertname: 'CheckoutDown',
        alertstate: 'firing',
        service: 'checkout-eu',
        severity: 'page',
        instance: 'x',
      })?.labels.service,
    ).toBe('checkout-eu');
    expect(
      findAlertRule(GROUPS, { alertname: 'CheckoutDown', service: 'other' }),
    ).toBeUndefined();
    expect(findAlertRule(GROUPS, { alertname: 'Gone' })).toBeUndefined();
    expect(findAlertRule(GROUPS, { service: 'checkout' })).toBeUndefined();
  });

  it('does not compare templated label values', () => {
    const groups: PromRuleGroup[] = [
      {
        name: 'g',
        file: 'f',
        interval: 60,
        rules: [alerting('A', { team: '{{ $labels.owner }}' })],
      },
    ];
    expect(findAlertRule(groups, { alertname: 'A', team: 'x' })?.name).toBe(
      'A',
    );
  });

  it('ignores recording rules of the same name', () => {
    expect(
      findAlertRule(GROUPS, {
        alertname: 'checkout:requests:rate5m',
        service: 'checkout',
      }),
    ).toBeUndefined();
  });
});
