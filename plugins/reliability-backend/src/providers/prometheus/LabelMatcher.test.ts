import { InputError } from '@backstage/errors';
import {
  LabelMatcher,
  compileLabelRegex,
  escapeLabelValue,
  formatLabelMatchers,
  matchesLabels,
  parseLabelMatchers,
} from './LabelMatcher';

describe('parseLabelMatchers', () => {
  it.each<[string, LabelMatcher[]]>([
    [
      'sloth_service="checkout"',
      [{ name: 'sloth_service', operator: '=', value: 'checkout' }],
    ],
    [
      'service="checkout", env=~"prod|staging", team!="x"',
      [
        { name: 'service', operator: '=', value: 'checkout' },
        { name: 'env', operator: '=~', value: 'prod|staging' },
        { name: 'team', operator: '!=', value: 'x' },
      ],
    ],
    [
      '{service="checkout",env!~"dev.*"}',
      [
        { name: 'service', operator: '=', value: 'checkout' },
        { name: 'env', operator: '!~', value: 'dev.*' },
      ],
    ],
    [
      '  {  service = "checkout" ,  }  ',
      [{ name: 'service', operator: '=', value: 'checkout' }],
    ],
    ['a="x",', [{ name: 'a', operator: '=', value: 'x' }]],
    [
      '_private="", __name__="up"',
      [
        { name: '_private', operator: '=', value: '' },
        { name: '__name__', operator: '=', value: 'up' },
      ],
    ],
    [
      String.raw`msg="say \"hi\" \\ bye\nnext\ttab"`,
      [{ name: 'msg', operator: '=', value: 'say "hi" \\ bye\nnext\ttab' }],
    ],
    [
      String.raw`x="caf\u00e9 \x41 \U0001F600"`,
      [{ name: 'x', operator: '=', value: 'café A 😀' }],
    ],
    ['x="}"', [{ name: 'x', operator: '=', value: '}' }]],
    ['x="a,b=\\"c\\""', [{ name: 'x', operator: '=', value: 'a,b="c"' }]],
    [
      String.raw`path=~"/api/v[0-9]+/.*\\.json"`,
      [
        {
          name: 'path',
          operator: '=~',
          value: String.raw`/api/v[0-9]+/.*\.json`,
        },
      ],
    ],
    ['env=~"(?i)PROD"', [{ name: 'env', operator: '=~', value: '(?i)PROD' }]],
    ['x="ünïcødé ✓"', [{ name: 'x', operator: '=', value: 'ünïcødé ✓' }]],
  ])('parses %s', (input, expected) => {
    expect(parseLabelMatchers(input)).toEqual(expected);
  });

  it('accepts 20 matchers and 1024 characters', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => `l${i}="v"`).join(',');
    expect(parseLabelMatchers(twenty)).toHaveLength(20);
    const long = `a="${'x'.repeat(1020)}"`;
    expect(long).toHaveLength(1024);
    expect(parseLabelMatchers(long)[0].value).toHaveLength(1020);
  });

  it.each([
    ['', /Label matchers are empty/],
    ['   ', /Label matchers are empty/],
    ['{}', /Label matchers "\{\}" are empty/],
    [',', /position 1: expected a label name .*got ","/],
    [
      'x="a"} or vector(1) #',
      /position 6: expected "," or the end after a matcher, got "}"/,
    ],
    [
      '{x="a"} or vector(1) #}',
      /position 7: expected "," or the end after a matcher, got "}"/,
    ],
    [
      'service="x"} + sum(up{a="b"',
      /position 12: expected "," or the end after a matcher, got "}"/,
    ],
    ['service="x" or vector(1)', /position 13: expected "," or the end/],
    [
      'service="x"; drop',
      /position 12: expected "," or the end after a matcher, got ";"/,
    ],
    [
      'service=checkout',
      /position 9: expected a double-quoted value for label "service", got "c"/,
    ],
    [
      "service='checkout'",
      /expected a double-quoted value for label "service", got "'"/,
    ],
    ['service=`checkout`', /expected a double-quoted value/],
    [
      '1abc="x"',
      /position 1: expected a label name \(\[a-zA-Z_\]\[a-zA-Z0-9_\]\*\), got "1"/,
    ],
    [
      'se-rvice="x"',
      /position 3: expected one of =, !=, =~, !~ after label "se", got "-"/,
    ],
    ['"service"="x"', /position 1: expected a label name/],
    [
      'service=="x"',
      /position 9: expected a double-quoted value for label "service", got "="/,
    ],
    [
      'service<>"x"',
      /expected one of =, !=, =~, !~ after label "service", got "<"/,
    ],
    [
      'service',
      /expected one of =, !=, =~, !~ after label "service", got the end of the input/,
    ],
    [
      'service=',
      /expected a double-quoted value for label "service", got the end of the input/,
    ],
    [
      'service="x" env="y"',
      /position 13: expected "," or the end after a matcher, got "e"/,
    ],
    ['service="x",,env="y"', /position 13: expected a label name, got ","/],
    ['service="unterminated', /position 9: unterminated quoted value/],
    ['{service="x"', /expected a closing "}" at the end/],
    ['{service="x}', /unterminated quoted value/],
    ['{', /expected a closing "}"/],
    ['service="x"}', /expected "," or the end after a matcher, got "}"/],
    [
      String.raw`service="a\qb"`,
      /position 11: unknown escape sequence "\\\\q"/,
    ],
    [String.raw`service="a\'b"`, /unknown escape sequence/],
    [String.raw`service="a\x80"`, /invalid escape sequence \\x80/],
    [String.raw`service="a\uD800"`, /invalid escape sequence \\uD800/],
    ['service="a\\u12"', /invalid escape sequence \\u12/],
    ['service="a\nb"', /line break inside a quoted value/],
    [
      'env=~"(unclosed"',
      /invalid regular expression for label "env": .*Unterminated group/,
    ],
    ['env=~"[z-a]"', /invalid regular expression for label "env"/],
    ['env!~"*"', /invalid regular expression for label "env"/],
    [
      'env=~"(?=prod)"',
      /look-around assertions are not supported by Prometheus/,
    ],
    ['env=~"a(?<!b)"', /look-around assertions are not supported/],
    [
      String.raw`env=~"(a)\\1"`,
      /back-references are not supported by Prometheus/,
    ],
    [
      `a="${'x'.repeat(1021)}"`,
      /too long: 1025 characters, at most 1024 allowed/,
    ],
    [
      Array.from({ length: 21 }, (_, i) => `l${i}="v"`).join(','),
      /Too many label matchers: at most 20 allowed/,
    ],
  ])('rejects %p', (input, message) => {
    let error: unknown;
    try {
      parseLabelMatchers(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(message);
  });

  it('rejects input that is not a string', () => {
    expect(() => parseLabelMatchers(undefined as unknown as string)).toThrow(
      InputError,
    );
  });
});

