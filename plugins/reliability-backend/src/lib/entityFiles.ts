import { UrlReaderService } from '@backstage/backend-plugin-api';
import { parseLocationRef } from '@backstage/catalog-model';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** A problem with a file an entity names, shown on the entity. */
export class EntityFileProblem extends Error {}

/**
 * Resolves a relative spec path against the entity's own location, refusing
 * absolute paths, URLs and paths that leave the location's folder: an entity
 * author can point at files next to the catalog-info file, nothing else.
 */
export function resolveSpecLocation(
  location: string,
  specPath: string,
  what = 'SLO spec files',
): { type: 'file' | 'url'; target: string; root?: string } {
  const trimmed = specPath.trim();
  if (!trimmed) {
    throw new EntityFileProblem('the annotation names an empty path');
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('/')) {
    throw new EntityFileProblem(
      `"${trimmed}" must be a path relative to the entity's catalog-info file, not a URL or an absolute path`,
    );
  }
  if (trimmed.split(/[\\/]/).includes('..')) {
    throw new EntityFileProblem(
      `"${trimmed}" must not leave the folder of the entity's catalog-info file`,
    );
  }
  const { type, target } = parseLocationRef(location);
  if (type === 'file') {
    const dir = path.dirname(target);
    const resolved = path.resolve(dir, trimmed);
    if (!resolved.startsWith(`${dir}${path.sep}`)) {
      throw new EntityFileProblem(
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
      throw new EntityFileProblem(
        `"${trimmed}" must not leave the folder of the entity's catalog-info file`,
      );
    }
    return { type: 'url', target: resolved.href };
  }
  throw new EntityFileProblem(
    `${what} can only be read next to a catalog-info file in a file or url location, not a "${type}" location`,
  );
}

/**
 * Reads a resolved file (disk or UrlReader), refusing symlinks that leave
 * the folder and files larger than `maxBytes`.
 */
export async function readEntityFile(
  urlReader: UrlReaderService,
  location: { type: 'file' | 'url'; target: string; root?: string },
  maxBytes: number,
): Promise<string> {
  const tooLarge = (size: number) =>
    new EntityFileProblem(
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
      throw new EntityFileProblem(`no such file next to the catalog-info file`);
    }
    if (!real.startsWith(`${realDir}${path.sep}`)) {
      throw new EntityFileProblem(
        `leads outside the folder of the entity's catalog-info file`,
      );
    }
    const stat = await fs.stat(location.target).catch(() => undefined);
    if (!stat?.isFile()) {
      throw new EntityFileProblem(`no such file next to the catalog-info file`);
    }
    if (stat.size > maxBytes) {
      throw tooLarge(stat.size);
    }
    return fs.readFile(location.target, 'utf8');
  }
  const response = await urlReader.readUrl(location.target);
  const buffer = await response.buffer();
  if (buffer.length > maxBytes) {
    throw tooLarge(buffer.length);
  }
  return buffer.toString('utf8');
}

/**
 * Reads the files with one of `extensions` in a resolved folder (disk or
 * UrlReader `readTree`), at most `maxFiles`, each at most `maxBytes`. A file
 * that cannot be read is returned with its error instead of its content.
 */
export async function readEntityFolder(
  urlReader: UrlReaderService,
  location: { type: 'file' | 'url'; target: string; root?: string },
  options: { extensions: string[]; maxBytes: number; maxFiles: number },
): Promise<Array<{ name: string; content?: string; error?: string }>> {
  const wanted = (name: string) =>
    options.extensions.some(e => name.toLowerCase().endsWith(e));
  if (location.type === 'file') {
    const stat = await fs.stat(location.target).catch(() => undefined);
    if (!stat?.isDirectory()) {
      throw new EntityFileProblem(
        'no such folder next to the catalog-info file',
      );
    }
    const names = (await fs.readdir(location.target)).filter(wanted).sort();
    return Promise.all(
      names.slice(0, options.maxFiles).map(async name => {
        try {
          const content = await readEntityFile(
            urlReader,
            {
              type: 'file',
              target: path.join(location.target, name),
              root: location.root,
            },
            options.maxBytes,
          );
          return { name, content };
        } catch (error) {
          return { name, error: (error as Error).message };
        }
      }),
    );
  }
  const tree = await urlReader.readTree(location.target);
  const files = (await tree.files())
    .filter(f => wanted(f.path))
    .sort((a, b) => a.path.localeCompare(b.path))
    .slice(0, options.maxFiles);
  return Promise.all(
    files.map(async f => {
      const buffer = await f.content();
      return buffer.length > options.maxBytes
        ? {
            name: f.path,
            error: `is ${buffer.length} bytes, larger than the limit of ${options.maxBytes} bytes`,
          }
        : { name: f.path, content: buffer.toString('utf8') };
    }),
  );
}
