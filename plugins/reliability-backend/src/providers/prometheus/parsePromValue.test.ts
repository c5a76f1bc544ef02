import { parsePromValue } from './parsePromValue';

describe('parsePromValue', () => {
  it.each([
    ['1', { value: 1 }],
    ['0', { value: 0 }],
    ['-0.25', { value: -0.25 }],
    ['1e+00', { value: 1 }],
    ['2.5e-3', { value: 0.0025 }],
    ['NaN', { value: null, nonFinite: 'NaN' }],
    ['+Inf', { value: null, nonFinite: '+Inf' }],
    ['Inf', { value: null, nonFinite: '+Inf' }],
    ['-Inf', { value: null, nonFinite: '-Inf' }],
    [42, { value: 42 }],
    [Number.NaN, { value: null, nonFinite: 'NaN' }],
    ['', undefined],
    ['abc', undefined],
    ['1,5', undefined],
    [null, undefined],
    [{}, undefined],
  ])('parses %p', (text, expected) => {
    expect(parsePromValue(text)).toEqual(expected);
  });
});
