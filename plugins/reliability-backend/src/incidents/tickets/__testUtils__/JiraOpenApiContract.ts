/*
 * Checks the exchanges of the Jira double against Atlassian's own OpenAPI
 * document of the Jira Cloud platform REST API v3 (specs/README.md names
 * its source, version and license), with ajv. The document is not edited;
 * the one known gap is patched in memory, named in `patches`.
 */
import {
  escapePointer as escape,
  TicketExchange,
  VendoredOpenApi,
} from './openApiTestKit';

/** One request to the double and its answer. */
export type JiraExchange = TicketExchange;

export class JiraOpenApiContract {
  static #instance?: JiraOpenApiContract;

  static load(): JiraOpenApiContract {
    this.#instance ??= new JiraOpenApiContract();
    return this.#instance;
  }

  readonly patches: string[] = [];
  readonly #doc = new VendoredOpenApi(
    ['jira-cloud-platform-openapi-v3.json'],
    'jira',
  );
  readonly #spec = this.#doc.spec;

  // The error responses (400, 401, 403, 429, 5xx) declare no body, while
  // the live API sends Jira's ErrorCollection; those bodies are validated
  // against it.
  readonly #errorSchema = this.#doc.errorSchemaPatch(
    'ErrorCollection',
    'error responses without a declared body',
    this.patches,
  );

  private constructor() {}

  /** The problems of one exchange; empty when it conforms. */
  check(e: JiraExchange): string[] {
    const item = this.#spec.paths[e.path];
    const method = e.method.toLowerCase();
    const op = item?.[method];
    if (!op) return [`${e.method} ${e.path} is not in the document`];
    const pointer = `#/paths/${escape(e.path)}/${method}`;
    const problems: string[] = [];
    const security: Array<Record<string, unknown>> = op.security ?? [];
    const auth = e.headers.authorization ?? '';
    const schemes = this.#spec.components.securitySchemes;
    const basic =
      security.some(s => 'basicAuth' in s) &&
      schemes.basicAuth?.scheme === 'basic';
    const oauth = security.some(s => 'OAuth2' in s);
    if (
      !(
        (basic && /^Basic [A-Za-z0-9+/=]+$/.test(auth)) ||
        (oauth && /^Bearer \S+$/.test(auth))
      )
    ) {
      problems.push(
        `the Authorization header matches none of the operation's security schemes`,
      );
    }
    if (op.requestBody) {
      if (op.requestBody.required && e.body === undefined) {
        problems.push('the required body is missing');
      } else if (e.body !== undefined) {
        if (!(e.headers['content-type'] ?? '').startsWith('application/json')) {
          problems.push('the body is not sent as application/json');
        }
        problems.push(
          ...this.#doc.validate(
            `${pointer}/requestBody/content/application~1json/schema`,
            e.body,
          ),
        );
      }
    }
    const declared = op.responses?.[String(e.status)];
    if (!declared && e.status < 400) {
      problems.push(`response status ${e.status} is not declared`);
    } else if (declared?.content?.['application/json']?.schema) {
      problems.push(
        ...this.#doc.validate(
          `${pointer}/responses/${e.status}/content/application~1json/schema`,
          e.responseBody,
        ),
      );
    } else {
      problems.push(...this.#doc.validate(this.#errorSchema, e.responseBody));
    }
    return problems.map(p => `${e.method} ${e.path} -> ${e.status}: ${p}`);
  }

  checkAll(exchanges: JiraExchange[]): string[] {
    return exchanges.flatMap(e => this.check(e));
  }
}
