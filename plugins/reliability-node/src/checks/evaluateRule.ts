import { CheckFacts, CheckFactValue, CheckOutcome, CheckRule } from './types';

/** Deeper rules (only possible when built in code) fail instead of recursing. */
const MAX_EVALUATION_DEPTH = 64;
const MAX_SHOWN_STRING = 100;
const MAX_SHOWN_ELEMENTS = 10;

type Scalar = number | string | boolean;

const patterns = new Map<string, RegExp | null>();

function compile(pattern: string): RegExp | null {
  if (!patterns.has(pattern)) {
    if (patterns.size >= 1000) {
      patterns.clear();
    }
    try {
      patterns.set(pattern, new RegExp(pattern));
    } catch {
      patterns.set(pattern, null);
    }
  }
  return patterns.get(pattern) ?? null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): value is Scalar {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && !Number.isNaN(value))
  );
}

/**
 * Turns whatever a facts object holds into a fact value: undefined, NaN and
 * values of other types are unknown (null); list elements that are not
 * strings are written as strings (numbers, booleans) or dropped.
 */
function normalize(value: unknown): CheckFactValue {
  if (isScalar(value)) {
    return value;
  }
  if (Array.isArray(value)) {
    return value.flatMap(element => {
      if (typeof element === 'string') return [element];
      if (isScalar(element)) return [String(element)];
      return [];
    });
  }
  return null;
}

function readFact(facts: CheckFacts, name: unknown): CheckFactValue {
  if (
    typeof name !== 'string' ||
    !isRecord(facts) ||
    !Object.prototype.hasOwnProperty.call(facts, name)
  ) {
    return null;
  }
  return normalize(facts[name]);
}

function showString(value: string): string {
  const shown =
    value.length > MAX_SHOWN_STRING
      ? `${value.slice(0, MAX_SHOWN_STRING)}…`
      : value;
  return JSON.stringify(shown);
}

function show(value: CheckFactValue): string {
  if (value === null) return 'missing';
  if (typeof value === 'string') return showString(value);
  if (Array.isArray(value)) {
    const shown = value.slice(0, MAX_SHOWN_ELEMENTS).map(showString);
    if (value.length > MAX_SHOWN_ELEMENTS) {
      shown.push(`… (${value.length - MAX_SHOWN_ELEMENTS} more)`);
    }
    return `[${shown.join(', ')}]`;
  }
  return String(value);
}

function showPlainList(values: Scalar[]): string {
  const shown = values.slice(0, MAX_SHOWN_ELEMENTS).map(v => String(v));
  if (values.length > MAX_SHOWN_ELEMENTS) {
    shown.push(`… (${values.length - MAX_SHOWN_ELEMENTS} more)`);
  }
  return shown.join(', ');
}

function subject(fact: string, value: CheckFactValue): string {
  return `${fact} is ${show(value)}`;
}

