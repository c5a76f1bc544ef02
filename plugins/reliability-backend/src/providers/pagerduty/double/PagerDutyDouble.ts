/*
 * A local HTTP double of the PagerDuty REST API v2, for tests and the
 * benchmark only (it is not exported from the provider's index.ts).
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

/** @internal */
export type DoubleIncidentStatus = 'triggered' | 'acknowledged' | 'resolved';

/** @internal */
export type DoubleLogEntryType =
  | 'trigger_log_entry'
  | 'acknowledge_log_entry'
  | 'unacknowledge_log_entry'
  | 'escalate_log_entry'
  | 'resolve_log_entry'
  | 'notify_log_entry'
  | 'annotate_log_entry';

/** @internal */
export interface DoubleService {
  id: string;
  name: string;
  escalationPolicyId: string;
}

/** @internal */
export interface DoubleIncident {
  id: string;
  number: number;
  title: string;
  serviceId: string;
  urgency: 'high' | 'low';
  incidentKey: string | null;
  createdMs: number;
  status: DoubleIncidentStatus;
  resolvedMs: number | null;
  lastStatusChangeMs: number;
  updatedMs: number;
  /** Current acknowledgements; cleared on resolve, as the live API does. */
  acknowledgements: Array<{ atMs: number; userId: string }>;
}

/** @internal */
export interface DoubleLogEntry {
  id: string;
  type: DoubleLogEntryType;
  createdMs: number;
  incidentId: string;
  serviceId: string;
  userId?: string;
}

/** @internal */
export interface DoubleOnCall {
  userId: string;
  escalationPolicyId: string;
  level: number;
  scheduleId?: string;
  /** ISO 8601; `null` for a permanent on-call (no schedule). */
  start: string | null;
  end: string | null;
}

/** @internal */
export type DoubleFault =
  | {
      kind: 'status';
      status: number;
      headers?: Record<string, string>;
      body?: unknown;
    }
  | { kind: 'headers'; headers: Record<string, string> }
  | { kind: 'network' }
  | { kind: 'hang' };

/** @internal */
export interface DoubleRequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string[]>;
  /** Whether the right token was sent (the token itself is never logged). */
  authorized: boolean;
  accept: string | null;
  contentType: string | null;
  /** The parsed JSON body of a POST. */
  body?: unknown;
  status: number;
  /** The JSON body answered; only with `keepBodies`. */
  responseBody?: unknown;
  fault?: DoubleFault['kind'];
}

/** @internal */
export interface PagerDutyDoubleOptions {
  /** The one accepted API token. */
  token: string;
  /** The double's clock (ms since the epoch). Default `Date.now`. */
  now?: () => number;
  /** How far analytics lag behind live data. Default 0. */
  analyticsLagMs?: number;
  /** The origin used in `self` links. Default `https://api.pagerduty.com`. */
  selfOrigin?: string;
  /** Keep response bodies in the request log (for contract tests). */
  keepBodies?: boolean;
  /**
   * Enforce a rate limit of `limit` requests per fixed window, with
   * `ratelimit-*` headers on every answer. Default none (no headers).
   */
  rateLimit?: { limit: number; windowMs: number };
}

const MAX_OFFSET_PLUS_LIMIT = 10_000;
const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;
const DAY_MS = 24 * 60 * 60 * 1000;
const OVERVIEW_TYPES = new Set<DoubleLogEntryType>([
  'trigger_log_entry',
  'acknowledge_log_entry',
  'unacknowledge_log_entry',
  'escalate_log_entry',
  'resolve_log_entry',
]);

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: string[],
  ) {
    super(message);
  }
}

const invalid = (...errors: string[]) =>
  new HttpError(400, 2001, 'Invalid Input Provided', errors);

/** @internal */
export class PagerDutyDouble {
  readonly requests: DoubleRequestLogEntry[] = [];

  readonly #token: string;
  readonly #now: () => number;
  readonly #analyticsLagMs: number;
  readonly #origin: string;
  readonly #keepBodies: boolean;
  readonly #rateLimit?: { limit: number; windowMs: number };
  #windowStart = 0;
  #windowCount = 0;

