import { Entity } from '@backstage/catalog-model';
import { SloSpec } from '@reliability-kit/backstage-plugin-reliability-common';
import {
  generateSlothRules,
  parseSloFiles,
} from '@reliability-kit/backstage-plugin-reliability-node';
import request from 'supertest';
import { parseAllDocuments, stringify as stringifyYaml } from 'yaml';
import { testDatabases } from '../__testUtils__/testDatabases';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import { fixedClock } from '../lib/Clock';
import { MAX_YAML_COMMENT, yamlComment } from '../slo/sloRoutes';
import { testComponent } from '../__testUtils__/entities';
import { createTestApp } from '../__testUtils__/testRouter';

// Finding 1 of issue 19: text of SLO spec files (an entity author's input)
// must not be able to change the structure of the rules export.

const databases = testDatabases();
const DAY_MS = 24 * 60 * 60 * 1000;
const NOW = '2026-11-26T10:00:00.000Z';

/** The payload of the probe: a query that opens its own rule group. */
const INJECTION =
  'up\ngroups:\n- name: pwned\n  rules:\n  - alert: Injected\n    expr: vector(1)\n---\n#';

/** Hostile texts for every field an author controls. */
const HOSTILE = [
  INJECTION,
  'a\r\ngroups: []\r\n---\r\n# x',
  'a\u2028groups: []\u2029--- # x',
  'a\u0085--- #\u000b\u000c\u0000b',
  '"quoted" \'single\' {flow: [1, 2]} &anchor *alias !!binary |',
  'caf\u00e9 \u{1f525} \u202e\u0645\u0631\u062d\u0628\u0627 \ufeff',
  `long ${'x\n---\n'.repeat(400)}`,
];

const entity = (name: string): Entity => testComponent(name);

const ratioSpec = (id: string, over: Partial<SloSpec> = {}): SloSpec => ({
  id,
  name: id,
  objective: 0.999,
  window: { kind: 'rolling', duration: '30d', ms: 30 * DAY_MS },
  budgetingMethod: 'Occurrences',
  indicator: {
    kind: 'ratio',
    bad: 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))',
    total: 'sum(rate(http_requests_total[{{.window}}]))',
  },
  source: { format: 'sloth/v1', file: './slos.yaml', line: 4 },
  ...over,
});

