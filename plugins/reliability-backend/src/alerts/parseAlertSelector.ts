import { InputError } from '@backstage/errors';
import { RELIABILITY_ANNOTATION_ALERT_SELECTOR } from '@reliability-kit/backstage-plugin-reliability-common';
import { LabelMatcher, parseLabelMatchers } from '../providers/prometheus';

/**
 * The entity annotation holding label matchers for the entity's alert rules
 * and alerts, e.g. `service="checkout"`.
 *
 * @public
 */
export const ALERT_SELECTOR_ANNOTATION = RELIABILITY_ANNOTATION_ALERT_SELECTOR;

/**
 * Parses a `reliability-kit.io/alert-selector` value, e.g.
 * `service="checkout"` or `{service="checkout", env=~"prod|staging"}`, with
 * {@link parseLabelMatchers}.
 *
 * @throws InputError naming the annotation and the problem; callers turn it
 * into an entity problem.
 * @public
 */
export function parseAlertSelector(selector: string): LabelMatcher[] {
  try {
    return parseLabelMatchers(selector);
  } catch (e) {
    if (e instanceof InputError) {
      throw new InputError(
        `Invalid ${ALERT_SELECTOR_ANNOTATION} annotation: ${e.message}`,
      );
    }
    throw e;
  }
}
