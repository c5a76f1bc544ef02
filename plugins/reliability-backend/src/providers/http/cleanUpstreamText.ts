/** ASCII control characters, which must not reach logs or messages. */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]+/g;

/**
 * Makes text from an upstream safe for an error message: control characters
 * become spaces, the ends are trimmed, and text longer than `maxLength` is
 * cut with `…`. `redact` (e.g. removing a token) runs before the cut, so a
 * secret is never half-shown. Returns `''` when nothing is left.
 */
export function cleanUpstreamText(
  value: string,
  maxLength: number,
  redact: (text: string) => string = text => text,
): string {
  const clean = redact(value.replace(CONTROL_CHARACTERS, ' ')).trim();
  return clean.length > maxLength ? `${clean.slice(0, maxLength)}…` : clean;
}
