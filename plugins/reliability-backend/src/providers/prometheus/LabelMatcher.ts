import { InputError } from '@backstage/errors';

/**
 * A PromQL label match operator.
 *
 * @public
 */
export type LabelMatchOperator = '=' | '!=' | '=~' | '!~';

/**
 * One PromQL label matcher, e.g. `env=~"prod|staging"`. The value is the
 * unescaped value (for regex operators the regex source, without anchors).
 *
 * @public
 */
export interface LabelMatcher {
  name: string;
  operator: LabelMatchOperator;
  value: string;
}

/**
 * The longest input {@link parseLabelMatchers} accepts, in characters.
 *
 * @public
 */
export const MAX_LABEL_MATCHERS_LENGTH = 1024;

/**
 * The most matchers {@link parseLabelMatchers} accepts.
 *
 * @public
 */
export const MAX_LABEL_MATCHERS = 20;

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const LABEL_NAME_START = /[a-zA-Z_]/;
const LABEL_NAME_PART = /[a-zA-Z0-9_]/;
const OPERATORS: LabelMatchOperator[] = ['=~', '!~', '!=', '='];

class MatcherParser {
  #pos = 0;

  constructor(private readonly input: string) {}

  parse(): LabelMatcher[] {
    const { input } = this;
    let end = input.length;
    this.#skipSpace();
    if (this.#pos >= end) {
      throw new InputError('Label matchers are empty');
    }
    let braced = false;
    if (input[this.#pos] === '{') {
      braced = true;
      this.#pos += 1;
      end = input.trimEnd().length;
      if (input[end - 1] !== '}' || end - 1 < this.#pos) {
        throw this.#error(`expected a closing "}" at the end`, end);
      }
      end -= 1;
    }

    const matchers: LabelMatcher[] = [];
    for (;;) {
      this.#skipSpace(end);
      if (this.#pos >= end) {
        break;
      }
      if (matchers.length >= MAX_LABEL_MATCHERS) {
        throw new InputError(
          `Too many label matchers: at most ${MAX_LABEL_MATCHERS} allowed`,
        );
      }
      matchers.push(this.#matcher(end));
      this.#skipSpace(end);
      if (this.#pos >= end) {
        break;
      }
      if (input[this.#pos] !== ',') {
        throw this.#error(
          `expected "," or the end after a matcher, got ${describe(
            input[this.#pos],
          )}`,
        );
      }
      this.#pos += 1;
      this.#skipSpace(end);
      if (this.#pos < end && input[this.#pos] === ',') {
        throw this.#error('expected a label name, got ","');
      }
    }
    if (matchers.length === 0) {
      throw new InputError(
        braced ? 'Label matchers "{}" are empty' : 'Label matchers are empty',
      );
    }
    return matchers;
  }

  #matcher(end: number): LabelMatcher {
    const { input } = this;
    const nameStart = this.#pos;
    if (!LABEL_NAME_START.test(input[this.#pos])) {
      throw this.#error(
        `expected a label name ([a-zA-Z_][a-zA-Z0-9_]*), got ${describe(
          input[this.#pos],
        )}`,
      );
    }
    while (this.#pos < end && LABEL_NAME_PART.test(input[this.#pos])) {
      this.#pos += 1;
    }
    const name = input.slice(nameStart, this.#pos);
    this.#skipSpace(end);

    const operator = OPERATORS.find(op => input.startsWith(op, this.#pos));
    if (!operator || this.#pos + operator.length > end) {
      throw this.#error(
        `expected one of =, !=, =~, !~ after label "${name}", got ${describe(
          input[this.#pos],
        )}`,
      );
    }
    this.#pos += operator.length;
    this.#skipSpace(end);

    const valueStart = this.#pos;
    const value = this.#quoted(end, name);
    if (operator === '=~' || operator === '!~') {
      const problem = regexProblem(value);
      if (problem) {
        throw this.#error(
          `invalid regular expression for label "${name}": ${problem}`,
          valueStart,
        );
      }
    }
    return { name, operator, value };
  }

  #quoted(end: number, name: string): string {
    const { input } = this;
    if (input[this.#pos] !== '"') {
      throw this.#error(
        `expected a double-quoted value for label "${name}", got ${describe(
          input[this.#pos],
        )}`,
      );
    }
    const start = this.#pos;
    this.#pos += 1;
    let value = '';
    while (this.#pos < end) {
      const ch = input[this.#pos];
      if (ch === '"') {
        this.#pos += 1;
        return value;
      }
      if (ch === '\n' || ch === '\r') {
        throw this.#error('line break inside a quoted value; use \\n');
      }
      if (ch === '\\') {
        value += this.#escape(end);
        continue;
      }
      value += ch;
      this.#pos += 1;
    }
    throw this.#error('unterminated quoted value', start);
  }

  #escape(end: number): string {
    const { input } = this;
    const at = this.#pos;
    const next = input[at + 1];
    const simple: Record<string, string> = {
      '"': '"',
      '\\': '\\',
      n: '\n',
      r: '\r',
      t: '\t',
    };
    if (next !== undefined && at + 1 < end && next in simple) {
      this.#pos += 2;
      return simple[next];
    }
    const hexDigits: Record<string, number> = { x: 2, u: 4, U: 8 };
    if (next !== undefined && next in hexDigits) {
      const digits = input.slice(at + 2, at + 2 + hexDigits[next]);
      if (
        at + 2 + hexDigits[next] <= end &&
        new RegExp(`^[0-9a-fA-F]{${hexDigits[next]}}$`).test(digits)
      ) {
        const code = parseInt(digits, 16);
        const valid =
          next === 'x'
            ? code <= 0x7f
            : code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
        if (valid) {
          this.#pos = at + 2 + hexDigits[next];
          return String.fromCodePoint(code);
        }
      }
      throw this.#error(`invalid escape sequence \\${next}${digits}`, at);
    }
    throw this.#error(
      `unknown escape sequence ${describe(
        `\\${next ?? ''}`,
      )} (allowed: \\" \\\\ \\n \\r \\t \\xHH \\uHHHH)`,
      at,
    );
  }

  #skipSpace(end: number = this.input.length): void {
    while (this.#pos < end && /\s/.test(this.input[this.#pos])) {
      this.#pos += 1;
    }
  }

