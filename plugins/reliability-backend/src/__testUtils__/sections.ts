import {
  EntityProblem,
  ReliabilitySection,
} from '@reliability-kit/backstage-plugin-reliability-common';

/**
 * A section as the API serves it when it holds no items: `not-collected`
 * (nothing written yet, no time), or `error` with the problems of a
 * collection at `at`. Never demo, never stale.
 */
export const emptySection = (
  status: ReliabilitySection['status'],
  problems: EntityProblem[] = [],
  at?: Date,
) => ({
  status,
  items: [],
  problems,
  demo: false,
  computedAt: at?.toISOString() ?? null,
  stale: false,
});

/** The stored section of an entity whose collection at `at` failed. */
export const errorSection = (problems: EntityProblem[], at: Date) =>
  emptySection('error', problems, at);
