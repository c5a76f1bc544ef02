import { LoggerService } from '@backstage/backend-plugin-api';
import { TicketStatusProvider } from '@reliability-kit/backstage-plugin-reliability-node';
import { chunk } from '../lib/chunk';
import { IncidentsStore } from './IncidentsStore';

const BATCH = 50;

/**
 * Reads the states of the tickets from the first provider that handles
 * each, in batches, and stores them. A failed batch is recorded as an error
 * on its tickets (their last states are kept, shown as stale), and so is a
 * ticket the provider reports with `onTicketError`; tickets no
 * provider handles are counted. Returns the counts.
 */
export async function syncTicketStates(options: {
  tickets: string[];
  providers: TicketStatusProvider[];
  store: IncidentsStore;
  logger: LoggerService;
  now: string;
  signal?: AbortSignal;
}): Promise<{ read: number; failed: number; unhandled: number }> {
  const byProvider = new Map<TicketStatusProvider, string[]>();
  let unhandled = 0;
  for (const ticket of [...new Set(options.tickets)].sort()) {
    const provider = options.providers.find(p => p.handles(ticket));
    if (!provider) {
      unhandled++;
      continue;
    }
    byProvider.set(provider, [...(byProvider.get(provider) ?? []), ticket]);
  }
  let read = 0;
  let failed = 0;
  for (const [provider, tickets] of byProvider) {
    for (const part of chunk(tickets, BATCH)) {
      // tickets the provider could not read, one by one (others go on)
      const errors = new Map<string, string>();
      try {
        const statuses = await provider.getTicketStatuses(part, {
          signal: options.signal,
          onTicketError: (ticket, message) => errors.set(ticket, message),
        });
        await options.store.upsertTicketStates(
          provider.id,
          statuses,
          options.now,
        );
        read += statuses.length;
        const found = new Set(statuses.map(s => s.ticket));
        for (const [ticket, message] of errors) {
          await options.store.recordTicketError(
            provider.id,
            [ticket],
            message,
            options.now,
          );
        }
        failed += errors.size;
        const missing = part.filter(t => !found.has(t) && !errors.has(t));
        if (missing.length > 0) {
          await options.store.recordTicketError(
            provider.id,
            missing,
            `${provider.id} does not know this ticket (or the configured account cannot see it)`,
            options.now,
          );
          failed += missing.length;
        }
      } catch (error) {
        const message = (error as Error).message;
        options.logger.warn(
          `Could not read ${part.length} ticket states from ${provider.id}: ${message}`,
        );
        await options.store.recordTicketError(
          provider.id,
          part,
          message,
          options.now,
        );
        failed += part.length;
      }
    }
  }
  return { read, failed, unhandled };
}