function isPresent(value: CheckFactValue): boolean {
  if (value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

function outcome(passed: boolean, detail: string): CheckOutcome {
  return { passed, detail };
}

type ResolvedOperand =
  | { ok: true; value: Scalar | string[]; shown: string }
  | { ok: false; problem: string };

/** Resolves an operand: a literal, or another fact's value. */
function resolveOperand(operand: unknown, facts: CheckFacts): ResolvedOperand {
  if (isRecord(operand)) {
    const name = operand.fact;
    if (typeof name !== 'string') {
      return { ok: false, problem: 'an operand that is not a fact name' };
    }
    const value = readFact(facts, name);
    if (value === null) {
      return { ok: false, problem: `${name}, which is missing` };
    }
    return { ok: true, value, shown: `${show(value)} (${name})` };
  }
  if (isScalar(operand) || typeof operand === 'number') {
    return { ok: true, value: operand, shown: show(operand) };
  }
  return {
    ok: false,
    problem: `${show(normalize(operand))}, an invalid operand`,
  };
}

function evaluateExists(fact: string, value: CheckFactValue, exists: unknown) {
  if (typeof exists !== 'boolean') {
    return outcome(false, `the rule on ${fact} has an invalid exists value`);
  }
  const present = isPresent(value);
  let state = 'empty';
  if (value === null) state = 'missing';
  else if (present) state = show(value);
  const detail = `${fact} is ${state}`;
  if (present === exists) {
    return outcome(true, detail);
  }
  return outcome(false, exists ? detail : `${detail}, needs to be missing`);
}

function evaluateEquals(
  fact: string,
  value: CheckFactValue,
  operand: unknown,
  facts: CheckFacts,
) {
  const resolved = resolveOperand(operand, facts);
  if (!resolved.ok) {
    return outcome(false, `${subject(fact, value)}, needs ${resolved.problem}`);
  }
  const expected = resolved.value;
  if (Array.isArray(expected)) {
    return outcome(
      false,
      `${subject(fact, value)}, needs ${
        resolved.shown
      }, which is a list, not a single value`,
    );
  }
  if (Array.isArray(value)) {
    return value.some(element => element === expected)
      ? outcome(true, `${fact} includes ${resolved.shown}`)
      : outcome(
          false,
          `${subject(fact, value)}, needs to include ${resolved.shown}`,
        );
  }
  return value !== null && value === expected
    ? outcome(true, subject(fact, value))
    : outcome(false, `${subject(fact, value)}, needs ${resolved.shown}`);
}

function evaluateIn(fact: string, value: CheckFactValue, list: unknown) {
  if (!Array.isArray(list)) {
    return outcome(false, `the rule on ${fact} has an invalid in list`);
  }
  const allowed = list.filter(isScalar);
  if (Array.isArray(value)) {
    const hit = value.find(element => allowed.includes(element));
    return hit === undefined
      ? outcome(
          false,
          `${subject(fact, value)}, needs to include one of ${showPlainList(
            allowed,
          )}`,
        )
      : outcome(true, `${fact} includes ${show(hit)}`);
  }
  return value !== null && allowed.includes(value)
    ? outcome(true, subject(fact, value))
    : outcome(
        false,
        `${subject(fact, value)}, needs one of ${showPlainList(allowed)}`,
      );
}

function evaluateBound(
  fact: string,
  value: CheckFactValue,
  operand: unknown,
  facts: CheckFacts,
  operator: '>=' | '<=',
) {
  const resolved = resolveOperand(operand, facts);
  if (!resolved.ok) {
    return outcome(
      false,
      `${subject(fact, value)}, needs ${operator} ${resolved.problem}`,
    );
  }
  if (typeof resolved.value !== 'number' || !Number.isFinite(resolved.value)) {
    return outcome(
      false,
      `${subject(fact, value)}, needs ${operator} ${
        resolved.shown
      }, which is not a finite number`,
    );
  }
  const bound = resolved.value;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    const needs = value === null ? 'needs' : 'needs a finite number';
    return outcome(
      false,
      `${subject(fact, value)}, ${needs} ${operator} ${resolved.shown}`,
    );
  }
  const passed = operator === '>=' ? value >= bound : value <= bound;
  return passed
    ? outcome(true, `${subject(fact, value)}, ${operator} ${resolved.shown}`)
    : outcome(
        false,
        `${subject(fact, value)}, needs ${operator} ${resolved.shown}`,
      );
}

function evaluateMatches(
  fact: string,
  value: CheckFactValue,
  pattern: unknown,
) {
  const regexp = typeof pattern === 'string' ? compile(pattern) : null;
  if (!regexp) {
    return outcome(false, `the rule on ${fact} has an invalid pattern`);
  }
  const shownPattern = `/${regexp.source}/`;
  if (Array.isArray(value)) {
    const hit = value.find(element => regexp.test(element));
    return hit === undefined
      ? outcome(
          false,
          `${subject(fact, value)}, needs an element matching ${shownPattern}`,
        )
      : outcome(
          true,
          `${fact} includes ${show(hit)}, matching ${shownPattern}`,
        );
  }
  if (typeof value === 'string') {
    return regexp.test(value)
      ? outcome(true, `${subject(fact, value)}, matching ${shownPattern}`)
      : outcome(
          false,
          `${subject(fact, value)}, needs to match ${shownPattern}`,
        );
  }
  const needs = value === null ? 'needs' : 'needs a string';
  return outcome(
    false,
    `${subject(fact, value)}, ${needs} to match ${shownPattern}`,
  );
}

function evaluateComparison(
  rule: Record<string, unknown>,
  facts: CheckFacts,
): CheckOutcome {
  const fact = rule.fact;
  if (typeof fact !== 'string') {
    return outcome(false, 'invalid rule: the fact name is not a string');
  }
  const value = readFact(facts, fact);
  if ('exists' in rule) return evaluateExists(fact, value, rule.exists);
  if ('equals' in rule) return evaluateEquals(fact, value, rule.equals, facts);
  if ('in' in rule) return evaluateIn(fact, value, rule.in);
  if ('gte' in rule) return evaluateBound(fact, value, rule.gte, facts, '>=');
  if ('lte' in rule) return evaluateBound(fact, value, rule.lte, facts, '<=');
  if ('matches' in rule) return evaluateMatches(fact, value, rule.matches);
  return outcome(false, `invalid rule: no operator for ${fact}`);
}

function evaluate(
  rule: unknown,
  facts: CheckFacts,
  depth: number,
): CheckOutcome {
  if (depth > MAX_EVALUATION_DEPTH) {
    return outcome(false, 'invalid rule: nested too deeply');
  }
  if (!isRecord(rule)) {
    return outcome(false, 'invalid rule: not a mapping');
  }
  if ('all' in rule) {
    if (!Array.isArray(rule.all)) {
      return outcome(false, 'invalid rule: all is not a list');
    }
    const results = rule.all.map(child => evaluate(child, facts, depth + 1));
    const failing = results.filter(r => !r.passed);
    if (failing.length > 0) {
      return outcome(false, failing.map(r => r.detail).join('; '));
    }
    return outcome(
      true,
      results.length ? results.map(r => r.detail).join('; ') : 'no conditions',
    );
  }
  if ('any' in rule) {
    if (!Array.isArray(rule.any)) {
      return outcome(false, 'invalid rule: any is not a list');
    }
    const results: CheckOutcome[] = [];
    for (const child of rule.any) {
      const result = evaluate(child, facts, depth + 1);
      if (result.passed) {
        return result;
      }
      results.push(result);
    }
    return outcome(
      false,
      results.length
        ? `none of (${results.map(r => r.detail).join('; ')})`
        : 'no alternatives',
    );
  }
  if ('not' in rule) {
    const inner = evaluate(rule.not, facts, depth + 1);
    return outcome(!inner.passed, `not (${inner.detail})`);
  }
  return evaluateComparison(rule, facts);
}

/**
 * Evaluates a rule of the check language on an entity's facts.
 *
 * A fact that is absent, null, NaN or of an unexpected type is unknown:
 * unknown facts fail every comparison except `exists: false`. `exists`
 * passes for values other than null, blank strings and empty lists.
 * `equals` and `in` compare strictly (the string `'3'` does not equal the
 * number `3`); on a list fact they pass when any element does. `gte` and
 * `lte` need a finite number fact and a finite number operand (a literal or
 * `{ fact }`). `matches` tests a string, or any element of a list. `all`
 * passes when every child passes (an empty `all` passes), `any` when one
 * does (an empty `any` fails), `not` inverts its child.
 *
 * Never throws: a malformed rule or facts object fails with a detail.
 *
 * @public
 */
export function evaluateRule(rule: CheckRule, facts: CheckFacts): CheckOutcome {
  try {
    return evaluate(rule, facts, 0);
  } catch (error) {
    return outcome(
      false,
      `the rule could not be evaluated: ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
}
