import { UpstreamUnavailableError } from './UpstreamUnavailableError';
import { nonJsonSuccess } from './nonJsonSuccess';

const options = {
  label: 'Thing "a"',
  upstream: 'a',
  where: '/api/z',
  api: 'the Thing API',
};

function fatalError(
  outcome: ReturnType<typeof nonJsonSuccess>,
): UpstreamUnavailableError {
  if (
    outcome.kind !== 'fatal' ||
    !(outcome.error instanceof UpstreamUnavailableError)
  ) {
    throw new Error(`expected a fatal outcome, got ${outcome.kind}`);
  }
  return outcome.error;
}

describe('nonJsonSuccess', () => {
  it('retries a body that claims or looks like JSON as malformed', () => {
    const response = new Response(null, { status: 200 });
    for (const [mediaType, text] of [
      ['application/json', 'oops'],
      ['', ' {"trunc'],
      ['text/plain', '[1,'],
    ]) {
      expect(nonJsonSuccess(response, mediaType, text, options)).toEqual({
        kind: 'retry',
        malformed: true,
        message: 'Thing "a" answered malformed JSON on /api/z (HTTP 200)',
      });
    }
  });

  it('fails on another body, naming its media type and what to check', () => {
    const outcome = nonJsonSuccess(
      new Response(null, { status: 203 }),
      'text/html',
      '<html>sign in</html>',
      options,
    );
    expect(outcome).toMatchObject({ kind: 'fatal', verdict: 'failure' });
    const error = fatalError(outcome);
    expect(error.message).toBe(
      'Thing "a" answered HTTP 203 with a non-JSON text/html body on /api/z; check that baseUrl and pathPrefix point at the Thing API',
    );
    expect(error.upstream).toBe('a');
    expect(error.retryable).toBe(false);
    expect(
      fatalError(nonJsonSuccess(new Response(), '', 'hello', options)).message,
    ).toContain('with a non-JSON untyped body');
  });
});