  #error(problem: string, at: number = this.#pos): InputError {
    return new InputError(
      `Invalid label matchers at position ${at + 1}: ${problem}`,
    );
  }
}

/**
 * Parses label matchers such as `sloth_service="checkout"` or
 * `{service="checkout", env=~"prod|staging", team!="x"}`, typically from an
 * entity annotation, so that they can safely become part of a PromQL query.
 *
 * @remarks
 *
 * Label names must match `[a-zA-Z_][a-zA-Z0-9_]*`. Values are double-quoted
 * strings with the escapes `\"`, `\\`, `\n`, `\r`, `\t`, `\xHH` (ASCII),
 * `\uHHHH` and `\UHHHHHHHH`. Regex values (`=~`, `!~`) must compile as a
 * fully anchored JavaScript regular expression and must not use features
 * Prometheus' RE2 lacks (look-around, back-references); a leading `(?i)` is
 * allowed. Surrounding braces and a trailing comma are optional. At most
 * {@link MAX_LABEL_MATCHERS_LENGTH} characters and
 * {@link MAX_LABEL_MATCHERS} matchers.
 *
 * @throws InputError naming the position and the problem for anything else.
 * @public
 */
export function parseLabelMatchers(input: string): LabelMatcher[] {
  if (typeof input !== 'string') {
    throw new InputError('Label matchers must be a string');
  }
  if (input.length > MAX_LABEL_MATCHERS_LENGTH) {
    throw new InputError(
      `Label matchers are too long: ${input.length} characters, at most ${MAX_LABEL_MATCHERS_LENGTH} allowed`,
    );
  }
  return new MatcherParser(input).parse();
}

