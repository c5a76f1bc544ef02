import {
  ReadinessRecord,
  ScorecardCheckResult,
  ScorecardResult,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { evaluateCheck } from './evaluateCheck';
import { isReadinessRecordActive } from './isReadinessRecordActive';
import {
  describeExemption,
  newestRecord,
  sameEntityRef,
} from './recordDetails';
import { CheckDefinition, CheckFacts, ScorecardDefinition } from './types';

/**
 * The input of {@link evaluateScorecard}.
 *
 * @public
 */
export interface EvaluateScorecardInput {
  /** The scorecard to evaluate. */
  scorecard: ScorecardDefinition;
  /** The configured checks by id. */
  checks: Record<string, CheckDefinition>;
  /** The evaluated entity. */
  entityRef: string;
  /** The facts of the entity. */
  facts: CheckFacts;
  /**
   * Attestations and exemptions; only valid exemptions of this entity for a
   * check of this scorecard count.
   */
  records: ReadinessRecord[];
  /** When the result used for each pushed check was pushed, by check id. */
  pushedAt?: Record<string, string>;
  /** The evaluation time (expiry of exemptions). */
  now: Date;
}

function safeWeight(weight: number): number {
  return Number.isFinite(weight) && weight > 0 ? weight : 0;
}

/**
 * Evaluates an entity on a scorecard.
 *
 * Each check of each level (lowest first) is `passed` or `failed` by its
 * rule; a valid exemption (not revoked, expiring after `now`, newest wins)
 * turns a failure into `exempt`, which counts as passing. Levels are
 * cumulative: the entity reaches the highest level whose checks, and the
 * checks of every level below, all pass. `missingForNextLevel` lists the
 * failing checks of the next level and the levels below it. The score is
 * the passing (and exempt) weight over the total weight; 0 when the total
 * is 0.
 *
 * @public
 */
export function evaluateScorecard(
  input: EvaluateScorecardInput,
): ScorecardResult {
  const { scorecard, checks, entityRef, facts, now } = input;
  const exemptions = input.records.filter(
    r =>
      r.type === 'exemption' &&
      r.target.kind === 'scorecard-check' &&
      r.target.scorecardId === scorecard.id &&
      sameEntityRef(r.entityRef, entityRef) &&
      isReadinessRecordActive(r, now),
  );

  const levels = scorecard.levels.map(level =>
    level.checks.map((ref): ScorecardCheckResult => {
      const check = Object.prototype.hasOwnProperty.call(checks, ref.check)
        ? checks[ref.check]
        : undefined;
      const outcome = check
        ? evaluateCheck(check, facts)
        : { passed: false, detail: `Unknown check "${ref.check}"` };
      const result: ScorecardCheckResult = {
        checkId: ref.check,
        title: check?.title ?? ref.check,
        level: level.id,
        weight: ref.weight,
        state: outcome.passed ? 'passed' : 'failed',
        detail: outcome.detail,
        pushed: check?.pushed ?? false,
      };
      if (check?.description !== undefined) {
        result.description = check.description;
      }
      if (check?.howToFix !== undefined) result.howToFix = check.howToFix;
      const pushedAt = input.pushedAt?.[ref.check];
      if (check?.pushed && pushedAt !== undefined) result.pushedAt = pushedAt;
      if (!outcome.passed) {
        const exemption = newestRecord(
          exemptions.filter(
            r =>
              r.target.kind === 'scorecard-check' &&
              r.target.checkId === ref.check,
          ),
        );
        if (exemption) {
          result.state = 'exempt';
          result.detail = `${describeExemption(exemption)} (${outcome.detail})`;
          result.exemption = exemption;
        }
      }
      return result;
    }),
  );

  const failing = (results: ScorecardCheckResult[]) =>
    results.filter(r => r.state === 'failed').map(r => r.checkId);

  let reached = -1;
  while (
    reached + 1 < levels.length &&
    failing(levels[reached + 1]).length === 0
  ) {
    reached += 1;
  }
  const level = reached >= 0 ? scorecard.levels[reached] : undefined;
  const next = scorecard.levels[reached + 1] as
    | ScorecardDefinition['levels'][number]
    | undefined;
  const missingForNextLevel = next
    ? levels.slice(0, reached + 2).flatMap(failing)
    : [];

  const all = levels.flat();
  const total = all.reduce((sum, r) => sum + safeWeight(r.weight), 0);
  const passing = all
    .filter(r => r.state !== 'failed')
    .reduce((sum, r) => sum + safeWeight(r.weight), 0);

  return {
    scorecardId: scorecard.id,
    title: scorecard.title,
    entityRef,
    level: level?.id ?? null,
    levelTitle: level?.title ?? null,
    nextLevel: next?.id ?? null,
    nextLevelTitle: next?.title ?? null,
    missingForNextLevel,
    score: total > 0 ? passing / total : 0,
    checks: all,
    evaluatedAt: now.toISOString(),
  };
}
