import { bucketOfInstant } from './classifyPageTime';
import { computePagesPerOnCallWeek, onCallHoursOf } from './computeOnCallHours';
import { noiseOf, resolveNoiseOptions } from './computeNoise';
import { pagesPerDayOf } from './computePagesPerDay';
import { responseTimesOf } from './computeResponseTimes';
import { computeRunbookCoverage } from './computeRunbookCoverage';
import { toilOf } from './computeToil';
import { topNoisyAlertsOf } from './computeTopNoisyAlerts';
import { AlertQualityTrend, computeTrend } from './computeTrend';
import { DEFAULT_TOP_NOISY_ALERTS_LIMIT } from './defaults';
import {
  ALERT_QUALITY_HEADLINE_POLARITY,
  AlertQualityHeadlineMetric,
} from './alertQualityHeadlineMetrics';
import {
  AlertQualityDataQuality,
  AlertQualityReport,
  AlertQualitySnapshot,
} from './alertQualityReport';
import { getAlertQualityHeadline } from './getAlertQualityHeadline';
import { FlappingRule } from './findFlappingRuns';
import {
  NormalizedIncident,
  incidentsCreatedIn,
  normalizeIncidents,
} from './normalizeIncidents';
import {
  AlertQualityWindow,
  parseAlertQualityWindow,
} from './parseAlertQualityWindow';
import { resolveAlertQualityRangesMs } from './resolveAlertQualityRanges';
import { TeamHours, resolveTeamHours } from './resolveTeamHours';
import {
  AlertRule,
  BusinessHours,
  Incident,
  OnCallShift,
  PageTimeBucket,
  ResponseTimeScope,
  SleepHours,
  ToilItem,
} from './types';

/**
 * Input of `computeAlertQuality`: the data of one entity (or team).
 *
 * @public
 */
export interface AlertQualityInput {
  /** All incidents of the entity; at least the current and previous window. */
  incidents: Incident[];
  /** On-call shifts of the people who carry the entity's pager. */
  shifts?: OnCallShift[];
  /** The entity's alerting rules today (runbook coverage). */
  rules?: AlertRule[];
  /**
   * The alerting rules as they were at the end of the previous window, when
   * known. Without them the previous runbook coverage is `null` and its trend
   * `unknown` (rather than a made-up `flat`).
   */
  previousRules?: AlertRule[];
  /** Self-reported toil; the same for both windows. */
  toilItems?: ToilItem[];
  /** The window to compute. */
  window: AlertQualityWindow;
  /** End of the current window (exclusive). */
  now: string | Date | number;
  /** Default Monday to Friday 09:00-18:00 UTC. */
  businessHours?: Partial<BusinessHours>;
  /** Default 22:00-07:00, in the business hours' time zone. */
  sleepHours?: Partial<SleepHours>;
  /** Default 5 minutes (inclusive). */
  autoResolveThresholdMs?: number;
  /** Default 3 incidents of one alert within 24 hours. */
  flapping?: Partial<FlappingRule>;
  /**
   * Which incidents MTTA and MTTR, and so the headline figures, are computed
   * over. Default `pages` (high-urgency incidents).
   */
  responseTimeScope?: ResponseTimeScope;
  /** Default 10. */
  topNoisyAlertsLimit?: number;
}

interface SnapshotSettings {
  hours: TeamHours;
  days: number;
  shifts: OnCallShift[];
  toilItems: ToilItem[];
  autoResolveThresholdMs: number;
  flapping: FlappingRule;
  responseTimeScope: ResponseTimeScope;
  topNoisyAlertsLimit: number;
}

function dataQualityOf(
  incidents: NormalizedIncident[],
): AlertQualityDataQuality {
  const result: AlertQualityDataQuality = {
    acknowledgedBeforeCreated: 0,
    resolvedBeforeCreated: 0,
    resolvedBeforeAcknowledged: 0,
    unreadableTimestamps: 0,
    invalidEscalations: 0,
    incidents: 0,
  };
  for (const i of incidents) {
    const issues = {
      acknowledgedBeforeCreated: i.ackMs !== null && i.ackMs < i.createdMs,
      resolvedBeforeCreated:
        i.resolvedMs !== null && i.resolvedMs < i.createdMs,
      resolvedBeforeAcknowledged:
        i.ackMs !== null && i.resolvedMs !== null && i.resolvedMs < i.ackMs,
      invalidEscalations: !isValidEscalationCount(i.incident.escalations),
    };
    let any = i.invalidTimestamps > 0;
    result.unreadableTimestamps += i.invalidTimestamps;
    for (const [key, present] of Object.entries(issues)) {
      if (present) {
        result[key as keyof typeof issues]++;
        any = true;
      }
    }
    if (any) {
      result.incidents++;
    }
  }
  return result;
}

function isValidEscalationCount(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'number' && Number.isFinite(value) && value >= 0)
  );
}

