import { ChecksConfigError } from './ChecksConfigError';
import { parseCheckRule } from './parseCheckRule';
import { CheckRule } from './types';

const KEY = 'reliability.checks[0].rule';
const CONTEXT = 'check "techdocs"';

function nest(depth: number): unknown {
  let rule: unknown = { fact: 'spec.type', exists: true };
  for (let i = 0; i < depth; i++) {
    rule = { not: rule };
  }
  return rule;
}

function parseError(raw: unknown, pushedChecks?: string[]): ChecksConfigError {
  try {
    parseCheckRule(raw, KEY, CONTEXT, { pushedChecks });
  } catch (error) {
    return error as ChecksConfigError;
  }
  throw new Error('expected parseCheckRule to throw');
}

describe('parseCheckRule', () => {
  it.each<[string, unknown, CheckRule]>([
    [
      'exists',
      { fact: 'annotation:backstage.io/techdocs-ref', exists: true },
      { fact: 'annotation:backstage.io/techdocs-ref', exists: true },
    ],
    [
      'exists false',
      { fact: 'label:deprecated', exists: false },
      { fact: 'label:deprecated', exists: false },
    ],
    [
      'equals string',
      { fact: 'spec.lifecycle', equals: 'production' },
      { fact: 'spec.lifecycle', equals: 'production' },
    ],
    [
      'equals empty string',
      { fact: 'spec.lifecycle', equals: '' },
      { fact: 'spec.lifecycle', equals: '' },
    ],
    [
      'equals number',
      { fact: 'reliability.sloCount', equals: 0 },
      { fact: 'reliability.sloCount', equals: 0 },
    ],
    [
      'equals boolean',
      { fact: 'reliability.onCallConfigured', equals: true },
      { fact: 'reliability.onCallConfigured', equals: true },
    ],
    [
      'equals fact',
      { fact: 'spec.owner', equals: { fact: 'metadata.namespace' } },
      { fact: 'spec.owner', equals: { fact: 'metadata.namespace' } },
    ],
    [
      'in',
      { fact: 'spec.lifecycle', in: ['production', 1, false] },
      { fact: 'spec.lifecycle', in: ['production', 1, false] },
    ],
    [
      'gte number',
      { fact: 'reliability.runbookCoverage', gte: 0.8 },
      { fact: 'reliability.runbookCoverage', gte: 0.8 },
    ],
    [
      'gte fact',
      {
        fact: 'reliability.lowestObjective',
        gte: { fact: 'reliability.tierMinimumObjective' },
      },
      {
        fact: 'reliability.lowestObjective',
        gte: { fact: 'reliability.tierMinimumObjective' },
      },
    ],
    [
      'lte',
      { fact: 'reliability.alertNoiseRatio', lte: 0.3 },
      { fact: 'reliability.alertNoiseRatio', lte: 0.3 },
    ],
    [
      'matches',
      { fact: 'annotation:grafana/dashboard-selector', matches: '.+' },
      { fact: 'annotation:grafana/dashboard-selector', matches: '.+' },
    ],
    [
      'relation',
      { fact: 'relation:ownedBy', exists: true },
      { fact: 'relation:ownedBy', exists: true },
    ],
    [
      'metadata path',
      { fact: 'metadata.tags', equals: 'java' },
      { fact: 'metadata.tags', equals: 'java' },
    ],
    [
      'spec path of 4 levels',
      { fact: 'spec.a.b.c.d', exists: true },
      { fact: 'spec.a.b.c.d', exists: true },
    ],
    [
      'links',
      { fact: 'links.type', equals: 'dashboard' },
      { fact: 'links.type', equals: 'dashboard' },
    ],
    [
      'provider fact',
      { fact: 'sonarqube.coverage', gte: 80 },
      { fact: 'sonarqube.coverage', gte: 80 },
    ],
    [
      'provider fact with dots',
      { fact: 'github.branch-protection.enabled', equals: true },
      { fact: 'github.branch-protection.enabled', equals: true },
    ],
    [
      'push passed',
      { fact: 'push.ci-template.passed', equals: true },
      { fact: 'push.ci-template.passed', equals: true },
    ],
    [
      'push value',
      { fact: 'push.ci-template.value', gte: 2 },
      { fact: 'push.ci-template.value', gte: 2 },
    ],
    [
      'all',
      { all: [{ fact: 'spec.type', exists: true }] },
      { all: [{ fact: 'spec.type', exists: true }] },
    ],
    [
      'any',
      {
        any: [
          { fact: 'spec.type', exists: true },
          { not: { fact: 'label:x', exists: true } },
        ],
      },
      {
        any: [
          { fact: 'spec.type', exists: true },
          { not: { fact: 'label:x', exists: true } },
        ],
      },
    ],
    ['10 nested levels', nest(10), nest(10) as CheckRule],
  ])('accepts %s', (_name, raw, expected) => {
    expect(
      parseCheckRule(raw, KEY, CONTEXT, { pushedChecks: ['ci-template'] }),
    ).toEqual(expected);
  });

  it('accepts any well-formed push fact without a list of pushed checks', () => {
    expect(
      parseCheckRule(
        { fact: 'push.anything.passed', equals: true },
        KEY,
        CONTEXT,
      ),
    ).toEqual({ fact: 'push.anything.passed', equals: true });
  });

  it('returns a copy without foreign properties', () => {
    const list = ['a'];
    const rule = parseCheckRule(
      { fact: 'spec.type', in: list },
      KEY,
      CONTEXT,
    ) as { in: string[] };
    expect(rule.in).not.toBe(list);
  });

  it.each<[string, unknown, string, RegExp]>([
    // name, raw rule, key, problem
    [
      'not a mapping',
      'spec.type',
      KEY,
      /a rule must be a mapping .* got "spec.type"/,
    ],
    ['a list', [], KEY, /got a list/],
    ['null', null, KEY, /got null/],
    [
      'an empty mapping',
      {},
      KEY,
      /needs all, any, not, or fact .*found an empty mapping/,
    ],
    ['a mapping without fact', { equals: 'x' }, KEY, /found keys equals/],
    [
      'all and any together',
      { all: [], any: [] },
      KEY,
      /exactly one of all, any or not; found all and any/,
    ],
    [
      'all next to fact',
      { all: [{ fact: 'spec.type', exists: true }], fact: 'spec.type' },
      `${KEY}.fact`,
      /unknown key "fact" next to all/,
    ],
    [
      'an empty all',
      { all: [] },
      `${KEY}.all`,
      /non-empty list of rules; got an empty list/,
    ],
    [
      'any that is not a list',
      { any: { fact: 'spec.type', exists: true } },
      `${KEY}.any`,
      /non-empty list of rules; got a mapping/,
    ],
    [
      'a bad child of all',
      { all: [{ fact: 'spec.type', exists: true }, { fact: 'spec.type' }] },
      `${KEY}.all[1]`,
      /needs one of exists, equals/,
    ],
    [
      'a bad child of not',
      { not: { any: [{ fact: 'nope', exists: true }] } },
      `${KEY}.not.any[0].fact`,
      /unknown fact "nope"/,
    ],
    [
      '11 nested levels',
      nest(11),
      `${KEY}${'.not'.repeat(11)}`,
      /nest at most 10 levels/,
    ],
    [
      'no operator',
      { fact: 'spec.type' },
      KEY,
      /comparison of fact "spec.type" needs one of exists, equals, in, gte, lte, matches/,
    ],
    [
      'two operators',
      { fact: 'spec.type', exists: true, equals: 'x' },
      KEY,
      /has exists and equals; use one operator/,
    ],
    [
      'an unknown operator',
      { fact: 'spec.type', contains: 'x' },
      `${KEY}.contains`,
      /unknown key "contains"/,
    ],
    [
      'a typo of equals',
      { fact: 'spec.type', equal: 'x' },
      `${KEY}.equal`,
      /unknown key "equal"/,
    ],
    [
      'a fact that is not a string',
      { fact: 3, exists: true },
      `${KEY}.fact`,
      /must be a string; got 3/,
    ],
    [
      'exists that is not a boolean',
      { fact: 'spec.type', exists: 'yes' },
      `${KEY}.exists`,
      /true or false; got "yes"/,
    ],
    [
      'equals null',
      { fact: 'spec.type', equals: null },
      `${KEY}.equals`,
      /string, a finite number, true, false or \{ fact: <name> \}; got null/,
    ],
    [
      'equals a list',
      { fact: 'spec.type', equals: ['a'] },
      `${KEY}.equals`,
      /got a list/,
    ],
    [
      'equals NaN',
      { fact: 'spec.replicas', equals: NaN },
      `${KEY}.equals`,
      /got NaN/,
    ],
    [
      'equals Infinity',
      { fact: 'spec.replicas', equals: Infinity },
      `${KEY}.equals`,
      /got Infinity/,
    ],
    [
      'gte a string',
      { fact: 'spec.replicas', gte: '3' },
      `${KEY}.gte`,
      /finite number or \{ fact: <name> \}; got "3"/,
    ],
    [
      'lte a boolean',
      { fact: 'spec.replicas', lte: true },
      `${KEY}.lte`,
      /got true/,
    ],
    [
      'gte Infinity',
      { fact: 'spec.replicas', gte: Infinity },
      `${KEY}.gte`,
      /got Infinity/,
    ],
    [
      'an operand with two keys',
      { fact: 'spec.replicas', gte: { fact: 'spec.a', default: 1 } },
      `${KEY}.gte.default`,
      /single key fact/,
    ],
    [
      'an operand without fact',
      { fact: 'spec.replicas', gte: {} },
      `${KEY}.gte`,
      /single key fact/,
    ],
    [
      'an operand with a bad fact',
      { fact: 'spec.replicas', gte: { fact: 'reliability.nope' } },
      `${KEY}.gte.fact`,
      /unknown suite fact "reliability.nope"/,
    ],
    [
      'an empty in',
      { fact: 'spec.type', in: [] },
      `${KEY}.in`,
      /non-empty list of values; got an empty list/,
    ],
    [
      'in that is not a list',
      { fact: 'spec.type', in: 'a' },
      `${KEY}.in`,
      /got "a"/,
    ],
    [
      'in with an object',
      { fact: 'spec.type', in: ['a', { b: 1 }] },
      `${KEY}.in[1]`,
      /got a mapping/,
    ],
    [
      'in with null',
      { fact: 'spec.type', in: [null] },
      `${KEY}.in[0]`,
      /got null/,
    ],
    [
      'in with NaN',
      { fact: 'spec.type', in: [NaN] },
      `${KEY}.in[0]`,
      /got NaN/,
    ],
    [
      'matches that is not a string',
      { fact: 'spec.type', matches: 3 },
      `${KEY}.matches`,
      /regular expression string; got 3/,
    ],
    [
      'matches an invalid pattern',
      { fact: 'spec.type', matches: '(' },
      `${KEY}.matches`,
      /"\(" is not a valid regular expression/,
    ],
    [
      'matches a long pattern',
      { fact: 'spec.type', matches: 'a'.repeat(501) },
      `${KEY}.matches`,
      /501 characters; at most 500/,
    ],
    // fact names
    [
      'an empty fact',
      { fact: '', exists: true },
      `${KEY}.fact`,
      /must not be empty/,
    ],
    [
      'a fact with spaces around',
      { fact: ' spec.type', exists: true },
      `${KEY}.fact`,
      /surrounding spaces/,
    ],
    [
      'a bare word',
      { fact: 'tier', exists: true },
      `${KEY}.fact`,
      /unknown fact "tier"; facts are annotation:<key>/,
    ],
    [
      'annotations instead of annotation',
      { fact: 'annotations:x', exists: true },
      `${KEY}.fact`,
      /unknown fact "annotations:x"/,
    ],
    [
      'an annotation without key',
      { fact: 'annotation:', exists: true },
      `${KEY}.fact`,
      /needs a key/,
    ],
    [
      'a label with spaces',
      { fact: 'label:a b', exists: true },
      `${KEY}.fact`,
      /needs a key without spaces/,
    ],
    [
      'a relation without type',
      { fact: 'relation:', exists: true },
      `${KEY}.fact`,
      /needs a relation type/,
    ],
    [
      'spec alone',
      { fact: 'spec', exists: true },
      `${KEY}.fact`,
      /needs a dotted path/,
    ],
    [
      'an empty path part',
      { fact: 'spec..type', exists: true },
      `${KEY}.fact`,
      /needs a dotted path/,
    ],
    [
      'a path too deep',
      { fact: 'spec.a.b.c.d.e', exists: true },
      `${KEY}.fact`,
      /nested too deeply; entity values are collected up to 4 levels below spec/,
    ],
    [
      'metadata.annotations',
      { fact: 'metadata.annotations.x', exists: true },
      `${KEY}.fact`,
      /is not collected; use annotation:<key>/,
    ],
    [
      'metadata.labels',
      { fact: 'metadata.labels.x', exists: true },
      `${KEY}.fact`,
      /use label:<key>/,
    ],
    [
      'an unknown link fact',
      { fact: 'links.icon', exists: true },
      `${KEY}.fact`,
      /unknown link fact "links.icon"; link facts are links.url, links.type, links.title/,
    ],
    [
      'an unknown suite fact',
      { fact: 'reliability.slos', exists: true },
      `${KEY}.fact`,
      /unknown suite fact "reliability.slos"; known suite facts are reliability.tier, reliability.tierMinimumObjective, .*reliability.toilHoursPerWeek/,
    ],
    [
      'a push fact without field',
      { fact: 'push.ci-template', exists: true },
      `${KEY}.fact`,
      /must be push.<checkId>.passed or push.<checkId>.value/,
    ],
    [
      'a push fact with another field',
      { fact: 'push.ci-template.result', exists: true },
      `${KEY}.fact`,
      /must be push.<checkId>.passed/,
    ],
    [
      'a push fact with a bad id',
      { fact: 'push.CI.passed', exists: true },
      `${KEY}.fact`,
      /must be push.<checkId>.passed/,
    ],
    [
      'a push fact of a check that is not pushed',
      { fact: 'push.techdocs.passed', equals: true },
      `${KEY}.fact`,
      /names "techdocs", which is not a check with pushed: true; pushed checks are ci-template/,
    ],
  ])('rejects %s', (_name, raw, key, problem) => {
    const error = parseError(raw, ['ci-template']);
    expect(error).toBeInstanceOf(ChecksConfigError);
    expect(error.name).toBe('ChecksConfigError');
    expect(error.key).toBe(key);
    expect(error.context).toBe(CONTEXT);
    expect(error.message.startsWith(`Invalid ${key} (${CONTEXT}): `)).toBe(
      true,
    );
    expect(error.message).toMatch(problem);
  });

  it('says when no check is pushed', () => {
    expect(
      parseError({ fact: 'push.ci.passed', equals: true }, []).message,
    ).toBe(
      `Invalid ${KEY}.fact (${CONTEXT}): fact "push.ci.passed" names "ci", which is not a check with pushed: true; no check is pushed`,
    );
  });
});
