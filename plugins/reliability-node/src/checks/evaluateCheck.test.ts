import { evaluateCheck } from './evaluateCheck';
import { CheckDefinition, CheckFacts } from './types';

const check: CheckDefinition = {
  id: 'ci-template',
  title: 'CI template',
  rule: { fact: 'push.ci-template.passed', equals: true },
  pushed: true,
  maxAgeDays: 30,
};

describe('evaluateCheck', () => {
  it.each<[string, CheckFacts, boolean, string]>([
    [
      'passed',
      { 'push.ci-template.passed': true },
      true,
      'push.ci-template.passed is true',
    ],
    [
      'failed',
      { 'push.ci-template.passed': false },
      false,
      'push.ci-template.passed is false, needs true',
    ],
    ['no result', {}, false, 'push.ci-template.passed is missing, needs true'],
  ])('%s', (_name, facts, passed, detail) => {
    expect(evaluateCheck(check, facts)).toEqual({ passed, detail });
  });
});
