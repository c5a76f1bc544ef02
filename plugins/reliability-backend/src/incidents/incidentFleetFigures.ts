import {
  CorrectiveActionRecord,
  IncidentRecord,
} from '@reliability-kit/backstage-plugin-reliability-common';
import type { FleetIncidentFigures } from '../fleet';

/** The fleet table's incident window, as its other figures (28 days). */
export const FLEET_INCIDENT_WINDOW_MS = 28 * 86_400_000;

/**
 * The fleet columns of each entity: incidents of the severities that
 * require a postmortem (SEV0/SEV1) created in the 28 days before `now`,
 * their mean time to restore (resolved ones; null when none), and the open
 * corrective actions past their due date. Pure.
 */
export function incidentFleetFiguresOf(input: {
  entityRefs: string[];
  incidents: IncidentRecord[];
  actions: CorrectiveActionRecord[];
  requiredSeverities: readonly string[];
  now: string;
}): FleetIncidentFigures[] {
  const from = new Date(
    Date.parse(input.now) - FLEET_INCIDENT_WINDOW_MS,
  ).toISOString();
  return input.entityRefs.map(entityRef => {
    const major = input.incidents.filter(
      i =>
        i.entityRef === entityRef &&
        i.severity !== null &&
        input.requiredSeverities.includes(i.severity) &&
        i.createdAt >= from &&
        i.createdAt < input.now,
    );
    const restored = major.flatMap(i => (i.mttrMs === null ? [] : [i.mttrMs]));
    return {
      entityRef,
      majorIncidents: major.length,
      majorMttrMs: restored.length
        ? restored.reduce((a, b) => a + b, 0) / restored.length
        : null,
      overdueActions: input.actions.filter(
        a => a.entityRef === entityRef && a.overdueDays !== null,
      ).length,
    };
  });
}
