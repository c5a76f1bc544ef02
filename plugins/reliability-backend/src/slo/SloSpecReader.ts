import { UrlReaderService } from '@backstage/backend-plugin-api';
import { ANNOTATION_LOCATION, Entity } from '@backstage/catalog-model';
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
import {
  EntityFileProblem,
  readEntityFile,
  resolveSpecLocation,
} from '../lib/entityFiles';

export { resolveSpecLocation };

/** The annotation naming an entity's SLO spec file(s). */

const MAX_FILES = 10;

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
        const content = await readEntityFile(
          this.options.urlReader,
          resolved,
          maxBytes,
        );
        files.push({ file: specPath, content });
      } catch (error) {
        problems.push({
          source: 'slo',
          file: specPath,
          message:
            error instanceof EntityFileProblem
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
}
