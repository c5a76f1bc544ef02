/*
 * Checks requests and responses against PagerDuty's own OpenAPI 3 document
 * (PagerDuty/api-schema, reference/REST/openapiv3.json), with ajv.
 *
 * The document is the copy committed in the repository's specs/ folder
 * (see specs/README.md for its source, commit and license). It is not edited
 * on disk. A few of its schemas
 * are known to be wrong and are patched IN MEMORY here, each listed in
 * `patches` with its reason; every other schema is used as published.
 */
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import fs from 'node:fs';
import path from 'node:path';
import { DoubleRequestLogEntry } from '../../../testUtils';

type Json = any;

const SPEC_FILE = 'pagerduty-rest-openapiv3.json';
const GENERIC_ERROR_SCHEMA =
  '#/components/responses/Conflict/content/application~1json/schema';

function findSpec(): string {
  return path.join(findRepositoryRoot(__dirname), 'specs', SPEC_FILE);
}

/** The repository root: the nearest folder above `dir` with backstage.json. */
function findRepositoryRoot(dir: string): string {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'backstage.json'))) {
      return d;
    }
    if (path.dirname(d) === d) {
      throw new Error(`no backstage.json above ${dir}`);
    }
  }
}

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function get(doc: Json, pointer: string): Json {
  return pointer
    .replace(/^#\//, '')
    .split('/')
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((node, key) => (node === undefined ? undefined : node[key]), doc);
}

/** One known defect of the published document, and how it is patched. */
export interface SpecPatch {
  where: string;
  what: string;
  why: string;
}

/**
 * Patches the known defects of the published document in memory (see
 * specs/README.md, "Known defects"). Returns the
 * patches applied; throws when a defect is no longer where expected, so the
 * patch list stays honest when the document is updated.
 */
function patchSpec(spec: Json): SpecPatch[] {
  const patches: SpecPatch[] = [];
  const schemas = spec.components.schemas;

  // 1. AcknowledgeLogEntry: its own `type` enum says
  // `acknowledgement_log_entry` while its base LogEntry allows only
  // `acknowledge_log_entry`: no object can match both. The live API sends
  // `acknowledge_log_entry`.
  const ackType = schemas.AcknowledgeLogEntry.allOf[1].properties.type;
  if (JSON.stringify(ackType.enum) !== '["acknowledgement_log_entry"]') {
    throw new Error('AcknowledgeLogEntry changed; review the patch');
  }
  ackType.enum = ['acknowledge_log_entry'];
  patches.push({
    where:
      '#/components/schemas/AcknowledgeLogEntry/allOf/1/properties/type/enum',
    what: '["acknowledgement_log_entry"] -> ["acknowledge_log_entry"]',
    why: 'contradicts the base LogEntry enum; the live API sends acknowledge_log_entry',
  });

  // 2. Channel: a oneOf whose variants have only optional properties, so
  // every channel matches several variants and oneOf always fails. anyOf is
  // the intended reading.
  const channel = schemas.Channel;
  if (!Array.isArray(channel.oneOf)) {
    throw new Error('Channel changed; review the patch');
  }
  channel.anyOf = channel.oneOf;
  delete channel.oneOf;
  patches.push({
    where: '#/components/schemas/Channel',
    what: 'oneOf -> anyOf',
    why: 'the variants overlap (all properties optional), so oneOf rejects every channel',
  });

  // 3. The analytics request schemas use the draft-04 boolean form of
  // exclusiveMinimum/exclusiveMaximum, which ajv (draft-07+) refuses to
  // compile. Rewritten to the numeric form with the same meaning; only
  // under /analytics paths (checked).
  const booleanBounds: string[] = [];
  const walk = (node: Json, pointer: string) => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${pointer}/${i}`));
      return;
    }
    if (node === null || typeof node !== 'object') {
      return;
    }
    for (const [bound, limit] of [
      ['exclusiveMinimum', 'minimum'],
      ['exclusiveMaximum', 'maximum'],
    ] as const) {
      if (typeof node[bound] === 'boolean') {
        booleanBounds.push(`${pointer}/${bound}`);
        if (node[bound] && typeof node[limit] === 'number') {
          node[bound] = node[limit];
          delete node[limit];
        } else {
          delete node[bound];
        }
      }
    }
    for (const [key, value] of Object.entries(node)) {
      walk(value, `${pointer}/${escapePointer(key)}`);
    }
  };
  walk(spec, '#');
  const outside = booleanBounds.filter(
    p => !p.startsWith('#/paths/~1analytics~1'),
  );
  if (outside.length > 0 || booleanBounds.length === 0) {
    throw new Error(
      `boolean exclusiveMinimum/Maximum outside the analytics paths: ${outside.join(
        ', ',
      )}`,
    );
  }
  patches.push({
    where: `${booleanBounds.length} places under #/paths/~1analytics~1...`,
    what: 'exclusiveMinimum: true + minimum: n -> exclusiveMinimum: n; exclusiveMaximum: false removed',
    why: 'the boolean form is draft-04; current validators refuse to compile it',
  });

  // 4. null where the document says a field cannot be null, but the live
  // API sends null (the specs README): only these fields.
  const nullable: Array<[string, string]> = [
    [
      '#/components/schemas/Incident/allOf/1/properties/resolved_at',
      'null while the incident is open',
    ],
    [
      '#/components/schemas/Incident/allOf/1/properties/incident_key',
      'null for incidents created without a key',
    ],
    [
      '#/components/schemas/AnalyticsRawIncident/properties/seconds_to_first_ack',
      'null for incidents never acknowledged',
    ],
    [
      '#/paths/~1analytics~1raw~1incidents/post/responses/200/content/application~1json/schema/properties/first',
      'analytics cursors are null on an empty page',
    ],
    [
      '#/paths/~1analytics~1raw~1incidents/post/responses/200/content/application~1json/schema/properties/last',
      'analytics cursors are null on an empty page',
    ],
    [
      '#/components/schemas/Oncall/properties/start',
      'null for permanent on-calls (an escalation rule targeting a user, no schedule)',
    ],
    [
      '#/components/schemas/Oncall/properties/end',
      'null for permanent on-calls (an escalation rule targeting a user, no schedule)',
    ],
  ];
  for (const [pointer, why] of nullable) {
    const schema = get(spec, pointer);
    if (!schema || typeof schema.type !== 'string' || schema.nullable) {
      throw new Error(`${pointer} changed; review the patch`);
    }
    schema.nullable = true;
    patches.push({ where: pointer, what: 'nullable: true', why });
  }
  return patches;
}

