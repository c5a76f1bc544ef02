import { Incident } from '@reliability-kit/backstage-plugin-reliability-common';
import { PrometheusFixtures } from './prometheusFixtures';

// Test support for the alert integration tests: the ALERTS history that
// scripts/prometheus/generate-openmetrics.mjs writes into the fixture
// Prometheus (key "alerts" of fixtures.json), and a few calls to the real
// Alertmanager started by scripts/alertmanager.sh (`start_alertmanager`).

/** One backfilled ALERTS series and its runs, [start, end) in unix seconds. */
export interface AlertHistoryFixtureSeries {
  labels: Record<string, string>;
  runs: Array<{ start: number; end: number }>;
}

/** The "alerts" key of fixtures.json. */
export interface AlertHistoryFixtures {
  description: string;
  stepSeconds: number;
  /** The range the expected incidents are for: [since, until), unix seconds. */
  since: number;
  until: number;
  series: AlertHistoryFixtureSeries[];
  /** Expected incidents (without ids) by service, sorted by createdAt, alertKey. */
  incidents: Record<'checkout' | 'identity', Array<Omit<Incident, 'id'>>>;
}

/** The alert history of a fixtures.json; throws when it has none. */
export function alertHistoryOf(
  fixtures: PrometheusFixtures,
): AlertHistoryFixtures {
  const alerts = (fixtures as unknown as { alerts?: AlertHistoryFixtures })
    .alerts;
  if (!alerts?.incidents) {
    throw new Error(
      'fixtures.json has no "alerts": restart the fixture Prometheus with the current scripts/prometheus/generate-openmetrics.mjs',
    );
  }
  return alerts;
}

/** Where the test Alertmanager listens (`ALERTMANAGER_URL`), if one was started. */
export function getAlertmanagerUrl(): string | undefined {
  return process.env.ALERTMANAGER_URL || undefined;
}

async function send(url: string, path: string, body: unknown): Promise<string> {
  const response = await fetch(`${url.replace(/\/+$/, '')}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(
      `Alertmanager answered HTTP ${response.status} to POST ${path}: ${text}`,
    );
  }
  return text;
}

/** An alert as POST /api/v2/alerts takes it (postableAlert). */
export interface PostableAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
  generatorURL?: string;
}

/** Sends alerts the way Prometheus does (`POST /api/v2/alerts`). */
export async function postAlerts(
  url: string,
  alerts: PostableAlert[],
): Promise<void> {
  await send(url, '/api/v2/alerts', alerts);
}

/** Creates a silence (`POST /api/v2/silences`); returns its id. */
export async function postSilence(
  url: string,
  silence: {
    matchers: Array<{
      name: string;
      value: string;
      isRegex: boolean;
      isEqual?: boolean;
    }>;
    startsAt: string;
    endsAt: string;
    createdBy: string;
    comment: string;
  },
): Promise<string> {
  const text = await send(url, '/api/v2/silences', silence);
  const id = JSON.parse(text)?.silenceID;
  if (typeof id !== 'string') {
    throw new Error(`Alertmanager answered no silenceID: ${text}`);
  }
  return id;
}

/** Polls `check` until it returns true or `timeoutMs` passes. */
export async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

/**
 * CheckoutDown as the client reads it from Alertmanager: active, paging,
 * with its summary and runbook, started at `startsAt`; `labels` adds labels.
 */
export const checkoutDownAlert = (
  startsAt: string,
  labels: Record<string, string> = {},
) => ({
  name: 'CheckoutDown',
  severity: 'page',
  summary: 'Checkout is down',
  runbookUrl: 'https://runbooks.example.com/checkout/down',
  startsAt,
  state: 'active',
  silencedBy: [],
  labels: {
    alertname: 'CheckoutDown',
    service: 'checkout',
    severity: 'page',
    ...labels,
  },
});
