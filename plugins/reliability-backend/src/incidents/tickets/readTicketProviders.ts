import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { TicketStatusProvider } from '@reliability-kit/backstage-plugin-reliability-node';
import {
  readHttpUrl,
  readTimeout,
} from '../../providers/http/readUpstreamConfig';
import { ScmIntegrations } from '@backstage/integration';
import {
  GithubTicketProvider,
  GithubTicketsConfig,
} from './GithubTicketProvider';
import { JiraConfig, JiraTicketProvider } from './JiraTicketProvider';

/**
 * Reads `reliability.incidents.jira` (baseUrl; email and apiToken, or
 * token; optional projects and timeout), failing with the key on bad values.
 */
export function readJiraConfig(config: Config): JiraConfig | undefined {
  const key = 'reliability.incidents.jira';
  const c = config.getOptionalConfig(key);
  if (!c) return undefined;
  const baseUrl = readHttpUrl(
    c.getString('baseUrl'),
    `${key}.baseUrl`,
    'set email and apiToken (or token) instead',
  );
  const token = c.getOptionalString('token');
  const email = c.getOptionalString('email');
  const apiToken = c.getOptionalString('apiToken');
  if (token && (email || apiToken)) {
    throw new Error(
      `Invalid configuration: ${key} has both token and email/apiToken; set one`,
    );
  }
  if (!token && !(email && apiToken)) {
    throw new Error(
      `Invalid configuration: ${key} needs email and apiToken (basic auth with an Atlassian API token), or token (a bearer token)`,
    );
  }
  const projects = (c.getOptionalStringArray('projects') ?? []).map(p =>
    p.toUpperCase(),
  );
  for (const p of projects) {
    if (!/^[A-Z][A-Z0-9_]+$/.test(p)) {
      throw new Error(
        `Invalid configuration: ${key}.projects "${p}" is not a Jira project key`,
      );
    }
  }
  return {
    baseUrl,
    auth: token ? { token } : { email: email!, apiToken: apiToken! },
    projects,
    timeoutMs: readTimeout(c, `${key}.timeout`),
  };
}

/**
 * Reads `reliability.incidents.github` (defaultHost, repositories, timeout)
 * with the hosts, API URLs and tokens of Backstage's `integrations.github`.
 */
export function readGithubTicketsConfig(
  config: Config,
): GithubTicketsConfig | undefined {
  const key = 'reliability.incidents.github';
  const c = config.getOptionalConfig(key);
  if (!c) return undefined;
  const hosts = new Map(
    ScmIntegrations.fromConfig(config)
      .github.list()
      .filter(i => i.config.apiBaseUrl)
      .map(i => [
        i.config.host.toLowerCase(),
        {
          host: i.config.host.toLowerCase(),
          apiBaseUrl: i.config.apiBaseUrl!,
          token: i.config.token,
        },
      ]),
  );
  const defaultHost = (
    c.getOptionalString('defaultHost') ?? 'github.com'
  ).toLowerCase();
  if (!hosts.has(defaultHost)) {
    throw new Error(
      `Invalid configuration: ${key}.defaultHost "${defaultHost}" is not a host of integrations.github with an apiBaseUrl`,
    );
  }
  const repositories = (c.getOptionalStringArray('repositories') ?? []).map(r =>
    r.toLowerCase(),
  );
  for (const r of repositories) {
    if (!/^[a-z0-9_.-]+\/(\*|[a-z0-9_.-]+)$/.test(r)) {
      throw new Error(
        `Invalid configuration: ${key}.repositories "${r}" is not owner/repo or owner/*`,
      );
    }
  }
  return {
    hosts,
    defaultHost,
    repositories,
    timeoutMs: readTimeout(c, `${key}.timeout`),
  };
}

/** The configured ticket providers: Jira, then GitHub issues. */
export function readTicketProviders(
  config: Config,
  options: { logger: LoggerService; fetchImpl?: typeof fetch },
): TicketStatusProvider[] {
  const providers: TicketStatusProvider[] = [];
  const jira = readJiraConfig(config);
  if (jira) {
    providers.push(new JiraTicketProvider(jira, options));
  }
  const github = readGithubTicketsConfig(config);
  if (github) {
    for (const host of github.hosts.values()) {
      if (!host.token) {
        options.logger.warn(
          `integrations.github has no token for ${host.host}: only public issues can be read there, and GitHub allows 60 requests an hour`,
        );
      }
    }
    providers.push(new GithubTicketProvider(github, options));
  }
  return providers;
}