/** An OpenSLO file whose SLI query is `query` (accepted without {{.window}}). */
const openSloFile = (name: string, query: string) =>
  stringifyYaml({
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name, displayName: query },
    spec: {
      service: 'checkout',
      description: query,
      indicator: {
        metadata: { name: `${name}-sli` },
        spec: {
          ratioMetric: {
            counter: true,
            good: {
              metricSource: { type: 'Prometheus', spec: { query } },
            },
            total: {
              metricSource: {
                type: 'Prometheus',
                spec: { query: 'sum(rate(x_total[{{.window}}]))' },
              },
            },
          },
        },
      },
      timeWindow: [{ duration: '28d', isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives: [{ target: 0.999 }],
    },
  });

/** A Sloth file with hostile text in every free-text field. */
const slothFile = (text: string, i: number) =>
  stringifyYaml({
    version: 'prometheus/v1',
    service: `svc ${text}`,
    labels: { team: text, [`k${i}`]: text },
    slos: [
      {
        name: `slo-${i}`,
        objective: 99.9,
        description: text,
        labels: { note: text },
        sli: {
          events: {
            error_query: `sum(rate(errors{msg="${text}"}[{{.window}}]))`,
            total_query: `sum(rate(total[{{.window}}])) # ${text}`,
          },
        },
        alerting: {
          name: `Alert ${text}`,
          labels: { severity: text },
          annotations: { summary: text, runbook: text },
        },
      },
    ],
  });

describe('yamlComment', () => {
  it('keeps a comment on one line, escaping breaks and controls', () => {
    const line = yamlComment(INJECTION);
    expect(line.split(/\r\n|\r|\n|\u2028|\u2029|\u0085/)).toHaveLength(1);
    expect(line).toBe(
      '# up\\ngroups:\\n- name: pwned\\n  rules:\\n  - alert: Injected\\n    expr: vector(1)\\n---\\n#',
    );
    expect(yamlComment('a\r\u2028\u2029\u0085\u0000\t\ud800b')).toBe(
      '# a\\r\\u2028\\u2029\\u0085\\u0000\\t\ufffdb',
    );
    expect(yamlComment('caf\u00e9 \u{1f525}')).toBe('# caf\u00e9 \u{1f525}');
  });

  it('bounds the length', () => {
    const line = yamlComment('\u{1f525}'.repeat(10000));
    expect(Array.from(line)).toHaveLength(2 + MAX_YAML_COMMENT + 3);
    expect(line.endsWith('\u{1f525}...')).toBe(true);
  });
});

describe.each(databases.eachSupportedId())(
  'GET /slos/rules with hostile spec files, on %p',
  databaseId => {
    const setup = async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseReliabilityStore.create({
        database: { getClient: async () => knex },
      });
      const app = await createTestApp({
        store,
        entities: [entity('checkout'), entity('payments')],
        clock: fixedClock(NOW),
      });
      return { app, store };
    };

    it('exports exactly one YAML document with exactly the expected groups', async () => {
      const { app, store } = await setup();

      // Spec files as an entity author writes them, read by the real parser.
      const parsed = parseSloFiles([
        ...HOSTILE.map((text, i) => ({
          file: `./open-${i}.yaml`,
          content: openSloFile(`open-${i}`, text),
        })),
        ...HOSTILE.map((text, i) => ({
          file: `./sloth-${i}.yaml`,
          content: slothFile(text, i),
        })),
      ]);
      expect(parsed.errors).toEqual([]);
      // And SLOs with hostile text where no parser would let it through.
      const direct = HOSTILE.map((text, i) =>
        ratioSpec(`direct-${i}`, {
          service: `svc-${i}`,
          displayName: text,
          description: text,
          labels: { note: text },
          indicator: {
            kind: 'raw',
            query: `${text} {{.window}}`,
            rawType: 'failure',
          },
          alerting: { name: text, annotations: { summary: text } },
        }),
      );
      const skippedDirect = HOSTILE.map((text, i) =>
        ratioSpec(`skip-${i}`, {
          service: text,
          indicator: { kind: 'raw', query: text, rawType: 'failure' },
        }),
      );
      const checkoutSlos = [...parsed.slos, ...skippedDirect];
      const paymentsSlos = direct;
      await store.replaceSloDefinitions(
        'component:default/checkout',
        checkoutSlos,
        NOW,
      );
      await store.replaceSloDefinitions(
        'component:default/payments',
        paymentsSlos,
        NOW,
      );

      const expectedGroups = [];
      let expectedSkipped = 0;
      for (const [slos, service] of [
        [checkoutSlos, 'checkout'],
        [paymentsSlos, 'payments'],
      ] as const) {
        for (const slo of slos) {
          try {
            expectedGroups.push(...generateSlothRules(slo, { service }).groups);
          } catch {
            expectedSkipped++;
          }
        }
      }
      // every open-* SLO (no {{.window}}) and every skip-* one is skipped
      expect(expectedSkipped).toBe(2 * HOSTILE.length);
      expect(expectedGroups.length).toBeGreaterThanOrEqual(
        3 * 2 * HOSTILE.length,
      );

      const res = await request(app).get('/slos/rules');
      expect(res.status).toBe(200);
      const docs = parseAllDocuments(res.text, {
        strict: true,
        uniqueKeys: true,
        prettyErrors: false,
      });
      expect(Array.isArray(docs)).toBe(true);
      const list = docs as Exclude<typeof docs, { empty: true }>;
      expect(list).toHaveLength(1);
      expect(list[0].errors).toEqual([]);
      expect(list[0].warnings).toEqual([]);
      const exported = list[0].toJS();
      expect(Object.keys(exported)).toEqual(['groups']);
      expect(exported.groups).toEqual(
        JSON.parse(JSON.stringify(expectedGroups)),
      );
      expect(
        exported.groups.some((g: { name: string }) => g.name === 'pwned'),
      ).toBe(false);

      // The header: one bounded comment line per skipped SLO, then the YAML.
      const lines = res.text.split('\n');
      const comments = lines.filter(l => l.startsWith('#'));
      expect(comments).toHaveLength(expectedSkipped);
      expect(lines.slice(0, expectedSkipped)).toEqual(comments);
      expect(lines[expectedSkipped]).toBe('groups:');
      for (const c of comments) {
        expect(c).toMatch(/^# skipped component:default\/checkout SLO /);
        expect(c).not.toMatch(/[\r\u0085\u2028\u2029]/);
        expect(Array.from(c).length).toBeLessThanOrEqual(
          2 + MAX_YAML_COMMENT + 3,
        );
      }
      // No line of the body starts a document or a top-level key but groups.
      expect(lines.filter(l => /^(---|\.\.\.)/.test(l))).toEqual([]);
      expect(lines.filter(l => /^[^\s#-]/.test(l))).toEqual(['groups:']);

      // The JSON format carries the same groups and the raw reasons.
      const json = await request(app).get('/slos/rules?format=json');
      expect(json.body.groups).toEqual(exported.groups);
      expect(json.body.skipped).toHaveLength(expectedSkipped);
    });
  },
);
