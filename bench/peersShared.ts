/*
 * What the peer benchmarks (bench/peers-*.ts) share: the peers' own
 * require (bench/peers/node_modules), a silent logger, an HTTP client with
 * keep-alive connections, percentiles.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_TIERS,
  DEFAULT_TIER_SOURCE,
} from '@reliability-kit/backstage-plugin-reliability-common';
import express from 'express';
import http from 'node:http';
import { createRequire } from 'node:module';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { readTeamsConfig } from '../plugins/reliability-backend/src/config/readTeamsConfig';
import { systemClock } from '../plugins/reliability-backend/src/lib/Clock';
import { createRouter } from '../plugins/reliability-backend/src/service/createRouter';

export const ROOT = path.resolve(__dirname, '..');
/** Loads a package from bench/peers/node_modules (the peers' install). */
export const peerRequire = createRequire(
  path.join(ROOT, 'bench/peers/package.json'),
);

export const quiet = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => quiet,
} as any;

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
export const round = (x: number, digits = 3) =>
  Math.round(x * 10 ** digits) / 10 ** digits;

export const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

/**
 * Sends a request (a JSON body when given); the status, body and time to
 * the last byte. No answer within `timeoutMs` (or a refused connection)
 * gives status 0 and what happened as the body.
 */
export async function send(
  method: string,
  url: string,
  headers: Record<string, string>,
  options: { body?: unknown; timeoutMs?: number } = {},
): Promise<{ status: number; body: string; ms: number }> {
  const first = await sendOnce(method, url, headers, options);
  // A kept-alive connection the server closed while idle: send again once.
  return first.status === 0 && first.body.includes('ECONNRESET')
    ? sendOnce(method, url, headers, options)
    : first;
}

function sendOnce(
  method: string,
  url: string,
  headers: Record<string, string>,
  options: { body?: unknown; timeoutMs?: number },
): Promise<{ status: number; body: string; ms: number }> {
  const t0 = performance.now();
  const timeoutMs = options.timeoutMs ?? 30_000;
  const data =
    options.body === undefined ? undefined : JSON.stringify(options.body);
  const answer = (status: number, body: string) => ({
    status,
    body,
    ms: performance.now() - t0,
  });
  return new Promise(resolve => {
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: data
          ? {
              ...headers,
              'content-type': 'application/json',
              'content-length': String(Buffer.byteLength(data)),
            }
          : headers,
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () =>
          resolve(
            answer(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8')),
          ),
        );
      },
    );
    req.setTimeout(timeoutMs, () => {
      req.destroy();
      resolve(answer(0, `no answer within ${timeoutMs} ms`));
    });
    req.on('error', e => resolve(answer(0, String(e))));
    if (data) req.write(data);
    req.end();
  });
}

/** p50 and p99 of `fn` over `items`, one at a time, and how many failed. */
export async function timeEach<T>(
  items: T[],
  fn: (item: T) => Promise<{ ok: boolean; ms: number }>,
) {
  const times: number[] = [];
  let errors = 0;
  for (const item of items) {
    const r = await fn(item);
    times.push(r.ms);
    if (!r.ok) errors++;
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    meanMs: round(times.reduce((a, b) => a + b, 0) / times.length),
    errors,
  };
}

/**
 * Our router (`createRouter`, mock auth allowing every request) served on
 * an ephemeral port of 127.0.0.1; its base URL and how to stop it.
 */
export async function serveOurRouter(
  options: Pick<
    Parameters<typeof createRouter>[0],
    'catalog' | 'store' | 'readinessStore' | 'evaluator'
  >,
) {
  const router = await createRouter({
    ...options,
    clock: systemClock,
    logger: quiet,
    httpAuth: mockServices.httpAuth(),
    tierModel: { tiers: DEFAULT_TIERS, source: DEFAULT_TIER_SOURCE },
    permissions: mockServices.permissions(),
    hoursOf: readTeamsConfig(new ConfigReader({})).hoursOf,
  });
  const server = http.createServer(express().use('/api/reliability', router));
  await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}/api/reliability`,
    headers: { authorization: 'Bearer mock-user-token' },
    stop: () => new Promise(r => server.close(r)),
  };
}
