/*
 * What the ticket API doubles and their contract checks share: the logged
 * exchange, the answer that logs it, and ajv over a vendored document.
 */
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { HttpResponse } from 'msw';
import fs from 'node:fs';
import path from 'node:path';

/** One request to a double and its answer. */
export interface TicketExchange {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
  status: number;
  responseBody: unknown;
}

/** The root of the clone: the first folder above `dir` with backstage.json. */
export function repositoryRoot(dir: string): string {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'backstage.json'))) return d;
    if (path.dirname(d) === d)
      throw new Error(`no backstage.json above ${dir}`);
  }
}

/** Escapes a JSON pointer segment. */
export const escapePointer = (s: string) =>
  s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * A vendored OpenAPI document (a path under specs/) and ajv validation of
 * values against the schemas its JSON pointers name.
 */
export class VendoredOpenApi {
  readonly spec: any;
  readonly #ajv: Ajv;
  readonly #name: string;
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(
    file: string[],
    name: string,
    /** Turns the document into the JSON Schema ajv reads. */
    asJsonSchema: (spec: any) => any = spec => spec,
  ) {
    this.spec = JSON.parse(
      fs.readFileSync(
        path.join(repositoryRoot(__dirname), 'specs', ...file),
        'utf8',
      ),
    );
    this.#name = name;
    this.#ajv = new Ajv({ strict: false, allErrors: true, logger: false });
    addFormats(this.#ajv);
    this.#ajv.addSchema(asJsonSchema(this.spec), name);
  }

  /**
   * Notes in `patches` that undeclared error bodies are read as the
   * document's schema `name`, failing when the schema is gone.
   */
  errorSchemaPatch(name: string, which: string, patches: string[]): string {
    if (!this.spec.components?.schemas?.[name]) {
      throw new Error(`${name} is gone from the document; review the patch`);
    }
    const pointer = `#/components/schemas/${escapePointer(name)}`;
    patches.push(`${which} are validated against ${pointer}`);
    return pointer;
  }

  /** The problems of `value` against the schema at `pointer`. */
  validate(pointer: string, value: unknown): string[] {
    let v = this.#compiled.get(pointer);
    if (!v) {
      v = this.#ajv.compile({ $ref: `${this.#name}${pointer}` });
      this.#compiled.set(pointer, v);
    }
    return v(value) ? [] : [`${pointer}: ${this.#ajv.errorsText(v.errors)}`];
  }
}

/**
 * The answer function of a double's handler: a JSON response, logged with
 * the request for the contract check.
 */
export function loggedAnswer(
  log: TicketExchange[],
  request: Omit<TicketExchange, 'status' | 'responseBody'>,
) {
  return (
    status: number,
    responseBody: unknown,
    extra: Record<string, string> = {},
  ) => {
    log.push({ ...request, status, responseBody });
    return HttpResponse.json(responseBody as any, { status, headers: extra });
  };
}
