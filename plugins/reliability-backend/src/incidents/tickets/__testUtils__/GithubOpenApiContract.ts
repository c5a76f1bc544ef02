/*
 * Checks the exchanges of the GitHub double against GitHub's own OpenAPI
 * description of api.github.com (the subset vendored in specs/github/, cut
 * from @octokit/openapi by specs/github/extract-subset.mjs; specs/README.md
 * names package, version and license), with ajv. The document is not
 * edited; the one known gap is patched in memory, named in `patches`.
 */
import {
  escapePointer as escape,
  TicketExchange,
  VendoredOpenApi,
} from './openApiTestKit';

/** One request to the double and its answer. */
export type GithubExchange = TicketExchange;

/**
 * OpenAPI 3.0's `nullable: true` in JSON Schema terms: the schema, or null.
 * (GitHub puts it next to `allOf`, `anyOf` and `enum`, where ajv's own
 * reading of the keyword does not apply.) Same meaning, no patch.
 */
function nullableAsJsonSchema(node: any): any {
  if (Array.isArray(node)) return node.map(nullableAsJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const { nullable, ...rest } = node;
  const out: any = Object.fromEntries(
    Object.entries(rest).map(([k, v]) => [k, nullableAsJsonSchema(v)]),
  );
  return nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}

export class GithubOpenApiContract {
  static #instance?: GithubOpenApiContract;

  static load(): GithubOpenApiContract {
    this.#instance ??= new GithubOpenApiContract();
    return this.#instance;
  }

  readonly patches: string[] = [];
  readonly #doc = new VendoredOpenApi(
    ['github', 'api.github.com.issues-subset.json'],
    'github',
    nullableAsJsonSchema,
  );
  readonly spec = this.#doc.spec;

  // 401, 403 and 429 are not declared on the operations; GitHub sends its
  // basic-error object with them.
  readonly #errorSchema = this.#doc.errorSchemaPatch(
    'basic-error',
    'undeclared error statuses',
    this.patches,
  );

  private constructor() {}

  #resolve(node: any): { node: any; pointer?: string } {
    const ref: string | undefined = node?.$ref;
    if (!ref) return { node };
    const [, kind, name] = ref.split('/').slice(1);
    return { node: this.spec.components[kind][name], pointer: ref };
  }

  /** The problems of one exchange; empty when it conforms. */
  check(e: GithubExchange): string[] {
    const method = e.method.toLowerCase();
    let template: string | undefined;
    let values: string[] = [];
    for (const p of Object.keys(this.spec.paths)) {
      const re = new RegExp(
        `^${p.replace(/\{[^}]+\}/g, '([^/]+)').replace(/\./g, '\\.')}$`,
      );
      const m = re.exec(e.path);
      if (m && this.spec.paths[p][method]) {
        template = p;
        values = m.slice(1).map(decodeURIComponent);
      }
    }
    if (!template) return [`${e.method} ${e.path} is not in the document`];
    const op = this.spec.paths[template][method];
    const pointer = `#/paths/${escape(template)}/${method}`;
    const problems: string[] = [];
    const names = (template.match(/\{[^}]+\}/g) ?? []).map(n => n.slice(1, -1));
    for (const param of op.parameters ?? []) {
      const { node, pointer: at } = this.#resolve(param);
      if (node.in !== 'path') continue;
      const raw = values[names.indexOf(node.name)];
      const value = node.schema?.type === 'integer' ? Number(raw) : raw;
      if (node.schema?.type === 'integer' && !/^-?\d+$/.test(raw)) {
        problems.push(`path parameter ${node.name} "${raw}" is not an integer`);
      } else {
        problems.push(...this.#doc.validate(`${at}/schema`, value));
      }
    }
    if (!op.requestBody && e.body !== undefined) {
      problems.push('a body is sent to an operation that takes none');
    }
    const declared = op.responses?.[String(e.status)];
    if (!declared && e.status < 400) {
      problems.push(`response status ${e.status} is not declared`);
    } else if (declared) {
      const { node, pointer: at } = this.#resolve(declared);
      const base = at ?? `${pointer}/responses/${e.status}`;
      if (node.content?.['application/json']?.schema) {
        problems.push(
          ...this.#doc.validate(
            `${base}/content/application~1json/schema`,
            e.responseBody,
          ),
        );
      } else if (e.responseBody !== undefined) {
        problems.push(`response ${e.status} declares no body`);
      }
    } else {
      problems.push(...this.#doc.validate(this.#errorSchema, e.responseBody));
    }
    return problems.map(p => `${e.method} ${e.path} -> ${e.status}: ${p}`);
  }

  checkAll(exchanges: GithubExchange[]): string[] {
    return exchanges.flatMap(e => this.check(e));
  }
}
