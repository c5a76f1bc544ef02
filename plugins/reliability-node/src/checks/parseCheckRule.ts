import { ChecksConfigError } from './ChecksConfigError';
import { describeConfigValue } from './describeConfigValue';
import { checkFactName } from './checkFactName';
import { CheckOperand, CheckRule } from './types';

/**
 * Options of {@link parseCheckRule}.
 *
 * @public
 */
export interface ParseCheckRuleOptions {
  /**
   * Ids of the configured checks with `pushed: true`. When given, a
   * `push.<checkId>.passed|value` fact must name one of them; when absent,
   * any well-formed check id is accepted.
   */
  pushedChecks?: readonly string[];
}

/** Combinators (`all`, `any`, `not`) may nest at most this deep. */
const MAX_DEPTH = 10;

/** A `matches` pattern may have at most this many characters. */
const MAX_PATTERN_LENGTH = 500;

const OPERATORS = ['exists', 'equals', 'in', 'gte', 'lte', 'matches'] as const;
type Operator = (typeof OPERATORS)[number];

const COMBINATORS = ['all', 'any', 'not'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class RuleParser {
  constructor(
    private readonly context: string,
    private readonly options: ParseCheckRuleOptions,
  ) {}

  fail(key: string, problem: string): never {
    throw new ChecksConfigError(key, problem, this.context);
  }

  rule(raw: unknown, key: string, depth: number): CheckRule {
    if (!isRecord(raw)) {
      return this.fail(
        key,
        `a rule must be a mapping with all, any, not, or fact and one operator; got ${describeConfigValue(
          raw,
        )}`,
      );
    }
    const keys = Object.keys(raw);
    const combinators = keys.filter(k => COMBINATORS.includes(k));
    if (combinators.length > 0) {
      if (combinators.length > 1) {
        return this.fail(
          key,
          `a rule has exactly one of all, any or not; found ${combinators.join(
            ' and ',
          )} (wrap them in all or any)`,
        );
      }
      const combinator = combinators[0];
      const extra = keys.find(k => k !== combinator);
      if (extra !== undefined) {
        return this.fail(
          `${key}.${extra}`,
          `unknown key "${extra}" next to ${combinator}; a rule with ${combinator} has no other keys`,
        );
      }
      if (depth >= MAX_DEPTH) {
        return this.fail(
          `${key}.${combinator}`,
          `rules nest at most ${MAX_DEPTH} levels deep`,
        );
      }
      if (combinator === 'not') {
        return { not: this.rule(raw.not, `${key}.not`, depth + 1) };
      }
      const list = raw[combinator];
      if (!Array.isArray(list) || list.length === 0) {
        return this.fail(
          `${key}.${combinator}`,
          `must be a non-empty list of rules; got ${
            Array.isArray(list) ? 'an empty list' : describeConfigValue(list)
          }`,
        );
      }
      const rules = list.map((child, index) =>
        this.rule(child, `${key}.${combinator}[${index}]`, depth + 1),
      );
      return combinator === 'all' ? { all: rules } : { any: rules };
    }
    return this.comparison(raw, key);
  }

  factName(raw: unknown, key: string): string {
    if (typeof raw !== 'string') {
      return this.fail(
        key,
        `a fact name must be a string; got ${describeConfigValue(raw)}`,
      );
    }
    const problem = checkFactName(raw, this.options.pushedChecks);
    if (problem) {
      return this.fail(key, problem);
    }
    return raw;
  }

  comparison(raw: Record<string, unknown>, key: string): CheckRule {
    if (!('fact' in raw)) {
      return this.fail(
        key,
        `a rule needs all, any, not, or fact with one of ${OPERATORS.join(
          ', ',
        )}; found ${
          Object.keys(raw).length
            ? `keys ${Object.keys(raw).join(', ')}`
            : 'an empty mapping'
        }`,
      );
    }
    const fact = this.factName(raw.fact, `${key}.fact`);
    const unknown = Object.keys(raw).find(
      k => k !== 'fact' && !(OPERATORS as readonly string[]).includes(k),
    );
    if (unknown !== undefined) {
      return this.fail(
        `${key}.${unknown}`,
        `unknown key "${unknown}"; a comparison has fact and one of ${OPERATORS.join(
          ', ',
        )}`,
      );
    }
    const operators = OPERATORS.filter(op => op in raw);
    if (operators.length !== 1) {
      return this.fail(
        key,
        operators.length === 0
          ? `the comparison of fact "${fact}" needs one of ${OPERATORS.join(
              ', ',
            )}`
          : `the comparison of fact "${fact}" has ${operators.join(
              ' and ',
            )}; use one operator per comparison and combine them with all or any`,
      );
    }
    const operator: Operator = operators[0];
    const value = raw[operator];
    const opKey = `${key}.${operator}`;
    switch (operator) {
      case 'exists':
        if (typeof value !== 'boolean') {
          return this.fail(
            opKey,
            `must be true or false; got ${describeConfigValue(value)}`,
          );
        }
        return { fact, exists: value };
      case 'equals':
        return { fact, equals: this.operand(value, opKey, false) };
      case 'gte':
        return { fact, gte: this.operand(value, opKey, true) };
      case 'lte':
        return { fact, lte: this.operand(value, opKey, true) };
      case 'in':
        return { fact, in: this.list(value, opKey) };
      default:
        return { fact, matches: this.pattern(value, opKey) };
    }
  }

  operand(raw: unknown, key: string, numeric: boolean): CheckOperand {
    if (isRecord(raw)) {
      const extra = Object.keys(raw).find(k => k !== 'fact');
      if (extra !== undefined || !('fact' in raw)) {
        return this.fail(
          extra === undefined ? key : `${key}.${extra}`,
          'a fact operand is a mapping with the single key fact, e.g. { fact: reliability.tierMinimumObjective }',
        );
      }
      return { fact: this.factName(raw.fact, `${key}.fact`) };
    }
    if (typeof raw === 'number' && Number.isFinite(raw)) {
      return raw;
    }
    if (!numeric && (typeof raw === 'string' || typeof raw === 'boolean')) {
      return raw;
    }
    return this.fail(
      key,
      numeric
        ? `must be a finite number or { fact: <name> }; got ${describeConfigValue(
            raw,
          )}`
        : `must be a string, a finite number, true, false or { fact: <name> }; got ${describeConfigValue(
            raw,
          )}`,
    );
  }

  list(raw: unknown, key: string): Array<number | string | boolean> {
    if (!Array.isArray(raw) || raw.length === 0) {
      return this.fail(
        key,
        `must be a non-empty list of values; got ${
          Array.isArray(raw) ? 'an empty list' : describeConfigValue(raw)
        }`,
      );
    }
    raw.forEach((item, index) => {
      const ok =
        typeof item === 'string' ||
        typeof item === 'boolean' ||
        (typeof item === 'number' && Number.isFinite(item));
      if (!ok) {
        this.fail(
          `${key}[${index}]`,
          `must be a string, a finite number, true or false; got ${describeConfigValue(
            item,
          )}`,
        );
      }
    });
    return [...raw] as Array<number | string | boolean>;
  }

  pattern(raw: unknown, key: string): string {
    if (typeof raw !== 'string') {
      return this.fail(
        key,
        `must be a regular expression string; got ${describeConfigValue(raw)}`,
      );
    }
    if (raw.length > MAX_PATTERN_LENGTH) {
      return this.fail(
        key,
        `the pattern has ${raw.length} characters; at most ${MAX_PATTERN_LENGTH} are allowed`,
      );
    }
    try {
      RegExp(raw); // throws on an invalid pattern
    } catch (error) {
      return this.fail(
        key,
        `${JSON.stringify(raw)} is not a valid regular expression: ${
          (error as Error).message
        }`,
      );
    }
    return raw;
  }
}

/**
 * Validates one rule of the check language (see {@link CheckRule}) as read
 * from configuration, and returns it typed. Throws a
 * {@link ChecksConfigError} naming `key` (extended with the path inside the
 * rule, e.g. `reliability.checks[2].rule.all[1].fact`) and `context` (e.g.
 * `check "techdocs"`).
 *
 * @public
 */
export function parseCheckRule(
  raw: unknown,
  key: string,
  context: string,
  options: ParseCheckRuleOptions = {},
): CheckRule {
  return new RuleParser(context, options).rule(raw, key, 0);
}
