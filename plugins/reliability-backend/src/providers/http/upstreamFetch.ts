/**
 * HTTP plumbing shared by the upstream clients (`PrometheusClient`,
 * `AlertmanagerClient`, `PagerDutyClient`): size-limited body reading,
 * abort and network-error helpers, and back-off computation.
 */

/** Thrown by {@link readBody} when a body exceeds its limit. */
export class ResponseTooLargeError extends Error {}

/** Parses JSON without throwing. */
export function parseJson(
  text: string,
): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The reason a signal was aborted, or a standard `AbortError`. */
export function abortReason(signal: AbortSignal): unknown {
  return (
    signal.reason ?? new DOMException('The operation was aborted', 'AbortError')
  );
}

/** ` (ECONNREFUSED)` and the like for a fetch error, or `''`. */
export function networkCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } })?.cause;
  const code =
    typeof cause?.code === 'string'
      ? cause.code
      : (error as { code?: unknown })?.code;
  return typeof code === 'string' && /^[A-Z0-9_]+$/.test(code)
    ? ` (${code})`
    : '';
}

/** Drops a body we do not read; does not wait, as some streams never settle. */
export function discard(response: Response): void {
  response.body?.cancel().catch(() => {});
}

/**
 * Reads a body as text, failing with {@link ResponseTooLargeError} as soon
 * as it is known to exceed `maxBytes`.
 */
export async function readBody(
  response: Response,
  maxBytes: number,
): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    discard(response);
    throw new ResponseTooLargeError();
  }
  if (!response.body) {
    return '';
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    total += value.byteLength;
    if (total > maxBytes) {
      reader.cancel().catch(() => {});
      throw new ResponseTooLargeError();
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/**
 * The back-off before retry `attempt` (1-based): exponential from
 * `baseDelayMs`, capped at `maxDelayMs`, with "equal jitter" (between half
 * and all of the exponential delay).
 */
export function backoffDelay(
  attempt: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number,
): number {
  const exponential = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

/** Sleeps `ms` with `sleep`, rejecting early when `signal` aborts. */
export async function pause(
  ms: number,
  signal: AbortSignal | undefined,
  sleep: (ms: number) => Promise<void>,
): Promise<void> {
  if (!signal) {
    await sleep(ms);
    return;
  }
  signal.throwIfAborted();
  await new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    sleep(ms).then(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      e => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** The media type of a response, lower case and without parameters; `''` when absent. */
export function mediaTypeOf(response: Response): string {
  return (response.headers.get('content-type') ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
}
