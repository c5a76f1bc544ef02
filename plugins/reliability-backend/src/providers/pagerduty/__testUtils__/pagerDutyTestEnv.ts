import { mockServices } from '@backstage/backend-test-utils';
import { Incident } from '@reliability-kit/backstage-plugin-reliability-common';
import { http } from 'msw';
import { SetupServer } from 'msw/node';
import { PagerDutyDouble, PagerDutyDoubleOptions } from '../../../testUtils';
import {
  PagerDutyPagingProvider,
  PagerDutyPagingProviderOptions,
} from '../PagerDutyPagingProvider';
import { PagerDutyAccountConfig } from '../readPagerDutyAccounts';
import { DAY } from '../../../__testUtils__/time';

export const PD_US = 'https://api.pagerduty.com';
export const PD_EU = 'https://api.eu.pagerduty.com';
export const TOKEN = 'u+pd-s3cr3t-t0ken-DO-NOT-LOG';

/** The time the PagerDuty tests start at: 1 March 2026, 12:00 UTC. */
export const NOW = Date.parse('2026-03-01T12:00:00Z');

/** A fake clock shared by the double, the client and the provider. */
export class FakeClock {
  constructor(public ms: number) {}
  now = () => this.ms;
  advance(ms: number) {
    this.ms += ms;
  }
}

/**
 * A FakeClock that every test of the calling file or describe block starts
 * again at `start` (it registers a beforeEach).
 */
export function clockPerTest(start = NOW): FakeClock {
  const clock = new FakeClock(start);
  beforeEach(() => {
    clock.ms = start;
  });
  return clock;
}

/** The `days` days up to NOW, as a sync range. */
export const lastDays = (days: number) => ({
  since: new Date(NOW - days * DAY),
  until: new Date(NOW),
});

/** Serves a double at `baseUrl` through msw; keeps bodies for contract checks. */
export function serveDouble(
  server: SetupServer,
  clock: FakeClock,
  options: Partial<PagerDutyDoubleOptions> & { baseUrl?: string } = {},
): PagerDutyDouble {
  const { baseUrl = PD_US, ...rest } = options;
  const double = new PagerDutyDouble({
    token: TOKEN,
    now: clock.now,
    keepBodies: true,
    selfOrigin: baseUrl,
    ...rest,
  });
  server.use(http.all(`${baseUrl}/*`, ({ request }) => double.handle(request)));
  return double;
}

export function account(
  overrides: Partial<PagerDutyAccountConfig> = {},
): PagerDutyAccountConfig {
  return {
    name: 'main',
    token: TOKEN,
    region: 'us',
    baseUrl: PD_US,
    timeoutMs: 5_000,
    ...overrides,
  };
}

export function makeProvider(
  clock: FakeClock,
  accounts: PagerDutyAccountConfig[] = [account()],
  options: Partial<PagerDutyPagingProviderOptions> = {},
) {
  const logger = mockServices.logger.mock();
  const sleep = jest.fn(async (ms: number) => {
    clock.advance(ms);
  });
  const provider = PagerDutyPagingProvider.create(accounts, {
    logger,
    now: clock.now,
    ...options,
    client: {
      sleep,
      now: clock.now,
      random: () => 0.5,
      ...options.client,
    },
  });
  return { provider, logger, sleep };
}

/**
 * What the provider must return for the double's incidents: first
 * acknowledgement and escalations from the log entries, resolution time
 * from the incident.
 */
export function expectedIncidents(
  double: PagerDutyDouble,
  filter: (createdMs: number, serviceId: string) => boolean,
): Incident[] {
  return double.incidents
    .filter(i => filter(i.createdMs, i.serviceId))
    .map(i => {
      const entries = double.logEntriesOf(i.id);
      const ack = entries.find(e => e.type === 'acknowledge_log_entry');
      return {
        id: i.id,
        source: 'pagerduty',
        serviceId: i.serviceId,
        title: i.title,
        alertKey: i.incidentKey,
        urgency: i.urgency,
        status: i.status,
        createdAt: new Date(i.createdMs).toISOString(),
        firstAcknowledgedAt: ack ? new Date(ack.createdMs).toISOString() : null,
        resolvedAt:
          i.resolvedMs === null ? null : new Date(i.resolvedMs).toISOString(),
        escalations: entries.filter(e => e.type === 'escalate_log_entry')
          .length,
      };
    });
}

/** Every string the logger mock was called with, joined. */
export function loggedText(
  logger: ReturnType<typeof mockServices.logger.mock>,
) {
  return JSON.stringify(
    (['debug', 'info', 'warn', 'error'] as const).flatMap(level =>
      (logger[level] as jest.Mock).mock.calls.map((args: unknown[]) =>
        args.map(a => (a instanceof Error ? `${a.message} ${a.stack}` : a)),
      ),
    ),
  );
}

/** The rejection of `promise` (fails the test when it resolves). */
export async function caught(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

/** The double's fault for PagerDuty's answer when the rate limit is spent. */
export const RATE_LIMITED = {
  kind: 'status' as const,
  status: 429,
  headers: {
    'ratelimit-limit': '960',
    'ratelimit-remaining': '0',
    'ratelimit-reset': '7',
  },
  body: { error: { message: 'Rate Limit Exceeded', code: 2020 } },
};

/**
 * Adds one service per escalation policy given, in order: `PSVC001` named
 * `a`, `PSVC002` named `b`, and so on.
 */
export function addServices(double: PagerDutyDouble, policies: string[]) {
  policies.forEach((escalationPolicyId, i) =>
    double.addService({
      id: `PSVC${String(i + 1).padStart(3, '0')}`,
      name: String.fromCharCode(97 + i),
      escalationPolicyId,
    }),
  );
}