  readonly #services = new Map<string, DoubleService>();
  readonly #policies = new Map<string, string>();
  readonly #users = new Map<string, string>();
  readonly #incidents = new Map<string, DoubleIncident>();
  /** Sorted by createdMs (then number) on demand. */
  #incidentList: DoubleIncident[] = [];
  #incidentsSorted = true;
  readonly #entriesByIncident = new Map<string, DoubleLogEntry[]>();
  /** Sorted by createdMs (then id) on demand. */
  #entries: DoubleLogEntry[] = [];
  #entriesSorted = true;
  readonly #onCalls: DoubleOnCall[] = [];
  #nextNumber = 1;
  #nextEntry = 1;

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
    this.#origin = options.selfOrigin ?? 'https://api.pagerduty.com';
    this.#keepBodies = Boolean(options.keepBodies);
    this.#rateLimit = options.rateLimit;
  }

  // ------------------------------------------------------------- dataset

  addEscalationPolicy(id: string, name = `Policy ${id}`): void {
    this.#policies.set(id, name);
  }

  addUser(id: string, name = `User ${id}`): void {
    this.#users.set(id, name);
  }

  addService(service: DoubleService): void {
    if (!this.#policies.has(service.escalationPolicyId)) {
      this.addEscalationPolicy(service.escalationPolicyId);
    }
    this.#services.set(service.id, service);
  }

  addOnCall(onCall: DoubleOnCall): void {
    if (!this.#users.has(onCall.userId)) {
      this.addUser(onCall.userId);
    }
    this.#onCalls.push(onCall);
  }

  /** Creates a triggered incident (and its trigger log entry). */
  addIncident(input: {
    id?: string;
    serviceId: string;
    title: string;
    urgency: 'high' | 'low';
    incidentKey?: string | null;
    createdAt: string | number;
  }): DoubleIncident {
    const service = this.#services.get(input.serviceId);
    if (!service) {
      throw new Error(`PagerDutyDouble: unknown service ${input.serviceId}`);
    }
    const createdMs = toMs(input.createdAt);
    const number = this.#nextNumber++;
    const incident: DoubleIncident = {
      id: input.id ?? `Q${number.toString(36).toUpperCase().padStart(6, '0')}`,
      number,
      title: input.title,
      serviceId: input.serviceId,
      urgency: input.urgency,
      incidentKey: input.incidentKey ?? null,
      createdMs,
      status: 'triggered',
      resolvedMs: null,
      lastStatusChangeMs: createdMs,
      updatedMs: createdMs,
      acknowledgements: [],
    };
    if (this.#incidents.has(incident.id)) {
      throw new Error(`PagerDutyDouble: duplicate incident ${incident.id}`);
    }
    this.#incidents.set(incident.id, incident);
    const last = this.#incidentList[this.#incidentList.length - 1];
    if (last && compareIncidents(last, incident) > 0) {
      this.#incidentsSorted = false;
    }
    this.#incidentList.push(incident);
    this.#log(incident, 'trigger_log_entry', createdMs);
    return incident;
  }

  acknowledge(incidentId: string, at: string | number, userId: string): void {
    const incident = this.#incident(incidentId);
    const atMs = toMs(at);
    if (incident.status === 'resolved') {
      throw new Error(`PagerDutyDouble: ${incidentId} is resolved`);
    }
    incident.status = 'acknowledged';
    incident.acknowledgements.push({ atMs, userId });
    incident.lastStatusChangeMs = atMs;
    incident.updatedMs = atMs;
    this.#log(incident, 'acknowledge_log_entry', atMs, userId);
  }

  unacknowledge(incidentId: string, at: string | number): void {
    const incident = this.#incident(incidentId);
    const atMs = toMs(at);
    incident.status = 'triggered';
    incident.acknowledgements = [];
    incident.lastStatusChangeMs = atMs;
    incident.updatedMs = atMs;
    this.#log(incident, 'unacknowledge_log_entry', atMs);
  }

  escalate(incidentId: string, at: string | number): void {
    const incident = this.#incident(incidentId);
    const atMs = toMs(at);
    incident.updatedMs = atMs;
    this.#log(incident, 'escalate_log_entry', atMs);
  }

  notify(incidentId: string, at: string | number, userId: string): void {
    const incident = this.#incident(incidentId);
    this.#log(incident, 'notify_log_entry', toMs(at), userId);
  }

  resolve(incidentId: string, at: string | number, userId?: string): void {
    const incident = this.#incident(incidentId);
    const atMs = toMs(at);
    incident.status = 'resolved';
    incident.resolvedMs = atMs;
    incident.acknowledgements = [];
    incident.lastStatusChangeMs = atMs;
    incident.updatedMs = atMs;
    this.#log(incident, 'resolve_log_entry', atMs, userId);
  }

  getIncident(id: string): DoubleIncident | undefined {
    return this.#incidents.get(id);
  }

  get incidents(): readonly DoubleIncident[] {
    return this.#sortedIncidents();
  }

  get services(): readonly DoubleService[] {
    return [...this.#services.values()];
  }

  logEntriesOf(incidentId: string): readonly DoubleLogEntry[] {
    return this.#entriesByIncident.get(incidentId) ?? [];
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

  clearFaults(): void {
    this.#faults.length = 0;
  }

  /** Ends every hanging request (with a network error). */
  releaseHangs(): void {
    for (const release of [...this.#hangs]) {
      release();
    }
  }

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
          return this.#listIncidents(q);
        case 'log_entries':
          return this.#listLogEntries(q, undefined);
        case 'oncalls':
          return this.#listOnCalls(q);
        case 'services':
          return this.#listServices(q);
        default:
          break;
      }
    }
    if (method === 'GET' && segments.length === 2) {
      if (segments[0] === 'incidents') {
        return { incident: this.#renderIncident(this.#found(segments[1])) };
      }
      if (segments[0] === 'services') {
        return { service: this.#renderService(segments[1]) };
      }
    }
    if (
      method === 'GET' &&
      segments.length === 3 &&
      segments[0] === 'incidents' &&
      segments[2] === 'log_entries'
    ) {
      return this.#listLogEntries(q, this.#found(segments[1]));
    }
    if (
      method === 'POST' &&
      url.pathname === '/analytics/raw/incidents' &&
      segments.length === 3
    ) {
      return this.#analytics(entry.body);
    }
    throw new HttpError(404, 2100, 'Not Found');
  }

  #listIncidents(q: URLSearchParams): unknown {
    const { limit, offset, total } = pagination(q);
    const now = this.#now();
    let sinceMs = -Infinity;
    let untilMs = Infinity;
    if (q.get('date_range') !== 'all') {
      untilMs = q.has('until') ? parseTime(q.get('until'), 'until') : now;
      sinceMs = q.has('since')
        ? parseTime(q.get('since'), 'since')
        : addMonths(untilMs, -1);
      if (sinceMs > untilMs) {
        throw invalid('since must be before until');
      }
      if (untilMs > addMonths(sinceMs, 6)) {
        throw new HttpError(400, 2001, 'Invalid Input Provided', [
          'Date range cannot exceed 6 months',
        ]);
      }
    }
    const services = setOf(q.getAll('service_ids[]'));
    const statuses = setOf(
      checkEnum(q.getAll('statuses[]'), 'statuses', [
        'triggered',
        'acknowledged',
        'resolved',
      ]),
    );
    const urgencies = setOf(
      checkEnum(q.getAll('urgencies[]'), 'urgencies', ['high', 'low']),
    );
    const key = q.get('incident_key');

    const list = this.#sortedIncidents();
    const from = lowerBound(list, sinceMs, i => i.createdMs);
    const matches: DoubleIncident[] = [];
    for (let i = from; i < list.length && list[i].createdMs < untilMs; i++) {
      const incident = list[i];
      if (
        (!services || services.has(incident.serviceId)) &&
        (!statuses || statuses.has(incident.status)) &&
        (!urgencies || urgencies.has(incident.urgency)) &&
        (key === null || incident.incidentKey === key)
      ) {
        matches.push(incident);
      }
    }
    return {
      incidents: matches
        .slice(offset, offset + limit)
        .map(i => this.#renderIncident(i)),
      limit,
      offset,
      more: offset + limit < matches.length,
      total: total ? matches.length : null,
    };
  }

  #listLogEntries(
    q: URLSearchParams,
    incident: DoubleIncident | undefined,
  ): unknown {
    const { limit, offset, total } = pagination(q);
    const sinceMs = q.has('since')
      ? parseTime(q.get('since'), 'since')
      : -Infinity;
    const untilMs = q.has('until')
      ? parseTime(q.get('until'), 'until')
      : this.#now();
    const overview = parseBoolean(q.get('is_overview'), 'is_overview');
    let source: DoubleLogEntry[];
    if (incident) {
      source = this.#entriesByIncident.get(incident.id) ?? [];
    } else {
      const all = this.#sortedEntries();
      source = all.slice(
        lowerBound(all, sinceMs, e => e.createdMs),
        lowerBound(all, untilMs, e => e.createdMs),
      );
    }
    const matches: DoubleLogEntry[] = [];
    // newest first, as the live API lists them
    for (let i = source.length - 1; i >= 0; i--) {
      const e = source[i];
      if (
        e.createdMs >= sinceMs &&
        e.createdMs < untilMs &&
        (!overview || OVERVIEW_TYPES.has(e.type))
      ) {
        matches.push(e);
      }
    }
    return {
      log_entries: matches
        .slice(offset, offset + limit)
        .map(e => this.#renderLogEntry(e)),
      limit,
      offset,
      more: offset + limit < matches.length,
      total: total ? matches.length : null,
    };
  }

  #listOnCalls(q: URLSearchParams): unknown {
    const { limit, offset, total } = pagination(q);
    const now = this.#now();
    const sinceMs = q.has('since') ? parseTime(q.get('since'), 'since') : now;
    const untilMs = q.has('until') ? parseTime(q.get('until'), 'until') : now;
    if (untilMs < sinceMs) {
      throw invalid('until cannot be before since');
    }
    const policies = setOf(q.getAll('escalation_policy_ids[]'));
    const users = setOf(q.getAll('user_ids[]'));
    const schedules = setOf(q.getAll('schedule_ids[]'));
    const matches = this.#onCalls.filter(o => {
      const start = o.start === null ? -Infinity : Date.parse(o.start);
      const end = o.end === null ? Infinity : Date.parse(o.end);
      return (
        (!policies || policies.has(o.escalationPolicyId)) &&
        (!users || users.has(o.userId)) &&
        (!schedules || (o.scheduleId && schedules.has(o.scheduleId))) &&
        start <= untilMs &&
        end >= sinceMs
      );
    });
    return {
      oncalls: matches.slice(offset, offset + limit).map(o => ({
        escalation_policy: this.#ref(
          'escalation_policy',
          o.escalationPolicyId,
          this.#policies.get(o.escalationPolicyId) ?? o.escalationPolicyId,
        ),
        escalation_level: o.level,
        ...(o.scheduleId
          ? { schedule: this.#ref('schedule', o.scheduleId, o.scheduleId) }
          : {}),
        user: this.#ref(
          'user',
          o.userId,
          this.#users.get(o.userId) ?? o.userId,
        ),
        start: o.start,
        end: o.end,
      })),
      limit,
      offset,
      more: offset + limit < matches.length,
      total: total ? matches.length : null,
    };
  }

  #analytics(body: unknown): unknown {
    if (!isObject(body)) {
      throw invalid('The request body must be a JSON object');
    }
    const limit = body.limit ?? 20;
    if (
      typeof limit !== 'number' ||
      !Number.isInteger(limit) ||
      limit < 1 ||
      limit > 1000
    ) {
      throw invalid('limit must be between 1 and 1000');
    }
    const order = body.order ?? 'desc';
    if (order !== 'asc' && order !== 'desc') {
      throw invalid('order must be asc or desc');
    }
    if (body.order_by !== undefined && body.order_by !== 'created_at') {
      throw invalid('this double orders by created_at only');
    }
    const filters = isObject(body.filters) ? body.filters : {};
    const startMs =
      filters.created_at_start === undefined
        ? -Infinity
        : parseTime(filters.created_at_start, 'created_at_start');
    const endMs =
      filters.created_at_end === undefined
        ? Infinity
        : parseTime(filters.created_at_end, 'created_at_end');
    const services = Array.isArray(filters.service_ids)
      ? new Set(filters.service_ids as string[])
      : undefined;
    const urgency = filters.urgency;

    const asOf = this.#now() - this.#analyticsLagMs;
    const list = this.#sortedIncidents();
    let matches = list.filter(
      i =>
        i.createdMs >= startMs &&
        i.createdMs < endMs &&
        i.createdMs <= asOf &&
        (!services || services.has(i.serviceId)) &&
        (urgency === undefined || i.urgency === urgency),
    );
    if (order === 'desc') {
      matches = matches.reverse();
    }
    let from = 0;
    if (typeof body.starting_after === 'string') {
      const cursor = decodeCursor(body.starting_after);
      from = matches.findIndex(i => i.id === cursor.id) + 1;
      if (from === 0) {
        throw invalid('starting_after is not a valid cursor');
      }
    }
    const page = matches.slice(from, from + limit);
    const cursorOf = (i: DoubleIncident) =>
      Buffer.from(JSON.stringify([i.createdMs, i.id])).toString('base64url');
    return {
      first: page.length > 0 ? cursorOf(page[0]) : null,
      last: page.length > 0 ? cursorOf(page[page.length - 1]) : null,
      limit,
      more: from + limit < matches.length,
      order,
      order_by: 'created_at',
      filters: {
        ...(filters.created_at_start !== undefined
          ? { created_at_start: filters.created_at_start }
          : {}),
        ...(filters.created_at_end !== undefined
          ? { created_at_end: filters.created_at_end }
          : {}),
        ...(services ? { service_ids: [...services] } : {}),
        ...(urgency !== undefined ? { urgency } : {}),
      },
      time_zone: 'Etc/UTC',
      data: page.map(i => this.#renderAnalytics(i, asOf)),
    };
  }

  // ------------------------------------------------------------ renders

  #renderIncident(i: DoubleIncident): unknown {
    const service = this.#services.get(i.serviceId)!;
    return {
      id: i.id,
      type: 'incident',
      summary: `[#${i.number}] ${i.title}`,
      self: `${this.#origin}/incidents/${i.id}`,
      html_url: `https://example.pagerduty.com/incidents/${i.id}`,
      incident_number: i.number,
      title: i.title,
      created_at: iso(i.createdMs),
      updated_at: iso(i.updatedMs),
      status: i.status,
      // the live API sends null for incidents without a key
      incident_key: i.incidentKey,
      service: this.#ref('service', service.id, service.name),
      assignments: [],
      assigned_via: 'escalation_policy',
      last_status_change_at: iso(i.lastStatusChangeMs),
      // null while the incident is open
      resolved_at: i.resolvedMs === null ? null : iso(i.resolvedMs),
      first_trigger_log_entry: {
        ...this.#ref(
          'trigger_log_entry',
          this.#entriesByIncident.get(i.id)?.[0]?.id ?? 'R0',
          'Triggered through the API',
        ),
      },
      alert_counts: {
        all: 1,
        triggered: i.status === 'resolved' ? 0 : 1,
        resolved: i.status === 'resolved' ? 1 : 0,
      },
      is_mergeable: true,
      escalation_policy: this.#ref(
        'escalation_policy',
        service.escalationPolicyId,
        this.#policies.get(service.escalationPolicyId) ?? '',
      ),
      teams: [],
      pending_actions: [],
      acknowledgements: i.acknowledgements.map(a => ({
        at: iso(a.atMs),
        acknowledger: this.#ref(
          'user',
          a.userId,
          this.#users.get(a.userId) ?? a.userId,
        ),
      })),
      urgency: i.urgency,
    };
  }

  #renderLogEntry(e: DoubleLogEntry): unknown {
    const incident = this.#incidents.get(e.incidentId)!;
    const service = this.#services.get(e.serviceId)!;
    const agent = e.userId
      ? this.#ref('user', e.userId, this.#users.get(e.userId) ?? e.userId)
      : this.#ref('service', service.id, service.name);
    return {
      id: e.id,
      type: e.type,
      summary: summaryOf(e.type),
      self: `${this.#origin}/log_entries/${e.id}`,
      html_url: `https://example.pagerduty.com/incidents/${e.incidentId}/log_entries/${e.id}`,
      created_at: iso(e.createdMs),
      agent,
      channel:
        e.type === 'trigger_log_entry'
          ? {
              type: 'api',
              summary: incident.title,
              ...(incident.incidentKey
                ? { incident_key: incident.incidentKey }
                : {}),
            }
          : { type: e.userId ? 'web_ui' : 'auto' },
      service: this.#ref('service', service.id, service.name),
      incident: this.#ref(
        'incident',
        incident.id,
        `[#${incident.number}] ${incident.title}`,
      ),
      teams: [],
      contexts: [],
      event_details: {},
    };
  }

  #listServices(q: URLSearchParams): unknown {
    const { limit, offset, total } = pagination(q);
    const all = [...this.#services.values()].sort(
      (a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
    );
    return {
      services: all
        .slice(offset, offset + limit)
        .map(service => this.#renderService(service.id)),
      limit,
      offset,
      more: offset + limit < all.length,
      total: total ? all.length : null,
    };
  }

  #renderService(id: string): unknown {
    const service = this.#services.get(id);
    if (!service) {
      throw new HttpError(404, 2100, 'Not Found');
    }
    return {
      id: service.id,
      type: 'service',
      summary: service.name,
      self: `${this.#origin}/services/${service.id}`,
      html_url: `https://example.pagerduty.com/service-directory/${service.id}`,
      name: service.name,
      auto_resolve_timeout: 14400,
      acknowledgement_timeout: 1800,
      status: 'active',
      escalation_policy: this.#ref(
        'escalation_policy',
        service.escalationPolicyId,
        this.#policies.get(service.escalationPolicyId) ?? '',
      ),
      teams: [],
      integrations: [],
      addons: [],
    };
  }

  #renderAnalytics(i: DoubleIncident, asOf: number): unknown {
    const entries = (this.#entriesByIncident.get(i.id) ?? []).filter(
      e => e.createdMs <= asOf,
    );
    let firstAck: number | null = null;
    let resolved: number | null = null;
    let escalations = 0;
    let status: DoubleIncidentStatus = 'triggered';
    for (const e of entries) {
      if (e.type === 'acknowledge_log_entry') {
        firstAck ??= e.createdMs;
        status = 'acknowledged';
      } else if (e.type === 'unacknowledge_log_entry') {
        status = 'triggered';
      } else if (e.type === 'escalate_log_entry') {
        escalations++;
      } else if (e.type === 'resolve_log_entry') {
        resolved = e.createdMs;
        status = 'resolved';
      }
    }
    const service = this.#services.get(i.serviceId)!;
    return {
      id: i.id,
      incident_number: i.number,
      created_at: iso(i.createdMs),
      updated_at: iso(entries[entries.length - 1]?.createdMs ?? i.createdMs),
      ...(resolved === null
        ? {}
        : {
            resolved_at: iso(resolved),
            seconds_to_resolve: Math.round((resolved - i.createdMs) / 1000),
          }),
      // the live API sends null for incidents never acknowledged
      seconds_to_first_ack:
        firstAck === null ? null : Math.round((firstAck - i.createdMs) / 1000),
      escalation_count: escalations,
      status,
      urgency: i.urgency,
      service_id: service.id,
      service_name: service.name,
      escalation_policy_id: service.escalationPolicyId,
      team_id: null,
      team_name: null,
      priority_id: null,
      priority_name: null,
      priority_order: null,
      major: false,
    };
  }

  #ref(kind: string, id: string, summary: string) {
    const plural: Record<string, string> = {
      service: 'services',
      escalation_policy: 'escalation_policies',
      user: 'users',
      incident: 'incidents',
      schedule: 'schedules',
      trigger_log_entry: 'log_entries',
    };
    return {
      id,
      type: `${kind}_reference`,
      summary,
      self: `${this.#origin}/${plural[kind] ?? kind}/${id}`,
      html_url: `https://example.pagerduty.com/${plural[kind] ?? kind}/${id}`,
    };
  }

  // ------------------------------------------------------------- helpers

  #incident(id: string): DoubleIncident {
    const incident = this.#incidents.get(id);
    if (!incident) {
      throw new Error(`PagerDutyDouble: unknown incident ${id}`);
    }
    return incident;
  }

  #found(id: string): DoubleIncident {
    const incident = this.#incidents.get(id);
    if (!incident) {
      throw new HttpError(404, 2100, 'Not Found');
    }
    return incident;
  }

  #log(
    incident: DoubleIncident,
    type: DoubleLogEntryType,
    createdMs: number,
    userId?: string,
  ): void {
    const entry: DoubleLogEntry = {
      id: `R${(this.#nextEntry++).toString(36).toUpperCase().padStart(9, '0')}`,
      type,
      createdMs,
      incidentId: incident.id,
      serviceId: incident.serviceId,
      ...(userId ? { userId } : {}),
    };
    const list = this.#entriesByIncident.get(incident.id) ?? [];
    if (list.length > 0 && list[list.length - 1].createdMs > createdMs) {
      throw new Error(
        `PagerDutyDouble: log entries of ${incident.id} must be added in time order`,
      );
    }
    list.push(entry);
    this.#entriesByIncident.set(incident.id, list);
    const last = this.#entries[this.#entries.length - 1];
    if (last && last.createdMs > createdMs) {
      this.#entriesSorted = false;
    }
    this.#entries.push(entry);
  }

  #sortedIncidents(): DoubleIncident[] {
    if (!this.#incidentsSorted) {
      this.#incidentList.sort(compareIncidents);
      this.#incidentsSorted = true;
    }
    return this.#incidentList;
  }

  #sortedEntries(): DoubleLogEntry[] {
    if (!this.#entriesSorted) {
      this.#entries.sort(
        (a, b) => a.createdMs - b.createdMs || (a.id < b.id ? -1 : 1),
      );
      this.#entriesSorted = true;
    }
    return this.#entries;
  }
}

