import {
  createSloSpecError,
  parsePrometheusDuration,
  SloParseResult,
  SloSpec,
  SloSpecError,
  SloWindow,
  uniqueSloId,
} from '@reliability-kit/backstage-plugin-reliability-common';
import {
  convertOpenSloDocument,
  OPENSLO_PASSIVE_KINDS,
  openSloName,
  OpenSloRegistry,
  SloCandidate,
} from './convertOpenSloDocument';
import { convertSlothDocument } from './convertSlothDocument';
import { LoadedYamlDocument, loadYamlDocuments } from './loadYamlDocuments';
import { isRecord, SloDocumentReader } from './SloDocumentReader';

/**
 * Options for reading SLO files.
 *
 * @public
 */
export interface ParseSloOptions {
  /** Largest file accepted, in bytes; default 256 KiB. */
  maxBytes?: number;
  /**
   * Window of SLOs that do not name one: all Sloth SLOs (Sloth has no window
   * field) and OpenSLO SLOs without `timeWindow`. Default `30d`, Sloth's
   * default.
   */
  defaultWindow?: string;
}

/**
 * One SLO file's name and text.
 *
 * @public
 */
export interface SloFile {
  /** The file path, used in error messages. */
  file?: string;
  /** The YAML text of the file. */
  content: string;
}

const SLOTH_CRD_API_VERSION = 'sloth.slok.dev/v1';

type Classified =
  | { format: 'openslo'; doc: LoadedYamlDocument; kind: string }
  | { format: 'sloth'; doc: LoadedYamlDocument; base: string[] };

function classify(
  doc: LoadedYamlDocument,
  errors: SloSpecError[],
): Classified | undefined {
  const value = doc.value;
  if (value === null || value === undefined) {
    return undefined; // an empty document, e.g. after a trailing `---`
  }
  const r = new SloDocumentReader(doc);
  if (!isRecord(value)) {
    r.fail(
      [],
      `document ${doc.index + 1} must be a mapping (an OpenSLO or Sloth spec)`,
    );
    errors.push(...r.errors);
    return undefined;
  }
  const { apiVersion, version, kind } = value;
  if (apiVersion === 'openslo/v1') {
    const kindName = r.string(kind, ['kind'], true);
    if (
      kindName !== undefined &&
      kindName !== 'SLO' &&
      !OPENSLO_PASSIVE_KINDS.has(kindName)
    ) {
      r.fail(['kind'], `"${kindName}" is not an OpenSLO v1 kind`);
    }
    errors.push(...r.errors);
    return r.failed ? undefined : { format: 'openslo', doc, kind: kindName! };
  }
  if (version === 'prometheus/v1' && apiVersion === undefined) {
    return { format: 'sloth', doc, base: [] };
  }
  if (apiVersion === SLOTH_CRD_API_VERSION) {
    if (kind !== 'PrometheusServiceLevel') {
      r.fail(
        ['kind'],
        `must be PrometheusServiceLevel for ${SLOTH_CRD_API_VERSION}`,
      );
      errors.push(...r.errors);
      return undefined;
    }
    return { format: 'sloth', doc, base: ['spec'] };
  }
  if (apiVersion !== undefined) {
    r.fail(
      ['apiVersion'],
      `"${String(
        apiVersion,
      )}" is not supported; use openslo/v1 (OpenSLO) or Sloth's version: prometheus/v1`,
    );
  } else if (version !== undefined) {
    r.fail(
      ['version'],
      `"${String(
        version,
      )}" is not supported; Sloth specs use version: prometheus/v1`,
    );
  } else {
    r.fail(
      [],
      `document ${
        doc.index + 1
      } is neither OpenSLO (apiVersion: openslo/v1) nor Sloth (version: prometheus/v1)`,
    );
  }
  errors.push(...r.errors);
  return undefined;
}

