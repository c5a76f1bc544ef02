import { LoggerService } from '@backstage/backend-plugin-api';
import { PagerDutyClient } from './PagerDutyClient';
import { PagerDutyRequestError } from './PagerDutyRequestError';
import { SyncContext, appendAll } from './syncContext';
import { PdAnalyticsIncident, PdAnalyticsPage } from './types';

/**
 * PagerDuty's raw incident analytics (`POST /analytics/raw/incidents`):
 * first-acknowledgement times and escalation counts of a backfill. Remembers
 * the accounts whose plan lacks analytics (401/402/403) and does not ask
 * them again.
 */
export class PagerDutyAnalytics {
  readonly #logger: LoggerService;
  readonly #enabled: boolean;
  readonly #unavailable = new Set<string>();

  constructor(options: { logger: LoggerService; enabled: boolean }) {
    this.#logger = options.logger;
    this.#enabled = options.enabled;
  }

  /** Whether to ask the account's analytics. */
  enabledFor(client: PagerDutyClient): boolean {
    return this.#enabled && !this.#unavailable.has(client.name);
  }

  /** The analytics records of the services' incidents created in the range. */
  async list(
    ctx: SyncContext,
    serviceIds: string[],
    sinceMs: number,
    untilMs: number,
  ): Promise<PdAnalyticsIncident[]> {
    const out: PdAnalyticsIncident[] = [];
    const body: Record<string, unknown> = {
      filters: {
        created_at_start: new Date(sinceMs).toISOString(),
        created_at_end: new Date(untilMs).toISOString(),
        service_ids: serviceIds,
      },
      limit: 1000,
      order: 'asc',
      order_by: 'created_at',
      time_zone: 'Etc/UTC',
    };
    const seen = new Set<string>();
    for (;;) {
      const page = (await ctx.client.post('/analytics/raw/incidents', body, {
        signal: ctx.signal,
        stats: ctx.stats,
      })) as PdAnalyticsPage | null;
      const data = Array.isArray(page?.data) ? page!.data : [];
      appendAll(out, data);
      const last = page?.last;
      // a null cursor (the live API sends one) or a repeated one ends it
      if (page?.more !== true || typeof last !== 'string' || seen.has(last)) {
        return out;
      }
      seen.add(last);
      body.starting_after = last;
    }
  }

  /** True when an analytics failure should fall back to log entries. */
  failed(client: PagerDutyClient, e: unknown): boolean {
    if (e instanceof PagerDutyRequestError) {
      if ([401, 402, 403].includes(e.statusCode)) {
        this.#unavailable.add(client.name);
      }
      this.#logger.warn(
        `PagerDuty account "${client.name}": analytics unavailable (${e.statusCode}); reading acknowledgements from log entries instead`,
      );
      return true;
    }
    if ((e as Error)?.name === 'UpstreamUnavailableError') {
      this.#logger.warn(
        `${
          (e as Error).message
        }; reading acknowledgements from log entries instead`,
      );
      return true;
    }
    return false;
  }
}
