import { computeRunbookCoverage } from './computeRunbookCoverage';
import { AlertRule } from './types';

const withRunbook = (name: string, url: string, group?: string): AlertRule => ({
  name,
  group,
  annotations: { runbook_url: url, summary: 's' },
});

describe('computeRunbookCoverage', () => {
  it.each<{ name: string; rules: AlertRule[]; expected: object }>([
    {
      name: 'no rules: coverage null',
      rules: [],
      expected: { rules: 0, rulesWithRunbook: 0, coverage: null, missing: [] },
    },
    {
      name: 'every rule has a runbook',
      rules: [
        withRunbook('HighLatency', 'https://runbooks/latency'),
        withRunbook('ErrorBudgetBurn', ' https://runbooks/burn '),
      ],
      expected: { rules: 2, rulesWithRunbook: 2, coverage: 1, missing: [] },
    },
    {
      name: 'blank, missing and misnamed runbook annotations do not count',
      rules: [
        withRunbook('HighLatency', 'https://runbooks/latency', 'api'),
        withRunbook('DiskFull', '   ', 'node'),
        { name: 'NoAnnotations' },
        { name: 'OnlySummary', group: 'api', annotations: { summary: 'x' } },
        { name: 'WrongKey', annotations: { runbook: 'https://runbooks/x' } },
      ],
      expected: {
        rules: 5,
        rulesWithRunbook: 1,
        coverage: 0.2,
        missing: [
          { name: 'DiskFull', group: 'node' },
          { name: 'NoAnnotations' },
          { name: 'OnlySummary', group: 'api' },
          { name: 'WrongKey' },
        ],
      },
    },
  ])('$name', ({ rules, expected }) => {
    expect(computeRunbookCoverage(rules)).toEqual(expected);
  });
});
