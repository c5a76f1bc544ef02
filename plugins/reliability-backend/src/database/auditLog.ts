import { AuditEntry } from '@reliability-kit/backstage-plugin-reliability-common';
import type { AuditInput } from '../readiness/ReadinessStore';

/**
 * The append-only audit log (created by the readiness migration; triggers
 * reject UPDATE and DELETE). Both stores write it with these mappings, so
 * its rows have one shape whoever wrote them.
 */
export const AUDIT_TABLE = 'reliability_audit_log';

/** One row of {@link AUDIT_TABLE}. */
export type AuditRow = {
  id: number | string;
  at: string;
  actor: string;
  action: string;
  entity_ref: string;
  target: string;
  details: string;
};

/** The row to insert for an entry (the database assigns the id). */
export function toAuditRow(a: AuditInput): Omit<AuditRow, 'id'> {
  return {
    at: a.at,
    actor: a.actor,
    action: a.action,
    entity_ref: a.entityRef,
    target: a.target,
    details: JSON.stringify(a.details ?? {}),
  };
}

/** The entry of a stored row. */
export function toAuditEntry(r: AuditRow): AuditEntry {
  return {
    id: Number(r.id),
    at: r.at,
    actor: r.actor,
    action: r.action as AuditEntry['action'],
    entityRef: r.entity_ref,
    target: r.target,
    details: JSON.parse(r.details),
  };
}
