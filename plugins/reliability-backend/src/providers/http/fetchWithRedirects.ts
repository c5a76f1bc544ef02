import { discard } from './upstreamFetch';

/**
 * Why {@link fetchWithRedirects} refused to follow a redirect.
 *
 * - `no-location`: the redirect has no `Location`.
 * - `invalid-location`: its `Location` is not a URL.
 * - `bad-location`: either of the two, reported alike.
 * - `too-many`: more redirects than allowed.
 * - `other-origin`: it leads to another origin.
 * - `method-change`: a 301, 302 or 303 would turn a POST into a GET.
 */
export type RedirectProblem =
  | 'no-location'
  | 'invalid-location'
  | 'bad-location'
  | 'too-many'
  | 'other-origin'
  | 'method-change';

/** The default order of {@link FetchWithRedirectsOptions.checks}. */
export const REDIRECT_CHECKS: readonly RedirectProblem[] = [
  'no-location',
  'too-many',
  'invalid-location',
  'other-origin',
  'method-change',
];

/**
 * Thrown by {@link fetchWithRedirects} for a redirect it does not follow.
 * The message says what happened and what to check, without the URL; it is
 * meant to follow the upstream's name, e.g. `Prometheus "eu" <message>`.
 */
export class RedirectRefusedError extends Error {
  readonly problem: RedirectProblem;

  constructor(problem: RedirectProblem, message: string) {
    super(message);
    this.problem = problem;
  }
}

/** Options of {@link fetchWithRedirects}. */
export interface FetchWithRedirectsOptions {
  fetch: typeof fetch;
  /** The only origin redirects are followed to. */
  origin: string;
  /** Redirects followed at most. */
  maxRedirects: number;
  /** Names the request in messages, e.g. `/api/v1/query` or `GET /users`. */
  where: string;
  /**
   * The configuration keys that make up the URL, named by the messages, e.g.
   * `['baseUrl', 'pathPrefix']`; the first one sets the origin.
   */
  settings: readonly string[];
  /**
   * What a cross-origin redirect would send elsewhere, with its verb, as in
   * "refusing to follow it so that credentials are not sent elsewhere":
   * `credentials are` or `the token is`.
   */
  secret: string;
  /**
   * The problems checked, in order, when a redirect is not followed; the
   * first that applies is reported. Default {@link REDIRECT_CHECKS}. A
   * redirect that cannot be followed for a problem left out is reported as
   * the first of {@link REDIRECT_CHECKS} that applies.
   */
  checks?: readonly RedirectProblem[];
  /** Called before each request is sent, redirects included. */
  onRequest?: () => void;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Fetches `url` following redirects (301, 302, 303, 307, 308) by hand, only
 * within `options.origin` so that configured credentials are never sent to
 * another host, re-sending the method, headers and body.
 *
 * @throws {@link RedirectRefusedError} for a redirect it does not follow;
 * whatever `options.fetch` throws.
 */
export async function fetchWithRedirects(
  url: string,
  init: RequestInit & { method: string },
  options: FetchWithRedirectsOptions,
): Promise<Response> {
  const { signal, ...request } = init;
  let current = url;
  for (let hops = 0; ; hops++) {
    options.onRequest?.();
    const response = await options.fetch(current, {
      ...request,
      redirect: 'manual',
      signal,
    });
    if (!REDIRECT_STATUSES.has(response.status)) {
      return response;
    }
    discard(response);
    const location = response.headers.get('location');
    let target: URL | undefined;
    try {
      target = location ? new URL(location, current) : undefined;
    } catch {
      target = undefined;
    }
    const applies: Record<RedirectProblem, boolean> = {
      'no-location': !location,
      'invalid-location': Boolean(location) && !target,
      'bad-location': !target,
      'too-many': hops >= options.maxRedirects,
      'other-origin': target !== undefined && target.origin !== options.origin,
      'method-change': init.method !== 'GET' && response.status <= 303,
    };
    const problem =
      (options.checks ?? REDIRECT_CHECKS).find(p => applies[p]) ??
      REDIRECT_CHECKS.find(p => applies[p]);
    if (problem || !target) {
      // (a missing or invalid Location is always a problem of REDIRECT_CHECKS)
      const reported = problem ?? 'bad-location';
      throw new RedirectRefusedError(
        reported,
        describe(reported, response.status, target, init.method, options),
      );
    }
    current = target.toString();
  }
}

function describe(
  problem: RedirectProblem,
  status: number,
  target: URL | undefined,
  method: string,
  options: FetchWithRedirectsOptions,
): string {
  const { where, settings } = options;
  switch (problem) {
    case 'no-location':
      return `answered HTTP ${status} without a Location on ${where}`;
    case 'invalid-location':
      return `answered HTTP ${status} with an invalid Location on ${where}`;
    case 'bad-location':
      return `answered HTTP ${status} without a valid Location on ${where}`;
    case 'too-many':
      return `redirected more than ${
        options.maxRedirects
      } times on ${where}; check ${settings.join(' and ')}`;
    case 'other-origin':
      return `redirected ${where} to another origin (${target?.protocol}//${target?.host}); refusing to follow it so that ${options.secret} not sent elsewhere. Point ${settings[0]} at the final address`;
    default:
      return `redirected ${where} with HTTP ${status}, which would turn the ${method} into a GET; point ${settings.join(
        ' or ',
      )} at the final address`;
  }
}
