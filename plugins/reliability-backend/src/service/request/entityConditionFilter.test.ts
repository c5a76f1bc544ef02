import { toEntityFilter } from './entityConditionFilter';

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