function compareIncidents(a: DoubleIncident, b: DoubleIncident): number {
  return a.createdMs - b.createdMs || a.number - b.number;
}

function pagination(q: URLSearchParams): {
  limit: number;
  offset: number;
  total: boolean;
} {
  const limit = Math.min(
    MAX_LIMIT,
    parseNonNegativeInteger(q.get('limit'), 'limit') ?? DEFAULT_LIMIT,
  );
  const offset = parseNonNegativeInteger(q.get('offset'), 'offset') ?? 0;
  if (limit < 1) {
    throw invalid('limit must be at least 1');
  }
  if (offset + limit > MAX_OFFSET_PLUS_LIMIT) {
    throw invalid(
      `Offset + limit must be less than or equal to ${MAX_OFFSET_PLUS_LIMIT}`,
    );
  }
  return {
    limit,
    offset,
    total: parseBoolean(q.get('total'), 'total'),
  };
}

function parseNonNegativeInteger(
  value: string | null,
  name: string,
): number | undefined {
  if (value === null) {
    return undefined;
  }
  if (!/^\d+$/.test(value)) {
    throw invalid(`${name} must be a non-negative integer`);
  }
  return Number(value);
}

function parseBoolean(value: string | null, name: string): boolean {
  if (value === null || value === 'false') {
    return false;
  }
  if (value === 'true') {
    return true;
  }
  throw invalid(`${name} must be true or false`);
}

