/*
 * A local HTTP double of the PagerDuty REST API v2, for tests and
 * benchmarks: exported from the backend package's `./testUtils` subpath
 * (never from its main entry point). The resources live beside it
 * (incidents.ts, logEntries.ts, analytics.ts, onCalls.ts, services.ts), the
 * in-memory account in DoubleAccount.ts, request validation in
 * validation.ts.
 *
 * It keeps an in-memory account (services, escalation policies, users,
 * incidents with their log entries, on-calls) and serves the endpoints the
 * PagerDuty provider uses, as the live API documents and behaves:
 *
 * - GET /incidents: `service_ids[]`, `statuses[]`, `urgencies[]`,
 *   `incident_key`, `since`/`until` on created_at (default the last month,
 *   at most 6 months, or `date_range=all`), ordered by created_at;
 * - GET /incidents/{id}, GET /incidents/{id}/log_entries;
 * - GET /log_entries (account-wide; `since`/`until` on the entry's
 *   created_at, `is_overview`), newest first;
 * - POST /analytics/raw/incidents (cursor pagination with `starting_after`,
 *   `limit` 1..1000, `filters.created_at_start/end`, `service_ids`,
 *   `urgency`), showing the account as it was `analyticsLagMs` ago;
 * - GET /services (ordered by name), GET /services/{id}; GET /oncalls (`escalation_policy_ids[]`,
 *   `user_ids[]`, `since`/`until` overlap, permanent on-calls with `null`
 *   start and end).
 *
 * Offset pagination: `limit` defaults to 25 and is capped at 100,
 * `offset + limit` above 10,000 is a 400 with PagerDuty's error body, `more`,
 * and `total` stays `null` unless `total=true`. Fields the live API sends as
 * `null` are sent as `null` (`resolved_at` and `incident_key` of incidents,
 * `seconds_to_first_ack` and the cursors of analytics, on-call `start`/`end`).
 * Requests without `Authorization: Token token=<the token>` get a 401.
 *
 * Scripted faults (`failNext`): an HTTP status with PagerDuty's error body
 * and headers (e.g. 429 with `ratelimit-reset`), extra headers on a normal
 * answer (e.g. `ratelimit-remaining: 0`), a network error, or a hang. Every
 * request is logged (without the token).
 *
 * Serve it with `handle(request)` (a fetch `Request` to a `Response`, e.g.
 * from an msw handler) or as a real HTTP server on 127.0.0.1 with `listen()`.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { DoubleAccount } from './DoubleAccount';
import { listAnalytics } from './analytics';
import { listIncidents, renderIncident } from './incidents';
import { listLogEntries } from './logEntries';
import { listOnCalls } from './onCalls';
import { listServices, renderService } from './services';
import {
  DoubleFault,
  DoubleIncident,
  DoubleIncidentInput,
  DoubleLogEntry,
  DoubleOnCall,
  DoubleRequestLogEntry,
  DoubleService,
  PagerDutyDoubleOptions,
} from './types';
import { HttpError, decode, errorBody } from './validation';

/**
 * A local HTTP double of the PagerDuty REST API v2 (the endpoints the
 * PagerDuty paging provider uses), with an in-memory account, scripted
 * faults and a request log. Serve it with {@link PagerDutyDouble.handle}
 * (e.g. from an msw handler) or on 127.0.0.1 with
 * {@link PagerDutyDouble.listen}.
 *
 * @public
 */
export class PagerDutyDouble {
  /** Every request answered, in order (without the token). */
  readonly requests: DoubleRequestLogEntry[] = [];

  readonly #token: string;
  readonly #now: () => number;
  readonly #analyticsLagMs: number;
  readonly #keepBodies: boolean;
  readonly #rateLimit?: { limit: number; windowMs: number };
  #windowStart = 0;
  #windowCount = 0;
  readonly #account: DoubleAccount;

