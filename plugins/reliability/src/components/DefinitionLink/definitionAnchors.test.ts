import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  DEFINITION_ANCHORS,
  DEFAULT_DEFINITIONS_URL,
  definitionHref,
} from './definitionAnchors';

/** GitHub's anchor of a Markdown heading. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

const doc = readFileSync(
  resolve(__dirname, '../../../../../docs/definitions.md'),
  'utf8',
);
const headings = new Set(
  [...doc.matchAll(/^#{2,3} (.+)$/gm)].map(m => slug(m[1])),
);

describe('definition anchors', () => {
  it.each(DEFINITION_ANCHORS.map(a => [a]))(
    '%s is a heading of docs/definitions.md',
    anchor => {
      expect(headings.has(anchor)).toBe(true);
    },
  );

  it('links into the configured document, replacing any anchor it has', () => {
    expect(definitionHref('sli')).toBe(`${DEFAULT_DEFINITIONS_URL}#sli`);
    expect(
      definitionHref('mtta', 'https://docs.example.com/defs.html#top'),
    ).toBe('https://docs.example.com/defs.html#mtta');
  });
});
