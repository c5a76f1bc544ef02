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

/** One GitHub host of `integrations.github`. */
export interface GithubHost {
  host: string;
  apiBaseUrl: string;
  token?: string;
}

/** The configuration of the GitHub issues provider. */
export interface GithubTicketsConfig {
  /** The hosts of `integrations.github`, by host name (lower case). */
  hosts: Map<string, GithubHost>;
  /** The host of `owner/repo#123` refs. Default `github.com`. */
  defaultHost: string;
  /** `owner/repo` or `owner/*` (lower case) it handles; any when empty. */
  repositories: string[];
  timeoutMs: number;
}

/** An issue named by a ticket. */
export interface GithubIssueRef {
  host: string;
  owner: string;
  repo: string;
  number: number;
}

const SHORT = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)#([1-9]\d*)$/;
const PATH =
  /^\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)\/(?:issues|pull)\/([1-9]\d*)\/?$/;
const CLOSED_REASONS: Record<string, string> = {
  completed: 'Closed (completed)',
  not_planned: 'Closed (not planned)',
  duplicate: 'Closed (duplicate)',
};

type Answer = { found: Omit<TicketStatus, 'ticket'> } | { missing: string };

/**
 * Corrective action tickets in GitHub issues, on github.com or GitHub
 * Enterprise hosts of Backstage's `integrations.github` (their `apiBaseUrl`
 * and `token`): `owner/repo#123` (on the default host) or an issue URL,
 * read one by one with `GET /repos/{owner}/{repo}/issues/{issue_number}`.
 * A closed issue is done, whatever its `state_reason` (completed, not
 * planned, duplicate: as a Jira issue in the `done` category); `closed_at`
 * is when. Retries, timeouts and the breaker are those of the other
 * upstreams (one breaker per host). A ticket that cannot be read is
 * reported with `onTicketError`, naming the ticket and host, and the others
 * are read on; after 401 or 403 the host's other tickets are not asked.
 */
export class GithubTicketProvider implements TicketStatusProvider {
  readonly id = 'github';
  readonly #config: GithubTicketsConfig;
  readonly #options: UpstreamClientOptions<TicketRetryKey>;
  readonly #http = new Map<string, UpstreamClientSettings<TicketRetryKey>>();

  constructor(
    config: GithubTicketsConfig,
    options: UpstreamClientOptions<TicketRetryKey>,
  ) {
    this.#config = config;
    this.#options = options;
  }

