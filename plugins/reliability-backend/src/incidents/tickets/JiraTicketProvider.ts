import { TicketStatus } from '@reliability-kit/backstage-plugin-reliability-common';
import { TicketStatusProvider } from '@reliability-kit/backstage-plugin-reliability-node';
import {
  readUpstreamClientOptions,
  UpstreamClientOptions,
  UpstreamClientSettings,
} from '../../providers/http/readUpstreamClientOptions';
import { UpstreamAttemptOutcome } from '../../providers/http/retryUpstreamCall';
import { STANDARD_RETRY_DEFAULTS } from '../../providers/http/upstreamTarget';
import { callTicketApi, TicketAnswer, TicketRetryKey } from './callTicketApi';

const SEARCH_PATH = '/rest/api/3/search/jql';
const PAGE_SIZE = 100;
const MAX_PAGES = 20;
const KEY = /^[A-Z][A-Z0-9_]+-[1-9]\d*$/;

/** The configuration of the Jira Cloud provider (`reliability.incidents.jira`). */
export interface JiraConfig {
  baseUrl: string;
  /** Basic auth: the account's email and API token; or a bearer token. */
  auth: { email: string; apiToken: string } | { token: string };
  /** Project keys it handles; any `KEY-123` when empty. */
  projects: string[];
  timeoutMs: number;
}

