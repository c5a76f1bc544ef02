import {
  alertKeyOf,
  alertRunToIncident,
  renderAlertSummary,
} from './alertRunToIncident';
import { ReconstructedAlertRun } from './reconstructAlertRuns';

const START = Date.parse('2026-01-03T10:00:00Z') / 1000;

const run = (
  labels: Record<string, string>,
  overrides: Partial<ReconstructedAlertRun> = {},
): ReconstructedAlertRun => ({
  labels: { alertstate: 'firing', ...labels },
  start: START,
  last: START + 600,
  open: false,
  ...overrides,
});

describe('alertRunToIncident', () => {
  it('maps a resolved run', () => {
    const incident = alertRunToIncident(
      run({ alertname: 'CheckoutDown', service: 'checkout', severity: 'page' }),
      {
        stepSeconds: 60,
        summary: 'Checkout is down',
        serviceId: 'service="checkout"',
        severityLabel: 'page',
      },
    );
    expect(incident).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{20}-1767434400$/),
      source: 'alertmanager',
      serviceId: 'service="checkout"',
      title: 'CheckoutDown: Checkout is down',
      alertKey: 'CheckoutDown{service="checkout", severity="page"}',
      urgency: 'high',
      status: 'resolved',
      createdAt: '2026-01-03T10:00:00.000Z',
      firstAcknowledgedAt: null,
      resolvedAt: '2026-01-03T10:11:00.000Z',
      escalations: 0,
    });
  });

  it('leaves a run still firing open', () => {
    const incident = alertRunToIncident(
      run({ alertname: 'CheckoutDown' }, { open: true }),
      { stepSeconds: 60 },
    );
    expect(incident).toMatchObject({
      status: 'triggered',
      resolvedAt: null,
      firstAcknowledgedAt: null,
      title: 'CheckoutDown',
    });
    expect(incident.serviceId).toBeUndefined();
  });

  it.each([
    ['critical', 'high'],
    ['page', 'high'],
    ['PAGE', 'high'],
    [' Critical ', 'high'],
    ['warning', 'low'],
    ['ticket', 'low'],
    ['info', 'low'],
    [undefined, 'low'],
  ])('maps severity %j to urgency %s', (severity, urgency) => {
    const labels: Record<string, string> = { alertname: 'A' };
    if (severity !== undefined) {
      labels.severity = severity;
    }
    expect(alertRunToIncident(run(labels), { stepSeconds: 60 }).urgency).toBe(
      urgency,
    );
  });

  it('takes configured page severities', () => {
    const options = { stepSeconds: 60, pageSeverities: ['P1'] };
    expect(
      alertRunToIncident(run({ alertname: 'A', severity: 'p1' }), options)
        .urgency,
    ).toBe('high');
    expect(
      alertRunToIncident(run({ alertname: 'A', severity: 'critical' }), options)
        .urgency,
    ).toBe('low');
  });

  it('gives stable ids per alert and start', () => {
    const a = alertRunToIncident(run({ alertname: 'A', pod: 'x' }), {
      stepSeconds: 60,
    });
    const again = alertRunToIncident(
      run({ pod: 'x', alertname: 'A' }, { last: START + 6000, open: true }),
      { stepSeconds: 60 },
    );
    const otherPod = alertRunToIncident(run({ alertname: 'A', pod: 'y' }), {
      stepSeconds: 60,
    });
    const later = alertRunToIncident(
      run({ alertname: 'A', pod: 'x' }, { start: START + 60 }),
      { stepSeconds: 60 },
    );
    expect(again.id).toBe(a.id);
    expect(otherPod.id).not.toBe(a.id);
    expect(later.id).not.toBe(a.id);
    expect(a.id.length).toBeLessThanOrEqual(255);
  });
});

describe('alertKeyOf', () => {
  it('sorts the identifying labels and leaves out alertstate', () => {
    expect(
      alertKeyOf({
        severity: 'warning',
        alertstate: 'firing',
        alertname: 'PodCrashLooping',
        pod: 'checkout-1',
        __name__: 'ALERTS',
      }),
    ).toBe('PodCrashLooping{pod="checkout-1", severity="warning"}');
  });

  it('escapes values', () => {
    expect(alertKeyOf({ alertname: 'A', msg: 'say "hi"\n' })).toBe(
      'A{msg="say \\"hi\\"\\n"}',
    );
  });

  it('hashes very long keys', () => {
    const key = alertKeyOf({ alertname: 'A', long: 'x'.repeat(1000) });
    expect(key).toMatch(/^A\{#[0-9a-f]{32}\}$/);
    expect(alertKeyOf({ alertname: 'A', long: 'x'.repeat(1000) })).toBe(key);
  });
});

describe('renderAlertSummary', () => {
  it.each([
    ['Checkout is down', 'Checkout is down'],
    ['Pod {{ $labels.pod }} is crash looping', 'Pod p-1 is crash looping'],
    ['Pod {{$labels.pod}} / {{ .Labels.service }}', 'Pod p-1 / checkout'],
    ['Missing {{ $labels.nope }}!', 'Missing !'],
    ['Value is {{ $value }}', undefined],
    ['{{ $labels.pod | toUpper }}', undefined],
    ['   ', undefined],
    [undefined, undefined],
  ])('renders %j as %j', (template, expected) => {
    expect(
      renderAlertSummary(template, { pod: 'p-1', service: 'checkout' }),
    ).toBe(expected);
  });
});