/**
 * Statuses the document does not declare but the live API answers (the
 * specs README); their bodies are PagerDuty's generic error object.
 */
function undeclaredStatusAllowed(
  template: string,
  method: string,
  status: number,
): boolean {
  if (status === 500) {
    return true; // anywhere
  }
  if (status === 401 && template.startsWith('/analytics/')) {
    return true;
  }
  return (
    status === 429 &&
    method === 'get' &&
    (template === '/services' || template === '/services/{id}')
  );
}

interface Operation {
  template: string;
  method: string;
  pointer: string;
  op: Json;
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  explode?: boolean;
  style?: string;
  schema: Json;
  schemaPointer: string;
}

/** Validates exchanges logged by the PagerDuty double against the document. */
export class PagerDutyOpenApiContract {
  static #instance?: PagerDutyOpenApiContract;

  /** The shared instance (the document is large; it is read once). */
  static load(): PagerDutyOpenApiContract {
    this.#instance ??= new PagerDutyOpenApiContract(findSpec());
    return this.#instance;
  }

  readonly file: string;
  readonly patches: SpecPatch[];
  readonly #spec: Json;
  readonly #ajv: Ajv;
  readonly #compiled = new Map<string, ValidateFunction>();
  readonly #templates: Array<{ template: string; regex: RegExp }>;
  readonly warnings: string[] = [];

