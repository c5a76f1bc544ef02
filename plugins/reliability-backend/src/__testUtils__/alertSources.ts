import { EntityProblem } from '@reliability-kit/backstage-plugin-reliability-common';

/**
 * The content of an alert-sources document without paging data, on-call
 * shifts, rules or firing alerts; `over` sets any of them (and the problems).
 */
export const noAlertSources = (over: Record<string, unknown> = {}) => ({
  pagingSource: null,
  dataSince: null,
  shifts: [],
  rules: null,
  firingAlerts: [],
  problems: [] as EntityProblem[],
  ...over,
});
