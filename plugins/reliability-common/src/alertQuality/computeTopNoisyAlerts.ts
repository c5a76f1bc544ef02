import { DEFAULT_TOP_NOISY_ALERTS_LIMIT } from './defaults';
import { NoiseOptions, noiseOf } from './computeNoise';
import { compareText } from './findFlappingRuns';
import { NormalizedIncident, normalizeIncidents } from './normalizeIncidents';
import { Incident } from './types';

/**
 * One alert and how much it fires.
 *
 * @public
 */
export interface NoisyAlert {
  /** The alert key, or the title when the incidents have no alert key. */
  key: string;
  /** Whether the alert is identified by its alert key or its title. */
  keyType: 'alertKey' | 'title';
  /** Title of the most recent incident of the alert. */
  title: string;
  /** Incidents of the alert (any urgency). */
  incidents: number;
  /** High-urgency incidents of the alert. */
  pages: number;
  /** Incidents of the alert that are noise candidates. */
  noiseCandidates: number;
  /**
   * `pages / all pages` (of all alerts); `null` when there are no pages at
   * all.
   */
  shareOfPages: number | null;
}

/** @internal */
export function topNoisyAlertsOf(
  incidents: NormalizedIncident[],
  noiseCandidates: ReadonlySet<NormalizedIncident>,
  limit: number,
): NoisyAlert[] {
  if (!Number.isInteger(limit) || limit < 0) {
    throw new Error(
      `Invalid noisy alerts limit ${limit}: expected a non-negative integer`,
    );
  }
  const totalPages = incidents.filter(i => i.isPage).length;
  const groups = new Map<
    string,
    { alert: NoisyAlert; latestMs: number; latestId: string }
  >();
  for (const incident of incidents) {
    let group = groups.get(incident.groupId);
    if (!group) {
      group = {
        alert: {
          key: incident.group.key,
          keyType: incident.group.keyType,
          title: incident.incident.title,
          incidents: 0,
          pages: 0,
          noiseCandidates: 0,
          shareOfPages: null,
        },
        latestMs: incident.createdMs,
        latestId: incident.incident.id,
      };
      groups.set(incident.groupId, group);
    }
    const { alert } = group;
    alert.incidents++;
    if (incident.isPage) {
      alert.pages++;
    }
    if (noiseCandidates.has(incident)) {
      alert.noiseCandidates++;
    }
    if (
      incident.createdMs > group.latestMs ||
      (incident.createdMs === group.latestMs &&
        compareText(incident.incident.id, group.latestId) > 0)
    ) {
      group.latestMs = incident.createdMs;
      group.latestId = incident.incident.id;
      alert.title = incident.incident.title;
    }
  }
  return [...groups.values()]
    .map(({ alert }) => ({
      ...alert,
      shareOfPages: totalPages ? alert.pages / totalPages : null,
    }))
    .sort(
      (a, b) =>
        b.incidents - a.incidents ||
        compareText(a.key, b.key) ||
        compareText(a.keyType, b.keyType),
    )
    .slice(0, limit);
}

/**
 * The noisiest alerts: incidents grouped by alert (alert key, or title when
 * there is no key), sorted by number of incidents (descending), then key
 * (ascending, by code unit), at most `limit` (default 10). Noise candidates
 * as in `computeNoise`. Incidents whose `createdAt` cannot be read are
 * ignored; the caller selects the window.
 *
 * @public
 */
export function computeTopNoisyAlerts(
  incidents: Incident[],
  options: NoiseOptions & { limit?: number } = {},
): NoisyAlert[] {
  const normalized = normalizeIncidents(incidents).valid;
  const { candidates } = noiseOf(normalized, options);
  return topNoisyAlertsOf(
    normalized,
    candidates,
    options.limit ?? DEFAULT_TOP_NOISY_ALERTS_LIMIT,
  );
}
