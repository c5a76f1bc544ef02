import {
  AlertRule,
  EntityProblem,
  FiringAlert,
  OnCallShift,
} from '@reliability-kit/backstage-plugin-reliability-common';

/** What the collector keeps per entity besides incidents. */
export interface AlertSourcesDocument {
  pagingSource: string | null;
  /** The earliest time incidents were synced for. */
  dataSince: string | null;
  shifts: OnCallShift[];
  /** Null when the entity has no alert selector or no rules API is configured. */
  rules: AlertRule[] | null;
  firingAlerts: FiringAlert[];
  problems: EntityProblem[];
  computedAt: string;
  stale: boolean;
  staleReason?: string;
}
