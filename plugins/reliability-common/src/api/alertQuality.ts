import { AlertQualityReport, AlertQualityWindow } from '../alertQuality';
import { EntityProblem, Freshness } from './types';

/**
 * A toil item a team recorded: recurring manual work.
 *
 * @public
 */
export interface StoredToilItem {
  /** The item id. */
  id: string;
  /** The entity the toil belongs to. */
  entityRef: string;
  /** What the manual task is. */
  task: string;
  /** Minutes one occurrence takes. */
  minutesPerOccurrence: number;
  /** How often it happens per week. */
  occurrencesPerWeek: number;
  /** The owning team (a group entity ref). */
  owner: string;
  /** Who logged it (a user entity ref). */
  createdBy: string;
  /** When it was logged (ISO 8601). */
  createdAt: string;
  /** Who changed it last (a user entity ref). */
  updatedBy: string;
  /** When it was changed last (ISO 8601). */
  updatedAt: string;
  /**
   * Incremented by every update (1 when created); also the item's `ETag`.
   * In the bodies of `POST` and `PUT` and of `GET` of one item (not in
   * listings). Send it back in `If-Match` to update only the version you
   * read.
   */
  version?: number;
}

/**
 * The body of `POST` and `PUT` on toil items.
 *
 * @public
 */
export interface ToilItemInput {
  /** What the manual task is. */
  task: string;
  /** Minutes one occurrence takes. */
  minutesPerOccurrence: number;
  /** How often it happens per week. */
  occurrencesPerWeek: number;
  /** Defaults to the entity's owner. */
  owner?: string;
}

/**
 * An alert firing now, from Alertmanager.
 *
 * @public
 */
export interface FiringAlert {
  /** The alert name (`alertname`). */
  name: string;
  /** The `severity` label. */
  severity?: string;
  /** The `summary` annotation. */
  summary?: string;
  /** When the alert started firing (ISO 8601). */
  startsAt: string;
  /** `active` or `suppressed` (silenced or inhibited). */
  state: 'active' | 'suppressed' | 'unprocessed';
  /** The ids of the silences that mute it. */
  silencedBy: string[];
  /** The `runbook_url` annotation. */
  runbookUrl?: string;
  /** Every label of the alert. */
  labels: Record<string, string>;
}

/**
 * The answer of
 * `GET /api/reliability/entities/:kind/:namespace/:name/alert-quality?window=28d`:
 * metrics recomputed from the stored incidents, rules and toil items.
 *
 * @public
 */
export interface EntityAlertQuality extends Freshness {
  /** The entity. */
  entityRef: string;
  /** The window of the figures. */
  window: AlertQualityWindow;
  /** Where the incidents come from; null when the entity has none configured. */
  pagingSource: string | null;
  /** Whether the figures come from the demo providers. */
  demo: boolean;
  /** Null when there is no paging source and no alert rules. */
  report: AlertQualityReport | null;
  /** The alerts firing now. */
  firingAlerts: FiringAlert[];
  /** The toil logged for the entity. */
  toilItems: StoredToilItem[];
  /** Problems to show (bad annotations, unreachable upstreams). */
  problems: EntityProblem[];
}
