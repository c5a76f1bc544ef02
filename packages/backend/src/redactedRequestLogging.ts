import { LoggerService } from '@backstage/backend-plugin-api';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';

type RequestLogging = ReturnType<MiddlewareFactory['logging']>;

/**
 * Query parameters that look like credentials (compared case-insensitively):
 * their values never reach the request log.
 */
export const CREDENTIAL_PARAMS: ReadonlySet<string> = new Set([
  'token',
  'access_token',
  'api_key',
  'apikey',
  'key',
  'password',
  'secret',
  'signature',
  'sig',
  'auth',
  'code',
]);

export const REDACTED = '[REDACTED]';

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

/**
 * The URL with the values of credential-looking query parameters replaced
 * by `[REDACTED]` (also when repeated, percent-encoded or in any case).
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const hash = url.indexOf('#', q);
  const query = url.slice(q + 1, hash < 0 ? undefined : hash);
  const redacted = query
    .split('&')
    .map(part => {
      const eq = part.indexOf('=');
      const name = eq < 0 ? part : part.slice(0, eq);
      return CREDENTIAL_PARAMS.has(decodeName(name).trim().toLowerCase())
        ? `${name}=${REDACTED}`
        : part;
    })
    .join('&');
  return `${url.slice(0, q)}?${redacted}`;
}

/**
 * Backstage's request logging (`MiddlewareFactory.logging()` of
 * @backstage/backend-defaults, which logs the whole URL), with credential
 * query parameters redacted. The same message format and fields, minus the
 * date (the logger stamps every line).
 */
export function redactedRequestLogging(logger: LoggerService): RequestLogging {
  return (req, res, next) => {
    res.on('finish', () => {
      const referrer = req.headers.referer ?? req.headers.referrer;
      const userAgent = req.headers['user-agent'];
      const contentLength = Number(res.getHeader('content-length'));
      const meta: Record<string, string | number> = {
        method: req.method,
        url: redactUrl(req.originalUrl ?? req.url),
        status: res.statusCode,
        httpVersion: `${req.httpVersionMajor}.${req.httpVersionMinor}`,
      };
      if (userAgent) meta.userAgent = userAgent;
      if (isFinite(contentLength)) meta.contentLength = contentLength;
      if (referrer) {
        meta.referrer = redactUrl(
          Array.isArray(referrer) ? referrer.join(', ') : referrer,
        );
      }
      logger.info(
        `"${meta.method} ${meta.url} HTTP/${meta.httpVersion}" ${meta.status} ${
          meta.contentLength ?? 0
        } "${meta.referrer ?? '-'}" "${meta.userAgent ?? '-'}"`,
        { type: 'incomingRequest', ...meta },
      );
    });
    next();
  };
}
