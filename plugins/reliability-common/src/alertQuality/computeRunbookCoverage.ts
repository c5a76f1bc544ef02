import { AlertRule } from './types';

/**
 * The annotation that links an alerting rule to its runbook.
 *
 * @public
 */
export const RUNBOOK_URL_ANNOTATION = 'runbook_url';

/**
 * How many alerting rules link a runbook.
 *
 * @public
 */
export interface RunbookCoverage {
  /** Alerting rules of the entity. */
  rules: number;
  /** Alerting rules with a runbook URL. */
  rulesWithRunbook: number;
  /** `rulesWithRunbook / rules`; `null` when there are no rules. */
  coverage: number | null;
  /** The rules without a runbook, in input order. */
  missing: Array<{ name: string; group?: string }>;
}

/**
 * Runbook coverage: the share of alerting rules with a non-blank
 * `runbook_url` annotation.
 *
 * @public
 */
export function computeRunbookCoverage(rules: AlertRule[]): RunbookCoverage {
  const missing: RunbookCoverage['missing'] = [];
  for (const rule of rules) {
    const url = rule.annotations?.[RUNBOOK_URL_ANNOTATION];
    if (typeof url !== 'string' || url.trim() === '') {
      missing.push(
        rule.group === undefined
          ? { name: rule.name }
          : { name: rule.name, group: rule.group },
      );
    }
  }
  const rulesWithRunbook = rules.length - missing.length;
  return {
    rules: rules.length,
    rulesWithRunbook,
    coverage: rules.length ? rulesWithRunbook / rules.length : null,
    missing,
  };
}