  /** The issue a ticket names, or undefined when not one of ours. */
  issueOf(ticket: string): GithubIssueRef | undefined {
    const t = ticket.trim();
    let ref: GithubIssueRef | undefined;
    const short = SHORT.exec(t);
    if (short) {
      ref = {
        host: this.#config.defaultHost,
        owner: short[1],
        repo: short[2],
        number: Number(short[3]),
      };
    } else if (/^https?:\/\//i.test(t)) {
      try {
        const url = new URL(t);
        const m = PATH.exec(url.pathname);
        if (m && !url.search) {
          ref = {
            host: url.host.toLowerCase(),
            owner: m[1],
            repo: m[2],
            number: Number(m[3]),
          };
        }
      } catch {
        return undefined;
      }
    }
    if (!ref || !this.#config.hosts.has(ref.host)) return undefined;
    const repos = this.#config.repositories;
    const name = `${ref.owner}/${ref.repo}`.toLowerCase();
    const allowed =
      repos.length === 0 ||
      repos.includes(name) ||
      repos.includes(`${ref.owner.toLowerCase()}/*`);
    return allowed ? ref : undefined;
  }

  handles(ticket: string): boolean {
    return this.issueOf(ticket) !== undefined;
  }

  async getTicketStatuses(
    tickets: string[],
    options: {
      signal?: AbortSignal;
      onTicketError?(ticket: string, message: string): void;
    } = {},
  ): Promise<TicketStatus[]> {
    const out: TicketStatus[] = [];
    const refused = new Map<string, string>();
    for (const ticket of tickets) {
      const ref = this.issueOf(ticket);
      if (!ref) continue;
      let message = refused.get(ref.host);
      if (!message) {
        try {
          const answer = await this.#read(ref, options.signal);
          if ('found' in answer) {
            out.push({ ...answer.found, ticket });
            continue;
          }
          message = answer.missing;
        } catch (error) {
          if (!options.onTicketError) throw error;
          message = (error as Error).message;
          if (/refused access with HTTP 40[13]/.test(message)) {
            refused.set(ref.host, message);
          }
        }
      }
      if (!options.onTicketError) throw new Error(message);
      options.onTicketError(ticket, `${ticket}: ${message}`);
    }
    return out;
  }

  #client(host: string) {
    let http = this.#http.get(host);
    if (!http) {
      http = readUpstreamClientOptions('GitHub', this.#options, {
        retry: STANDARD_RETRY_DEFAULTS,
        maxResponseBytes: 8 * 1024 * 1024,
      });
      this.#http.set(host, http);
    }
    return http;
  }

  #read(ref: GithubIssueRef, signal: AbortSignal | undefined) {
    const host = this.#config.hosts.get(ref.host)!;
    const base = host.apiBaseUrl.replace(/\/+$/, '');
    const path = `/repos/${encodeURIComponent(ref.owner)}/${encodeURIComponent(
      ref.repo,
    )}/issues/${ref.number}`;
    const where = `GET ${new URL(`${base}${path}`).pathname}`;
    return callTicketApi<Answer>(this.#client(ref.host), {
      label: `GitHub "${ref.host}"`,
      upstream: 'github',
      method: 'GET',
      url: `${base}${path}`,
      origin: new URL(base).origin,
      where,
      headers: {
        Accept: 'application/vnd.github+json',
        'X-GitHub-Api-Version': '2022-11-28',
        ...(host.token ? { Authorization: `Bearer ${host.token}` } : {}),
      },
      timeoutMs: this.#config.timeoutMs,
      signal,
      settings: [`integrations.github (host ${ref.host}) apiBaseUrl`],
      api: 'the GitHub REST API',
      accessHint: host.token
        ? `check the token of host ${ref.host} in integrations.github`
        : `set a token for host ${ref.host} in integrations.github`,
      messagesOf: json =>
        typeof (json as any)?.message === 'string'
          ? [(json as any).message]
          : [],
      interpret: answer => this.#interpret(answer, ref, where),
    });
  }

  #interpret(
    { response, json, detail, fatal }: TicketAnswer,
    ref: GithubIssueRef,
    where: string,
  ): UpstreamAttemptOutcome<Answer> | undefined {
    const status = response.status;
    if (status >= 200 && status < 300 && json.ok) {
      const issue = json.value as any;
      if (issue?.state !== 'open' && issue?.state !== 'closed') {
        return fatal(`answered without an issue state on ${where}`, 'failure');
      }
      const closed = issue.state === 'closed';
      const closedAt =
        closed && typeof issue.closed_at === 'string'
          ? new Date(issue.closed_at)
          : undefined;
      return {
        kind: 'ok',
        value: {
          found: {
            state: closed ? 'done' : 'open',
            statusName: closed
              ? CLOSED_REASONS[issue.state_reason] ?? 'Closed'
              : 'Open',
            closedAt:
              closedAt && Number.isFinite(closedAt.getTime())
                ? closedAt.toISOString()
                : null,
            ...(typeof issue.html_url === 'string'
              ? { url: issue.html_url }
              : {}),
          },
        },
      };
    }
    if (status === 404 || status === 410) {
      return {
        kind: 'ok',
        value: {
          missing: `GitHub "${ref.host}" answered HTTP ${status} on ${where}${detail}: the issue does not exist, was deleted, or the token of host ${ref.host} in integrations.github cannot see it`,
        },
      };
    }
    // GitHub's primary rate limit is a 403 (or 429) with no requests left
    if (
      (status === 403 || status === 429) &&
      response.headers.get('x-ratelimit-remaining') === '0'
    ) {
      const reset = Number(response.headers.get('x-ratelimit-reset'));
      const now = this.#client(ref.host).now();
      return {
        kind: 'retry',
        message: `GitHub "${ref.host}" unreachable: HTTP ${status} (rate limited) on ${where}${detail}`,
        rateLimited: true,
        ...(Number.isFinite(reset) && reset * 1000 > now
          ? { retryAfterMs: reset * 1000 - now }
          : {}),
      };
    }
    return undefined;
  }
}
