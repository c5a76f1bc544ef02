import http from 'http';
import { AddressInfo } from 'net';

/**
 * A small reverse proxy on 127.0.0.1 standing in for the gateway of a
 * multi-tenant backend (Mimir, Cortex, a Thanos tenancy proxy): it forwards
 * only requests under `pathPrefix` that carry `X-Scope-OrgID: <tenant>`,
 * with the prefix removed, to `upstream` (a real Prometheus or
 * VictoriaMetrics). Anything else is refused: 404 outside the prefix, 401
 * without the header, 403 for another tenant. Every request is recorded.
 */
export interface TenantProxy {
  /** `http://127.0.0.1:<port>`, without the prefix. */
  url: string;
  requests: Array<{ method: string; path: string; status: number }>;
  /** Requests answered with 401, 403 or 404. */
  refused(): number;
  close(): Promise<void>;
}

export async function startTenantProxy(options: {
  upstream: string;
  pathPrefix: string;
  tenant: string;
}): Promise<TenantProxy> {
  const upstream = new URL(options.upstream);
  const requests: TenantProxy['requests'] = [];
  const refuse = (
    res: http.ServerResponse,
    path: string,
    method: string,
    status: number,
    message: string,
  ) => {
    requests.push({ method, path, status });
    res.writeHead(status, { 'Content-Type': 'text/plain' });
    res.end(message);
  };

  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    const method = req.method ?? 'GET';
    if (!path.startsWith(`${options.pathPrefix}/`)) {
      refuse(res, path, method, 404, `not under ${options.pathPrefix}`);
      return;
    }
    const tenant = req.headers['x-scope-orgid'];
    if (tenant === undefined) {
      refuse(res, path, method, 401, 'no org id');
      return;
    }
    if (tenant !== options.tenant) {
      refuse(res, path, method, 403, 'unknown tenant');
      return;
    }
    const headers: http.OutgoingHttpHeaders = {
      ...req.headers,
      host: upstream.host,
    };
    delete headers['x-scope-orgid'];
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method,
        path: path.slice(options.pathPrefix.length),
        headers,
      },
      answer => {
        requests.push({ method, path, status: answer.statusCode ?? 502 });
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', error => {
      refuse(res, path, method, 502, error.message);
    });
    req.pipe(forward);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    refused: () =>
      requests.filter(r => [401, 403, 404].includes(r.status)).length,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close(e => (e ? reject(e) : resolve()));
      }),
  };
}