  private constructor(file: string) {
    this.file = file;
    this.#spec = JSON.parse(fs.readFileSync(file, 'utf8'));
    this.patches = patchSpec(this.#spec);
    this.#ajv = new Ajv({
      strict: false,
      allErrors: true,
      logger: {
        log: () => {},
        warn: (...args: unknown[]) => this.warnings.push(args.join(' ')),
        error: (...args: unknown[]) => this.warnings.push(args.join(' ')),
      },
    });
    addFormats(this.#ajv);
    // formats the document uses that ajv-formats does not define
    this.#ajv.addFormat('tzinfo', true);
    this.#ajv.addFormat('activesupport-time-zone', true);
    this.#ajv.addSchema(this.#spec, 'pd');
    this.#templates = Object.keys(this.#spec.paths)
      .map(template => ({
        template,
        regex: new RegExp(
          `^${template
            .split('/')
            .map(s =>
              /^\{.+\}$/.test(s)
                ? '[^/]+'
                : s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'),
            )
            .join('/')}$`,
        ),
      }))
      // literal paths before templated ones (/incidents/count vs /incidents/{id})
      .sort(
        (a, b) =>
          (a.template.match(/\{/g)?.length ?? 0) -
          (b.template.match(/\{/g)?.length ?? 0),
      );
  }

  /** Problems of one exchange (request and response); empty when it conforms. */
  check(entry: DoubleRequestLogEntry): string[] {
    const where = `${entry.method} ${entry.path}`;
    const op = this.#operation(entry.method, entry.path);
    if (typeof op === 'string') {
      return [`${where}: ${op}`];
    }
    return [
      ...this.#checkRequest(op, entry),
      ...this.#checkResponse(op, entry),
    ].map(p => `${where}: ${p}`);
  }

  /** Problems of every exchange. */
  checkAll(entries: DoubleRequestLogEntry[]): string[] {
    return entries.flatMap(e => this.check(e));
  }

  /** Validates `value` against the schema at `pointer` (e.g. `#/components/schemas/Incident`). */
  validate(pointer: string, value: unknown): string[] {
    const validate = this.#compile(pointer);
    return validate(value) ? [] : [this.#ajv.errorsText(validate.errors)];
  }

  #operation(method: string, urlPath: string): Operation | string {
    const match = this.#templates.find(t => t.regex.test(urlPath));
    if (!match) {
      return 'the path is not in the document';
    }
    const m = method.toLowerCase();
    const op = this.#spec.paths[match.template][m];
    if (!op) {
      return `${method} is not declared for ${match.template}`;
    }
    return {
      template: match.template,
      method: m,
      pointer: `#/paths/${escapePointer(match.template)}/${m}`,
      op,
    };
  }

  #parameters(op: Operation): Parameter[] {
    const pathItemPointer = `#/paths/${escapePointer(op.template)}`;
    const sources: Array<[Json[], string]> = [
      [
        this.#spec.paths[op.template].parameters ?? [],
        `${pathItemPointer}/parameters`,
      ],
      [op.op.parameters ?? [], `${op.pointer}/parameters`],
    ];
    const out = new Map<string, Parameter>();
    for (const [list, base] of sources) {
      list.forEach((raw: Json, i: number) => {
        const pointer = raw.$ref ?? `${base}/${i}`;
        const p = raw.$ref ? get(this.#spec, raw.$ref) : raw;
        out.set(`${p.in}:${p.name}`, {
          ...p,
          schemaPointer: `${pointer}/schema`,
        });
      });
    }
    return [...out.values()];
  }

  #checkRequest(op: Operation, entry: DoubleRequestLogEntry): string[] {
    const problems: string[] = [];
    const params = this.#parameters(op);
    const query = params.filter(p => p.in === 'query');
    for (const [name, values] of Object.entries(entry.query)) {
      const param = query.find(p => p.name === name);
      if (!param) {
        problems.push(`query parameter "${name}" is not declared`);
        continue;
      }
      const schema = param.schema ?? {};
      const explode = param.explode ?? (param.style ?? 'form') === 'form';
      if (schema.type === 'array') {
        const items = explode ? values : values.flatMap(v => v.split(','));
        if (!explode && values.length > 1) {
          problems.push(
            `query parameter "${name}" is not exploded but repeated`,
          );
        }
        const itemType = get(this.#spec, `${param.schemaPointer}/items`)?.type;
        problems.push(
          ...this.validate(
            param.schemaPointer,
            items.map(v => coerce(v, itemType)),
          ).map(e => `query parameter "${name}": ${e}`),
        );
      } else {
        if (values.length > 1 && !name.endsWith('[]')) {
          problems.push(`query parameter "${name}" is repeated`);
        }
        for (const v of values) {
          problems.push(
            ...this.validate(param.schemaPointer, coerce(v, schema.type)).map(
              e => `query parameter "${name}"=${JSON.stringify(v)}: ${e}`,
            ),
          );
        }
      }
    }
    for (const p of query.filter(q => q.required)) {
      if (!(p.name in entry.query)) {
        problems.push(`required query parameter "${p.name}" is missing`);
      }
    }
    for (const p of params.filter(q => q.in === 'header')) {
      const value =
        p.name.toLowerCase() === 'accept'
          ? entry.accept
          : p.name.toLowerCase() === 'content-type' && entry.contentType;
      if (value === undefined || value === false) {
        continue; // a header the double does not log
      }
      if (value === null) {
        if (p.required) {
          problems.push(`required header "${p.name}" is missing`);
        }
        continue;
      }
      problems.push(
        ...this.validate(p.schemaPointer, value).map(
          e => `header "${p.name}"=${JSON.stringify(value)}: ${e}`,
        ),
      );
    }
    const body = op.op.requestBody;
    if (body) {
      const schemaPointer = `${op.pointer}/requestBody/content/application~1json/schema`;
      if (entry.body === undefined) {
        if (body.required) {
          problems.push('the required JSON body is missing');
        }
      } else if (!get(this.#spec, schemaPointer)) {
        problems.push('no application/json request body is declared');
      } else {
        problems.push(
          ...this.validate(schemaPointer, entry.body).map(
            e => `request body: ${e}`,
          ),
        );
      }
    } else if (entry.body !== undefined) {
      problems.push('a body was sent, but none is declared');
    }
    return problems;
  }

  #checkResponse(op: Operation, entry: DoubleRequestLogEntry): string[] {
    if (entry.fault === 'hang' || entry.fault === 'network') {
      return []; // no HTTP response
    }
    if (!('responseBody' in entry)) {
      return ['the response body was not kept (use keepBodies)'];
    }
    const status = String(entry.status);
    const responses = op.op.responses ?? {};
    let response = responses[status];
    let pointer = `${op.pointer}/responses/${status}`;
    if (!response) {
      if (undeclaredStatusAllowed(op.template, op.method, entry.status)) {
        return this.validate(GENERIC_ERROR_SCHEMA, entry.responseBody).map(
          e => `response ${status} (undeclared, patched): ${e}`,
        );
      }
      if (responses.default) {
        response = responses.default;
        pointer = `${op.pointer}/responses/default`;
      } else {
        return [`response status ${status} is not declared`];
      }
    }
    if (response.$ref) {
      pointer = response.$ref;
      response = get(this.#spec, response.$ref);
    }
    const schemaPointer = `${pointer}/content/application~1json/schema`;
    if (!get(this.#spec, schemaPointer)) {
      return entry.responseBody === undefined || entry.responseBody === null
        ? []
        : [`response ${status} declares no JSON body`];
    }
    return this.validate(schemaPointer, entry.responseBody).map(
      e => `response ${status}: ${e}`,
    );
  }

  #compile(pointer: string): ValidateFunction {
    let validate = this.#compiled.get(pointer);
    if (!validate) {
      validate = this.#ajv.compile({ $ref: `pd${pointer}` });
      this.#compiled.set(pointer, validate);
    }
    return validate;
  }
}

function coerce(value: string, type: string | undefined): unknown {
  if (type === 'integer' && /^-?\d+$/.test(value)) {
    return Number(value);
  }
  if (
    type === 'number' &&
    value.trim() !== '' &&
    Number.isFinite(Number(value))
  ) {
    return Number(value);
  }
  if (type === 'boolean' && (value === 'true' || value === 'false')) {
    return value === 'true';
  }
  return value;
}
