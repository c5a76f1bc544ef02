import { evaluateRule } from './evaluateRule';
import { CheckFacts, CheckRule } from './types';

const facts: CheckFacts = {
  'spec.type': 'service',
  'spec.lifecycle': 'experimental',
  'spec.empty': '',
  'spec.blank': '   ',
  'spec.replicas': 3,
  'spec.zero': 0,
  'spec.threeText': '3',
  'spec.flag': true,
  'spec.off': false,
  'metadata.tags': ['java', 'payments'],
  'links.type': [],
  'reliability.lowestObjective': 0.99,
  'reliability.tierMinimumObjective': 0.999,
  'reliability.sloCount': 2,
  'reliability.tier': null,
  'x.nan': NaN,
  'x.inf': Infinity,
  'x.negInf': -Infinity,
  'x.other': 0.99,
};

describe('evaluateRule', () => {
  it.each<[string, CheckRule, boolean, string]>([
    // exists
    [
      'exists: string',
      { fact: 'spec.type', exists: true },
      true,
      'spec.type is "service"',
    ],
    [
      'exists: number zero',
      { fact: 'spec.zero', exists: true },
      true,
      'spec.zero is 0',
    ],
    [
      'exists: false boolean',
      { fact: 'spec.off', exists: true },
      true,
      'spec.off is false',
    ],
    [
      'exists: list',
      { fact: 'metadata.tags', exists: true },
      true,
      'metadata.tags is ["java", "payments"]',
    ],
    [
      'exists: missing',
      { fact: 'annotation:backstage.io/techdocs-ref', exists: true },
      false,
      'annotation:backstage.io/techdocs-ref is missing',
    ],
    [
      'exists: null',
      { fact: 'reliability.tier', exists: true },
      false,
      'reliability.tier is missing',
    ],
    [
      'exists: empty string',
      { fact: 'spec.empty', exists: true },
      false,
      'spec.empty is empty',
    ],
    [
      'exists: blank string',
      { fact: 'spec.blank', exists: true },
      false,
      'spec.blank is empty',
    ],
    [
      'exists: empty list',
      { fact: 'links.type', exists: true },
      false,
      'links.type is empty',
    ],
    [
      'exists: NaN is unknown',
      { fact: 'x.nan', exists: true },
      false,
      'x.nan is missing',
    ],
    [
      'exists: Infinity',
      { fact: 'x.inf', exists: true },
      true,
      'x.inf is Infinity',
    ],
    [
      'exists false: missing',
      { fact: 'label:deprecated', exists: false },
      true,
      'label:deprecated is missing',
    ],
    [
      'exists false: empty list',
      { fact: 'links.type', exists: false },
      true,
      'links.type is empty',
    ],
    [
      'exists false: set',
      { fact: 'spec.type', exists: false },
      false,
      'spec.type is "service", needs to be missing',
    ],
    // equals
    [
      'equals: string',
      { fact: 'spec.type', equals: 'service' },
      true,
      'spec.type is "service"',
    ],
    [
      'equals: other string',
      { fact: 'spec.type', equals: 'website' },
      false,
      'spec.type is "service", needs "website"',
    ],
    [
      'equals: is case-sensitive',
      { fact: 'spec.type', equals: 'Service' },
      false,
      'spec.type is "service", needs "Service"',
    ],
    [
      'equals: number',
      { fact: 'spec.replicas', equals: 3 },
      true,
      'spec.replicas is 3',
    ],
    [
      'equals: number vs numeric string',
      { fact: 'spec.threeText', equals: 3 },
      false,
      'spec.threeText is "3", needs 3',
    ],
    [
      'equals: string vs number',
      { fact: 'spec.replicas', equals: '3' },
      false,
      'spec.replicas is 3, needs "3"',
    ],
    [
      'equals: boolean',
      { fact: 'spec.flag', equals: true },
      true,
      'spec.flag is true',
    ],
    [
      'equals: false vs 0',
      { fact: 'spec.off', equals: 0 },
      false,
      'spec.off is false, needs 0',
    ],
    [
      'equals: list element',
      { fact: 'metadata.tags', equals: 'java' },
      true,
      'metadata.tags includes "java"',
    ],
    [
      'equals: list without element',
      { fact: 'metadata.tags', equals: 'go' },
      false,
      'metadata.tags is ["java", "payments"], needs to include "go"',
    ],
    [
      'equals: empty list',
      { fact: 'links.type', equals: 'dashboard' },
      false,
      'links.type is [], needs to include "dashboard"',
    ],
    [
      'equals: missing',
      { fact: 'spec.owner', equals: 'team-a' },
      false,
      'spec.owner is missing, needs "team-a"',
    ],
    [
      'equals: NaN never equals',
      { fact: 'x.nan', equals: { fact: 'x.nan' } },
      false,
      'x.nan is missing, needs x.nan, which is missing',
    ],
    [
      'equals: Infinity fact operand',
      { fact: 'x.inf', equals: { fact: 'x.inf' } },
      true,
      'x.inf is Infinity',
    ],
    [
      'equals: fact operand',
      { fact: 'reliability.lowestObjective', equals: { fact: 'x.other' } },
      true,
      'reliability.lowestObjective is 0.99',
    ],
    [
      'equals: fact operand differs',
      {
        fact: 'reliability.lowestObjective',
        equals: { fact: 'reliability.tierMinimumObjective' },
      },
      false,
      'reliability.lowestObjective is 0.99, needs 0.999 (reliability.tierMinimumObjective)',
    ],
    [
      'equals: missing fact operand',
      { fact: 'spec.type', equals: { fact: 'spec.kind' } },
      false,
      'spec.type is "service", needs spec.kind, which is missing',
    ],
    [
      'equals: list operand',
      { fact: 'spec.type', equals: { fact: 'metadata.tags' } },
      false,
      'spec.type is "service", needs ["java", "payments"] (metadata.tags), which is a list, not a single value',
    ],
    // in
    [
      'in: scalar in list',
      { fact: 'spec.lifecycle', in: ['production', 'experimental'] },
      true,
      'spec.lifecycle is "experimental"',
    ],
    [
      'in: scalar not in list',
      { fact: 'spec.lifecycle', in: ['production'] },
      false,
      'spec.lifecycle is "experimental", needs one of production',
    ],
    [
      'in: number',
      { fact: 'spec.replicas', in: [1, 3] },
      true,
      'spec.replicas is 3',
    ],
    [
      'in: numeric string vs number',
      { fact: 'spec.threeText', in: [3] },
      false,
      'spec.threeText is "3", needs one of 3',
    ],
    [
      'in: boolean',
      { fact: 'spec.flag', in: [true] },
      true,
      'spec.flag is true',
    ],
    [
      'in: list element',
      { fact: 'metadata.tags', in: ['go', 'java'] },
      true,
      'metadata.tags includes "java"',
    ],
    [
      'in: list without element',
      { fact: 'metadata.tags', in: ['go', 'rust'] },
      false,
      'metadata.tags is ["java", "payments"], needs to include one of go, rust',
    ],
    [
      'in: missing',
      { fact: 'spec.owner', in: ['a'] },
      false,
      'spec.owner is missing, needs one of a',
    ],
    [
      'in: NaN',
      { fact: 'x.nan', in: [1] },
      false,
      'x.nan is missing, needs one of 1',
    ],
    // gte / lte
    [
      'gte: fact operand fails',
      {
        fact: 'reliability.lowestObjective',
        gte: { fact: 'reliability.tierMinimumObjective' },
      },
      false,
      'reliability.lowestObjective is 0.99, needs >= 0.999 (reliability.tierMinimumObjective)',
    ],
    [
      'gte: fact operand passes',
      {
        fact: 'reliability.tierMinimumObjective',
        gte: { fact: 'reliability.lowestObjective' },
      },
      true,
      'reliability.tierMinimumObjective is 0.999, >= 0.99 (reliability.lowestObjective)',
    ],
    [
      'gte: equal passes',
      { fact: 'spec.replicas', gte: 3 },
      true,
      'spec.replicas is 3, >= 3',
    ],
    [
      'gte: below',
      { fact: 'spec.replicas', gte: 4 },
      false,
      'spec.replicas is 3, needs >= 4',
    ],
    [
      'lte: equal passes',
      { fact: 'spec.replicas', lte: 3 },
      true,
      'spec.replicas is 3, <= 3',
    ],
    [
      'lte: above',
      { fact: 'spec.replicas', lte: 2 },
      false,
      'spec.replicas is 3, needs <= 2',
    ],
    ['gte: zero', { fact: 'spec.zero', gte: 0 }, true, 'spec.zero is 0, >= 0'],
    [
      'gte: numeric string is not a number',
      { fact: 'spec.threeText', gte: 1 },
      false,
      'spec.threeText is "3", needs a finite number >= 1',
    ],
    [
      'gte: boolean is not a number',
      { fact: 'spec.flag', gte: 0 },
      false,
      'spec.flag is true, needs a finite number >= 0',
    ],
    [
      'gte: list is not a number',
      { fact: 'metadata.tags', gte: 0 },
      false,
      'metadata.tags is ["java", "payments"], needs a finite number >= 0',
    ],
    [
      'gte: missing',
      { fact: 'reliability.sloStatus', gte: 1 },
      false,
      'reliability.sloStatus is missing, needs >= 1',
    ],
    [
      'gte: NaN fact',
      { fact: 'x.nan', gte: 0 },
      false,
      'x.nan is missing, needs >= 0',
    ],
    [
      'lte: NaN fact',
      { fact: 'x.nan', lte: 0 },
      false,
      'x.nan is missing, needs <= 0',
    ],
    [
      'gte: Infinity fact',
      { fact: 'x.inf', gte: 0 },
      false,
      'x.inf is Infinity, needs a finite number >= 0',
    ],
    [
      'lte: -Infinity fact',
      { fact: 'x.negInf', lte: 0 },
      false,
      'x.negInf is -Infinity, needs a finite number <= 0',
    ],
    [
      'gte: missing operand fact',
      { fact: 'spec.replicas', gte: { fact: 'reliability.toilHoursPerWeek' } },
      false,
      'spec.replicas is 3, needs >= reliability.toilHoursPerWeek, which is missing',
    ],
    [
      'gte: NaN operand fact',
      { fact: 'spec.replicas', gte: { fact: 'x.nan' } },
      false,
      'spec.replicas is 3, needs >= x.nan, which is missing',
    ],
    [
      'gte: Infinity operand fact',
      { fact: 'spec.replicas', lte: { fact: 'x.inf' } },
      false,
      'spec.replicas is 3, needs <= Infinity (x.inf), which is not a finite number',
    ],
    [
      'gte: string operand fact',
      { fact: 'spec.replicas', gte: { fact: 'spec.threeText' } },
      false,
      'spec.replicas is 3, needs >= "3" (spec.threeText), which is not a finite number',
    ],
    [
      'gte: string literal operand',
      { fact: 'spec.replicas', gte: '1' },
      false,
      'spec.replicas is 3, needs >= "1", which is not a finite number',
    ],
    [
      'gte: NaN literal operand',
      { fact: 'spec.replicas', gte: NaN },
      false,
      'spec.replicas is 3, needs >= NaN, which is not a finite number',
    ],
    // matches
    [
      'matches: string',
      { fact: 'spec.type', matches: '^serv' },
      true,
      'spec.type is "service", matching /^serv/',
    ],
    [
      'matches: string fails',
      { fact: 'spec.type', matches: '^web' },
      false,
      'spec.type is "service", needs to match /^web/',
    ],
    [
      'matches: anything non-empty',
      { fact: 'spec.empty', matches: '.+' },
      false,
      'spec.empty is "", needs to match /.+/',
    ],
    [
      'matches: list element',
      { fact: 'metadata.tags', matches: '^pay' },
      true,
      'metadata.tags includes "payments", matching /^pay/',
    ],
    [
      'matches: list without element',
      { fact: 'metadata.tags', matches: '^go$' },
      false,
      'metadata.tags is ["java", "payments"], needs an element matching /^go$/',
    ],
    [
      'matches: number is not a string',
      { fact: 'spec.replicas', matches: '3' },
      false,
      'spec.replicas is 3, needs a string to match /3/',
    ],
    [
      'matches: missing',
      { fact: 'annotation:grafana/dashboard-selector', matches: '.+' },
      false,
      'annotation:grafana/dashboard-selector is missing, needs to match /.+/',
    ],
    [
      'matches: invalid pattern',
      { fact: 'spec.type', matches: '(' },
      false,
      'the rule on spec.type has an invalid pattern',
    ],
    // all / any / not
    [
      'all: every child passes',
      {
        all: [
          { fact: 'spec.type', equals: 'service' },
          { fact: 'spec.replicas', gte: 1 },
        ],
      },
      true,
      'spec.type is "service"; spec.replicas is 3, >= 1',
    ],
    [
      'all: lists failing children',
      {
        all: [
          { fact: 'spec.type', equals: 'service' },
          { fact: 'spec.owner', exists: true },
          { fact: 'spec.replicas', gte: 5 },
        ],
      },
      false,
      'spec.owner is missing; spec.replicas is 3, needs >= 5',
    ],
    ['all: empty passes', { all: [] }, true, 'no conditions'],
    [
      'any: first passing child',
      {
        any: [
          { fact: 'spec.owner', exists: true },
          { fact: 'spec.type', equals: 'service' },
        ],
      },
      true,
      'spec.type is "service"',
    ],
    [
      'any: none passes',
      {
        any: [
          { fact: 'spec.owner', exists: true },
          { fact: 'links.type', equals: 'dashboard' },
        ],
      },
      false,
      'none of (spec.owner is missing; links.type is [], needs to include "dashboard")',
    ],
    ['any: empty fails', { any: [] }, false, 'no alternatives'],
    [
      'not: inverts a pass',
      { not: { fact: 'spec.type', equals: 'service' } },
      false,
      'not (spec.type is "service")',
    ],
    [
      'not: inverts a failure',
      { not: { fact: 'label:deprecated', equals: 'true' } },
      true,
      'not (label:deprecated is missing, needs "true")',
    ],
    [
      'not not',
      { not: { not: { fact: 'spec.flag', equals: true } } },
      true,
      'not (not (spec.flag is true))',
    ],
    [
      'nested all/any/not',
      {
        all: [
          { fact: 'spec.lifecycle', in: ['production', 'experimental'] },
          { not: { fact: 'metadata.tags', equals: 'deprecated' } },
          {
            any: [
              { fact: 'links.type', equals: 'dashboard' },
              {
                all: [
                  { fact: 'spec.flag', equals: true },
                  { fact: 'spec.replicas', lte: 3 },
                ],
              },
            ],
          },
        ],
      },
      true,
      'spec.lifecycle is "experimental"; not (metadata.tags is ["java", "payments"], needs to include "deprecated"); spec.flag is true; spec.replicas is 3, <= 3',
    ],
    [
      'nested failure',
      {
        all: [
          {
            fact: 'reliability.lowestObjective',
            gte: { fact: 'reliability.tierMinimumObjective' },
          },
          {
            any: [
              { fact: 'links.type', equals: 'dashboard' },
              { not: { fact: 'spec.flag', exists: true } },
            ],
          },
        ],
      },
      false,
      'reliability.lowestObjective is 0.99, needs >= 0.999 (reliability.tierMinimumObjective); none of (links.type is [], needs to include "dashboard"; not (spec.flag is true))',
    ],
  ])('%s', (_name, rule, passed, detail) => {
    expect(evaluateRule(rule, facts)).toEqual({ passed, detail });
  });

  it('shortens long values in details', () => {
    const long = 'x'.repeat(150);
    const many = Array.from({ length: 12 }, (_, i) => `t${i}`);
    expect(
      evaluateRule({ fact: 'a.b', equals: 'y' }, { 'a.b': long }).detail,
    ).toBe(`a.b is "${'x'.repeat(100)}…", needs "y"`);
    expect(
      evaluateRule({ fact: 'a.b', equals: 'y' }, { 'a.b': many }).detail,
    ).toBe(
      'a.b is ["t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9", … (2 more)], needs to include "y"',
    );
  });

  it.each<[string, unknown, unknown, boolean]>([
    // name, rule, facts, passed
    ['facts is null', { fact: 'a.b', exists: false }, null, true],
    ['facts is a string', { fact: 'a.b', exists: true }, 'oops', false],
    [
      'fact value is an object',
      { fact: 'a.b', exists: true },
      { 'a.b': { x: 1 } },
      false,
    ],
    [
      'fact value is undefined',
      { fact: 'a.b', exists: false },
      { 'a.b': undefined },
      true,
    ],
    [
      'list with mixed elements',
      { fact: 'a.b', equals: '1' },
      { 'a.b': [1, null, {}, 'x'] },
      true,
    ],
    [
      'list with mixed elements, strict',
      { fact: 'a.b', equals: 1 },
      { 'a.b': [1, 'x'] },
      false,
    ],
    [
      'prototype key is not a fact',
      { fact: 'constructor', exists: true },
      {},
      false,
    ],
    ['rule is null', null, {}, false],
    ['rule without operator', { fact: 'a.b' }, { 'a.b': 1 }, false],
    ['rule with a non-string fact', { fact: 3, exists: false }, {}, false],
    ['all that is not a list', { all: 'x' }, {}, false],
    ['any that is not a list', { any: 3 }, {}, false],
    ['in that is not a list', { fact: 'a.b', in: 'x' }, { 'a.b': 'x' }, false],
    [
      'exists that is not a boolean',
      { fact: 'a.b', exists: 'yes' },
      { 'a.b': 'x' },
      false,
    ],
    [
      'matches that is not a string',
      { fact: 'a.b', matches: 3 },
      { 'a.b': 'x' },
      false,
    ],
    [
      'operand that is an invalid mapping',
      { fact: 'a.b', gte: { x: 1 } },
      { 'a.b': 1 },
      false,
    ],
  ])('never throws: %s', (_name, rule, input, passed) => {
    const result = evaluateRule(rule as CheckRule, input as CheckFacts);
    expect(result.passed).toBe(passed);
    expect(typeof result.detail).toBe('string');
  });

  it('fails instead of recursing without end', () => {
    const cyclic: { not: unknown } = { not: undefined };
    cyclic.not = cyclic;
    expect(evaluateRule(cyclic as CheckRule, {})).toEqual({
      passed: expect.any(Boolean),
      detail: expect.stringContaining('nested too deeply'),
    });
  });

  it('fails when reading a fact throws', () => {
    const hostile = Object.defineProperty({}, 'a.b', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(evaluateRule({ fact: 'a.b', exists: true }, hostile)).toEqual({
      passed: false,
      detail: 'the rule could not be evaluated: boom',
    });
  });
});
