import {
  alertQualityWindowDays,
  parseAlertQualityWindow,
} from './parseAlertQualityWindow';

describe('parseAlertQualityWindow', () => {
  it.each([
    ['7d', '7d', 7],
    ['28d', '28d', 28],
    ['90d', '90d', 90],
    [' 28d ', '28d', 28],
  ])('reads %j as %s (%i days)', (input, window, days) => {
    expect(parseAlertQualityWindow(input)).toBe(window);
    expect(alertQualityWindowDays(parseAlertQualityWindow(input))).toBe(days);
  });

  it.each([
    ['30d', 'got "30d"'],
    ['7D', 'got "7D"'],
    ['', 'got ""'],
    ['1w', 'got "1w"'],
    [28, 'got a number'],
    [undefined, 'got a undefined'],
    [null, 'got a object'],
  ])('rejects %j', (input, got) => {
    expect(() => parseAlertQualityWindow(input)).toThrow(
      `Invalid alert quality window: expected one of 7d, 28d, 90d, ${got}`,
    );
  });
});
