import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  EntityProblem,
  Postmortem,
  TicketStatus,
} from '@reliability-kit/backstage-plugin-reliability-common';

/**
 * A source of postmortems besides the Markdown files next to the entity
 * (`reliability-kit.io/postmortems`), e.g. incident.io, FireHydrant, Rootly
 * or Confluence.
 *
 * @public
 */
export interface PostmortemSource {
  /** Unique id; stored as each postmortem's `source`. */
  readonly id: string;
  /**
   * The postmortems of an entity. Problems are returned for the entity (they
   * are shown on its page); a thrown error marks this source's postmortems
   * of the entity as stale and keeps the stored ones.
   */
  readPostmortems(
    entity: Entity,
    options: { signal?: AbortSignal },
  ): Promise<{ postmortems: Postmortem[]; problems: EntityProblem[] }>;
}

/**
 * A source of ticket states for corrective actions (Jira, GitHub issues,
 * or others).
 *
 * @public
 */
export interface TicketStatusProvider {
  /** Unique id, e.g. `jira`. */
  readonly id: string;
  /** Whether this provider reads the ticket (a key or URL as written). */
  handles(ticket: string): boolean;
  /**
   * The states of the tickets it handles; tickets it cannot find are left
   * out. A thrown error keeps the stored states of all the tickets (marked
   * stale); a provider that reads tickets one by one reports a ticket it
   * could not read with `onTicketError` (its stored state is kept, marked
   * stale, with the message) and goes on with the others.
   */
  getTicketStatuses(
    tickets: string[],
    options: {
      signal?: AbortSignal;
      onTicketError?(ticket: string, message: string): void;
    },
  ): Promise<TicketStatus[]>;
}

/**
 * The extension point through which backend modules add postmortem sources
 * and ticket status providers to the incidents feature.
 *
 * @public
 */
export interface ReliabilityIncidentsExtensionPoint {
  /** Adds a postmortem source; its id must be unique and not `file`. */
  addPostmortemSource(source: PostmortemSource): void;
  /** Added providers are asked before the configured Jira and GitHub ones. */
  addTicketStatusProvider(provider: TicketStatusProvider): void;
}

/**
 * Extension point for postmortem sources and ticket status providers.
 *
 * @public
 */
export const reliabilityIncidentsExtensionPoint =
  createExtensionPoint<ReliabilityIncidentsExtensionPoint>({
    id: 'reliability.incidents',
  });
