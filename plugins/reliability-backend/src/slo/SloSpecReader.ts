import { UrlReaderService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import {
  EntityProblem,
  SloSpec,
  RELIABILITY_ANNOTATION_SLO_SPEC,
} from '@reliability-kit/backstage-plugin-reliability-common';
import {
  DEFAULT_SLO_FILE_MAX_BYTES,
  SloFile,
  parseSloFiles,
} from '@reliability-kit/backstage-plugin-reliability-node';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** The annotation naming an entity's SLO spec file(s). */

const MAX_FILES = 10;

/** A problem with an entity's SLO specs, shown on the entity. */
class SpecProblem extends Error {}

/**
 * Resolves a relative spec path against the entity's own location, refusing
 * absolute paths, URLs and paths that leave the location's folder: an entity
 * author can point at files next to the catalog-info file, nothing else.
 */
export function resolveSpecLocation(
  location: string,
  specPath: string,
): { type: 'file' | 'url'; target: string; root?: string } {
  const trimmed = specPath.trim();
  if (!trimmed) {
    throw new SpecProblem('the annotation names an empty path');
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('/')) {
    throw new SpecProblem(
      `"${trimmed}" must be a path relative to the entity's catalog-info file, not a URL or an absolute path`,
    );
  }
  if (trimmed.split(/[\\/]/).includes('..')) {
    throw new SpecProblem(
      `"${trimmed}" must not leave the folder of the entity's catalog-info file`,
    );
  }
  const { type, target } = parseLocationRef(location);
  if (type === 'file') {
    const dir = path.dirname(target);
    const resolved = path.resolve(dir, trimmed);
    if (!resolved.startsWith(`${dir}${path.sep}`)) {
      throw new SpecProblem(
        `"${trimmed}" must not leave the folder of the entity's catalog-info file`,
      );
    }
    return { type: 'file', target: resolved, root: dir };
  }
  if (type === 'url') {
    const base = new URL(target);
    const resolved = new URL(trimmed, base);
    const dir = base.href.slice(0, base.href.lastIndexOf('/') + 1);
    if (resolved.origin !== base.origin || !resolved.href.startsWith(dir)) {
      throw new SpecProblem(
        `"${trimmed}" must not leave the folder of the entity's catalog-info file`,
      );
    }
    return { type: 'url', target: resolved.href };
  }
  throw new SpecProblem(
    `SLO spec files can only be read next to a catalog-info file in a file or url location, not a "${type}" location`,
  );
}

/**
 * Reads the SLO spec files an entity references with
 * `reliability-kit.io/slo-spec` (comma-separated relative paths), through the
 * UrlReader for url locations and from disk for file locations, size-limited,
 * and parses them. Problems are returned for the entity, never thrown.
 */
export class SloSpecReader {
  constructor(
    private readonly options: {
      urlReader: UrlReaderService;
      maxBytes?: number;
      defaultWindow?: string;
    },
  ) {}

  async read(
    entity: Entity,
  ): Promise<{ specs: SloSpec[]; problems: EntityProblem[] }> {
    const value =
      entity.metadata.annotations?.[RELIABILITY_ANNOTATION_SLO_SPEC];
    if (!value) {
      return { specs: [], problems: [] };
    }
    const maxBytes = this.options.maxBytes ?? DEFAULT_SLO_FILE_MAX_BYTES;
    const problems: EntityProblem[] = [];
    const paths = value
      .split(',')
      .map(p => p.trim())
      .filter(Boolean);
    if (paths.length > MAX_FILES) {
      problems.push({
        source: 'slo',
        message: `${RELIABILITY_ANNOTATION_SLO_SPEC} names ${paths.length} files; at most ${MAX_FILES} are read`,
      });
    }
    const location = entity.metadata.annotations?.[ANNOTATION_LOCATION];
    if (!location) {
      return {
        specs: [],
        problems: [
          {
            source: 'slo',
            message: `cannot resolve ${RELIABILITY_ANNOTATION_SLO_SPEC}: the entity has no ${ANNOTATION_LOCATION} annotation`,
          },
        ],
      };
    }

    const files: SloFile[] = [];
    for (const specPath of paths.slice(0, MAX_FILES)) {
      try {
        const resolved = resolveSpecLocation(location, specPath);
        const content = await this.readLimited(resolved, maxBytes);
        files.push({ file: specPath, content });
      } catch (error) {
        problems.push({
          source: 'slo',
          file: specPath,
          message:
            error instanceof SpecProblem
              ? `${specPath}: ${error.message}`
              : `${specPath}: could not be read: ${(error as Error).message}`,
        });
      }
    }

    const parsed = parseSloFiles(files, {
      maxBytes,
      defaultWindow: this.options.defaultWindow,
    });
    for (const e of parsed.errors) {
      problems.push({
        source: 'slo',
        message: e.message,
        ...(e.file ? { file: e.file } : {}),
        ...(e.line ? { line: e.line } : {}),
      });
    }
    return { specs: parsed.slos, problems };
  }

  private async readLimited(
    location: { type: 'file' | 'url'; target: string; root?: string },
    maxBytes: number,
  ): Promise<string> {
    const tooLarge = (size: number) =>
      new SpecProblem(
        `is ${size} bytes, larger than the limit of ${maxBytes} bytes`,
      );
    if (location.type === 'file') {
      // The path was checked as text; a symlink must not lead outside either.
      const [real, realDir] = await Promise.all([
        fs.realpath(location.target).catch(() => undefined),
        fs
          .realpath(location.root ?? path.dirname(location.target))
          .catch(() => undefined),
      ]);
      if (!real || !realDir) {
        throw new SpecProblem(`no such file next to the catalog-info file`);
      }
      if (!real.startsWith(`${realDir}${path.sep}`)) {
        throw new SpecProblem(
          `leads outside the folder of the entity's catalog-info file`,
        );
      }
      const stat = await fs.stat(location.target).catch(() => undefined);
      if (!stat?.isFile()) {
        throw new SpecProblem(`no such file next to the catalog-info file`);
      }
      if (stat.size > maxBytes) {
        throw tooLarge(stat.size);
      }
      return fs.readFile(location.target, 'utf8');
    }
    const response = await this.options.urlReader.readUrl(location.target);
    const buffer = await response.buffer();
    if (buffer.length > maxBytes) {
      throw tooLarge(buffer.length);
    }
    return buffer.toString('utf8');
  }
}
