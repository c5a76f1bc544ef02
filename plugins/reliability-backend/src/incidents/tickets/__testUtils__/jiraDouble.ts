import { http } from 'msw';
import { SetupServer } from 'msw/node';
import { loggedAnswer } from './openApiTestKit';
import { JiraExchange } from './JiraOpenApiContract';

export const JIRA_BASE = 'https://example.atlassian.net';

/** An issue the double knows. */
export interface DoubleIssue {
  key: string;
  status: string;
  category: 'new' | 'indeterminate' | 'done';
  resolutiondate?: string | null;
}

/**
 * A Jira Cloud double for `POST /rest/api/3/search/jql` with `key in (...)`
 * queries: answers pages of `pageSize` with `nextPageToken`, a 400 naming
 * unknown keys as Jira does, and the faults queued in `faults`. Every
 * exchange is logged for the contract check.
 */
export function jiraDouble(
  server: SetupServer,
  issues: DoubleIssue[],
  options: { pageSize?: number } = {},
) {
  const log: JiraExchange[] = [];
  const faults: Array<{ status: number; headers?: Record<string, string> }> =
    [];
  const pageSize = options.pageSize ?? 100;
  server.use(
    http.post(`${JIRA_BASE}/rest/api/3/search/jql`, async ({ request }) => {
      const body = (await request.json()) as any;
      const headers = Object.fromEntries(request.headers.entries());
      const answer = loggedAnswer(log, {
        method: 'POST',
        path: '/rest/api/3/search/jql',
        headers,
        body: body,
      });
      const fault = faults.shift();
      if (fault) {
        return answer(
          fault.status,
          { errorMessages: [`fault ${fault.status}`], errors: {} },
          fault.headers,
        );
      }
      if (
        !headers.authorization?.startsWith('Basic ') &&
        !headers.authorization?.startsWith('Bearer ')
      ) {
        return answer(401, {
          errorMessages: ['You are not authenticated.'],
          errors: {},
        });
      }
      const m = /^key in \(([^)]*)\)$/.exec(body.jql ?? '');
      if (!m) {
        return answer(400, {
          errorMessages: [`Unsupported JQL ${body.jql}`],
          errors: {},
        });
      }
      const keys = m[1].split(',').map((k: string) => k.trim());
      const unknown = keys.filter(
        (k: string) => !issues.some(i => i.key === k),
      );
      if (unknown.length > 0) {
        return answer(400, {
          errorMessages: unknown.map(
            (k: string) =>
              `An issue with key '${k}' does not exist for field 'key'.`,
          ),
          errors: {},
        });
      }
      const found = issues.filter(i => keys.includes(i.key));
      const start = body.nextPageToken
        ? Number(body.nextPageToken.replace('page-', ''))
        : 0;
      const page = found.slice(
        start,
        start + Math.min(pageSize, body.maxResults ?? 50),
      );
      const next = start + page.length;
      return answer(200, {
        issues: page.map(i => ({
          id: String(10000 + issues.indexOf(i)),
          key: i.key,
          self: `${JIRA_BASE}/rest/api/3/issue/${i.key}`,
          fields: {
            status: {
              name: i.status,
              statusCategory: { key: i.category, name: i.category },
            },
            resolutiondate: i.resolutiondate ?? null,
          },
        })),
        isLast: next >= found.length,
        ...(next < found.length ? { nextPageToken: `page-${next}` } : {}),
      });
    }),
  );
  return { log, faults };
}