/** Jira's dates carry offsets like `+0000`; Date.parse wants `+00:00`. */
function jiraInstant(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/**
 * Corrective action tickets in Jira Cloud (REST API v3): the issues named by
 * their keys (`OPS-12`, or a `/browse/OPS-12` URL of the configured site),
 * read with `POST /rest/api/3/search/jql` and `key in (...)`, paged with
 * `nextPageToken`. An issue is done when its status category is `done`; its
 * `resolutiondate` is when it was closed. Retries, timeouts and the circuit
 * breaker are those of the other upstream clients. Keys Jira says do not
 * exist are dropped and the search is made again without them.
 */
export class JiraTicketProvider implements TicketStatusProvider {
  readonly id = 'jira';
  readonly #config: JiraConfig;
  readonly #http: UpstreamClientSettings<TicketRetryKey>;
  readonly #origin: string;
  readonly #label: string;

  constructor(
    config: JiraConfig,
    options: UpstreamClientOptions<TicketRetryKey>,
  ) {
    this.#config = config;
    this.#http = readUpstreamClientOptions('Jira', options, {
      retry: STANDARD_RETRY_DEFAULTS,
      maxResponseBytes: 16 * 1024 * 1024,
    });
    this.#origin = new URL(config.baseUrl).origin;
    this.#label = `Jira "${new URL(config.baseUrl).host}"`;
  }

  /** The issue key of a ticket as written, or undefined when not Jira's. */
  keyOf(ticket: string): string | undefined {
    const t = ticket.trim();
    let key = t;
    if (/^https?:\/\//i.test(t)) {
      try {
        const url = new URL(t);
        const m = /\/browse\/([^/?#]+)$/.exec(url.pathname);
        if (url.origin !== this.#origin || !m) return undefined;
        key = decodeURIComponent(m[1]);
      } catch {
        return undefined;
      }
    }
    key = key.toUpperCase();
    if (!KEY.test(key)) return undefined;
    const project = key.slice(0, key.lastIndexOf('-'));
    return this.#config.projects.length === 0 ||
      this.#config.projects.includes(project)
      ? key
      : undefined;
  }

  handles(ticket: string): boolean {
    return this.keyOf(ticket) !== undefined;
  }

  async getTicketStatuses(
    tickets: string[],
    options: { signal?: AbortSignal } = {},
  ): Promise<TicketStatus[]> {
    const byKey = new Map<string, string[]>();
    for (const t of tickets) {
      const key = this.keyOf(t);
      if (key) byKey.set(key, [...(byKey.get(key) ?? []), t]);
    }
    let keys = [...byKey.keys()];
    const out: TicketStatus[] = [];
    for (let attempt = 0; keys.length > 0 && attempt < 2; attempt++) {
      const result = await this.#search(keys, options.signal);
      if ('unknownKeys' in result) {
        // Jira refuses the whole query for a key that does not exist
        keys = keys.filter(k => !result.unknownKeys.includes(k));
        continue;
      }
      for (const issue of result.issues) {
        for (const ticket of byKey.get(issue.key) ?? []) {
          out.push({ ...issue.status, ticket });
        }
      }
      break;
    }
    return out;
  }

  async #search(
    keys: string[],
    signal: AbortSignal | undefined,
  ): Promise<
    | { issues: Array<{ key: string; status: Omit<TicketStatus, 'ticket'> }> }
    | { unknownKeys: string[] }
  > {
    const issues: Array<{ key: string; status: Omit<TicketStatus, 'ticket'> }> =
      [];
    let nextPageToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const body: Record<string, unknown> = {
        jql: `key in (${keys.join(', ')})`,
        fields: ['status', 'resolutiondate'],
        maxResults: PAGE_SIZE,
        ...(nextPageToken ? { nextPageToken } : {}),
      };
      const answer = await this.#call(body, keys, signal);
      if ('unknownKeys' in answer) return answer;
      issues.push(...answer.issues);
      if (answer.isLast || !answer.nextPageToken) break;
      nextPageToken = answer.nextPageToken;
    }
    return { issues };
  }

  #call(
    body: Record<string, unknown>,
    keys: string[],
    signal: AbortSignal | undefined,
  ) {
    return callTicketApi<
      | {
          issues: Array<{ key: string; status: Omit<TicketStatus, 'ticket'> }>;
          isLast: boolean;
          nextPageToken?: string;
        }
      | { unknownKeys: string[] }
    >(this.#http, {
      label: this.#label,
      upstream: 'jira',
      method: 'POST',
      url: `${this.#config.baseUrl.replace(/\/+$/, '')}${SEARCH_PATH}`,
      origin: this.#origin,
      where: `POST ${SEARCH_PATH}`,
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        Authorization: this.#authorization(),
      },
      body: JSON.stringify(body),
      timeoutMs: this.#config.timeoutMs,
      signal,
      settings: ['baseUrl'],
      api: 'the Jira Cloud REST API v3',
      accessHint:
        'check reliability.incidents.jira (email and apiToken, or token)',
      messagesOf: json =>
        json && Array.isArray((json as any).errorMessages)
          ? (json as any).errorMessages.filter(
              (m: unknown) => typeof m === 'string',
            )
          : [],
      interpret: answer => this.#interpret(answer, keys),
    });
  }

  #authorization(): string {
    const auth = this.#config.auth;
    return 'token' in auth
      ? `Bearer ${auth.token}`
      : `Basic ${Buffer.from(`${auth.email}:${auth.apiToken}`).toString(
          'base64',
        )}`;
  }

  #interpret(
    { response, json, detail, fatal }: TicketAnswer,
    keys: string[],
  ):
    | UpstreamAttemptOutcome<
        | {
            issues: Array<{
              key: string;
              status: Omit<TicketStatus, 'ticket'>;
            }>;
            isLast: boolean;
            nextPageToken?: string;
          }
        | { unknownKeys: string[] }
      >
    | undefined {
    const status = response.status;
    const where = `POST ${SEARCH_PATH}`;
    if (status >= 200 && status < 300 && json.ok) {
      const value = json.value as any;
      if (!value || !Array.isArray(value.issues)) {
        return fatal(`answered without an issues list on ${where}`, 'failure');
      }
      const issues = value.issues.flatMap((i: any) => {
        const key =
          typeof i?.key === 'string' ? i.key.toUpperCase() : undefined;
        const st = i?.fields?.status;
        if (!key || !st) return [];
        const done = st.statusCategory?.key === 'done';
        return [
          {
            key,
            status: {
              state: done ? ('done' as const) : ('open' as const),
              ...(typeof st.name === 'string' ? { statusName: st.name } : {}),
              closedAt: done ? jiraInstant(i.fields.resolutiondate) : null,
              url: `${this.#config.baseUrl.replace(/\/+$/, '')}/browse/${key}`,
            },
          },
        ];
      });
      return {
        kind: 'ok',
        value: {
          issues,
          isLast: value.isLast !== false,
          ...(typeof value.nextPageToken === 'string'
            ? { nextPageToken: value.nextPageToken }
            : {}),
        },
      };
    }
    if (status === 400) {
      const messages = json.ok ? (json.value as any)?.errorMessages ?? [] : [];
      const unknownKeys = keys.filter(k =>
        messages.some(
          (m: unknown) =>
            typeof m === 'string' && m.toUpperCase().includes(`'${k}'`),
        ),
      );
      if (unknownKeys.length > 0) {
        return { kind: 'ok', value: { unknownKeys } };
      }
      return fatal(`rejected the search on ${where}${detail}`, 'success');
    }
    return undefined;
  }
}
