import { AlertQualityReport, AlertQualityWindow } from '../alertQuality';
import { EntityProblem, Freshness } from './types';

/**
 * A toil item a team recorded: recurring manual work.
 *
 * @public
 */
export interface StoredToilItem {
  id: string;
  entityRef: string;
  task: string;
  minutesPerOccurrence: number;
  occurrencesPerWeek: number;
  /** The owning team (a group entity ref). */
  owner: string;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
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
  task: string;
  minutesPerOccurrence: number;
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
  name: string;
  severity?: string;
  summary?: string;
  startsAt: string;
  /** `active` or `suppressed` (silenced or inhibited). */
  state: 'active' | 'suppressed' | 'unprocessed';
  silencedBy: string[];
  runbookUrl?: string;
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
  entityRef: string;
  window: AlertQualityWindow;
  /** Where the incidents come from; null when the entity has none configured. */
  pagingSource: string | null;
  demo: boolean;
  /** Null when there is no paging source and no alert rules. */
  report: AlertQualityReport | null;
  firingAlerts: FiringAlert[];
  toilItems: StoredToilItem[];
  problems: EntityProblem[];
}
