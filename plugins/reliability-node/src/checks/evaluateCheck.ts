import { evaluateRule } from './evaluateRule';
import { CheckDefinition, CheckFacts, CheckOutcome } from './types';

/**
 * Evaluates a check's rule on an entity's facts.
 *
 * @public
 */
export function evaluateCheck(
  check: CheckDefinition,
  facts: CheckFacts,
): CheckOutcome {
  return evaluateRule(check.rule, facts);
}
