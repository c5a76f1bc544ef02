import { InputError } from '@backstage/errors';
import { LabelMatcher } from '../prometheus';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const OPERATORS = new Set(['=', '!=', '=~', '!~']);

/**
 * Escapes a label value for a double-quoted Alertmanager matcher value:
 * backslash, double quote and line feed.
 *
 * @remarks
 *
 * Alertmanager's classic matcher parser (`pkg/labels.ParseMatcher`, the
 * only one up to 0.26 and the fallback of later versions) understands only
 * the escapes `\\`, `\"` and `\n` and keeps any other backslash literally.
 * So unlike the PromQL `escapeLabelValue`, tabs, carriage returns and other
 * control characters are sent as they are: inside the quotes they are part
 * of the value. The result reads the same in the UTF-8 matcher parser of
 * Alertmanager 0.27+.
 *
 * @public
 */
export function escapeAlertmanagerValue(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n');
}

/**
 * Formats one label matcher as an Alertmanager API v2 `filter` value, e.g.
 * `service="checkout"` or `env=~"prod|staging"`.
 *
 * @throws InputError when the label name or operator is invalid.
 * @public
 */
export function formatAlertmanagerMatcher(matcher: LabelMatcher): string {
  if (!LABEL_NAME.test(matcher.name)) {
    throw new InputError(
      `Invalid label name ${JSON.stringify(
        matcher.name,
      )}: must match [a-zA-Z_][a-zA-Z0-9_]*`,
    );
  }
  if (!OPERATORS.has(matcher.operator)) {
    throw new InputError(
      `Invalid label match operator ${JSON.stringify(matcher.operator)}`,
    );
  }
  if (typeof matcher.value !== 'string') {
    throw new InputError(`Invalid value for label "${matcher.name}"`);
  }
  return `${matcher.name}${matcher.operator}"${escapeAlertmanagerValue(
    matcher.value,
  )}"`;
}
