import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { setupServer } from 'msw/node';
import { GithubTicketProvider } from './GithubTicketProvider';
import {
  readGithubTicketsConfig,
  readTicketProviders,
} from './readTicketProviders';
import { GithubOpenApiContract } from './__testUtils__/GithubOpenApiContract';
import { githubDouble } from './__testUtils__/githubDouble';

const server = setupServer();
registerMswTestHooks(server);

const contract = GithubOpenApiContract.load();
const GHE_API = 'https://ghe.example.com/api/v3';
const config = (github: JsonObject = {}) =>
  new ConfigReader({
    integrations: {
      github: [
        { host: 'github.com', token: 'dotcom-token' },
        { host: 'ghe.example.com', apiBaseUrl: GHE_API, token: 'ghe-token' },
      ],
    },
    reliability: { incidents: { github } },
  });
const provider = (github: JsonObject = {}) =>
  new GithubTicketProvider(readGithubTicketsConfig(config(github))!, {
    logger: mockServices.logger.mock(),
    sleep: async () => {},
    random: () => 0,
    now: () => Date.parse('2026-11-20T00:00:00Z'),
  });

const dotcom = () =>
  githubDouble(server, {
    apiBaseUrl: 'https://api.github.com',
    webBase: 'https://github.com',
    token: 'dotcom-token',
    issues: [
      { owner: 'acme', repo: 'payments', number: 12, state: 'open' },
      {
        owner: 'acme',
        repo: 'payments',
        number: 13,
        state: 'closed',
        state_reason: 'completed',
        closed_at: '2026-11-19T10:00:00Z',
      },
      {
        owner: 'acme',
        repo: 'payments',
        number: 14,
        state: 'closed',
        state_reason: 'not_planned',
        closed_at: '2026-11-18T08:30:00Z',
      },
      {
        owner: 'acme',
        repo: 'payments',
        number: 15,
        state: 'open',
        state_reason: 'reopened',
      },
    ],
  });

