import { columnOf, fromColumns, toColumns } from './columns';

type Item = { id: string; entityRef: string; ownerRef?: string };
const FIELDS = ['id', 'entityRef', 'ownerRef'] as const;

describe('columns', () => {
  it.each([
    ['id', 'id'],
    ['entityRef', 'entity_ref'],
    ['minutesPerOccurrence', 'minutes_per_occurrence'],
  ])('names the column of %s %s', (field, column) => {
    expect(columnOf(field)).toBe(column);
  });

  it.each<[string, Item, Record<string, unknown>]>([
    [
      'every field set',
      {
        id: '1',
        entityRef: 'component:default/a',
        ownerRef: 'group:default/t',
      },
      {
        id: '1',
        entity_ref: 'component:default/a',
        owner_ref: 'group:default/t',
      },
    ],
    [
      'a field missing',
      { id: '2', entityRef: 'component:default/b' },
      { id: '2', entity_ref: 'component:default/b', owner_ref: null },
    ],
  ])('maps a value with %s to its row and back', (_, value, row) => {
    expect(toColumns(value, FIELDS)).toStrictEqual(row);
    expect(fromColumns<Item>(row, FIELDS)).toEqual(value);
  });

  it('reads only the named fields and turns null into undefined', () => {
    const value = fromColumns<Item>(
      { id: '3', entity_ref: 'e', owner_ref: null, extra: 'x' },
      FIELDS,
    );
    expect(value).toStrictEqual({
      id: '3',
      entityRef: 'e',
      ownerRef: undefined,
    });
  });
});
