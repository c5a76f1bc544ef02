import { EntityProblem } from '@reliability-kit/backstage-plugin-reliability-common';

/**
 * The stored section of an entity whose collection failed with `problems`
 * at `at`: no items, not demo, not stale.
 */
export const errorSection = (problems: EntityProblem[], at: Date) => ({
  status: 'error',
  items: [],
  problems,
  demo: false,
  computedAt: at.toISOString(),
  stale: false,
});

/** What the API serves for a section no collector has written yet. */
export const NOT_COLLECTED_SECTION = {
  status: 'not-collected',
  items: [],
  problems: [],
  demo: false,
  computedAt: null,
  stale: false,
};