describe('escapeLabelValue', () => {
  it.each([
    ['plain', 'plain'],
    ['a"b', 'a\\"b'],
    ['a\\b', 'a\\\\b'],
    ['a\nb\rc\td', 'a\\nb\\rc\\td'],
    ['\\"', '\\\\\\"'],
    ['a\u0000b\u007f', 'a\\u0000b\\u007f'],
    ['line\u2028sep', 'line\\u2028sep'],
    ['"} or vector(1) #', '\\"} or vector(1) #'],
    ['café 😀', 'café 😀'],
  ])('escapes %p as %p', (value, expected) => {
    expect(escapeLabelValue(value)).toBe(expected);
  });
});

describe('formatLabelMatchers', () => {
  it('formats matchers as a PromQL selector', () => {
    expect(
      formatLabelMatchers([
        { name: 'service', operator: '=', value: 'check"out' },
        { name: 'env', operator: '=~', value: 'prod|staging' },
        { name: 'path', operator: '!~', value: String.raw`/a\.b` },
      ]),
    ).toBe(
      String.raw`{service="check\"out", env=~"prod|staging", path!~"/a\\.b"}`,
    );
  });

  it('formats an empty list as {}', () => {
    expect(formatLabelMatchers([])).toBe('{}');
  });

  it.each([
    [
      { name: 'bad-name', operator: '=', value: 'x' },
      /Invalid label name "bad-name"/,
    ],
    [{ name: 'x"}', operator: '=', value: 'x' }, /Invalid label name/],
    [
      { name: 'x', operator: '==', value: 'x' },
      /Invalid label match operator "=="/,
    ],
    [{ name: 'x', operator: '=', value: 3 }, /Invalid value for label "x"/],
  ])('rejects %p', (matcher, message) => {
    expect(() => formatLabelMatchers([matcher as LabelMatcher])).toThrow(
      message,
    );
  });

  it.each([
    'service="checkout"',
    'a="quote \\" backslash \\\\ newline \\n tab \\t", b!="", c=~"x|y", d!~"(?i)z.*"',
    String.raw`x="\u0001 \x7f"`,
    '{x="} or vector(1) #"}',
  ])('round-trips %p through format and parse', input => {
    const parsed = parseLabelMatchers(input);
    const formatted = formatLabelMatchers(parsed);
    expect(parseLabelMatchers(formatted)).toEqual(parsed);
    // and formatting is stable
    expect(formatLabelMatchers(parseLabelMatchers(formatted))).toBe(formatted);
  });

  it('round-trips arbitrary values through escape and parse', () => {
    const values = [
      '',
      '"',
      '\\',
      '\\"',
      '"}',
      '\n\r\t',
      '\u0000\u001f\u007f',
      '\u2028\u2029',
      'emoji 😀 and ü',
      String.fromCharCode(...Array.from({ length: 128 }, (_, i) => i)),
    ];
    for (const value of values) {
      const formatted = formatLabelMatchers([
        { name: 'v', operator: '=', value },
      ]);
      expect(parseLabelMatchers(formatted)).toEqual([
        { name: 'v', operator: '=', value },
      ]);
    }
  });
});

