import { http } from 'msw';
import { SetupServer } from 'msw/node';
import { loggedAnswer } from './openApiTestKit';
import { GithubExchange, GithubOpenApiContract } from './GithubOpenApiContract';

/** An issue the double knows. */
export interface DoubleGithubIssue {
  owner: string;
  repo: string;
  number: number;
  state: 'open' | 'closed';
  state_reason?: 'completed' | 'not_planned' | 'duplicate' | 'reopened' | null;
  closed_at?: string | null;
}

/**
 * A GitHub REST API double for `GET /repos/{owner}/{repo}/issues/{n}` at
 * `apiBaseUrl` (`https://api.github.com` or a GitHub Enterprise
 * `https://host/api/v3`): issues are the document's own example issue with
 * the given fields; unknown issues get 404, requests without the token 401,
 * and the faults queued in `faults` are answered first. Every exchange is
 * logged (path relative to the API base) for the contract check.
 */
export function githubDouble(
  server: SetupServer,
  options: {
    apiBaseUrl: string;
    webBase: string;
    token: string;
    issues: DoubleGithubIssue[];
  },
) {
  const log: GithubExchange[] = [];
  const faults: Array<{
    status: number;
    headers?: Record<string, string>;
    message?: string;
  }> = [];
  const example =
    GithubOpenApiContract.load().spec.components.examples.issue.value;
  const prefix = new URL(options.apiBaseUrl).pathname.replace(/\/$/, '');
  server.use(
    http.get(
      `${options.apiBaseUrl}/repos/:owner/:repo/issues/:number`,
      ({ request, params }) => {
        const headers = Object.fromEntries(request.headers.entries());
        const answer = loggedAnswer(log, {
          method: 'GET',
          path: new URL(request.url).pathname.slice(prefix.length),
          headers,
          body: undefined,
        });
        const error = (message: string) => ({
          message,
          documentation_url: 'https://docs.github.com/rest',
        });
        const fault = faults.shift();
        if (fault) {
          return answer(
            fault.status,
            error(fault.message ?? `fault ${fault.status}`),
            fault.headers,
          );
        }
        if (headers.authorization !== `Bearer ${options.token}`) {
          return answer(401, error('Bad credentials'));
        }
        const issue = options.issues.find(
          i =>
            i.owner === params.owner &&
            i.repo === params.repo &&
            String(i.number) === params.number,
        );
        if (!issue) return answer(404, error('Not Found'));
        const repoUrl = `${options.apiBaseUrl}/repos/${issue.owner}/${issue.repo}`;
        return answer(200, {
          ...example,
          number: issue.number,
          state: issue.state,
          state_reason: issue.state_reason ?? null,
          closed_at: issue.closed_at ?? null,
          url: `${repoUrl}/issues/${issue.number}`,
          repository_url: repoUrl,
          html_url: `${options.webBase}/${issue.owner}/${issue.repo}/issues/${issue.number}`,
        });
      },
    ),
  );
  return { log, faults };
}
