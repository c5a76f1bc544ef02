import {
  EntityProblem,
  Postmortem,
  TicketStatus,
} from '@reliability-kit/backstage-plugin-reliability-common';

/**
 * The stored state of one ticket: its last state read, and the last error.
 */
export interface StoredTicketState {
  ticket: string;
  provider: string;
  /** Absent until the ticket was read once. */
  status?: TicketStatus;
  fetchedAt?: string;
  lastError?: string;
  lastErrorAt?: string;
}

/** An impact start found from the SLO burn rate (null: none found). */
export interface StoredImpact {
  entityRef: string;
  source: string;
  incidentId: string;
  impactStartedAt: string | null;
  sloId: string | null;
  computedAt: string;
}

/**
 * Persistence of the incidents feature (tables `reliability_postmortems`,
 * `reliability_ticket_states`, `reliability_incident_impacts`,
 * `reliability_incident_entity_state`); the incidents themselves are in the
 * paging store.
 */
export interface IncidentsStore {
  /** Replaces the postmortems of an entity from one source. */
  replacePostmortems(
    entityRef: string,
    source: string,
    postmortems: Postmortem[],
    syncedAt: string,
  ): Promise<void>;
  /** The postmortems of the given entities (all when not given), by entity. */
  listPostmortems(entityRefs?: string[]): Promise<Map<string, Postmortem[]>>;
  /** Records the states read (clears their errors). */
  upsertTicketStates(
    provider: string,
    statuses: TicketStatus[],
    fetchedAt: string,
  ): Promise<void>;
  /** Records a failed read of tickets; their last states are kept. */
  recordTicketError(
    provider: string,
    tickets: string[],
    error: string,
    at: string,
  ): Promise<void>;
  /** The stored states of the tickets (those stored). */
  readTicketStates(tickets: string[]): Promise<Map<string, StoredTicketState>>;
  upsertImpacts(impacts: StoredImpact[]): Promise<void>;
  /** Impacts of the given entities (all when not given), keyed `entity|source|id`. */
  readImpacts(entityRefs?: string[]): Promise<Map<string, StoredImpact>>;
  writeEntityState(
    entityRef: string,
    state: { problems: EntityProblem[]; computedAt: string },
  ): Promise<void>;
  readEntityState(
    entityRef: string,
  ): Promise<{ problems: EntityProblem[]; computedAt: string } | undefined>;
}

/** The key of {@link IncidentsStore.readImpacts}. */
export const impactKey = (entityRef: string, source: string, id: string) =>
  `${entityRef}|${source}|${id}`;
