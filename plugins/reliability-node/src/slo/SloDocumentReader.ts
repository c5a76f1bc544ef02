import {
  createSloSpecError,
  parsePrometheusDuration,
  SloSpecError,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { LoadedYamlDocument, YamlPath } from './loadYamlDocuments';

/** Formats a path as `spec.objectives[0].target`. */
export function formatYamlPath(path: YamlPath): string {
  return path
    .map((segment, index) =>
      typeof segment === 'number'
        ? `[${segment}]`
        : `${index === 0 ? '' : '.'}${segment}`,
    )
    .join('');
}

/** Whether a value is a plain mapping (not an array or null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads typed fields out of one YAML document and collects errors that name
 * the file, line, SLO and field.
 */
export class SloDocumentReader {
  readonly errors: SloSpecError[] = [];

  constructor(readonly doc: LoadedYamlDocument, readonly slo?: string) {}

  /** A reader for the same document that files errors under `slo`. */
  forSlo(slo: string | undefined): SloDocumentReader {
    return new SloDocumentReader(this.doc, slo);
  }

  fail(path: YamlPath, reason: string): undefined {
    this.errors.push(
      createSloSpecError({
        file: this.doc.file,
        line: path.length ? this.doc.lineOf(path) : this.doc.line,
        slo: this.slo,
        field: path.length ? formatYamlPath(path) : undefined,
        reason,
      }),
    );
    return undefined;
  }

  get failed(): boolean {
    return this.errors.length > 0;
  }

  record(
    value: unknown,
    path: YamlPath,
    required = true,
  ): Record<string, unknown> | undefined {
    if (value === undefined || value === null) {
      return required ? this.fail(path, 'is required') : undefined;
    }
    if (!isRecord(value)) {
      return this.fail(path, 'must be a mapping');
    }
    return value;
  }

  string(value: unknown, path: YamlPath, required = false): string | undefined {
    if (value === undefined || value === null) {
      return required ? this.fail(path, 'is required') : undefined;
    }
    if (typeof value !== 'string') {
      return this.fail(path, `must be a string, got ${describe(value)}`);
    }
    if (required && value.trim() === '') {
      return this.fail(path, 'must not be empty');
    }
    return value;
  }

  number(value: unknown, path: YamlPath, required = false): number | undefined {
    if (value === undefined || value === null) {
      return required ? this.fail(path, 'is required') : undefined;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return this.fail(path, `must be a number, got ${describe(value)}`);
    }
    return value;
  }

  boolean(value: unknown, path: YamlPath): boolean | undefined {
    if (value === undefined || value === null) {
      return undefined;
    }
    if (typeof value !== 'boolean') {
      return this.fail(path, `must be true or false, got ${describe(value)}`);
    }
    return value;
  }

  array(
    value: unknown,
    path: YamlPath,
    required = true,
  ): unknown[] | undefined {
    if (value === undefined || value === null) {
      return required ? this.fail(path, 'is required') : undefined;
    }
    if (!Array.isArray(value)) {
      return this.fail(path, 'must be a list');
    }
    return value;
  }

  /**
   * A map of string values (labels, annotations). Numbers and booleans are
   * turned into strings; lists of strings (OpenSLO labels) are joined by
   * commas.
   */
  stringMap(
    value: unknown,
    path: YamlPath,
  ): Record<string, string> | undefined {
    if (value === undefined || value === null) {
      return undefined;
    }
    if (!isRecord(value)) {
      return this.fail(path, 'must be a mapping of names to values');
    }
    const out: Record<string, string> = {};
    for (const [key, raw] of Object.entries(value)) {
      if (
        typeof raw === 'string' ||
        typeof raw === 'number' ||
        typeof raw === 'boolean'
      ) {
        out[key] = String(raw);
      } else if (
        Array.isArray(raw) &&
        raw.every(item => typeof item === 'string')
      ) {
        out[key] = raw.join(',');
      } else {
        this.fail([...path, key], 'must be a string');
      }
    }
    return out;
  }

  duration(
    value: unknown,
    path: YamlPath,
  ): { text: string; ms: number } | undefined {
    const text = this.string(value, path, true);
    if (text === undefined) {
      return undefined;
    }
    try {
      return { text, ms: parsePrometheusDuration(text) };
    } catch (e) {
      return this.fail(path, (e as Error).message.replace(/^duration /, ''));
    }
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) {
    return 'a list';
  }
  if (isRecord(value)) {
    return 'a mapping';
  }
  return typeof value === 'string' ? `"${value}"` : String(value);
}