function describe(text: string | undefined): string {
  if (text === undefined || text === '') {
    return 'the end of the input';
  }
  return JSON.stringify(text);
}

/**
 * Compiles the regex of a `=~` or `!~` matcher the way Prometheus applies
 * it: fully anchored. A leading `(?i)` becomes the `i` flag.
 *
 * @public
 */
export function compileLabelRegex(source: string): RegExp {
  const { body, flags } = splitFlags(source);
  return new RegExp(`^(?:${body})$`, flags);
}

function splitFlags(source: string): { body: string; flags: string } {
  if (source.startsWith('(?i)')) {
    return { body: source.slice(4), flags: 'is' };
  }
  return { body: source, flags: 's' };
}

function regexProblem(source: string): string | undefined {
  // Features JavaScript has but RE2 (Prometheus) does not; they would make
  // the query fail upstream.
  if (/(^|[^\\])(\\\\)*\(\?<?[=!]/.test(source)) {
    return 'look-around assertions are not supported by Prometheus';
  }
  if (/(^|[^\\])(\\\\)*\\[1-9]/.test(source) || /\\k</.test(source)) {
    return 'back-references are not supported by Prometheus';
  }
  try {
    compileLabelRegex(source);
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
}

/**
 * Escapes a label value for use inside a double-quoted PromQL string:
 * backslash, double quote, line breaks, tabs and other control characters.
 *
 * @public
 */
export function escapeLabelValue(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') {
      out += '\\\\';
    } else if (ch === '"') {
      out += '\\"';
    } else if (ch === '\n') {
      out += '\\n';
    } else if (ch === '\r') {
      out += '\\r';
    } else if (ch === '\t') {
      out += '\\t';
    } else if (
      code < 0x20 ||
      code === 0x7f ||
      code === 0x2028 ||
      code === 0x2029
    ) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else {
      out += ch;
    }
  }
  return out;
}

/**
 * Formats matchers as a PromQL selector body with braces, e.g.
 * `{service="checkout", env=~"prod|staging"}`, escaping every value.
 *
 * @throws InputError when a label name or operator is invalid.
 * @public
 */
export function formatLabelMatchers(matchers: LabelMatcher[]): string {
  const parts = matchers.map(m => {
    if (!LABEL_NAME.test(m.name)) {
      throw new InputError(
        `Invalid label name ${JSON.stringify(
          m.name,
        )}: must match [a-zA-Z_][a-zA-Z0-9_]*`,
      );
    }
    if (!OPERATORS.includes(m.operator)) {
      throw new InputError(
        `Invalid label match operator ${JSON.stringify(m.operator)}`,
      );
    }
    if (typeof m.value !== 'string') {
      throw new InputError(`Invalid value for label "${m.name}"`);
    }
    return `${m.name}${m.operator}"${escapeLabelValue(m.value)}"`;
  });
  return `{${parts.join(', ')}}`;
}

/**
 * Evaluates matchers against a label set the way Prometheus does: a missing
 * label is the empty string, and regexes are fully anchored.
 *
 * @public
 */
export function matchesLabels(
  matchers: LabelMatcher[],
  labels: Record<string, string>,
): boolean {
  return matchers.every(m => {
    const actual = Object.prototype.hasOwnProperty.call(labels, m.name)
      ? labels[m.name] ?? ''
      : '';
    switch (m.operator) {
      case '=':
        return actual === m.value;
      case '!=':
        return actual !== m.value;
      case '=~':
        return compileLabelRegex(m.value).test(actual);
      case '!~':
        return !compileLabelRegex(m.value).test(actual);
      default:
        throw new InputError(
          `Invalid label match operator ${JSON.stringify(m.operator)}`,
        );
    }
  });
}
