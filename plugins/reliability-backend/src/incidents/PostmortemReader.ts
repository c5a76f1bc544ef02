import { UrlReaderService } from '@backstage/backend-plugin-api';
import { ANNOTATION_LOCATION, Entity } from '@backstage/catalog-model';
import {
  EntityProblem,
  Postmortem,
  RELIABILITY_ANNOTATION_POSTMORTEMS,
} from '@reliability-kit/backstage-plugin-reliability-common';
import {
  EntityFileProblem,
  readEntityFile,
  readEntityFolder,
  resolveSpecLocation,
} from '../lib/entityFiles';
import { parsePostmortem } from './parsePostmortem';

const MAX_PATHS = 10;
const MAX_FILES = 200;
const DEFAULT_MAX_BYTES = 256 * 1024;

/**
 * Reads the postmortems an entity names with `reliability-kit.io/postmortems`
 * (comma-separated folders or `.md` files relative to its catalog-info file),
 * like the SLO spec files: from disk for file locations, through the
 * UrlReader for url locations, size-limited, never leaving the entity's
 * folder. Problems (unreadable or malformed files) are returned for the
 * entity, never thrown; the other files are still read.
 */
export class PostmortemReader {
  constructor(
    private readonly options: {
      urlReader: UrlReaderService;
      maxBytes?: number;
    },
  ) {}

  async read(
    entity: Entity,
  ): Promise<{ postmortems: Postmortem[]; problems: EntityProblem[] }> {
    const value =
      entity.metadata.annotations?.[RELIABILITY_ANNOTATION_POSTMORTEMS];
    if (!value) {
      return { postmortems: [], problems: [] };
    }
    const problem = (message: string, file?: string): EntityProblem => ({
      source: 'incidents',
      ...(file ? { file } : {}),
      message,
    });
    const location = entity.metadata.annotations?.[ANNOTATION_LOCATION];
    if (!location) {
      return {
        postmortems: [],
        problems: [
          problem(
            `cannot resolve ${RELIABILITY_ANNOTATION_POSTMORTEMS}: the entity has no ${ANNOTATION_LOCATION} annotation`,
          ),
        ],
      };
    }
    const maxBytes = this.options.maxBytes ?? DEFAULT_MAX_BYTES;
    const paths = value
      .split(',')
      .map(p => p.trim())
      .filter(Boolean);
    const problems: EntityProblem[] = [];
    if (paths.length > MAX_PATHS) {
      problems.push(
        problem(
          `${RELIABILITY_ANNOTATION_POSTMORTEMS} names ${paths.length} paths; at most ${MAX_PATHS} are read`,
        ),
      );
    }
    const files: Array<{
      file: string;
      content?: string;
      error?: string;
      url?: string;
    }> = [];
    for (const p of paths.slice(0, MAX_PATHS)) {
      try {
        const resolved = resolveSpecLocation(location, p, 'Postmortems');
        if (/\.(md|markdown)$/i.test(p)) {
          const content = await readEntityFile(
            this.options.urlReader,
            resolved,
            maxBytes,
          );
          files.push({
            file: p,
            content,
            ...(resolved.type === 'url' ? { url: resolved.target } : {}),
          });
        } else {
          const dir = p.endsWith('/') ? p : `${p}/`;
          const read = await readEntityFolder(
            this.options.urlReader,
            resolved,
            {
              extensions: ['.md', '.markdown'],
              maxBytes,
              maxFiles: MAX_FILES,
            },
          );
          for (const f of read) {
            const name = f.name.split('/').pop()!;
            files.push({
              file: `${dir}${name}`,
              ...(f.content !== undefined ? { content: f.content } : {}),
              ...(f.error ? { error: f.error } : {}),
              ...(resolved.type === 'url'
                ? {
                    url: new URL(
                      name,
                      resolved.target.endsWith('/')
                        ? resolved.target
                        : `${resolved.target}/`,
                    ).href,
                  }
                : {}),
            });
          }
        }
      } catch (error) {
        problems.push(
          problem(
            error instanceof EntityFileProblem
              ? `${p}: ${error.message}`
              : `${p}: could not be read: ${(error as Error).message}`,
            p,
          ),
        );
      }
    }
    const postmortems: Postmortem[] = [];
    const covered = new Map<string, string>();
    for (const f of files) {
      if (f.error || f.content === undefined) {
        problems.push(
          problem(`${f.file}: ${f.error ?? 'could not be read'}`, f.file),
        );
        continue;
      }
      const parsed = parsePostmortem(f.file, f.content, { url: f.url });
      if (parsed.problem) {
        problems.push(parsed.problem);
        continue;
      }
      const pm = parsed.postmortem!;
      for (const id of pm.incidentIds) {
        const other = covered.get(id);
        if (other) {
          problems.push(
            problem(
              `${pm.id}: incident ${id} is also covered by ${other}; the first file is used for it`,
              pm.id,
            ),
          );
        } else {
          covered.set(id, pm.id);
        }
      }
      postmortems.push(pm);
    }
    return { postmortems, problems };
  }
}