function parseTime(value: unknown, name: string): number {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) {
    throw invalid(`${name} is not a valid date`);
  }
  return ms;
}

function checkEnum(values: string[], name: string, allowed: string[]) {
  for (const v of values) {
    if (!allowed.includes(v)) {
      throw invalid(`${name} contains an invalid value`);
    }
  }
  return values;
}

function setOf(values: string[]): Set<string> | undefined {
  return values.length > 0 ? new Set(values) : undefined;
}

function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
}

/** The first index whose key is >= `value`; `list` sorted by `key`. */
function lowerBound<T>(list: T[], value: number, key: (t: T) => number) {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(list[mid]) < value) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

function decodeCursor(cursor: string): { id: string } {
  try {
    const [, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (typeof id === 'string') {
      return { id };
    }
  } catch {
    // fall through
  }
  throw invalid('starting_after is not a valid cursor');
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function toMs(value: string | number): number {
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) {
    throw new Error(`PagerDutyDouble: invalid time ${value}`);
  }
  // PagerDuty keeps whole seconds
  return Math.floor(ms / 1000) * 1000;
}

function iso(ms: number): string {
  // whole seconds, as PagerDuty sends them: 2015-10-06T21:30:42Z
  return new Date(Math.floor(ms / 1000) * 1000)
    .toISOString()
    .replace('.000Z', 'Z');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorBody(status: number): unknown {
  if (status === 429) {
    return { error: { message: 'Rate Limit Exceeded', code: 2020 } };
  }
  if (status >= 500) {
    return { error: { message: 'Internal Server Error', code: 2000 } };
  }
  return { error: { message: `HTTP ${status}`, code: 2000 } };
}

function summaryOf(type: DoubleLogEntryType): string {
  switch (type) {
    case 'trigger_log_entry':
      return 'Triggered through the API';
    case 'acknowledge_log_entry':
      return 'Acknowledged';
    case 'unacknowledge_log_entry':
      return 'Unacknowledged';
    case 'escalate_log_entry':
      return 'Escalated';
    case 'resolve_log_entry':
      return 'Resolved';
    case 'notify_log_entry':
      return 'Notified';
    default:
      return 'Annotated';
  }
}

/** Days in milliseconds, for the dataset generator and tests. */
export const DOUBLE_DAY_MS = DAY_MS;
