import {
  TestDatabases,
  createMockDirectory,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  EntityProblem,
  SloSnapshot,
} from '@reliability-kit/backstage-plugin-reliability-common';
import express from 'express';
import { symlinkSync } from 'node:fs';
import request from 'supertest';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import {
  PrometheusClient,
  readPrometheusInstances,
} from '../providers/prometheus';
import { PrometheusSloMetricsProvider } from '../slo/PrometheusSloMetricsProvider';
import { SloCollector } from '../slo/SloCollector';
import { testComponent } from '../__testUtils__/entities';
import { createTestApp } from '../__testUtils__/testRouter';
import { createTestSloCollector } from '../__testUtils__/testSloCollector';

// The bad-input suite: malformed requests to every route and malformed SLO
// spec files. Each gets a clear 4xx or a problem on its entity, and the
// backend keeps serving afterwards. No external server is involved.

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const DAY_MS = 24 * 60 * 60 * 1000;
const user = mockCredentials.user.header();
const serviceAuth = mockCredentials.service.header();
const none = mockCredentials.none.header();

/** A pattern for an expected message: a RegExp, or a string matched whole. */
const exactly = (message: string | RegExp): RegExp =>
  typeof message === 'string'
    ? new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)
    : message;

describe('malformed requests', () => {
  const checkout: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', namespace: 'default' },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
  };
  const TOIL = {
    task: 'Rotate certificates',
    minutesPerOccurrence: 30,
    occurrencesPerWeek: 2,
  };
  const UNKNOWN_ID = '3f1c6f5e-8d0b-4c3e-9a7e-2b6d1e0f4a5c';
  const base = '/entities/component/default/checkout';
  const history = `${base}/slos/availability/history`;
  const entityError =
    ': must be 1-63 letters, digits, dashes, underscores or dots';
  const sloIdError =
    'Invalid SLO id: must be 1-255 letters, digits, dots, colons, dashes or underscores';

  let app: express.Express;
  let store: DatabaseReliabilityStore;

  beforeAll(async () => {
    const knex = await databases.init('SQLITE_3');
    store = await DatabaseReliabilityStore.create({
      database: { getClient: async () => knex },
    });
    app = await createTestApp({ store, entities: [checkout] });
    await store.writeSection('component:default/checkout', 'slos', {
      items: [
        {
          id: 'availability',
          name: 'availability',
          origin: 'spec',
          instance: 'prom',
          objective: 0.999,
          status: 'healthy',
        },
      ],
      problems: [],
      status: 'ok',
      demo: false,
      computedAt: '2026-11-26T10:00:00.000Z',
    });
  });

  interface Case {
    method?: 'get' | 'post' | 'put' | 'delete';
    url: string;
    /** A JSON body, or raw text with `type`. */
    body?: unknown;
    raw?: string;
    type?: string;
    auth?: string;
    status: 400 | 401 | 403 | 404 | 413;
    message: string | RegExp;
  }

  const get = (
    url: string,
    status: Case['status'],
    message: Case['message'],
    auth?: string,
  ): Case => ({ url, status, message, ...(auth ? { auth } : {}) });
  const send = (
    method: 'post' | 'put' | 'delete',
    url: string,
    body: unknown,
    status: Case['status'],
    message: Case['message'],
    auth?: string,
  ): Case => ({
    method,
    url,
    body,
    status,
    message,
    ...(auth ? { auth } : {}),
  });
  const postRaw = (
    raw: string,
    status: Case['status'],
    message: Case['message'],
  ): Case => ({
    method: 'post',
    url: `${base}/toil`,
    raw,
    type: 'application/json',
    status,
    message,
  });
  const toil = `${base}/toil`;
  const invalidName = `Invalid entity name${entityError}`;
  const noEntity = 'No entity component:default/nope found in the catalog';
  const noToilItem = `component:default/checkout has no toil item ${UNKNOWN_ID}`;
  const badFrom = 'Invalid query parameter "from": must be an ISO 8601 time';

  const cases: Array<[string, Case]> = [
    // entity references
    [
      'an entity name with a space',
      get('/entities/component/default/bad%20name', 400, invalidName),
    ],
    [
      'an entity name of 64 characters',
      get(`/entities/component/default/${'a'.repeat(64)}`, 400, invalidName),
    ],
    [
      'an entity name with an encoded slash',
      get('/entities/component/default/team%2Fcheckout', 400, invalidName),
    ],
    [
      'a unicode entity name',
      get('/entities/component/default/caf%C3%A9', 400, invalidName),
    ],
    [
      'an entity name of encoded dots (..)',
      get('/entities/component/default/%2E%2E', 400, invalidName),
    ],
    [
      'an entity name with a NUL byte',
      get('/entities/component/default/check%00out', 400, invalidName),
    ],
    [
      'an entity kind with a space',
      get(
        '/entities/comp%20onent/default/checkout',
        400,
        `Invalid entity kind${entityError}`,
      ),
    ],
    [
      'a unicode namespace',
      get(
        '/entities/component/d%C3%A9faut/checkout',
        400,
        `Invalid entity namespace${entityError}`,
      ),
    ],
    [
      'a namespace of 100 characters',
      get(
        `/entities/component/${'n'.repeat(100)}/checkout`,
        400,
        `Invalid entity namespace${entityError}`,
      ),
    ],
    [
      'broken percent-encoding',
      get(
        '/entities/component/default/%E0%A4%A',
        400,
        "Failed to decode param '%E0%A4%A'",
      ),
    ],
    [
      'an unknown entity',
      get('/entities/component/default/nope', 404, noEntity),
    ],
    ['no credentials', get(base, 401, 'Missing credentials', none)],
    // SLO history
    [
      'an SLO id with an encoded slash',
      get(`${base}/slos/a%2Fb/history`, 400, sloIdError),
    ],
    [
      'an SLO id of 256 characters',
      get(`${base}/slos/${'s'.repeat(256)}/history`, 400, sloIdError),
    ],
    [
      'a unicode SLO id',
      get(`${base}/slos/verf%C3%BCgbarkeit/history`, 400, sloIdError),
    ],
    ['an invalid "from"', get(`${history}?from=yesterday`, 400, badFrom)],
    [
      'an invalid "to"',
      get(
        `${history}?to=2026-13-45`,
        400,
        'Invalid query parameter "to": must be an ISO 8601 time',
      ),
    ],
    // Date.parse accepts "1" (2001-01-01) and "2026-02-30" (2 March)
    [
      'a "from" that is a bare number',
      get(`${history}?from=1&to=2`, 400, badFrom),
    ],
    [
      'a "from" on a day that does not exist (30 February)',
      get(`${history}?from=2026-02-30&to=2026-03-10`, 400, badFrom),
    ],
    [
      '"from" after "to"',
      get(
        `${history}?from=2026-11-25T00:00:00Z&to=2026-11-24T00:00:00Z`,
        400,
        '"from" must be before "to"',
      ),
    ],
    [
      'a range of 401 days',
      get(
        `${history}?from=2025-10-21T00:00:00Z&to=${new Date(
          Date.parse('2025-10-21T00:00:00Z') + 401 * DAY_MS,
        ).toISOString()}`,
        400,
        'The history range must not exceed 400 days',
      ),
    ],
    [
      'a "from" over 40 characters',
      get(
        `${history}?from=2026-11-24T00:00:00.000${'0'.repeat(40)}Z`,
        400,
        'Invalid query parameter "from": String must contain at most 40 character(s)',
      ),
    ],
    [
      'a repeated "from"',
      get(
        `${history}?from=2026-11-24T00:00:00Z&from=2026-11-25T00:00:00Z`,
        400,
        'Invalid query parameter "from": must be given once',
      ),
    ],
    [
      'a nested "from[gte]"',
      get(
        `${history}?from[gte]=2026-11-24T00:00:00Z`,
        400,
        'Invalid query parameter "from": must be given once',
      ),
    ],
    [
      'an unknown history parameter',
      get(`${history}?limit=5`, 400, 'Unknown query parameter "limit"'),
    ],
    [
      'an SLO the entity does not have',
      get(
        `${base}/slos/throughput/history`,
        404,
        'component:default/checkout has no SLO "throughput"',
      ),
    ],
    // rules
    [
      'rules in format=xml',
      get(
        '/slos/rules?format=xml',
        400,
        "Invalid query parameter \"format\": Invalid enum value. Expected 'yaml' | 'json', received 'xml'",
      ),
    ],
    [
      'an unknown rules parameter',
      get('/slos/rules?group=x', 400, 'Unknown query parameter "group"'),
    ],
    [
      'rules without credentials',
      get('/slos/rules', 401, 'Missing credentials', none),
    ],
    // alert quality
    [
      'alert quality over window=30d',
      get(
        `${base}/alert-quality?window=30d`,
        400,
        'Invalid alert quality window: expected one of 7d, 28d, 90d, got "30d"',
      ),
    ],
    [
      'a repeated window',
      get(
        `${base}/alert-quality?window=7d&window=28d`,
        400,
        /^Invalid alert quality window: expected one of 7d, 28d, 90d, got /,
      ),
    ],
    [
      'an unknown alert-quality parameter',
      get(
        `${base}/alert-quality?window=7d&format=csv`,
        400,
        'Unknown query parameter "format"',
      ),
    ],
    [
      'alert quality of an unknown entity',
      get('/entities/component/default/nope/alert-quality', 404, noEntity),
    ],
    // toil bodies
    [
      'a toil item without fields',
      send('post', toil, {}, 400, 'Invalid toil item: "task" Required'),
    ],
    [
      'a toil item without occurrences',
      send(
        'post',
        toil,
        { task: 'x', minutesPerOccurrence: 5 },
        400,
        'Invalid toil item: "occurrencesPerWeek" Required',
      ),
    ],
    [
      'a numeric task',
      send(
        'post',
        toil,
        { ...TOIL, task: 42 },
        400,
        'Invalid toil item: "task" Expected string, received number',
      ),
    ],
    [
      'minutes as a string',
      send(
        'post',
        toil,
        { ...TOIL, minutesPerOccurrence: '30' },
        400,
        'Invalid toil item: "minutesPerOccurrence" Expected number, received string',
      ),
    ],
    [
      'a boolean occurrence count',
      send(
        'post',
        toil,
        { ...TOIL, occurrencesPerWeek: true },
        400,
        'Invalid toil item: "occurrencesPerWeek" Expected number, received boolean',
      ),
    ],
    [
      'negative minutes',
      send(
        'post',
        toil,
        { ...TOIL, minutesPerOccurrence: -5 },
        400,
        'Invalid toil item: "minutesPerOccurrence" Number must be greater than 0',
      ),
    ],
    [
      'negative occurrences',
      send(
        'post',
        toil,
        { ...TOIL, occurrencesPerWeek: -1 },
        400,
        'Invalid toil item: "occurrencesPerWeek" Number must be greater than or equal to 0',
      ),
    ],
    [
      'a huge number of minutes',
      send(
        'post',
        toil,
        { ...TOIL, minutesPerOccurrence: 1e12 },
        400,
        'Invalid toil item: "minutesPerOccurrence" Number must be less than or equal to 10080',
      ),
    ],
    [
      'minutes overflowing to Infinity (1e400)',
      postRaw(
        '{"task":"x","minutesPerOccurrence":1e400,"occurrencesPerWeek":1}',
        400,
        'Invalid toil item: "minutesPerOccurrence" Number must be finite',
      ),
    ],
    [
      'a task of 10 000 characters',
      send(
        'post',
        toil,
        { ...TOIL, task: 'x'.repeat(10_000) },
        400,
        'Invalid toil item: "task" String must contain at most 200 character(s)',
      ),
    ],
    [
      'an unknown toil field',
      send(
        'post',
        toil,
        { ...TOIL, hoursPerWeek: 2 },
        400,
        'Invalid toil item: unknown field "hoursPerWeek"',
      ),
    ],
    [
      'a __proto__ field',
      postRaw(
        '{"task":"x","minutesPerOccurrence":5,"occurrencesPerWeek":1,"__proto__":{"isAdmin":true}}',
        400,
        'Invalid toil item: unknown field "__proto__"',
      ),
    ],
    [
      'an owner that is not a group',
      send(
        'post',
        toil,
        { ...TOIL, owner: 'user:default/bob' },
        400,
        'Invalid toil item: "owner" must be a group entity ref such as group:default/team-a',
      ),
    ],
    [
      'a non-JSON body with a JSON content type',
      postRaw(
        'task=x&minutes=5',
        400,
        'Unexpected token \'t\', "task=x&minutes=5" is not valid JSON',
      ),
    ],
    [
      'a truncated JSON body',
      postRaw(
        '{"task":"x",',
        400,
        /^Expected double-quoted property name in JSON at position 12/,
      ),
    ],
    [
      'a body over 100 kB',
      send(
        'post',
        toil,
        { ...TOIL, task: 'x'.repeat(150_000) },
        413,
        'request entity too large',
      ),
    ],
    [
      'an array instead of an object',
      send(
        'post',
        toil,
        [TOIL],
        400,
        'Invalid toil item: "body" Expected object, received array',
      ),
    ],
    // body-parser's strict mode rejects JSON that is not an object or array
    ['a null body', postRaw('null', 400, /"null" is not valid JSON/)],
    [
      'a JSON string body',
      postRaw('"rotate certificates"', 400, /is not valid JSON/),
    ],
    [
      'a toil item for an unknown entity',
      send(
        'post',
        '/entities/component/default/nope/toil',
        TOIL,
        404,
        noEntity,
      ),
    ],
    [
      'a toil item without credentials',
      send('post', toil, TOIL, 401, 'Missing credentials', none),
    ],
    [
      'a toil item written with service credentials',
      send(
        'post',
        toil,
        TOIL,
        403,
        "This endpoint does not allow 'service' credentials",
        serviceAuth,
      ),
    ],
    // toil ids
    [
      'a toil id that is not a uuid (PUT)',
      send('put', `${toil}/not-a-uuid`, TOIL, 400, 'Invalid toil item id'),
    ],
    [
      'a toil id that is not a uuid (DELETE)',
      send('delete', `${toil}/42`, undefined, 400, 'Invalid toil item id'),
    ],
    [
      'a toil id with SQL in it',
      send(
        'delete',
        `${toil}/${encodeURIComponent("1' OR '1'='1")}`,
        undefined,
        400,
        'Invalid toil item id',
      ),
    ],
    [
      'an unknown toil id (PUT)',
      send('put', `${toil}/${UNKNOWN_ID}`, TOIL, 404, noToilItem),
    ],
    [
      'an unknown toil id (DELETE)',
      send('delete', `${toil}/${UNKNOWN_ID}`, undefined, 404, noToilItem),
    ],
    [
      'an invalid body for an unknown toil id',
      send(
        'put',
        `${toil}/${UNKNOWN_ID}`,
        { ...TOIL, minutesPerOccurrence: 0 },
        400,
        'Invalid toil item: "minutesPerOccurrence" Number must be greater than 0',
      ),
    ],
  ];

  it('has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)('answers %s with a clear error', async (_name, c) => {
    let req = request(app)
      [c.method ?? 'get'](c.url)
      .set('Authorization', c.auth ?? user);
    if (c.raw !== undefined) {
      req = req.set('Content-Type', c.type ?? 'application/json').send(c.raw);
    } else if (c.body !== undefined) {
      req = req.send(c.body as object);
    }
    const res = await req;
    expect(res.status).toBe(c.status);
    expect(res.body.error).toEqual(
      expect.objectContaining({
        message: expect.stringMatching(exactly(c.message)),
      }),
    );
  });

  it('keeps serving after all of them, and none of them wrote anything', async () => {
    expect((await request(app).get('/health')).status).toBe(200);
    const entity = await request(app).get(base).set('Authorization', user);
    expect(entity.status).toBe(200);
    expect(entity.body.sections.slos.items).toHaveLength(1);
    expect(
      (await request(app).get(`${history}`).set('Authorization', user)).status,
    ).toBe(200);
    expect(
      (await request(app).get('/slos/rules').set('Authorization', user)).status,
    ).toBe(200);
    expect(
      (
        await request(app)
          .get(`${base}/alert-quality?window=7d`)
          .set('Authorization', user)
      ).status,
    ).toBe(200);
    expect(await store.listToilItems('component:default/checkout')).toEqual([]);
    const created = await request(app)
      .post(`${base}/toil`)
      .set('Authorization', user)
      .send(TOIL);
    expect(created.status).toBe(201);
    const listed = await request(app)
      .get(`${base}/toil`)
      .set('Authorization', user);
    expect(listed.status).toBe(200);
    // Listings leave out the version that the created item's body carries.
    const { version, ...item } = created.body;
    expect(version).toBe(1);
    expect(listed.body.items).toEqual([item]);
  });
});

