import { describeConfigValue } from './describeConfigValue';
import { parseCheckRule } from './parseCheckRule';
import { CheckDefinition } from './types';
import {
  fail,
  list,
  listEntry,
  optionalNumber,
  optionalString,
  requiredString,
} from './checksConfigValidation';

/** Default of `reliability.checks[].maxAgeDays`. */
const DEFAULT_MAX_AGE_DAYS = 30;

const CHECK_KEYS = [
  'id',
  'title',
  'description',
  'howToFix',
  'rule',
  'pushed',
  'maxAgeDays',
];

/** Validates `reliability.checks`, filling in defaults. */
export function parseChecks(raw: unknown): CheckDefinition[] {
  const key = 'reliability.checks';
  const entries = list(raw, key);
  const seen = new Map<string, string>();
  // First the checks without their rules, so that a rule may name any
  // pushed check (`push.<checkId>.passed`), also one defined after it.
  const partial = entries.map((rawEntry, index) => {
    const entryKey = `${key}[${index}]`;
    const { entry, id, context } = listEntry(
      rawEntry,
      entryKey,
      'check',
      CHECK_KEYS,
      seen,
    );
    const pushed = entry.pushed ?? false;
    if (typeof pushed !== 'boolean') {
      fail(
        `${entryKey}.pushed`,
        `must be true or false; got ${describeConfigValue(pushed)}`,
        context,
      );
    }
    return {
      entry,
      entryKey,
      context,
      check: {
        id,
        title: requiredString(entry, 'title', entryKey, context),
        description: optionalString(entry, 'description', entryKey, context),
        howToFix: optionalString(entry, 'howToFix', entryKey, context),
        pushed: pushed as boolean,
        maxAgeDays:
          optionalNumber(entry, 'maxAgeDays', entryKey, context, {
            min: 0,
            exclusive: true,
          }) ?? DEFAULT_MAX_AGE_DAYS,
      },
    };
  });
  const pushedChecks = partial.filter(p => p.check.pushed).map(p => p.check.id);
  return partial.map(({ entry, entryKey, context, check }) => {
    let rule: CheckDefinition['rule'];
    if (entry.rule !== undefined && entry.rule !== null) {
      rule = parseCheckRule(entry.rule, `${entryKey}.rule`, context, {
        pushedChecks,
      });
    } else if (check.pushed) {
      rule = { fact: `push.${check.id}.passed`, equals: true };
    } else {
      return fail(
        `${entryKey}.rule`,
        'is required unless the check is pushed (pushed: true)',
        context,
      );
    }
    const definition: CheckDefinition = { ...check, rule };
    if (definition.description === undefined) delete definition.description;
    if (definition.howToFix === undefined) delete definition.howToFix;
    return definition;
  });
}
