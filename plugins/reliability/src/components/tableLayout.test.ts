import { fitColumns, fitHeader, twoLineChars } from './tableLayout';

describe('twoLineChars', () => {
  it.each([
    ['Tier', 4],
    ['SLO status', 6],
    ['Worst budget remaining', 12],
    ['Share of pages', 8],
    ['Pages / week', 6],
    ['  Noise   ratio ', 5],
  ])('sets "%s" on two lines of at most %i characters', (title, chars) => {
    expect(twoLineChars(title)).toBe(chars);
  });
});

describe('fitHeader', () => {
  it('breaks between words only, wide enough for two lines', () => {
    expect(fitHeader('Worst budget remaining')).toEqual({
      wordBreak: 'keep-all',
      overflowWrap: 'normal',
      hyphens: 'manual',
      verticalAlign: 'bottom',
      minWidth: 12 * 8.5 + 56,
    });
  });

  it('gives Backstage Table columns the same least width', () => {
    expect(
      fitColumns([
        { title: 'Share of pages', field: 'share', type: 'numeric' },
        { title: 'Alert', field: 'title' },
      ]),
    ).toEqual([
      expect.objectContaining({
        field: 'share',
        headerStyle: expect.objectContaining({ wordBreak: 'keep-all' }),
        cellStyle: { whiteSpace: 'nowrap' },
        minWidth: 8 * 11.5 + 56,
      }),
      expect.objectContaining({
        cellStyle: { wordBreak: 'normal', overflowWrap: 'normal' },
        minWidth: Math.ceil(5 * 11.5) + 56,
      }),
    ]);
  });
});
