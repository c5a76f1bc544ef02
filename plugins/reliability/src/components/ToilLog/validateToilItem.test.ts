import { ToilItemFormValues, validateToilItem } from './validateToilItem';

const valid: ToilItemFormValues = {
  task: 'Rotate TLS certificates',
  minutesPerOccurrence: '30',
  occurrencesPerWeek: '2',
  owner: '',
};

describe('validateToilItem', () => {
  it('turns a valid form into a body with numbers and trimmed texts', () => {
    expect(
      validateToilItem({
        task: '  Restart the batch job ',
        minutesPerOccurrence: ' 12.5 ',
        occurrencesPerWeek: '0',
        owner: ' group:default/payments ',
      }),
    ).toEqual({
      input: {
        task: 'Restart the batch job',
        minutesPerOccurrence: 12.5,
        occurrencesPerWeek: 0,
        owner: 'group:default/payments',
      },
      errors: {},
    });
  });

  it('leaves out an empty owner', () => {
    expect(validateToilItem(valid).input).toEqual({
      task: 'Rotate TLS certificates',
      minutesPerOccurrence: 30,
      occurrencesPerWeek: 2,
    });
  });

  it.each([
    ['task', '', 'Describe the task'],
    ['task', '   ', 'Describe the task'],
    ['task', 'x'.repeat(201), 'At most 200 characters (now 201)'],
    ['minutesPerOccurrence', '', 'Enter a number of minutes'],
    ['minutesPerOccurrence', 'abc', 'Enter a number of minutes'],
    [
      'minutesPerOccurrence',
      '0',
      'Must be more than 0 and at most 10080 (a week)',
    ],
    [
      'minutesPerOccurrence',
      '-5',
      'Must be more than 0 and at most 10080 (a week)',
    ],
    [
      'minutesPerOccurrence',
      '10081',
      'Must be more than 0 and at most 10080 (a week)',
    ],
    ['minutesPerOccurrence', 'Infinity', 'Enter a number of minutes'],
    ['occurrencesPerWeek', '', 'Enter a number of times per week'],
    ['occurrencesPerWeek', '-1', 'Must be from 0 to 1000'],
    ['occurrencesPerWeek', '1000.5', 'Must be from 0 to 1000'],
  ] as const)('rejects %s %p: %s', (field, value, message) => {
    const result = validateToilItem({ ...valid, [field]: value });
    expect(result.input).toBeUndefined();
    expect(result.errors).toEqual({ [field]: message });
  });

  it.each([
    ['task', 'x'.repeat(200)],
    ['minutesPerOccurrence', '10080'],
    ['minutesPerOccurrence', '0.5'],
    ['occurrencesPerWeek', '1000'],
    ['occurrencesPerWeek', '0'],
  ] as const)('accepts %s %p at the limit', (field, value) => {
    expect(validateToilItem({ ...valid, [field]: value }).errors).toEqual({});
  });
});
