import { describeConfigValue } from './describeConfigValue';
import { ScorecardDefinition } from './types';
import { fail, listOr } from './checksConfigValidation';

/**
 * Validates `reliability.fleet.goldenPathScorecard`: a configured scorecard,
 * by default the first.
 */
export function parseGoldenPath(
  raw: unknown,
  scorecards: ScorecardDefinition[],
): string | undefined {
  const key = 'reliability.fleet.goldenPathScorecard';
  if (raw === undefined || raw === null) {
    return scorecards[0]?.id;
  }
  const ids = scorecards.map(s => s.id);
  if (typeof raw !== 'string' || !ids.includes(raw.trim())) {
    return fail(
      key,
      `${
        typeof raw === 'string'
          ? `unknown scorecard "${raw}"`
          : `must be a scorecard id; got ${describeConfigValue(raw)}`
      }; ${listOr(
        ids,
        'no scorecards are configured (reliability.scorecards)',
        'configured scorecards are',
      )}`,
    );
  }
  return raw.trim();
}
