import { NotFoundError } from '@backstage/errors';
import {
  ChecksConfig,
  ScorecardDefinition,
} from '@reliability-kit/backstage-plugin-reliability-node';

/** The configured scorecard `scorecardId`; a NotFoundError when none is. */
export function configuredScorecard(
  config: ChecksConfig,
  scorecardId: string,
): ScorecardDefinition {
  const scorecard = config.scorecards.find(s => s.id === scorecardId);
  if (!scorecard) {
    throw new NotFoundError(`No scorecard "${scorecardId}" is configured`);
  }
  return scorecard;
}

/** Throws a NotFoundError unless a level of `scorecard` has `checkId`. */
export function assertScorecardHasCheck(
  scorecard: ScorecardDefinition,
  checkId: string,
): void {
  const inScorecard = scorecard.levels.some(l =>
    l.checks.some(c => c.check === checkId),
  );
  if (!inScorecard) {
    throw new NotFoundError(
      `Scorecard "${scorecard.id}" has no check "${checkId}"`,
    );
  }
}
