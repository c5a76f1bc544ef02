import type { AlertQualityHeadlineMetric } from './alertQualityHeadlineMetrics';
import type { OnCallHours } from './computeOnCallHours';
import type { NoiseSummary } from './computeNoise';
import type { DailyPageCount } from './computePagesPerDay';
import type { ResponseTimes } from './computeResponseTimes';
import type { RunbookCoverage } from './computeRunbookCoverage';
import type { ToilSummary } from './computeToil';
import type { NoisyAlert } from './computeTopNoisyAlerts';
import type { AlertQualityTrend } from './computeTrend';
import type { AlertQualityWindow } from './parseAlertQualityWindow';
import type { AlertQualityTimeRange } from './types';
/**
 * Inconsistent upstream data found in a window's incidents.
 *
 * @public
 */
export interface AlertQualityDataQuality {
  /** Incidents with `firstAcknowledgedAt` before `createdAt` (any urgency). */
  acknowledgedBeforeCreated: number;
  /** Incidents with `resolvedAt` before `createdAt` (any urgency). */
  resolvedBeforeCreated: number;
  /** Incidents with `resolvedAt` before `firstAcknowledgedAt` (any urgency). */
  resolvedBeforeAcknowledged: number;
  /**
   * `firstAcknowledgedAt` / `resolvedAt` values that are not ISO 8601; they
   * are treated as missing.
   */
  unreadableTimestamps: number;
  /** `escalations` values that are negative or not finite; read as 0. */
  invalidEscalations: number;
  /** Incidents with at least one of the issues above. */
  incidents: number;
}

/**
 * Page counts by time bucket (see `classifyPageTime`).
 *
 * @public
 */
export interface PageTimeCounts {
  /** Pages during business hours. */
  business: number;
  /** Pages outside business hours but not during sleep hours. */
  off: number;
  /** Pages during sleep hours. */
  sleep: number;
  /** Pages outside business hours: `off + sleep`. */
  offHours: number;
}

/**
 * The alert quality of one window.
 *
 * @public
 */
export interface AlertQualitySnapshot {
  /** `[start, end)`, ISO 8601 UTC. */
  range: AlertQualityTimeRange;
  /** Nominal length of the window in days (7, 28 or 90). */
  days: number;
  /** Incidents created in the window (any urgency). */
  incidents: number;
  /** High-urgency incidents created in the window. */
  pages: number;
  /** Pages without a resolution. */
  openPages: number;
  /** Time to acknowledge and to resolve. */
  responseTimes: ResponseTimes;
  /** How many pages were noise. */
  noise: NoiseSummary;
  /** Pages by time of day class. */
  pageTimes: PageTimeCounts;
  /** Pages per day of the window, in the team's time zone. */
  pagesPerDay: DailyPageCount[];
  /** On-call hours and the pages per on-call week. */
  onCall: OnCallHours & {
    /** `pages / (personHours / 168)`; `null` without on-call time. */
    pagesPerOnCallWeek: number | null;
  };
  /** The alerts that paged most, noisiest first. */
  topNoisyAlerts: NoisyAlert[];
  /** Sum of `escalations` of the window's incidents. */
  escalations: number;
  /** The toil logged for the entity. */
  toil: ToilSummary;
  /** `null` when the rules of that window are not known. */
  runbookCoverage: RunbookCoverage | null;
  /** Incidents left out or corrected because their data is unusable. */
  dataQualityIssues: AlertQualityDataQuality;
}

/**
 * The alert quality of an entity over a window, compared with the previous
 * window of the same length.
 *
 * @public
 */
export interface AlertQualityReport {
  /** The window of the report. */
  window: AlertQualityWindow;
  /** The IANA time zone of the owning team. */
  timeZone: string;
  /** The figures of the current window. */
  current: AlertQualitySnapshot;
  /** The figures of the window before, for trends. */
  previous: AlertQualitySnapshot;
  /** Each headline figure, current against previous. */
  trends: Record<AlertQualityHeadlineMetric, AlertQualityTrend>;
  /** Ids of incidents whose `createdAt` cannot be read (in no window). */
  unplacedIncidentIds: string[];
}
