import { TierDefinition } from '@reliability-kit/backstage-plugin-reliability-common';
import { ChecksConfig } from './types';
import { parseChecks } from './parseChecks';
import { parseGoldenPath } from './parseGoldenPath';
import { parseReadiness } from './parseReadiness';
import { parseScorecards } from './parseScorecards';

/**
 * The raw configuration values {@link parseChecksConfig} validates, as
 * `config.getOptional()` returns them.
 *
 * @public
 */
export interface RawChecksConfig {
  /** `reliability.checks` */
  checks?: unknown;
  /** `reliability.readiness` */
  readiness?: unknown;
  /** `reliability.scorecards` */
  scorecards?: unknown;
  /** `reliability.fleet.goldenPathScorecard` */
  goldenPathScorecard?: unknown;
}

/**
 * Options of {@link parseChecksConfig}.
 *
 * @public
 */
export interface ParseChecksConfigOptions {
  /** The configured tiers (`reliability.tiers`). */
  tiers: TierDefinition[];
}

/**
 * Validates the checks, readiness and scorecard configuration
 * (`reliability.checks`, `reliability.readiness`, `reliability.scorecards`
 * and `reliability.fleet.goldenPathScorecard`, as `config.getOptional()`
 * returns them) against itself and the configured tiers, and fills in
 * defaults. Throws a {@link ChecksConfigError} naming the first invalid key
 * and the check, readiness item or scorecard it belongs to.
 *
 * The tiers' `requiredReadiness` must name configured items; those tiers are
 * added to the items' `tiers`.
 *
 * @public
 */
export function parseChecksConfig(
  raw: RawChecksConfig,
  options: ParseChecksConfigOptions,
): ChecksConfig {
  const { tiers } = options;
  const checks = parseChecks(raw.checks);
  const readiness = parseReadiness(raw.readiness, checks, tiers);
  const scorecards = parseScorecards(raw.scorecards, checks, tiers);
  const goldenPathScorecard = parseGoldenPath(
    raw.goldenPathScorecard,
    scorecards,
  );
  const config: ChecksConfig = {
    checks,
    readiness: readiness.items,
    scorecards,
    expiryWarningDays: readiness.expiryWarningDays,
  };
  if (goldenPathScorecard !== undefined) {
    config.goldenPathScorecard = goldenPathScorecard;
  }
  return config;
}
