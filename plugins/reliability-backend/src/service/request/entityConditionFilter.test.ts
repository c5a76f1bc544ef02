import { Entity } from '@backstage/catalog-model';
import {
  EntityFilter,
  matchesEntityFilter,
  toEntityFilter,
} from './entityConditionFilter';

const cond = (
  rule: string,
  params: object,
  resourceType = 'catalog-entity',
) => ({
  rule,
  resourceType,
  params: params as Record<string, never>,
});

describe('toEntityFilter', () => {
  it.each([
    [
      'an owner rule',
      cond('IS_ENTITY_OWNER', { claims: ['group:default/a'] }),
      { owner: ['group:default/a'] },
    ],
    [
      'a kind rule, lower-cased',
      cond('IS_ENTITY_KIND', { kinds: ['Component', 'API'] }),
      { kind: ['component', 'api'] },
    ],
    [
      'nested all/any/not',
      {
        allOf: [
          cond('IS_ENTITY_KIND', { kinds: ['component'] }),
          {
            anyOf: [
              cond('IS_ENTITY_OWNER', { claims: ['user:default/ada'] }),
              { not: cond('IS_ENTITY_OWNER', { claims: ['group:default/x'] }) },
            ],
          },
        ],
      },
      {
        allOf: [
          { kind: ['component'] },
          {
            anyOf: [
              { owner: ['user:default/ada'] },
              { not: { owner: ['group:default/x'] } },
            ],
          },
        ],
      },
    ],
  ])('translates %s', (_name, criteria, expected) => {
    expect(toEntityFilter(criteria as never)).toEqual(expected);
  });

  it.each([
    ['an annotation rule', cond('HAS_ANNOTATION', { annotation: 'a' })],
    ['a custom rule', cond('IS_IN_SYSTEM', { systemRef: 'system:default/x' })],
    [
      'another resource type',
      cond('IS_ENTITY_OWNER', { claims: ['x'] }, 'scaffolder-template'),
    ],
    ['claims that are not strings', cond('IS_ENTITY_OWNER', { claims: [1] })],
    ['missing params', cond('IS_ENTITY_KIND', {})],
    [
      'one untranslatable part of an anyOf',
      {
        anyOf: [
          cond('IS_ENTITY_OWNER', { claims: ['group:default/a'] }),
          cond('HAS_LABEL', { label: 'x' }),
        ],
      },
    ],
    ['an untranslatable negation', { not: cond('HAS_SPEC', { key: 'type' }) }],
  ])('leaves %s to the catalog', (_name, criteria) => {
    expect(toEntityFilter(criteria as never)).toBeUndefined();
  });
});

describe('matchesEntityFilter', () => {
  const entity = (kind: string, owners: string[]): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'x' },
    relations: [
      ...owners.map(targetRef => ({ type: 'ownedBy', targetRef })),
      { type: 'partOf', targetRef: 'group:default/a' },
    ],
  });
  const A = 'group:default/a';
  const B = 'group:default/b';
  const cases: Array<[string, EntityFilter, Entity, boolean]> = [
    ['an owner in the claims', { owner: [A] }, entity('Component', [A]), true],
    ['any of two owners', { owner: [B] }, entity('Component', [A, B]), true],
    ['another owner', { owner: [B] }, entity('Component', [A]), false],
    [
      'a relation that is not ownedBy',
      { owner: [A] },
      entity('Component', []),
      false,
    ],
    [
      'no owner, negated',
      { not: { owner: [A] } },
      entity('Component', []),
      true,
    ],
    ['no claims', { owner: [] }, entity('Component', [A]), false],
    [
      'the kind, any case',
      { kind: ['component'] },
      entity('Component', []),
      true,
    ],
    ['another kind', { kind: ['api'] }, entity('Component', []), false],
    [
      'allOf, one false',
      { allOf: [{ kind: ['component'] }, { owner: [B] }] },
      entity('Component', [A]),
      false,
    ],
    ['allOf of nothing', { allOf: [] }, entity('Component', []), true],
    [
      'anyOf, one true',
      { anyOf: [{ kind: ['api'] }, { owner: [A] }] },
      entity('Component', [A]),
      true,
    ],
    ['anyOf of nothing', { anyOf: [] }, entity('Component', [A]), false],
  ];
  it.each(cases)('%s', (_name, filter, e, expected) => {
    expect(matchesEntityFilter(e, filter)).toBe(expected);
  });
});