describe('matchesLabels', () => {
  const labels = { service: 'checkout', env: 'prod', team: 'payments' };

  it.each<[string, Record<string, string>, boolean]>([
    ['service="checkout"', labels, true],
    ['service="Checkout"', labels, false],
    ['service!="checkout"', labels, false],
    ['service!="cart"', labels, true],
    ['env=~"prod|staging"', labels, true],
    ['env=~"pro"', labels, false], // fully anchored
    ['env=~"pro.*"', labels, true],
    ['env=~"(?i)PROD"', labels, true],
    ['env!~"prod|staging"', labels, false],
    ['env!~"dev"', labels, true],
    ['missing=""', labels, true], // a missing label is the empty string
    ['missing!=""', labels, false],
    ['missing=~".*"', labels, true],
    ['missing=~".+"', labels, false],
    ['missing!~"x"', labels, true],
    ['service="checkout", env="staging"', labels, false],
    ['service="checkout", env=~"prod", team!="search"', labels, true],
    ['msg=~"a.b"', { msg: 'a\nb' }, true], // "." matches a newline, as in Prometheus 3
    ['constructor=""', {}, true], // no prototype lookups
  ])('%s', (input, labelSet, expected) => {
    expect(matchesLabels(parseLabelMatchers(input), labelSet)).toBe(expected);
  });

  it('matches everything with no matchers', () => {
    expect(matchesLabels([], labels)).toBe(true);
  });
});

describe('compileLabelRegex', () => {
  it('anchors the regex fully', () => {
    const re = compileLabelRegex('a|b');
    expect(re.test('a')).toBe(true);
    expect(re.test('b')).toBe(true);
    expect(re.test('ab')).toBe(false);
    expect(re.test('xa')).toBe(false);
  });
});
