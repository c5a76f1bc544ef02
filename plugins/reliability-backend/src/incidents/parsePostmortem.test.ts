import { parsePostmortem } from './parsePostmortem';

const FULL = `---
title: Checkout outage
incidents: [PABC123, PDEF456]
severity: SEV1
status: In Review
created: 2026-11-06
actions:
  - id: A1
    title: Add a circuit breaker
    owner: group:default/team-checkout
    due: 2026-11-20
    ticket: OPS-12
  - id: A2
    title: Write the runbook
---
# Checkout outage

What happened.
`;

describe('parsePostmortem', () => {
  it('reads the front matter', () => {
    expect(parsePostmortem('postmortems/2026-11-06.md', FULL)).toEqual({
      postmortem: {
        id: 'postmortems/2026-11-06.md',
        source: 'file',
        title: 'Checkout outage',
        incidentIds: ['PABC123', 'PDEF456'],
        severity: 'SEV1',
        status: 'in-review',
        createdAt: '2026-11-06',
        actions: [
          {
            id: 'A1',
            title: 'Add a circuit breaker',
            owner: 'group:default/team-checkout',
            due: '2026-11-20',
            ticket: 'OPS-12',
          },
          { id: 'A2', title: 'Write the runbook' },
        ],
      },
    });
  });

  it('takes the title from the first heading and one incident id as text', () => {
    const r = parsePostmortem(
      'p.md',
      '---\nincident: P1\nstatus: published\npublished: 2026-11-12T09:30:00+01:00\n---\n\n# From the heading\n',
    );
    expect(r.postmortem).toMatchObject({
      title: 'From the heading',
      incidentIds: ['P1'],
      publishedAt: '2026-11-12T09:30:00+01:00',
    });
  });

  it.each([
    ['no front matter', '# Just markdown', 'p.md: has no YAML front matter'],
    [
      'invalid YAML (with its line)',
      '---\nincidents: [P1\nstatus: draft\n---\n',
      'p.md:',
    ],
    [
      'a list instead of a map',
      '---\n- a\n---\n',
      'the front matter must be a map',
    ],
    [
      'no incidents',
      '---\nstatus: draft\n---\n',
      'incidents must name at least one incident id',
    ],
    [
      'an unknown status',
      '---\nincidents: [P1]\nstatus: done\n---\n',
      'status "done" must be draft, in review or published',
    ],
    [
      'published without a date',
      '---\nincidents: [P1]\nstatus: published\n---\n',
      'published (the date it was published) is required',
    ],
    [
      'a bad date',
      '---\nincidents: [P1]\nstatus: published\npublished: 12/11/2026\n---\n',
      'published "12/11/2026" must be a date',
    ],
    [
      'an action without a title',
      '---\nincidents: [P1]\nstatus: draft\nactions:\n  - id: A1\n---\n',
      'actions[0].title is required',
    ],
    [
      'a due instant instead of a date',
      '---\nincidents: [P1]\nstatus: draft\nactions:\n  - { id: A1, title: t, due: "2026-11-20T10:00:00Z" }\n---\n',
      'actions[0].due "2026-11-20T10:00:00Z" must be a date such as 2026-11-12',
    ],
    [
      'duplicate action ids',
      '---\nincidents: [P1]\nstatus: draft\nactions:\n  - { id: A1, title: a }\n  - { id: A1, title: b }\n---\n',
      'actions[1].id "A1" is used twice',
    ],
    [
      'actions not a list',
      '---\nincidents: [P1]\nstatus: draft\nactions: A1\n---\n',
      'actions must be a list',
    ],
  ])('names the problem: %s', (_name, content, message) => {
    const r = parsePostmortem('p.md', content);
    expect(r.postmortem).toBeUndefined();
    expect(r.problem).toMatchObject({ source: 'incidents', file: 'p.md' });
    expect(r.problem!.message).toContain(message);
  });

  it('gives the YAML error line counted in the file', () => {
    const r = parsePostmortem(
      'p.md',
      '---\nstatus: draft\nincidents: [P1\n---\n',
    );
    expect(r.problem!.line).toBeGreaterThanOrEqual(3);
  });
});