describe('malformed SLO spec files', () => {
  const mockDir = createMockDirectory();
  const good = (service: string) => `version: prometheus/v1
service: ${service}
slos:
  - name: availability
    objective: 99.9
    sli:
      events:
        error_query: sum(rate(http_requests_total{service="${service}",code=~"5.."}[{{.window}}]))
        total_query: sum(rate(http_requests_total{service="${service}"}[{{.window}}]))
`;
  const withObjective = (objective: string) =>
    good('svc').replace('objective: 99.9', `objective: ${objective}`);
  const bomb = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
`;
  const openslo = (indicator: string) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-availability
spec:
  service: checkout
${indicator}  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.999
`;
  const ratio = (good_: string, total: string) => `  indicator:
    metadata:
      name: checkout-good
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec:
              query: ${good_}
        total:
          metricSource:
            type: Prometheus
            spec:
              query: ${total}
`;

  mockDir.setContent({
    'catalog/good.yaml': good('good'),
    'catalog/malformed.yaml': `version: prometheus/v1
service: svc
slos: [unclosed
`,
    'catalog/bomb.yaml': bomb,
    'catalog/big.yaml': `# ${'x'.repeat(1024 * 1024)}\n${good('big')}`,
    'catalog/objective-100.yaml': withObjective('100'),
    'catalog/objective-0.yaml': withObjective('0'),
    'catalog/objective-negative.yaml': withObjective('-1'),
    'catalog/objective-abc.yaml': withObjective('"abc"'),
    'catalog/openslo-v2.yaml': openslo(
      ratio('sum(rate(x[{{.window}}]))', 'sum(rate(y[{{.window}}]))'),
    ).replace('openslo/v1', 'openslo/v2'),
    'catalog/no-indicator.yaml': openslo(''),
    'catalog/fixed-range.yaml': openslo(
      ratio(
        'sum(rate(http_requests_total{code!~"5.."}[5m]))',
        'sum(rate(http_requests_total[5m]))',
      ),
    ),
    'catalog/sloth-fixed-range.yaml': good('svc').replace(
      '[{{.window}}]))\n        total_query',
      '[5m]))\n        total_query',
    ),
    'catalog/duplicate-keys.yaml': `version: prometheus/v1
service: a
service: b
slos: []
`,
    'outside.yaml': good('outside'),
  });
  symlinkSync(
    mockDir.resolve('outside.yaml'),
    mockDir.resolve('catalog/linked.yaml'),
  );

  const location = `file:${mockDir.resolve('catalog/catalog-info.yaml')}`;
  const component = (
    name: string,
    annotations: Record<string, string>,
    withLocation = true,
  ): Entity =>
    testComponent(name, {
      annotations: {
        ...(withLocation
          ? { 'backstage.io/managed-by-location': location }
          : {}),
        ...annotations,
      },
      spec: { type: 'service' },
    });
  const spec = (file: string) => ({ 'reliability-kit.io/slo-spec': file });

  type Expected = {
    message: string | RegExp;
    file?: string;
    line?: number;
  };
  const cases: Array<[string, Record<string, string>, Expected]> = [
    [
      'malformed YAML',
      spec('./malformed.yaml'),
      {
        file: './malformed.yaml',
        line: 4,
        message:
          /^\.\/malformed\.yaml:4: is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a \]/,
      },
    ],
    [
      'a YAML alias bomb',
      spec('./bomb.yaml'),
      {
        file: './bomb.yaml',
        line: 1,
        message:
          './bomb.yaml:1: uses too many YAML aliases (at most 50 alias expansions allowed)',
      },
    ],
    [
      'a 1 MB file',
      spec('./big.yaml'),
      {
        file: './big.yaml',
        message:
          /^\.\/big\.yaml: is 10\d{5} bytes, larger than the limit of 262144 bytes$/,
      },
    ],
    [
      'objective 100',
      spec('./objective-100.yaml'),
      {
        file: './objective-100.yaml',
        line: 5,
        message:
          /^\.\/objective-100\.yaml:5: .*slos\[0\]\.objective must be below 100 \(100% leaves no error budget\)$/,
      },
    ],
    [
      'objective 0',
      spec('./objective-0.yaml'),
      {
        file: './objective-0.yaml',
        line: 5,
        message:
          /^\.\/objective-0\.yaml:5: .*slos\[0\]\.objective must be above 0, got 0$/,
      },
    ],
    [
      'objective -1',
      spec('./objective-negative.yaml'),
      {
        file: './objective-negative.yaml',
        line: 5,
        message:
          /^\.\/objective-negative\.yaml:5: .*slos\[0\]\.objective must be above 0, got -1$/,
      },
    ],
    [
      'objective "abc"',
      spec('./objective-abc.yaml'),
      {
        file: './objective-abc.yaml',
        line: 5,
        message:
          /^\.\/objective-abc\.yaml:5: .*slos\[0\]\.objective must be a number, got .*abc/,
      },
    ],
    [
      'an unknown apiVersion',
      spec('./openslo-v2.yaml'),
      {
        file: './openslo-v2.yaml',
        line: 1,
        message: /apiVersion "openslo\/v2" is not supported; use openslo\/v1/,
      },
    ],
    [
      'a missing indicator',
      spec('./no-indicator.yaml'),
      {
        file: './no-indicator.yaml',
        line: 5,
        message:
          /^\.\/no-indicator\.yaml:5: .*spec\.indicator is required \(or spec\.indicatorRef\)$/,
      },
    ],
    [
      'an OpenSLO query with a fixed range instead of {{.window}}',
      spec('./fixed-range.yaml'),
      {
        file: './fixed-range.yaml',
        line: 1,
        message:
          'SLO "checkout-availability": the query "sum(rate(http_requests_total{code!~"5.."}[5m]))" must contain {{.window}} (e.g. sum(rate(x[{{.window}}]))) or be a plain counter selector',
      },
    ],
    [
      'a Sloth query with a fixed range instead of {{.window}}',
      spec('./sloth-fixed-range.yaml'),
      {
        file: './sloth-fixed-range.yaml',
        line: 8,
        message:
          /^\.\/sloth-fixed-range\.yaml:8: .*error_query must use the \{\{\.window\}\} placeholder/,
      },
    ],
    [
      'duplicate keys',
      spec('./duplicate-keys.yaml'),
      {
        file: './duplicate-keys.yaml',
        line: 3,
        message:
          /^\.\/duplicate-keys\.yaml:3: is not valid YAML: Map keys must be unique/,
      },
    ],
    [
      'a path escaping the folder',
      spec('../outside.yaml'),
      {
        file: '../outside.yaml',
        message: `../outside.yaml: "../outside.yaml" must not leave the folder of the entity's catalog-info file`,
      },
    ],
    [
      'a Windows path escaping the folder',
      spec('..\\outside.yaml'),
      {
        file: '..\\outside.yaml',
        message: `..\\outside.yaml: "..\\outside.yaml" must not leave the folder of the entity's catalog-info file`,
      },
    ],
    [
      'a symlink leading out of the folder',
      spec('./linked.yaml'),
      {
        file: './linked.yaml',
        message: `./linked.yaml: leads outside the folder of the entity's catalog-info file`,
      },
    ],
    [
      'an absolute URL',
      spec('https://evil.example.com/slos.yaml'),
      {
        file: 'https://evil.example.com/slos.yaml',
        message: `https://evil.example.com/slos.yaml: "https://evil.example.com/slos.yaml" must be a path relative to the entity's catalog-info file, not a URL or an absolute path`,
      },
    ],
    [
      'an absolute path',
      spec('/etc/passwd'),
      {
        file: '/etc/passwd',
        message: `/etc/passwd: "/etc/passwd" must be a path relative to the entity's catalog-info file, not a URL or an absolute path`,
      },
    ],
    [
      'a file that does not exist',
      spec('./missing.yaml'),
      {
        file: './missing.yaml',
        message: './missing.yaml: no such file next to the catalog-info file',
      },
    ],
    [
      'more than ten files',
      spec(Array.from({ length: 11 }, () => './good.yaml').join(',')),
      {
        message:
          'reliability-kit.io/slo-spec names 11 files; at most 10 are read',
      },
    ],
    [
      'an invalid slo-selector',
      { 'reliability-kit.io/slo-selector': 'x="a"} or vector(1)' },
      { message: /^invalid reliability-kit\.io\/slo-selector: / },
    ],
    [
      'an unknown prometheus-instance',
      {
        ...spec('./good.yaml'),
        'reliability-kit.io/prometheus-instance': 'nope',
      },
      {
        message:
          'reliability-kit.io/prometheus-instance names "nope", which is not a configured instance (configured: main)',
      },
    ],
  ];

  const entities = [
    ...cases.map(([_name, annotations], i) =>
      component(`bad-${i}`, annotations),
    ),
    component('no-location', spec('./good.yaml'), false),
    component('good', spec('./good.yaml')),
    component('half-good', spec('./good.yaml,./bomb.yaml')),
  ];

  const queries: string[] = [];
  const fakeFetch: typeof fetch = async (input, init) => {
    const params = new URLSearchParams(String(init?.body ?? ''));
    const query = params.get('query') ?? '';
    queries.push(query);
    if (String(input).endsWith('/api/v1/query_range')) {
      return Response.json({
        status: 'success',
        data: { resultType: 'matrix', result: [] },
      });
    }
    const discovery = /sloth_slo_info|pyrra_|:burnrate/.test(query);
    return Response.json({
      status: 'success',
      data: {
        resultType: 'vector',
        result: discovery
          ? []
          : [
              {
                metric: {},
                value: [0, query.includes('code=~"5.."') ? '5' : '10000'],
              },
            ],
      },
    });
  };

  let store: DatabaseReliabilityStore;
  let result: Awaited<ReturnType<SloCollector['run']>>;
  const sectionOf = async (name: string) =>
    (await store.readSections(`component:default/${name}`)).slos!;

  beforeAll(async () => {
    const knex = await databases.init('SQLITE_3');
    store = await DatabaseReliabilityStore.create({
      database: { getClient: async () => knex },
    });
    const logger = mockServices.logger.mock();
    const [instance] = readPrometheusInstances(
      new ConfigReader({
        reliability: {
          prometheus: {
            instances: [{ name: 'main', baseUrl: 'http://prometheus.test' }],
          },
        },
      }),
    );
    const provider = new PrometheusSloMetricsProvider([
      PrometheusClient.fromConfig(instance, {
        logger,
        fetchImpl: fakeFetch,
        sleep: async () => {},
      }),
    ]);
    const collector = createTestSloCollector({
      entities,
      store,
      logger,
      provider,
      instances: {
        names: ['main'],
        links: (i, slo) => provider.links(i, slo),
      },
    });
    result = await collector.run(new Date('2026-11-26T10:00:00.000Z'));
  });

  it('has at least 20 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases.map((c, i) => [c[0], i, c[2]] as const))(
    'reports %s as the entity problem',
    async (_name, i, expected) => {
      const section = await sectionOf(`bad-${i}`);
      const problem: Omit<EntityProblem, 'message'> = {
        source: 'slo',
        ...(expected.file !== undefined ? { file: expected.file } : {}),
        ...(expected.line !== undefined ? { line: expected.line } : {}),
      };
      expect(section.problems).toEqual([
        {
          ...problem,
          message: expect.stringMatching(exactly(expected.message)),
        },
      ]);
      expect(section.stale).toBe(false);
    },
  );

  it('reports an entity without a location', async () => {
    expect((await sectionOf('no-location')).problems).toEqual([
      {
        source: 'slo',
        message:
          'cannot resolve reliability-kit.io/slo-spec: the entity has no backstage.io/managed-by-location annotation',
      },
    ]);
  });

  it('keeps the SLOs of the other entities of the same refresh', async () => {
    const section = await sectionOf('good');
    expect(section.problems).toEqual([]);
    expect(section.status).toBe('ok');
    expect(section.items).toHaveLength(1);
    expect(section.items[0] as SloSnapshot).toMatchObject({
      id: 'availability',
      stale: false,
      sli: 0.9995,
      budgetRemaining: 0.5,
    });
    expect(result.entities).toBe(entities.length);
    expect(result.stale).toBe(0);
  });

  it('keeps the good file of an entity whose other file is broken', async () => {
    const section = await sectionOf('half-good');
    expect((section.items as SloSnapshot[]).map(s => s.id)).toEqual([
      'availability',
    ]);
    expect(section.problems).toEqual([
      expect.objectContaining({
        file: './bomb.yaml',
        message: expect.stringContaining('uses too many YAML aliases'),
      }),
    ]);
  });

  it('never sends a rejected spec to the upstream', () => {
    expect(
      queries.some(q => q.includes('[5m]))') && q.includes('code!~')),
    ).toBe(false);
    expect(queries.some(q => q.includes('vector(1)'))).toBe(false);
    expect(queries.some(q => q.includes('outside'))).toBe(false);
  });
});
