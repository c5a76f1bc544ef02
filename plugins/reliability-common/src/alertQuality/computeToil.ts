import { NormalizedIncident, normalizeIncidents } from './normalizeIncidents';
import { Incident, ToilItem } from './types';

const HOUR_MS = 60 * 60 * 1000;

/**
 * Toil of a team: self-reported toil plus interrupt time of pages.
 *
 * @public
 */
export interface ToilSummary {
  /**
   * Sum over pages with both an acknowledgement and a resolution of
   * `resolvedAt - firstAcknowledgedAt`, in hours.
   */
  interruptHours: number;
  /** `interruptHours / (windowDays / 7)`. */
  interruptHoursPerWeek: number;
  /** Pages that contributed interrupt time. */
  interruptPages: number;
  /** `sum(minutesPerOccurrence * occurrencesPerWeek) / 60`. */
  selfReportedHoursPerWeek: number;
  /** `selfReportedHoursPerWeek + interruptHoursPerWeek`. */
  toilHoursPerWeek: number;
  /** Toil items with a negative or non-finite number (left out). */
  invalidToilItems: number;
  /** Pages resolved before acknowledged (left out of interrupt time). */
  dataQualityIssues: number;
}

/** @internal */
export function toilOf(
  incidents: NormalizedIncident[],
  toilItems: ToilItem[],
  windowDays: number,
): ToilSummary {
  if (!Number.isFinite(windowDays) || windowDays <= 0) {
    throw new Error(
      `Invalid windowDays ${windowDays}: expected a positive number of days`,
    );
  }
  let interruptMs = 0;
  let interruptPages = 0;
  let dataQualityIssues = 0;
  for (const incident of incidents) {
    if (
      !incident.isPage ||
      incident.ackMs === null ||
      incident.resolvedMs === null
    ) {
      continue;
    }
    const duration = incident.resolvedMs - incident.ackMs;
    if (duration < 0) {
      dataQualityIssues++;
      continue;
    }
    interruptMs += duration;
    interruptPages++;
  }
  let selfReportedMinutesPerWeek = 0;
  let invalidToilItems = 0;
  for (const item of toilItems) {
    const valid = [item.minutesPerOccurrence, item.occurrencesPerWeek].every(
      v => typeof v === 'number' && Number.isFinite(v) && v >= 0,
    );
    if (!valid) {
      invalidToilItems++;
      continue;
    }
    selfReportedMinutesPerWeek +=
      item.minutesPerOccurrence * item.occurrencesPerWeek;
  }
  const interruptHours = interruptMs / HOUR_MS;
  const interruptHoursPerWeek = interruptHours / (windowDays / 7);
  const selfReportedHoursPerWeek = selfReportedMinutesPerWeek / 60;
  return {
    interruptHours,
    interruptHoursPerWeek,
    interruptPages,
    selfReportedHoursPerWeek,
    toilHoursPerWeek: selfReportedHoursPerWeek + interruptHoursPerWeek,
    invalidToilItems,
    dataQualityIssues,
  };
}

/**
 * Toil hours per week: self-reported toil (`minutesPerOccurrence *
 * occurrencesPerWeek`) plus interrupt time, the acknowledge-to-resolve time
 * of the given pages (high-urgency incidents; low-urgency ones are ignored),
 * spread over the window (`windowDays / 7` weeks). The caller selects the
 * window's incidents.
 *
 * @public
 */
export function computeToil(input: {
  incidents: Incident[];
  toilItems?: ToilItem[];
  windowDays: number;
}): ToilSummary {
  return toilOf(
    normalizeIncidents(input.incidents).valid,
    input.toilItems ?? [],
    input.windowDays,
  );
}