  readonly #faults: Array<{
    fault: DoubleFault;
    remaining: number;
    match?: { method?: string; path?: string | RegExp };
  }> = [];
  readonly #hangs = new Set<() => void>();

  constructor(options: PagerDutyDoubleOptions) {
    this.#token = options.token;
    this.#now = options.now ?? Date.now;
    this.#analyticsLagMs = options.analyticsLagMs ?? 0;
    this.#account = new DoubleAccount(
      options.selfOrigin ?? 'https://api.pagerduty.com',
    );
    this.#keepBodies = Boolean(options.keepBodies);
    this.#rateLimit = options.rateLimit;
  }

  // ------------------------------------------------------------- dataset

  /** Adds (or renames) an escalation policy. */
  addEscalationPolicy(id: string, name?: string): void {
    this.#account.addEscalationPolicy(id, name);
  }

  /** Adds (or renames) a user. */
  addUser(id: string, name?: string): void {
    this.#account.addUser(id, name);
  }

  /** Adds a service (and its escalation policy, when new). */
  addService(service: DoubleService): void {
    this.#account.addService(service);
  }

  /** Adds an on-call (and its user, when new). */
  addOnCall(onCall: DoubleOnCall): void {
    this.#account.addOnCall(onCall);
  }

  /** Creates a triggered incident (and its trigger log entry). */
  addIncident(input: DoubleIncidentInput): DoubleIncident {
    return this.#account.addIncident(input);
  }

  /** Acknowledges an open incident (an `acknowledge_log_entry`). */
  acknowledge(incidentId: string, at: string | number, userId: string): void {
    this.#account.acknowledge(incidentId, at, userId);
  }

  /** Back to triggered, acknowledgements cleared. */
  unacknowledge(incidentId: string, at: string | number): void {
    this.#account.unacknowledge(incidentId, at);
  }

  /** An `escalate_log_entry`. */
  escalate(incidentId: string, at: string | number): void {
    this.#account.escalate(incidentId, at);
  }

  /** A `notify_log_entry` (not an overview entry). */
  notify(incidentId: string, at: string | number, userId: string): void {
    this.#account.notify(incidentId, at, userId);
  }

  /** Resolves an incident; its acknowledgements are cleared, as the live API does. */
  resolve(incidentId: string, at: string | number, userId?: string): void {
    this.#account.resolve(incidentId, at, userId);
  }

  /** The incident with `id`, or undefined. */
  getIncident(id: string): DoubleIncident | undefined {
    return this.#account.getIncident(id);
  }

  /** Every incident, oldest first. */
  get incidents(): readonly DoubleIncident[] {
    return this.#account.incidents;
  }

  /** The services the double holds. */
  get services(): readonly DoubleService[] {
    return this.#account.services;
  }

  /** The log entries of an incident, oldest first. */
  logEntriesOf(incidentId: string): readonly DoubleLogEntry[] {
    return this.#account.logEntriesOf(incidentId);
  }

  // -------------------------------------------------------------- faults

  /**
   * The next `count` requests (matching `match`, when given) get `fault`
   * instead of their normal answer.
   */
  failNext(
    count: number,
    fault: DoubleFault,
    match?: { method?: string; path?: string | RegExp },
  ): void {
    this.#faults.push({ fault, remaining: count, match });
  }

  /** A 429 with `ratelimit-reset` (and optionally `Retry-After`). */
  rateLimitNext(count: number, resetSeconds: number, retryAfter?: string) {
    this.failNext(count, {
      kind: 'status',
      status: 429,
      headers: {
        'ratelimit-limit': '960',
        'ratelimit-remaining': '0',
        'ratelimit-reset': String(resetSeconds),
        ...(retryAfter === undefined ? {} : { 'retry-after': retryAfter }),
      },
      body: { error: { message: 'Rate Limit Exceeded', code: 2020 } },
    });
  }

  /** Removes every injected fault. */
  clearFaults(): void {
    this.#faults.length = 0;
  }

  /** Ends every hanging request (with a network error). */
  releaseHangs(): void {
    for (const release of [...this.#hangs]) {
      release();
    }
  }

  /** Empties the request log. */
  clearRequests(): void {
    this.requests.length = 0;
  }

  // ------------------------------------------------------------- serving

  /** Answers one request. */
  async handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const query: Record<string, string[]> = {};
    for (const [name, value] of url.searchParams) {
      (query[name] ??= []).push(value);
    }
    const entry: DoubleRequestLogEntry = {
      method: request.method,
      path: url.pathname,
      query,
      authorized:
        request.headers.get('authorization') === `Token token=${this.#token}`,
      accept: request.headers.get('accept'),
      contentType: request.headers.get('content-type'),
      status: 0,
    };
    this.requests.push(entry);
    const text = request.method === 'GET' ? '' : await request.text();
    if (text) {
      try {
        entry.body = JSON.parse(text);
      } catch {
        entry.body = text;
      }
    }

    const fault = this.#takeFault(entry);
    let extraHeaders: Record<string, string> = {};
    if (fault) {
      entry.fault = fault.kind;
      if (fault.kind === 'hang') {
        await this.#hang(request.signal);
        return Response.error();
      }
      if (fault.kind === 'network') {
        return Response.error();
      }
      if (fault.kind === 'status') {
        const body = fault.body ?? errorBody(fault.status);
        return this.#respond(entry, fault.status, body, fault.headers ?? {});
      }
      extraHeaders = fault.headers;
    }

    const limited = this.#countRateLimit();
    if (limited) {
      return this.#respond(
        entry,
        429,
        { error: { message: 'Rate Limit Exceeded', code: 2020 } },
        limited,
      );
    }

    if (!entry.authorized) {
      return this.#respond(
        entry,
        401,
        { error: { message: 'Authentication failed', code: 2006 } },
        this.#rateLimitHeaders(),
      );
    }

    try {
      const body = this.#route(entry, url);
      return this.#respond(entry, 200, body, {
        ...this.#rateLimitHeaders(),
        ...extraHeaders,
      });
    } catch (e) {
      if (e instanceof HttpError) {
        return this.#respond(
          entry,
          e.status,
          {
            error: {
              message: e.message,
              code: e.code,
              ...(e.errors ? { errors: e.errors } : {}),
            },
          },
          this.#rateLimitHeaders(),
        );
      }
      throw e;
    }
  }

  /**
   * Serves the double on 127.0.0.1 (an ephemeral port unless given).
   * Resolves with its base URL and a `close` function.
   */
  async listen(port = 0): Promise<{ url: string; close: () => Promise<void> }> {
    const server = http.createServer((req, res) => {
      this.#serveNode(req, res).catch(() => {
        res.destroy();
      });
    });
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const address = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${address.port}`,
      close: () =>
        new Promise<void>(resolve => {
          this.releaseHangs();
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  }

  async #serveNode(
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) {
        abort.abort();
      }
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') {
        headers.set(name, value);
      } else if (Array.isArray(value)) {
        headers.set(name, value.join(', '));
      }
    }
    const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, {
      method: req.method,
      headers,
      body:
        req.method === 'GET' || req.method === 'HEAD'
          ? undefined
          : Buffer.concat(chunks),
      signal: abort.signal,
    });
    const response = await this.handle(request);
    if (response.type === 'error') {
      res.destroy();
      return;
    }
    const body = Buffer.from(await response.arrayBuffer());
    const out: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      out[name] = value;
    });
    out['content-length'] = String(body.length);
    res.writeHead(response.status, out);
    res.end(body);
  }

  #respond(
    entry: DoubleRequestLogEntry,
    status: number,
    body: unknown,
    headers: Record<string, string>,
  ): Response {
    entry.status = status;
    if (this.#keepBodies) {
      entry.responseBody = body;
    }
    return new Response(JSON.stringify(body), {
      status,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        ...headers,
      },
    });
  }

  #takeFault(entry: DoubleRequestLogEntry): DoubleFault | undefined {
    for (const f of this.#faults) {
      if (f.remaining <= 0) {
        continue;
      }
      const m = f.match;
      if (m?.method && m.method.toUpperCase() !== entry.method) {
        continue;
      }
      if (
        m?.path !== undefined &&
        (typeof m.path === 'string'
          ? m.path !== entry.path
          : !m.path.test(entry.path))
      ) {
        continue;
      }
      f.remaining--;
      return f.fault;
    }
    return undefined;
  }

  async #hang(signal: AbortSignal): Promise<void> {
    await new Promise<void>(resolve => {
      const release = () => {
        this.#hangs.delete(release);
        signal.removeEventListener('abort', release);
        resolve();
      };
      this.#hangs.add(release);
      if (signal.aborted) {
        release();
      } else {
        signal.addEventListener('abort', release, { once: true });
      }
    });
  }

  #countRateLimit(): Record<string, string> | undefined {
    if (!this.#rateLimit) {
      return undefined;
    }
    const now = this.#now();
    if (now >= this.#windowStart + this.#rateLimit.windowMs) {
      this.#windowStart = now;
      this.#windowCount = 0;
    }
    this.#windowCount++;
    if (this.#windowCount > this.#rateLimit.limit) {
      return this.#rateLimitHeaders();
    }
    return undefined;
  }

  #rateLimitHeaders(): Record<string, string> {
    if (!this.#rateLimit) {
      return {};
    }
    const { limit, windowMs } = this.#rateLimit;
    const resetMs = Math.max(0, this.#windowStart + windowMs - this.#now());
    return {
      'ratelimit-limit': String(limit),
      'ratelimit-remaining': String(Math.max(0, limit - this.#windowCount)),
      'ratelimit-reset': String(Math.ceil(resetMs / 1000)),
    };
  }

  // ------------------------------------------------------------- routes

  #route(entry: DoubleRequestLogEntry, url: URL): unknown {
    const segments = url.pathname.split('/').filter(Boolean).map(decode);
    const { method } = entry;
    const q = url.searchParams;
    if (method === 'GET' && segments.length === 1) {
      switch (segments[0]) {
        case 'incidents':
          return listIncidents(this.#account, q, this.#now());
        case 'log_entries':
          return listLogEntries(this.#account, q, undefined, this.#now());
        case 'oncalls':
          return listOnCalls(this.#account, q, this.#now());
        case 'services':
          return listServices(this.#account, q);
        default:
          break;
      }
    }
    if (method === 'GET' && segments.length === 2) {
      if (segments[0] === 'incidents') {
        return {
          incident: renderIncident(
            this.#account,
            this.#account.found(segments[1]),
          ),
        };
      }
      if (segments[0] === 'services') {
        return { service: renderService(this.#account, segments[1]) };
      }
    }
    if (
      method === 'GET' &&
      segments.length === 3 &&
      segments[0] === 'incidents' &&
      segments[2] === 'log_entries'
    ) {
      return listLogEntries(
        this.#account,
        q,
        this.#account.found(segments[1]),
        this.#now(),
      );
    }
    if (
      method === 'POST' &&
      url.pathname === '/analytics/raw/incidents' &&
      segments.length === 3
    ) {
      return listAnalytics(
        this.#account,
        entry.body,
        this.#now() - this.#analyticsLagMs,
      );
    }
    throw new HttpError(404, 2100, 'Not Found');
  }
}
