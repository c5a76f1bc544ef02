import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { setupServer } from 'msw/node';
import { JiraTicketProvider } from './JiraTicketProvider';
import { readJiraConfig, readTicketProviders } from './readTicketProviders';
import { JiraOpenApiContract } from './__testUtils__/JiraOpenApiContract';
import { JIRA_BASE, jiraDouble } from './__testUtils__/jiraDouble';

const server = setupServer();
registerMswTestHooks(server);

const contract = JiraOpenApiContract.load();
const provider = (over: Record<string, unknown> = {}) =>
  new JiraTicketProvider(
    readJiraConfig(
      new ConfigReader({
        reliability: {
          incidents: {
            jira: {
              baseUrl: JIRA_BASE,
              email: 'bot@example.com',
              apiToken: 'secret-token',
              ...over,
            },
          },
        },
      }),
    )!,
    {
      logger: mockServices.logger.mock(),
      sleep: async () => {},
      random: () => 0,
    },
  );

const ISSUES = [
  {
    key: 'OPS-1',
    status: 'Done',
    category: 'done' as const,
    resolutiondate: '2026-11-19T10:00:00.000+0000',
  },
  { key: 'OPS-2', status: 'In Progress', category: 'indeterminate' as const },
  { key: 'REL-7', status: 'To Do', category: 'new' as const },
];

describe('JiraTicketProvider (contract: Jira Cloud platform REST API v3)', () => {
  it('reads states with POST /rest/api/3/search/jql, key in (...), paged by nextPageToken', async () => {
    const double = jiraDouble(server, ISSUES, { pageSize: 2 });
    const statuses = await provider().getTicketStatuses([
      'OPS-1',
      'ops-2',
      `${JIRA_BASE}/browse/REL-7`,
    ]);
    expect(statuses).toEqual([
      {
        ticket: 'OPS-1',
        state: 'done',
        statusName: 'Done',
        closedAt: '2026-11-19T10:00:00.000Z',
        url: `${JIRA_BASE}/browse/OPS-1`,
      },
      {
        ticket: 'ops-2',
        state: 'open',
        statusName: 'In Progress',
        closedAt: null,
        url: `${JIRA_BASE}/browse/OPS-2`,
      },
      {
        ticket: `${JIRA_BASE}/browse/REL-7`,
        state: 'open',
        statusName: 'To Do',
        closedAt: null,
        url: `${JIRA_BASE}/browse/REL-7`,
      },
    ]);
    expect(double.log).toHaveLength(2);
    expect(double.log[0].body).toEqual({
      jql: 'key in (OPS-1, OPS-2, REL-7)',
      fields: ['status', 'resolutiondate'],
      maxResults: 100,
    });
    expect((double.log[1].body as any).nextPageToken).toBe('page-2');
    expect(double.log[0].headers.authorization).toBe(
      `Basic ${Buffer.from('bot@example.com:secret-token').toString('base64')}`,
    );
    expect(contract.checkAll(double.log)).toEqual([]);
  });

  it('drops keys Jira says do not exist and searches again', async () => {
    const double = jiraDouble(server, ISSUES);
    const statuses = await provider().getTicketStatuses(['OPS-1', 'OPS-99']);
    expect(statuses.map(s => s.ticket)).toEqual(['OPS-1']);
    expect(double.log.map(e => e.status)).toEqual([400, 200]);
    expect(contract.checkAll(double.log)).toEqual([]);
  });

  it('sends a bearer token when configured', async () => {
    const double = jiraDouble(server, ISSUES);
    await provider({
      email: undefined,
      apiToken: undefined,
      token: 'oauth-token',
    }).getTicketStatuses(['OPS-2']);
    expect(double.log[0].headers.authorization).toBe('Bearer oauth-token');
    expect(contract.checkAll(double.log)).toEqual([]);
  });

  it('retries 429 and 503, and says clearly when the token is wrong', async () => {
    const double = jiraDouble(server, ISSUES);
    double.faults.push(
      { status: 429, headers: { 'retry-after': '1' } },
      { status: 503 },
    );
    expect(await provider().getTicketStatuses(['OPS-2'])).toHaveLength(1);
    expect(double.log.map(e => e.status)).toEqual([429, 503, 200]);
    double.faults.push({ status: 401 });
    await expect(provider().getTicketStatuses(['OPS-2'])).rejects.toThrow(
      /Jira "example.atlassian.net" refused access with HTTP 401 on POST \/rest\/api\/3\/search\/jql: fault 401; check reliability.incidents.jira/,
    );
    expect(contract.checkAll(double.log)).toEqual([]);
    // the secret is never in a message
    await expect(provider().getTicketStatuses(['OPS-2'])).resolves.toHaveLength(
      1,
    );
  });

  it('the contract check catches what Atlassian’s document forbids', () => {
    const base = {
      method: 'POST',
      path: '/rest/api/3/search/jql',
      headers: {
        authorization: 'Basic eA==',
        'content-type': 'application/json',
      },
      status: 200,
      responseBody: { issues: [], isLast: true },
    };
    expect(contract.check({ ...base, body: { jql: 'key in (A-1)' } })).toEqual(
      [],
    );
    expect(
      contract.check({ ...base, body: { jql: 'key in (A-1)', startAt: 0 } }),
    ).not.toEqual([]);
    expect(
      contract.check({
        ...base,
        body: { jql: 'x' },
        responseBody: { issues: [], total: 3 },
      }),
    ).not.toEqual([]);
    expect(
      contract.check({
        ...base,
        path: '/rest/api/3/search',
        body: { jql: 'x' },
      }),
    ).not.toEqual([]);
    expect(
      contract.check({ ...base, headers: {}, body: { jql: 'x' } }),
    ).not.toEqual([]);
  });

  it('handles only Jira keys of the configured projects and URLs of its site', () => {
    const p = provider({ projects: ['OPS'] });
    expect(p.handles('OPS-12')).toBe(true);
    expect(p.handles('REL-1')).toBe(false);
    expect(p.handles(`${JIRA_BASE}/browse/OPS-3`)).toBe(true);
    expect(p.handles('https://other.atlassian.net/browse/OPS-3')).toBe(false);
    expect(p.handles('https://github.com/o/r/issues/3')).toBe(false);
    expect(p.handles('OPS-0')).toBe(false);
  });

  it.each([
    [{ baseUrl: JIRA_BASE }, /needs email and apiToken/],
    [
      { baseUrl: JIRA_BASE, token: 't', email: 'a@b', apiToken: 'x' },
      /both token and email/,
    ],
    [{ baseUrl: 'ftp://x', token: 't' }, /reliability.incidents.jira.baseUrl/],
    [
      { baseUrl: JIRA_BASE, token: 't', projects: ['ops-1'] },
      /projects "OPS-1" is not a Jira project key/,
    ],
  ])('refuses bad configuration %#', (jira, message) => {
    expect(() =>
      readTicketProviders(
        new ConfigReader({ reliability: { incidents: { jira } } }),
        { logger: mockServices.logger.mock() },
      ),
    ).toThrow(message);
  });
});
