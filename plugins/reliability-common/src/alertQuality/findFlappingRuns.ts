import { DEFAULT_FLAPPING_RULE } from './defaults';
import { NormalizedIncident, normalizeIncidents } from './normalizeIncidents';
import { Incident } from './types';

/**
 * When incidents of one alert count as flapping.
 *
 * @public
 */
export interface FlappingRule {
  /** Minimum number of incidents in the time span. Default 3. */
  minIncidents: number;
  /**
   * Longest time between the first and the last of those incidents,
   * inclusive. Default 24 hours.
   */
  windowMs: number;
}

/**
 * A maximal chain of flapping incidents of one alert.
 *
 * @public
 */
export interface FlappingRun {
  /** The alert key or title of the alert. */
  key: string;
  /** Whether `key` is an alert key or a title. */
  keyType: 'alertKey' | 'title';
  /** The incident ids of the run, by creation time. */
  incidentIds: string[];
  /** ISO 8601 creation time of the first incident of the run. */
  firstCreatedAt: string;
  /** ISO 8601 creation time of the last incident of the run. */
  lastCreatedAt: string;
}

/** @internal */
export function flappingRunsOf(
  incidents: NormalizedIncident[],
  rule: FlappingRule,
): { runs: FlappingRun[]; flapping: Set<NormalizedIncident> } {
  validateFlappingRule(rule);
  const groups = new Map<string, NormalizedIncident[]>();
  for (const incident of incidents) {
    const group = groups.get(incident.groupId);
    if (group) {
      group.push(incident);
    } else {
      groups.set(incident.groupId, [incident]);
    }
  }

  const runs: FlappingRun[] = [];
  const flapping = new Set<NormalizedIncident>();
  const span = rule.minIncidents - 1;
  for (const group of groups.values()) {
    if (group.length < rule.minIncidents) {
      continue;
    }
    const sorted = [...group].sort(
      (a, b) =>
        a.createdMs - b.createdMs || compareText(a.incident.id, b.incident.id),
    );
    // Every set of >= minIncidents within windowMs contains, around each of
    // its members, minIncidents neighbours (in creation order) within
    // windowMs; so checking consecutive slices of minIncidents finds exactly
    // the flapping incidents. Overlapping slices form one run.
    let runStart = -1;
    let runEnd = -1;
    const closeRun = () => {
      if (runStart < 0) {
        return;
      }
      const members = sorted.slice(runStart, runEnd + 1);
      members.forEach(m => flapping.add(m));
      runs.push({
        key: members[0].group.key,
        keyType: members[0].group.keyType,
        incidentIds: members.map(m => m.incident.id),
        firstCreatedAt: new Date(members[0].createdMs).toISOString(),
        lastCreatedAt: new Date(
          members[members.length - 1].createdMs,
        ).toISOString(),
      });
      runStart = -1;
      runEnd = -1;
    };
    for (let j = 0; j + span < sorted.length; j++) {
      if (sorted[j + span].createdMs - sorted[j].createdMs > rule.windowMs) {
        continue;
      }
      if (runStart >= 0 && j <= runEnd) {
        runEnd = j + span;
      } else {
        closeRun();
        runStart = j;
        runEnd = j + span;
      }
    }
    closeRun();
  }
  runs.sort(
    (a, b) =>
      compareText(a.firstCreatedAt, b.firstCreatedAt) ||
      compareText(a.keyType, b.keyType) ||
      compareText(a.key, b.key),
  );
  return { runs, flapping };
}

/** @internal */
export function compareText(a: string, b: string): number {
  if (a < b) {
    return -1;
  }
  return a > b ? 1 : 0;
}

function validateFlappingRule(rule: FlappingRule) {
  if (!Number.isInteger(rule.minIncidents) || rule.minIncidents < 2) {
    throw new Error(
      `Invalid flapping rule: minIncidents must be an integer of at least 2, got ${rule.minIncidents}`,
    );
  }
  if (!Number.isFinite(rule.windowMs) || rule.windowMs < 0) {
    throw new Error(
      `Invalid flapping rule: windowMs must be a non-negative number, got ${rule.windowMs}`,
    );
  }
}

/**
 * Finds flapping alerts: 3 or more incidents (`minIncidents`) of the same
 * alert (same alert key, or same title when there is no key; see
 * `getAlertGroupKey`) created within 24 hours (`windowMs`, inclusive). Slides
 * the window over each alert's incidents in creation order; every incident
 * that is part of any such group is flapping. Groups that share an incident
 * chain into one run; a run is maximal. Runs are sorted by their first
 * incident. Incidents whose `createdAt` cannot be read are ignored.
 *
 * @public
 */
export function findFlappingRuns(
  incidents: Incident[],
  rule: Partial<FlappingRule> = {},
): FlappingRun[] {
  return flappingRunsOf(normalizeIncidents(incidents).valid, {
    minIncidents: rule.minIncidents ?? DEFAULT_FLAPPING_RULE.minIncidents,
    windowMs: rule.windowMs ?? DEFAULT_FLAPPING_RULE.windowMs,
  }).runs;
}
