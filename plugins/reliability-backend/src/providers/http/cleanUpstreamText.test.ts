import { cleanUpstreamText } from './cleanUpstreamText';

describe('cleanUpstreamText', () => {
  it.each([
    ['plain text', 'bad query', 100, 'bad query'],
    ['control characters', 'a\u0000\u001b[31mb\r\nc\u007f', 100, 'a [31mb c'],
    ['only whitespace and controls', ' \n\t ', 100, ''],
    ['text over the limit', 'abcdefghij', 4, 'abcd…'],
    ['text at the limit', 'abcd', 4, 'abcd'],
  ])('cleans %s', (_name, value, max, expected) => {
    expect(cleanUpstreamText(value, max)).toBe(expected);
  });

  it('redacts before cutting, so a secret is never half-shown', () => {
    const token = 'u+SECRETTOKEN';
    expect(
      cleanUpstreamText(`key ${token} rejected`, 12, t =>
        t.split(token).join('[redacted]'),
      ),
    ).toBe('key [redacte…');
  });
});
