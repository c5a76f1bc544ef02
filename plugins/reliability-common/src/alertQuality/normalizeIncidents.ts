import {
  AlertGroupKey,
  alertGroupId,
  getAlertGroupKey,
} from './getAlertGroupKey';
import { parseTimestamp } from './parseTimestamp';
import { Incident } from './types';

/**
 * An incident with its timestamps read once. Internal to the alert quality
 * computations.
 *
 * @internal
 */
export interface NormalizedIncident {
  incident: Incident;
  createdMs: number;
  /** `null` when never acknowledged (or the value cannot be read). */
  ackMs: number | null;
  /** `null` while open (or the value cannot be read). */
  resolvedMs: number | null;
  isPage: boolean;
  group: AlertGroupKey;
  groupId: string;
  /** Present `firstAcknowledgedAt` / `resolvedAt` values that cannot be read. */
  invalidTimestamps: number;
}

/**
 * Reads the timestamps of incidents. Incidents whose `createdAt` cannot be
 * read cannot be placed in any window and are returned in `invalid`.
 *
 * @internal
 */
export function normalizeIncidents(incidents: Incident[]): {
  valid: NormalizedIncident[];
  invalid: Incident[];
} {
  const valid: NormalizedIncident[] = [];
  const invalid: Incident[] = [];
  for (const incident of incidents) {
    const created = parseTimestamp(incident.createdAt);
    if (created.status !== 'ok') {
      invalid.push(incident);
      continue;
    }
    const ack = parseTimestamp(incident.firstAcknowledgedAt);
    const resolved = parseTimestamp(incident.resolvedAt);
    const group = getAlertGroupKey(incident);
    valid.push({
      incident,
      createdMs: created.ms,
      ackMs: ack.status === 'ok' ? ack.ms : null,
      resolvedMs: resolved.status === 'ok' ? resolved.ms : null,
      isPage: incident.urgency === 'high',
      group,
      groupId: alertGroupId(group),
      invalidTimestamps:
        (ack.status === 'invalid' ? 1 : 0) +
        (resolved.status === 'invalid' ? 1 : 0),
    });
  }
  return { valid, invalid };
}

/**
 * The incidents created in `[startMs, endMs)`.
 *
 * @internal
 */
export function incidentsCreatedIn(
  incidents: NormalizedIncident[],
  startMs: number,
  endMs: number,
): NormalizedIncident[] {
  return incidents.filter(i => i.createdMs >= startMs && i.createdMs < endMs);
}
