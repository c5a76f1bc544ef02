import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { PostmortemReader } from './PostmortemReader';

const dir = createMockDirectory();
const entity = (
  postmortems: string | undefined,
  location = `file:${dir.resolve('svc/catalog-info.yaml')}`,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'svc',
    annotations: {
      'backstage.io/managed-by-location': location,
      ...(postmortems ? { 'reliability-kit.io/postmortems': postmortems } : {}),
    },
  },
});
const OK = (id: string) =>
  `---\nincidents: [${id}]\nstatus: draft\n---\n# ${id}\n`;

describe('PostmortemReader', () => {
  beforeEach(() => {
    dir.setContent({
      'svc/catalog-info.yaml': '',
      'svc/postmortems/2026-11-01.md': OK('P1'),
      'svc/postmortems/2026-11-02.md': '# no front matter',
      'svc/postmortems/notes.txt': 'ignored',
      'svc/postmortems/dup.md': OK('P1'),
      'svc/single.md': OK('P9'),
      'secret.md': OK('X'),
    });
  });
  const reader = new PostmortemReader({
    urlReader: mockServices.urlReader.mock(),
  });

  it('reads a folder of Markdown files, reporting malformed ones and keeping the others', async () => {
    const { postmortems, problems } = await reader.read(
      entity('./postmortems/'),
    );
    expect(postmortems.map(p => [p.id, p.incidentIds])).toEqual([
      ['./postmortems/2026-11-01.md', ['P1']],
      ['./postmortems/dup.md', ['P1']],
    ]);
    expect(problems.map(p => p.message)).toEqual([
      './postmortems/2026-11-02.md: has no YAML front matter (a block between --- lines at the top of the file)',
      './postmortems/dup.md: incident P1 is also covered by ./postmortems/2026-11-01.md; the first file is used for it',
    ]);
  });

  it('reads single files and several paths', async () => {
    const { postmortems, problems } = await reader.read(
      entity('./single.md, postmortems'),
    );
    expect(problems).toHaveLength(2);
    expect(postmortems.map(p => p.id)).toEqual([
      './single.md',
      'postmortems/2026-11-01.md',
      'postmortems/dup.md',
    ]);
  });

  it.each([
    ['../secret.md', 'must not leave the folder'],
    ['/etc/', 'must be a path relative'],
    ['./missing/', 'no such folder next to the catalog-info file'],
    ['./missing.md', 'no such file next to the catalog-info file'],
  ])('refuses %s with a clear problem', async (path, message) => {
    const { postmortems, problems } = await reader.read(entity(path));
    expect(postmortems).toEqual([]);
    expect(problems[0].message).toContain(message);
  });

  it('has nothing to read without the annotation, and says so without a location', async () => {
    expect(await reader.read(entity(undefined))).toEqual({
      postmortems: [],
      problems: [],
    });
    const noLocation = entity('./postmortems/');
    delete noLocation.metadata.annotations!['backstage.io/managed-by-location'];
    expect((await reader.read(noLocation)).problems[0].message).toContain(
      'has no backstage.io/managed-by-location',
    );
  });
});