function register(
  registry: OpenSloRegistry,
  entry: Extract<Classified, { format: 'openslo' }>,
  errors: SloSpecError[],
) {
  const { doc, kind } = entry;
  if (kind !== 'SLI' && kind !== 'DataSource') {
    return;
  }
  const r = new SloDocumentReader(doc);
  const name = openSloName(doc.value);
  if (name === undefined) {
    r.fail(['metadata', 'name'], `is required for kind: ${kind}`);
    errors.push(...r.errors);
    return;
  }
  if (kind === 'SLI') {
    if (registry.slis.has(name)) {
      r.fail(
        ['metadata', 'name'],
        `"${name}": another SLI document has the same name`,
      );
      errors.push(...r.errors);
      return;
    }
    registry.slis.set(name, doc);
  } else {
    const spec = (doc.value as Record<string, unknown>).spec;
    const type =
      isRecord(spec) && typeof spec.type === 'string' ? spec.type : undefined;
    registry.dataSourceTypes.set(name, type);
  }
}

/**
 * Reads the SLOs of a set of files (e.g. all SLO files of one catalog
 * entity). Each file may hold several YAML documents (`---`): OpenSLO v1
 * (`kind: SLO`, with an inline `indicator` or an `indicatorRef` to a
 * `kind: SLI` document anywhere in the set; one SLO per objective), Sloth
 * `version: prometheus/v1` specs and Sloth `PrometheusServiceLevel`
 * resources. Other OpenSLO kinds are skipped.
 *
 * Never throws for bad input: a file that cannot be read (too large, bad
 * YAML, alias bomb) gives one error, an invalid SLO gives its errors and the
 * valid SLOs are still returned. Ids are made unique within the set.
 *
 * @public
 */
export function parseSloFiles(
  files: ReadonlyArray<SloFile>,
  options: ParseSloOptions = {},
): SloParseResult {
  const errors: SloSpecError[] = [];
  let defaultWindow: SloWindow;
  const windowText = options.defaultWindow ?? '30d';
  try {
    defaultWindow = {
      kind: 'rolling',
      duration: windowText,
      ms: parsePrometheusDuration(windowText),
    };
  } catch (e) {
    return {
      slos: [],
      errors: [
        createSloSpecError({
          reason: `default SLO window ${(e as Error).message.replace(
            /^duration /,
            '',
          )}`,
        }),
      ],
    };
  }

  const classified: Classified[] = [];
  for (const { file, content } of files) {
    const loaded = loadYamlDocuments(content, {
      file,
      maxBytes: options.maxBytes,
    });
    if (loaded.error) {
      errors.push(loaded.error);
      continue;
    }
    for (const doc of loaded.documents) {
      const entry = classify(doc, errors);
      if (entry) {
        classified.push(entry);
      }
    }
  }

  const registry: OpenSloRegistry = {
    slis: new Map(),
    dataSourceTypes: new Map(),
  };
  for (const entry of classified) {
    if (entry.format === 'openslo') {
      register(registry, entry, errors);
    }
  }

  const candidates: SloCandidate[] = [];
  for (const entry of classified) {
    let result:
      | { candidates: SloCandidate[]; errors: SloSpecError[] }
      | undefined;
    if (entry.format === 'sloth') {
      result = convertSlothDocument(entry.doc, entry.base, defaultWindow);
    } else if (entry.kind === 'SLO') {
      result = convertOpenSloDocument(entry.doc, registry, defaultWindow);
    }
    if (result) {
      candidates.push(...result.candidates);
      errors.push(...result.errors);
    }
  }

  const taken = new Set<string>();
  const slos: SloSpec[] = candidates.map(({ idBase, spec }) => ({
    id: uniqueSloId(idBase, taken),
    ...spec,
  }));
  return { slos, errors };
}

/**
 * Reads the SLOs of one file; see {@link parseSloFiles}.
 *
 * @public
 */
export function parseSloFile(
  content: string,
  options: ParseSloOptions & { file?: string } = {},
): SloParseResult {
  const { file, ...rest } = options;
  return parseSloFiles([{ file, content }], rest);
}
