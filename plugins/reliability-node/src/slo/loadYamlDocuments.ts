import {
  createSloSpecError,
  SloSpecError,
} from '@reliability-kit/backstage-plugin-reliability-common';
import {
  Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
} from 'yaml';

/**
 * Default largest SLO file accepted, in bytes (256 KiB).
 *
 * @public
 */
export const DEFAULT_SLO_FILE_MAX_BYTES = 256 * 1024;

// Anchors and aliases are rare in SLO files; a small limit defeats
// "billion laughs" alias bombs.
const MAX_ALIAS_COUNT = 50;

/** A path into a YAML document, e.g. `['spec', 'objectives', 0, 'target']`. */
export type YamlPath = ReadonlyArray<string | number>;

/** One parsed YAML document of a file. */
export interface LoadedYamlDocument {
  file?: string;
  /** 0-based position of the document in its file. */
  index: number;
  value: unknown;
  /** 1-based line of the document's content. */
  line?: number;
  /**
   * 1-based line of the field at `path`, or of its nearest existing parent
   * when the field is missing.
   */
  lineOf(path: YamlPath): number | undefined;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/**
 * Parses all YAML documents of a file, safely: the size is limited, aliases
 * are limited, and line numbers are kept. Any syntax error rejects the
 * whole file with one error.
 */
export function loadYamlDocuments(
  content: string,
  options: { file?: string; maxBytes?: number },
): { documents: LoadedYamlDocument[]; error?: SloSpecError } {
  const { file } = options;
  const maxBytes = options.maxBytes ?? DEFAULT_SLO_FILE_MAX_BYTES;
  if (typeof content !== 'string') {
    return {
      documents: [],
      error: createSloSpecError({ file, reason: 'content must be text' }),
    };
  }
  // UTF-8 needs at least one byte per UTF-16 code unit and at most three:
  // only encode when the length alone does not decide.
  const size =
    content.length > maxBytes || content.length * 3 <= maxBytes
      ? content.length
      : utf8Length(content);
  if (size > maxBytes) {
    return {
      documents: [],
      error: createSloSpecError({
        file,
        reason: `is too large (more than ${maxBytes} bytes)`,
      }),
    };
  }

  const lineCounter = new LineCounter();
  const lineAt = (offset: number | undefined) =>
    offset === undefined ? undefined : lineCounter.linePos(offset).line;

  let docs: Document.Parsed[];
  try {
    docs = Array.from(
      parseAllDocuments(content, {
        lineCounter,
        prettyErrors: true,
        uniqueKeys: true,
      }),
    );
  } catch (e) {
    return {
      documents: [],
      error: createSloSpecError({
        file,
        reason: `is not valid YAML: ${(e as Error).message}`,
      }),
    };
  }

  const documents: LoadedYamlDocument[] = [];
  for (const [index, doc] of docs.entries()) {
    const [parseError] = doc.errors;
    if (parseError) {
      return {
        documents: [],
        error: createSloSpecError({
          file,
          line: parseError.linePos?.[0]?.line ?? lineAt(parseError.pos?.[0]),
          reason: `is not valid YAML: ${parseError.message.split('\n')[0]}`,
        }),
      };
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      const reason =
        e instanceof ReferenceError
          ? `uses too many YAML aliases (at most ${MAX_ALIAS_COUNT} alias expansions allowed)`
          : `could not be read: ${(e as Error).message}`;
      return {
        documents: [],
        error: createSloSpecError({
          file,
          line: lineAt(doc.contents?.range?.[0]),
          reason,
        }),
      };
    }
    documents.push({
      file,
      index,
      value,
      line: lineAt(doc.contents?.range?.[0]),
      lineOf: path => lineOfPath(doc, path, lineAt),
    });
  }
  return { documents };
}

function lineOfPath(
  doc: Document.Parsed,
  path: YamlPath,
  lineAt: (offset: number | undefined) => number | undefined,
): number | undefined {
  let node: unknown = doc.contents;
  let line = lineAt((node as { range?: number[] } | null)?.range?.[0]);
  for (const segment of path) {
    if (isAlias(node)) {
      node = node.resolve(doc);
    }
    if (isMap(node)) {
      const pair = node.items.find(
        item =>
          isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) {
        return line;
      }
      const keyRange = (pair.key as { range?: number[] }).range;
      line = lineAt(keyRange?.[0]) ?? line;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) {
        return line;
      }
      line = lineAt((item as { range?: number[] } | null)?.range?.[0]) ?? line;
      node = item;
    } else {
      return line;
    }
  }
  return line;
}
