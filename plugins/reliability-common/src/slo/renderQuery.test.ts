import { hasWindowPlaceholder, renderQuery } from './renderQuery';

describe('renderQuery', () => {
  it.each([
    ['sum(rate(x[{{.window}}]))', '5m', 'sum(rate(x[5m]))'],
    ['sum(rate(x[{{ .window }}]))', '30d', 'sum(rate(x[30d]))'],
    [
      'sum(rate(a[{{.window}}])) / sum(rate(b[{{.window}}]))',
      '1h',
      'sum(rate(a[1h])) / sum(rate(b[1h]))',
    ],
    ['sum(rate(x[5m]))', '1h', 'sum(rate(x[5m]))'],
    ['{{.other}}[{{.window}}]', '2h', '{{.other}}[2h]'],
    ['x[{{.window}}]', '$&', 'x[$&]'],
  ])('renders %s with %s', (template, window, expected) => {
    expect(renderQuery(template, window)).toBe(expected);
  });

  it.each([
    ['rate(x[{{.window}}])', true],
    ['rate(x[{{  .window}}])', true],
    ['rate(x[5m])', false],
    ['rate(x[{{.windows}}])', false],
  ])('hasWindowPlaceholder(%s) is %s', (template, expected) => {
    expect(hasWindowPlaceholder(template)).toBe(expected);
    // The global regex must not keep state between calls.
    expect(hasWindowPlaceholder(template)).toBe(expected);
  });
});
