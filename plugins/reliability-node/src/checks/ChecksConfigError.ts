/**
 * Thrown by {@link parseChecksConfig} (and {@link parseCheckRule}) when the
 * checks, readiness or scorecard configuration is invalid. The message names
 * the configuration key and, when known, the check, readiness item or
 * scorecard, e.g.
 * `Invalid reliability.readiness.items[3].tiers[0] (readiness item "load-test"): unknown tier "tier-9"; configured tiers are tier-1, tier-2`.
 *
 * @public
 */
export class ChecksConfigError extends Error {
  /** The configuration key path, e.g. `reliability.checks[2].rule.all[0].fact`. */
  readonly key: string;
  /** What the key belongs to, e.g. `check "techdocs"`; absent when unknown. */
  readonly context?: string;
  /** The problem alone, without the key and context. */
  readonly problem: string;

  constructor(key: string, problem: string, context?: string) {
    super(`Invalid ${key}${context ? ` (${context})` : ''}: ${problem}`);
    this.name = 'ChecksConfigError';
    this.key = key;
    this.context = context;
    this.problem = problem;
  }
}
