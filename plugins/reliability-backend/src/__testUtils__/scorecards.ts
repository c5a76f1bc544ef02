/**
 * The config of the scorecard `golden-path`: one level, `bronze`, passed by
 * the given checks.
 */
export const goldenPathScorecard = (checks: string[]) => ({
  id: 'golden-path',
  title: 'Golden path',
  levels: [
    {
      id: 'bronze',
      title: 'Bronze',
      checks: checks.map(check => ({ check })),
    },
  ],
});