describe('GithubTicketProvider (contract: api.github.com OpenAPI, @octokit/openapi)', () => {
  it('reads issues by ref and URL with the integrations token and maps state and state_reason', async () => {
    const double = dotcom();
    const statuses = await provider().getTicketStatuses([
      'acme/payments#12',
      'https://github.com/acme/payments/issues/13',
      'acme/payments#14',
      'acme/payments#15',
    ]);
    expect(statuses).toEqual([
      {
        ticket: 'acme/payments#12',
        state: 'open',
        statusName: 'Open',
        closedAt: null,
        url: 'https://github.com/acme/payments/issues/12',
      },
      {
        ticket: 'https://github.com/acme/payments/issues/13',
        state: 'done',
        statusName: 'Closed (completed)',
        closedAt: '2026-11-19T10:00:00.000Z',
        url: 'https://github.com/acme/payments/issues/13',
      },
      {
        ticket: 'acme/payments#14',
        state: 'done',
        statusName: 'Closed (not planned)',
        closedAt: '2026-11-18T08:30:00.000Z',
        url: 'https://github.com/acme/payments/issues/14',
      },
      {
        ticket: 'acme/payments#15',
        state: 'open',
        statusName: 'Open',
        closedAt: null,
        url: 'https://github.com/acme/payments/issues/15',
      },
    ]);
    expect(double.log.map(e => e.path)).toEqual([
      '/repos/acme/payments/issues/12',
      '/repos/acme/payments/issues/13',
      '/repos/acme/payments/issues/14',
      '/repos/acme/payments/issues/15',
    ]);
    expect(double.log[0].headers.authorization).toBe('Bearer dotcom-token');
    expect(double.log[0].headers.accept).toBe('application/vnd.github+json');
    expect(contract.checkAll(double.log)).toEqual([]);
  });

  it('reads GitHub Enterprise issues at the host’s apiBaseUrl with its own token', async () => {
    const double = githubDouble(server, {
      apiBaseUrl: GHE_API,
      webBase: 'https://ghe.example.com',
      token: 'ghe-token',
      issues: [{ owner: 'sre', repo: 'ops', number: 7, state: 'open' }],
    });
    const p = provider({ defaultHost: 'ghe.example.com' });
    const statuses = await p.getTicketStatuses([
      'sre/ops#7',
      'https://ghe.example.com/sre/ops/issues/7',
    ]);
    expect(statuses.map(s => [s.ticket, s.state, s.url])).toEqual([
      ['sre/ops#7', 'open', 'https://ghe.example.com/sre/ops/issues/7'],
      [
        'https://ghe.example.com/sre/ops/issues/7',
        'open',
        'https://ghe.example.com/sre/ops/issues/7',
      ],
    ]);
    expect(double.log.map(e => [e.path, e.headers.authorization])).toEqual([
      ['/repos/sre/ops/issues/7', 'Bearer ghe-token'],
      ['/repos/sre/ops/issues/7', 'Bearer ghe-token'],
    ]);
    expect(contract.checkAll(double.log)).toEqual([]);
  });

  it('retries 429, 503 and the 403 rate limit; a missing issue is reported and the others are read', async () => {
    const double = dotcom();
    double.faults.push(
      { status: 429, headers: { 'retry-after': '1' } },
      { status: 503 },
      {
        status: 403,
        message: 'API rate limit exceeded',
        headers: {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(
            Date.parse('2026-11-20T00:00:01Z') / 1000,
          ),
        },
      },
    );
    const errors: Array<[string, string]> = [];
    const statuses = await provider().getTicketStatuses(
      ['acme/payments#99', 'acme/payments#12'],
      { onTicketError: (t, m) => errors.push([t, m]) },
    );
    expect(double.log.map(e => e.status)).toEqual([429, 503, 403, 404, 200]);
    expect(statuses.map(s => s.ticket)).toEqual(['acme/payments#12']);
    expect(errors).toEqual([
      [
        'acme/payments#99',
        expect.stringMatching(
          /^acme\/payments#99: GitHub "github.com" answered HTTP 404 on GET \/repos\/acme\/payments\/issues\/99: Not Found: the issue does not exist/,
        ),
      ],
    ]);
    expect(contract.checkAll(double.log)).toEqual([]);
  });

  it('names ticket and host when the token is refused, and stops asking that host', async () => {
    const double = dotcom();
    double.faults.push({ status: 401, message: 'Bad credentials' });
    const errors: Array<[string, string]> = [];
    const statuses = await provider().getTicketStatuses(
      ['acme/payments#12', 'acme/payments#13'],
      { onTicketError: (t, m) => errors.push([t, m]) },
    );
    expect(statuses).toEqual([]);
    expect(double.log).toHaveLength(1);
    expect(errors.map(e => e[0])).toEqual([
      'acme/payments#12',
      'acme/payments#13',
    ]);
    expect(errors[0][1]).toMatch(
      /^acme\/payments#12: GitHub "github.com" refused access with HTTP 401 on GET \/repos\/acme\/payments\/issues\/12: Bad credentials; check the token of host github.com in integrations.github$/,
    );
    expect(errors[1][1]).toMatch(
      /^acme\/payments#13: GitHub "github.com" refused access/,
    );
    expect(errors.join()).not.toContain('dotcom-token');
    expect(contract.checkAll(double.log)).toEqual([]);
    // without onTicketError the batch fails as a whole
    double.faults.push({ status: 403, message: 'Resource not accessible' });
    await expect(
      provider().getTicketStatuses(['acme/payments#12']),
    ).rejects.toThrow(/GitHub "github.com" refused access with HTTP 403/);
  });

  it('the contract check catches what GitHub’s document forbids', () => {
    const base = {
      method: 'GET',
      path: '/repos/acme/payments/issues/12',
      headers: {},
      body: undefined,
      status: 404,
      responseBody: { message: 'Not Found', documentation_url: 'x' },
    };
    expect(contract.check(base)).toEqual([]);
    expect(
      contract.check({ ...base, path: '/repos/acme/payments/issues/x' }),
    ).not.toEqual([]);
    expect(
      contract.check({ ...base, path: '/repos/acme/payments/pulls/12' }),
    ).not.toEqual([]);
    expect(contract.check({ ...base, method: 'POST' })).not.toEqual([]);
    expect(
      contract.check({ ...base, status: 200, responseBody: { state: 'open' } }),
    ).not.toEqual([]);
    expect(
      contract.check({ ...base, status: 401, responseBody: { message: 3 } }),
    ).not.toEqual([]);
    expect(contract.check({ ...base, status: 204 })).not.toEqual([]);
  });

  it('handles refs of configured hosts and repositories only', () => {
    const p = provider({ repositories: ['acme/payments', 'sre/*'] });
    expect(p.handles('acme/payments#3')).toBe(true);
    expect(p.handles('Acme/Payments#3')).toBe(true);
    expect(p.handles('sre/anything#3')).toBe(true);
    expect(p.handles('acme/other#3')).toBe(false);
    expect(p.handles('https://github.com/acme/payments/issues/3')).toBe(true);
    expect(p.handles('https://github.com/acme/payments/pull/3')).toBe(true);
    expect(p.handles('https://ghe.example.com/sre/ops/issues/3')).toBe(true);
    expect(p.handles('https://gitlab.com/acme/payments/issues/3')).toBe(false);
    expect(p.handles('https://github.com/acme/payments/issues/3?x=1')).toBe(
      false,
    );
    expect(p.handles('acme/payments#0')).toBe(false);
    expect(p.handles('OPS-12')).toBe(false);
  });

  it.each([
    [
      { defaultHost: 'gitlab.com' },
      /defaultHost "gitlab.com" is not a host of integrations.github/,
    ],
    [
      { repositories: ['acme'] },
      /repositories "acme" is not owner\/repo or owner\/\*/,
    ],
    [
      { timeout: 'soon' },
      /reliability.incidents.github.timeout is not a valid duration/,
    ],
  ])('refuses bad configuration %#', (github, message) => {
    expect(() => readGithubTicketsConfig(config(github))).toThrow(message);
  });

  it('is selected next to Jira: GitHub refs to GitHub, Jira keys to Jira', () => {
    const providers = readTicketProviders(
      new ConfigReader({
        integrations: { github: [{ host: 'github.com', token: 't' }] },
        reliability: {
          incidents: {
            jira: { baseUrl: 'https://example.atlassian.net', token: 'j' },
            github: {},
          },
        },
      }),
      { logger: mockServices.logger.mock() },
    );
    const pick = (t: string) => providers.find(p => p.handles(t))?.id;
    expect(providers.map(p => p.id)).toEqual(['jira', 'github']);
    expect(pick('OPS-12')).toBe('jira');
    expect(pick('acme/payments#12')).toBe('github');
    expect(pick('https://github.com/acme/payments/issues/12')).toBe('github');
    expect(pick('https://example.atlassian.net/browse/OPS-1')).toBe('jira');
  });
});
