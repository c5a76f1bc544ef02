import { ReadinessRecord } from '@reliability-kit/backstage-plugin-reliability-common';

/** The entity every readiness record of the check tests is about. */
export const ENTITY = 'component:default/checkout';

let nextId = 0;

/**
 * A readiness record of {@link ENTITY} about `target`, created by jane on
 * 2026-02-01 with a reason that fits its type; `overrides` replace any field.
 */
export function readinessRecord(
  type: ReadinessRecord['type'],
  target: ReadinessRecord['target'],
  overrides: Partial<ReadinessRecord> = {},
): ReadinessRecord {
  nextId += 1;
  return {
    id: `r${nextId}`,
    entityRef: ENTITY,
    type,
    target,
    createdBy: 'user:default/jane',
    createdAt: '2026-02-01T10:00:00.000Z',
    reason: type === 'exemption' ? 'migrating' : 'restored on staging',
    ...overrides,
  };
}