function snapshotOf(
  all: NormalizedIncident[],
  startMs: number,
  endMs: number,
  rules: AlertRule[] | undefined,
  settings: SnapshotSettings,
): AlertQualitySnapshot {
  const incidents = incidentsCreatedIn(all, startMs, endMs);
  const pages = incidents.filter(i => i.isPage);

  const pageTimes: Record<PageTimeBucket, number> = {
    business: 0,
    off: 0,
    sleep: 0,
  };
  for (const page of pages) {
    pageTimes[bucketOfInstant(page.createdMs, settings.hours)]++;
  }

  const { summary: noise, candidates } = noiseOf(incidents, {
    autoResolveThresholdMs: settings.autoResolveThresholdMs,
    flapping: settings.flapping,
  });
  const onCallHours = onCallHoursOf(settings.shifts, startMs, endMs);

  let escalations = 0;
  for (const i of incidents) {
    const value = i.incident.escalations;
    if (typeof value === 'number' && isValidEscalationCount(value)) {
      escalations += value;
    }
  }

  return {
    range: {
      start: new Date(startMs).toISOString(),
      end: new Date(endMs).toISOString(),
    },
    days: settings.days,
    incidents: incidents.length,
    pages: pages.length,
    openPages: pages.filter(p => p.resolvedMs === null).length,
    responseTimes: responseTimesOf(incidents, settings.responseTimeScope),
    noise,
    pageTimes: { ...pageTimes, offHours: pageTimes.off + pageTimes.sleep },
    pagesPerDay: pagesPerDayOf(incidents, startMs, endMs, settings.hours),
    onCall: {
      ...onCallHours,
      pagesPerOnCallWeek: computePagesPerOnCallWeek(
        pages.length,
        onCallHours.personHours,
      ),
    },
    topNoisyAlerts: topNoisyAlertsOf(
      incidents,
      candidates,
      settings.topNoisyAlertsLimit,
    ),
    escalations,
    toil: toilOf(incidents, settings.toilItems, settings.days),
    runbookCoverage: rules ? computeRunbookCoverage(rules) : null,
    dataQualityIssues: dataQualityOf(incidents),
  };
}

/**
 * Computes the paging and alert quality of one entity over a window (`7d`,
 * `28d` or `90d`) ending at `now`, and the previous window of the same
 * length, and compares their headline figures.
 *
 * - An incident belongs to the window it was created in (`[start, end)`); a
 *   page is a high-urgency incident.
 * - MTTA and MTTR: over pages by default (`responseTimeScope`).
 * - Windows are calendar days in the team's time zone (see
 *   `resolveAlertQualityRanges`); per-week figures use the nominal days.
 * - Flapping is detected among the window's incidents only.
 * - Rules and toil items describe the present; toil items apply to both
 *   windows, rules only to the current one unless `previousRules` are given.
 *
 * Pure: no I/O, no clock. Throws on an invalid window, `now`, time zone,
 * hours or threshold.
 *
 * @public
 */
export function computeAlertQuality(
  input: AlertQualityInput,
): AlertQualityReport {
  const window = parseAlertQualityWindow(input.window);
  const hours = resolveTeamHours(input.businessHours, input.sleepHours);
  const ranges = resolveAlertQualityRangesMs(window, input.now, hours.zone);
  const { autoResolveThresholdMs, flapping } = resolveNoiseOptions({
    autoResolveThresholdMs: input.autoResolveThresholdMs,
    flapping: input.flapping,
  });
  const settings: SnapshotSettings = {
    hours,
    days: ranges.days,
    shifts: input.shifts ?? [],
    toilItems: input.toilItems ?? [],
    autoResolveThresholdMs,
    flapping,
    responseTimeScope: input.responseTimeScope ?? 'pages',
    topNoisyAlertsLimit:
      input.topNoisyAlertsLimit ?? DEFAULT_TOP_NOISY_ALERTS_LIMIT,
  };
  const { valid, invalid } = normalizeIncidents(input.incidents);

  const current = snapshotOf(
    valid,
    ranges.current.startMs,
    ranges.current.endMs,
    input.rules ?? [],
    settings,
  );
  const previous = snapshotOf(
    valid,
    ranges.previous.startMs,
    ranges.previous.endMs,
    input.previousRules,
    settings,
  );

  const currentHeadline = getAlertQualityHeadline(current);
  const previousHeadline = getAlertQualityHeadline(previous);
  const trends = Object.fromEntries(
    (
      Object.keys(
        ALERT_QUALITY_HEADLINE_POLARITY,
      ) as AlertQualityHeadlineMetric[]
    ).map(metric => [
      metric,
      computeTrend(
        currentHeadline[metric],
        previousHeadline[metric],
        ALERT_QUALITY_HEADLINE_POLARITY[metric],
      ),
    ]),
  ) as Record<AlertQualityHeadlineMetric, AlertQualityTrend>;

  return {
    window,
    timeZone: hours.zone,
    current,
    previous,
    trends,
    unplacedIncidentIds: invalid.map(i => i.id),
  };
}
