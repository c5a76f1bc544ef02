import { MockFetchApi } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ReliabilityClient } from './ReliabilityClient';

const server = setupServer();

const CHECKOUT = { kind: 'Component', namespace: 'default', name: 'checkout' };

describe('ReliabilityClient', () => {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  const client = new ReliabilityClient({
    discoveryApi: {
      getBaseUrl: async plugin => `http://backstage.test/api/${plugin}`,
    },
    fetchApi: new MockFetchApi(),
  });

  it('reads an entity from the backend', async () => {
    server.use(
      http.get(
        'http://backstage.test/api/reliability/entities/component/default/checkout',
        () => HttpResponse.json({ entityRef: 'component:default/checkout' }),
      ),
    );
    await expect(
      client.getEntityReliability({
        kind: 'Component',
        namespace: 'default',
        name: 'checkout',
      }),
    ).resolves.toEqual({ entityRef: 'component:default/checkout' });
  });

  it('turns an error response into a ResponseError with its message', async () => {
    server.use(
      http.get(
        'http://backstage.test/api/reliability/entities/component/default/nope',
        () =>
          HttpResponse.json(
            {
              error: {
                name: 'NotFoundError',
                message:
                  'No entity component:default/nope found in the catalog',
              },
              request: {
                method: 'GET',
                url: '/entities/component/default/nope',
              },
              response: { statusCode: 404 },
            },
            { status: 404 },
          ),
      ),
    );
    await expect(
      client.getEntityReliability({
        kind: 'component',
        namespace: 'default',
        name: 'nope',
      }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
      cause: {
        name: 'NotFoundError',
        message: 'No entity component:default/nope found in the catalog',
      },
    });
  });

  it('reads the history of an SLO with its time range', async () => {
    const history = {
      entityRef: 'component:default/checkout',
      sloId: 'availability',
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-01-29T00:00:00.000Z',
      points: [],
    };
    let requested: URL | undefined;
    server.use(
      http.get(
        'http://backstage.test/api/reliability/entities/component/default/checkout/slos/availability/history',
        ({ request }) => {
          requested = new URL(request.url);
          return HttpResponse.json(history);
        },
      ),
    );
    await expect(
      client.getSloHistory(
        { kind: 'Component', namespace: 'default', name: 'checkout' },
        'availability',
        {
          from: new Date('2026-01-01T00:00:00.000Z'),
          to: new Date('2026-01-29T00:00:00.000Z'),
        },
      ),
    ).resolves.toEqual(history);
    expect(requested?.searchParams.get('from')).toBe(
      '2026-01-01T00:00:00.000Z',
    );
    expect(requested?.searchParams.get('to')).toBe('2026-01-29T00:00:00.000Z');
  });

  it('encodes the path parts of the history request and omits an unset range', async () => {
    let requested: URL | undefined;
    server.use(
      http.get(
        'http://backstage.test/api/reliability/entities/component/my%20ns/a%2Fb/slos/x%3Fy/history',
        ({ request }) => {
          requested = new URL(request.url);
          return HttpResponse.json({ points: [] });
        },
      ),
    );
    await expect(
      client.getSloHistory(
        { kind: 'Component', namespace: 'my ns', name: 'a/b' },
        'x?y',
      ),
    ).resolves.toEqual({ points: [] });
    expect(requested?.search).toBe('');
  });

  it('turns an error of the history endpoint into a ResponseError', async () => {
    server.use(
      http.get(
        'http://backstage.test/api/reliability/entities/component/default/checkout/slos/nope/history',
        () =>
          HttpResponse.json(
            {
              error: { name: 'NotFoundError', message: 'No SLO nope' },
              request: { method: 'GET', url: '/x' },
              response: { statusCode: 404 },
            },
            { status: 404 },
          ),
      ),
    );
    await expect(
      client.getSloHistory(
        { kind: 'component', namespace: 'default', name: 'checkout' },
        'nope',
      ),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
      cause: { message: 'No SLO nope' },
    });
  });
  describe('alert quality and toil', () => {
    const base =
      'http://backstage.test/api/reliability/entities/component/default/checkout';
    const entity = CHECKOUT;
    const input = {
      task: 'Rotate TLS certificates',
      minutesPerOccurrence: 30,
      occurrencesPerWeek: 2,
    };
    const stored = {
      ...input,
      id: 'toil-1',
      entityRef: 'component:default/checkout',
      owner: 'group:default/payments',
      createdBy: 'user:default/ada',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedBy: 'user:default/ada',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };

    function errorEnvelope(status: number, name: string, message: string) {
      return HttpResponse.json(
        {
          error: { name, message },
          request: { method: 'POST', url: '/x' },
          response: { statusCode: status },
        },
        { status },
      );
    }

    it.each(['7d', '28d', '90d'] as const)(
      'reads the alert quality over %s',
      async window => {
        let requested: URL | undefined;
        server.use(
          http.get(`${base}/alert-quality`, ({ request }) => {
            requested = new URL(request.url);
            return HttpResponse.json({ window, report: null });
          }),
        );
        await expect(client.getAlertQuality(entity, window)).resolves.toEqual({
          window,
          report: null,
        });
        expect(requested?.searchParams.get('window')).toBe(window);
      },
    );

    it.each([
      [undefined, 'month'],
      ['quarter', 'quarter'],
    ] as const)(
      'reads the incidents of an entity (period %s)',
      async (period, expected) => {
        let requested: URL | undefined;
        server.use(
          http.get(`${base}/incidents`, ({ request }) => {
            requested = new URL(request.url);
            return HttpResponse.json({ period: expected });
          }),
        );
        await expect(
          client.getEntityIncidents(entity, period),
        ).resolves.toEqual({ period: expected });
        expect(requested?.searchParams.get('period')).toBe(expected);
      },
    );

    it('turns an incidents error into a ResponseError', async () => {
      server.use(
        http.get(`${base}/incidents`, () =>
          errorEnvelope(400, 'InputError', 'Invalid query'),
        ),
      );
      await expect(
        client.getEntityIncidents(entity, 'month'),
      ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 400 });
    });

    it('turns an alert quality error into a ResponseError', async () => {
      server.use(
        http.get(`${base}/alert-quality`, () =>
          errorEnvelope(400, 'InputError', 'Invalid alert quality window'),
        ),
      );
      await expect(client.getAlertQuality(entity, '28d')).rejects.toMatchObject(
        {
          name: 'ResponseError',
          statusCode: 400,
          cause: { message: 'Invalid alert quality window' },
        },
      );
    });

    it('creates a toil item with a JSON body', async () => {
      let method: string | undefined;
      let contentType: string | null | undefined;
      let body: unknown;
      server.use(
        http.post(`${base}/toil`, async ({ request }) => {
          method = request.method;
          contentType = request.headers.get('content-type');
          body = await request.json();
          return HttpResponse.json(stored, { status: 201 });
        }),
      );
      await expect(client.createToilItem(entity, input)).resolves.toEqual(
        stored,
      );
      expect(method).toBe('POST');
      expect(contentType).toBe('application/json');
      expect(body).toEqual(input);
    });

    it('updates a toil item by its encoded id', async () => {
      let body: unknown;
      server.use(
        http.put(`${base}/toil/a%2Fb`, async ({ request }) => {
          body = await request.json();
          return HttpResponse.json({ ...stored, id: 'a/b' });
        }),
      );
      await expect(
        client.updateToilItem(entity, 'a/b', { ...input, owner: 'group:sre' }),
      ).resolves.toEqual({ ...stored, id: 'a/b' });
      expect(body).toEqual({ ...input, owner: 'group:sre' });
    });

    it('deletes a toil item', async () => {
      let deleted = false;
      server.use(
        http.delete(`${base}/toil/toil-1`, () => {
          deleted = true;
          return new HttpResponse(null, { status: 204 });
        }),
      );
      await expect(
        client.deleteToilItem(entity, 'toil-1'),
      ).resolves.toBeUndefined();
      expect(deleted).toBe(true);
    });

    it.each([
      [400, 'InputError', 'minutesPerOccurrence must be greater than 0'],
      [403, 'NotAllowedError', 'You may not change the toil of checkout'],
      [404, 'NotFoundError', 'No toil item toil-1'],
    ])(
      'turns a %s of a toil change into a ResponseError with its message',
      async (status, name, message) => {
        server.use(
          http.post(`${base}/toil`, () => errorEnvelope(status, name, message)),
          http.put(`${base}/toil/toil-1`, () =>
            errorEnvelope(status, name, message),
          ),
          http.delete(`${base}/toil/toil-1`, () =>
            errorEnvelope(status, name, message),
          ),
        );
        const expected = {
          name: 'ResponseError',
          statusCode: status,
          cause: { name, message },
          body: { error: { message } },
        };
        await expect(
          client.createToilItem(entity, input),
        ).rejects.toMatchObject(expected);
        await expect(
          client.updateToilItem(entity, 'toil-1', input),
        ).rejects.toMatchObject(expected);
        await expect(
          client.deleteToilItem(entity, 'toil-1'),
        ).rejects.toMatchObject(expected);
      },
    );
  });

  describe('fleet', () => {
    const base = 'http://backstage.test/api/reliability';

    it.each<[string, Parameters<ReliabilityClient['getFleet']>[0], string]>([
      ['no query', undefined, ''],
      ['an empty query', {}, ''],
      [
        'repeated filters, a descending sort, a cursor and a limit',
        {
          tier: ['tier-1', 'tier-2'],
          sloStatus: ['breaching'],
          owner: ['group:default/payments'],
          system: ['system:default/shop'],
          readiness: ['not-ready', 'expiring'],
          sort: { key: 'worstBudgetRemaining', direction: 'desc' },
          cursor: 'abc',
          limit: 25,
        },
        '?tier=tier-1&tier=tier-2&sloStatus=breaching&owner=group%3Adefault%2Fpayments&system=system%3Adefault%2Fshop&readiness=not-ready&readiness=expiring&sort=-worstBudgetRemaining&cursor=abc&limit=25',
      ],
      [
        'an ascending sort',
        { sort: { key: 'entityRef', direction: 'asc' } },
        '?sort=entityRef',
      ],
      [
        'a campaign (entities not done for it)',
        { campaign: 'burn-alerts', owner: ['group:default/payments'] },
        '?owner=group%3Adefault%2Fpayments&campaign=burn-alerts',
      ],
    ])('reads the fleet with %s', async (_name, query, search) => {
      let requested: URL | undefined;
      server.use(
        http.get(`${base}/fleet`, ({ request }) => {
          requested = new URL(request.url);
          return HttpResponse.json({ items: [], totalCount: 0 });
        }),
      );
      await expect(client.getFleet(query)).resolves.toEqual({
        items: [],
        totalCount: 0,
      });
      expect(requested?.search).toBe(search);
    });

    it('reads the fleet incidents of a quarter', async () => {
      let requested: URL | undefined;
      server.use(
        http.get(`${base}/incidents/fleet`, ({ request }) => {
          requested = new URL(request.url);
          return HttpResponse.json({ period: 'quarter', tiers: [] });
        }),
      );
      await expect(client.getFleetIncidents('quarter')).resolves.toEqual({
        period: 'quarter',
        tiers: [],
      });
      expect(requested?.search).toBe('?period=quarter');
    });

    it.each(['tier', 'owner', 'system'] as const)(
      'reads the summary grouped by %s',
      async groupBy => {
        let requested: URL | undefined;
        server.use(
          http.get(`${base}/fleet/summary`, ({ request }) => {
            requested = new URL(request.url);
            return HttpResponse.json({ groupBy, groups: [], computedAt: 'x' });
          }),
        );
        await expect(client.getFleetSummary(groupBy)).resolves.toEqual({
          groupBy,
          groups: [],
          computedAt: 'x',
        });
        expect(requested?.searchParams.get('groupBy')).toBe(groupBy);
      },
    );

    it.each([
      [undefined, '12'],
      [4, '4'],
    ])('reads the trends of %s weeks', async (weeks, expected) => {
      let requested: URL | undefined;
      server.use(
        http.get(`${base}/fleet/trends`, ({ request }) => {
          requested = new URL(request.url);
          return HttpResponse.json([]);
        }),
      );
      await expect(client.getFleetTrends(weeks)).resolves.toEqual([]);
      expect(requested?.searchParams.get('weeks')).toBe(expected);
    });

    it('turns a fleet error into a ResponseError', async () => {
      server.use(
        http.get(`${base}/fleet`, () =>
          HttpResponse.json(
            {
              error: { name: 'InputError', message: 'Invalid sort key' },
              request: { method: 'GET', url: '/fleet' },
              response: { statusCode: 400 },
            },
            { status: 400 },
          ),
        ),
      );
      await expect(
        client.getFleet({ sort: { key: 'tier', direction: 'asc' } }),
      ).rejects.toMatchObject({
        name: 'ResponseError',
        statusCode: 400,
        cause: { message: 'Invalid sort key' },
      });
    });

    it.each<['markdown' | 'csv', string | undefined, string]>([
      ['markdown', undefined, 'reliability-review-2026-W48.md'],
      ['csv', undefined, 'reliability-review-2026-W48.csv'],
      ['csv', 'attachment; filename="review.csv"', 'review.csv'],
      [
        'markdown',
        "attachment; filename*=UTF-8''weekly%20review.md",
        'weekly review.md',
      ],
    ])(
      'downloads the %s weekly review with the user credentials (%s)',
      async (format, disposition, fileName) => {
        let requested: URL | undefined;
        let authorization: string | null = null;
        server.use(
          http.get(`${base}/reviews/weekly`, ({ request }) => {
            requested = new URL(request.url);
            authorization = request.headers.get('authorization');
            return new HttpResponse('# Review', {
              headers: {
                'content-type': format === 'csv' ? 'text/csv' : 'text/markdown',
                ...(disposition ? { 'content-disposition': disposition } : {}),
              },
            });
          }),
        );
        const authClient = new ReliabilityClient({
          discoveryApi: {
            getBaseUrl: async plugin => `http://backstage.test/api/${plugin}`,
          },
          fetchApi: new MockFetchApi({
            injectIdentityAuth: { token: 'user-token' },
          }),
        });
        const file = await authClient.downloadWeeklyReview('2026-W48', format);
        expect(file.fileName).toBe(fileName);
        expect(await file.blob.text()).toBe('# Review');
        expect(requested?.searchParams.get('week')).toBe('2026-W48');
        expect(requested?.searchParams.get('format')).toBe(format);
        expect(authorization).toBe('Bearer user-token');
      },
    );
  });

  describe('readiness and scorecards', () => {
    const api = 'http://backstage.test/api/reliability';
    const base = `${api}/entities/component/default/checkout`;
    const entity = CHECKOUT;
    const record = {
      id: '6f1c2a3e-0000-4000-8000-000000000001',
      entityRef: 'component:default/checkout',
      type: 'attestation',
      target: { kind: 'readiness', itemId: 'backup-restore' },
      createdBy: 'user:default/ada',
      createdAt: '2026-11-26T00:00:00.000Z',
      reason: 'Restored last week',
      evidenceUrl: 'https://wiki.example.com/restore',
      expiresAt: '2027-02-24T00:00:00.000Z',
    };

    function capturePost(url: string, status = 201) {
      const seen: { body?: unknown; contentType?: string | null } = {};
      server.use(
        http.post(url, async ({ request }) => {
          seen.contentType = request.headers.get('content-type');
          seen.body = await request.json();
          return HttpResponse.json(record, { status });
        }),
      );
      return seen;
    }

    it('attests a readiness item with a JSON body', async () => {
      const seen = capturePost(`${base}/readiness/backup-restore/attestations`);
      const input = {
        evidenceUrl: 'https://wiki.example.com/restore',
        comment: 'Restored last week',
        expiresAt: '2027-02-24T00:00:00.000Z',
      };
      await expect(
        client.attestReadinessItem(entity, 'backup-restore', input),
      ).resolves.toEqual(record);
      expect(seen.contentType).toBe('application/json');
      expect(seen.body).toEqual(input);
    });

    it('exempts a readiness item, its id encoded', async () => {
      const seen = capturePost(`${base}/readiness/a%2Fb/exemptions`);
      const input = {
        reason: 'Decommissioned in Q1',
        expiresAt: '2027-01-01T00:00:00.000Z',
      };
      await expect(
        client.exemptReadinessItem(entity, 'a/b', input),
      ).resolves.toEqual(record);
      expect(seen.body).toEqual(input);
    });

    it('exempts a scorecard check, its ids encoded', async () => {
      const seen = capturePost(
        `${base}/scorecards/golden%20path/checks/ci%3Ftemplate/exemptions`,
      );
      const input = { reason: 'No CI here', expiresAt: '2027-01-01' };
      await expect(
        client.exemptScorecardCheck(
          entity,
          'golden path',
          'ci?template',
          input,
        ),
      ).resolves.toEqual(record);
      expect(seen.body).toEqual(input);
    });

    it('revokes a record', async () => {
      const seen = capturePost(
        `${base}/readiness-records/${record.id}/revoke`,
        200,
      );
      await expect(
        client.revokeReadinessRecord(entity, record.id, {
          reason: 'Wrong evidence',
        }),
      ).resolves.toEqual(record);
      expect(seen.body).toEqual({ reason: 'Wrong evidence' });
    });

    it('lists the records of an entity', async () => {
      server.use(
        http.get(`${base}/readiness-records`, () =>
          HttpResponse.json({ items: [record] }),
        ),
      );
      await expect(client.listReadinessRecords(entity)).resolves.toEqual([
        record,
      ]);
    });

    it.each([
      [undefined, '50'],
      [10, '10'],
    ])('reads the audit log with limit %s', async (limit, expected) => {
      let requested: URL | undefined;
      const entry = {
        id: 1,
        at: '2026-11-26T00:00:00.000Z',
        actor: 'user:default/ada',
        action: 'attest',
        entityRef: 'component:default/checkout',
        target: 'readiness:backup-restore',
        details: {},
      };
      server.use(
        http.get(`${base}/audit`, ({ request }) => {
          requested = new URL(request.url);
          return HttpResponse.json({ items: [entry] });
        }),
      );
      await expect(client.getAuditLog(entity, limit)).resolves.toEqual([entry]);
      expect(requested?.searchParams.get('limit')).toBe(expected);
    });

    it.each([
      [undefined, '90'],
      [30, '30'],
    ])(
      'reads the scorecard history of an entity over %s days',
      async (days, expected) => {
        let requested: URL | undefined;
        const points = [{ day: '2026-11-25', level: 'bronze', score: 0.5 }];
        server.use(
          http.get(`${base}/scorecards/golden-path/history`, ({ request }) => {
            requested = new URL(request.url);
            return HttpResponse.json({ items: points });
          }),
        );
        await expect(
          client.getScorecardHistory(entity, 'golden-path', days),
        ).resolves.toEqual(points);
        expect(requested?.searchParams.get('days')).toBe(expected);
      },
    );

    it('lists the scorecards', async () => {
      server.use(
        http.get(`${api}/scorecards`, () => HttpResponse.json({ items: [] })),
      );
      await expect(client.listScorecards()).resolves.toEqual({ items: [] });
    });

    it.each<
      [string, Parameters<ReliabilityClient['getScorecardResults']>[1], string]
    >([
      ['no query', undefined, ''],
      [
        'repeated filters, a failing check, a cursor and a limit',
        {
          owner: ['group:default/payments', 'group:default/search'],
          tier: ['tier-1'],
          level: ['none', 'bronze'],
          failing: 'ci-template',
          cursor: 'abc',
          limit: 25,
        },
        '?owner=group%3Adefault%2Fpayments&owner=group%3Adefault%2Fsearch&tier=tier-1&level=none&level=bronze&failing=ci-template&cursor=abc&limit=25',
      ],
    ])(
      'reads the results of a scorecard with %s',
      async (_n, query, search) => {
        let requested: URL | undefined;
        const page = { scorecardId: 'golden path', items: [], totalCount: 0 };
        server.use(
          http.get(`${api}/scorecards/golden%20path/results`, ({ request }) => {
            requested = new URL(request.url);
            return HttpResponse.json(page);
          }),
        );
        await expect(
          client.getScorecardResults('golden path', query),
        ).resolves.toEqual(page);
        expect(requested?.search).toBe(search);
      },
    );

    it.each(['owner', 'tier'] as const)(
      'reads the adoption of a scorecard per %s',
      async groupBy => {
        let requested: URL | undefined;
        const adoption = { scorecardId: 'golden-path', groupBy, groups: [] };
        server.use(
          http.get(`${api}/scorecards/golden-path/summary`, ({ request }) => {
            requested = new URL(request.url);
            return HttpResponse.json(adoption);
          }),
        );
        await expect(
          client.getScorecardAdoption('golden-path', groupBy),
        ).resolves.toEqual(adoption);
        expect(requested?.searchParams.get('groupBy')).toBe(groupBy);
      },
    );

    it.each([
      [undefined, '90'],
      [14, '14'],
    ])(
      'reads the trend of a scorecard over %s days',
      async (days, expected) => {
        let requested: URL | undefined;
        const points = [
          {
            day: '2026-11-25',
            entities: 4,
            byLevel: { none: 1, bronze: 3 },
            adoption: 0.75,
            meanScore: 0.6,
          },
        ];
        server.use(
          http.get(`${api}/scorecards/golden-path/trend`, ({ request }) => {
            requested = new URL(request.url);
            return HttpResponse.json({ items: points });
          }),
        );
        await expect(
          client.getScorecardTrend('golden-path', days),
        ).resolves.toEqual(points);
        expect(requested?.searchParams.get('days')).toBe(expected);
      },
    );

    it.each([
      [
        400,
        'InputError',
        'Invalid attestation: "evidenceUrl" must be an http or https URL',
      ],
      [
        403,
        'NotAllowedError',
        'Only the owners of component:default/checkout or an administrator can attest its readiness items',
      ],
      [404, 'NotFoundError', 'No readiness item "nope" is configured'],
    ])(
      'turns a %s of a readiness change into a ResponseError with its message',
      async (status, name, message) => {
        const envelope = () =>
          HttpResponse.json(
            {
              error: { name, message },
              request: { method: 'POST', url: '/x' },
              response: { statusCode: status },
            },
            { status },
          );
        server.use(
          http.post(`${base}/readiness/nope/attestations`, envelope),
          http.post(`${base}/readiness/nope/exemptions`, envelope),
          http.post(
            `${base}/scorecards/golden-path/checks/nope/exemptions`,
            envelope,
          ),
          http.post(`${base}/readiness-records/nope/revoke`, envelope),
          http.get(`${api}/scorecards/nope/results`, envelope),
        );
        const expected = {
          name: 'ResponseError',
          statusCode: status,
          cause: { name, message },
          body: { error: { message } },
        };
        const exemption = { reason: 'why not', expiresAt: '2027-01-01' };
        await expect(
          client.attestReadinessItem(entity, 'nope', {
            evidenceUrl: 'ftp://x',
          }),
        ).rejects.toMatchObject(expected);
        await expect(
          client.exemptReadinessItem(entity, 'nope', exemption),
        ).rejects.toMatchObject(expected);
        await expect(
          client.exemptScorecardCheck(entity, 'golden-path', 'nope', exemption),
        ).rejects.toMatchObject(expected);
        await expect(
          client.revokeReadinessRecord(entity, 'nope', {}),
        ).rejects.toMatchObject(expected);
        await expect(client.getScorecardResults('nope')).rejects.toMatchObject(
          expected,
        );
      },
    );
  });

  describe('campaigns', () => {
    const api = 'http://backstage.test/api/reliability';
    const entity = CHECKOUT;
    const input = {
      title: 'Burn-rate alerts',
      description: 'Every tier-1 service pages on burn rate.',
      owner: 'group:default/sre',
      target: { readinessItems: ['burn-rate-alerts'] },
      audience: { tiers: ['tier-1'] },
      startDate: '2027-01-04',
      dueDate: '2027-03-31',
      published: true,
    };
    type Call = (c: ReliabilityClient) => Promise<unknown>;

    it.each<[string, Call, string, string, unknown]>([
      [
        'lists campaigns',
        c => c.listCampaigns(),
        'GET',
        '/campaigns',
        undefined,
      ],
      [
        'reads a campaign, its id encoded',
        c => c.getCampaign('a/b'),
        'GET',
        '/campaigns/a%2Fb',
        undefined,
      ],
      [
        'creates a campaign',
        c => c.createCampaign({ id: 'burn', ...input }),
        'POST',
        '/campaigns',
        { id: 'burn', ...input },
      ],
      [
        'edits a campaign',
        c => c.updateCampaign('burn', input),
        'PUT',
        '/campaigns/burn',
        input,
      ],
      [
        'ends a campaign',
        c => c.endCampaign('burn'),
        'POST',
        '/campaigns/burn/end',
        {},
      ],
      [
        'reads the first page of entities',
        c => c.getCampaignEntities('burn'),
        'GET',
        '/campaigns/burn/entities',
        undefined,
      ],
      [
        'reads a filtered page of entities',
        c =>
          c.getCampaignEntities('burn', {
            status: 'not-done',
            owner: 'group:default/payments',
            cursor: 'c2',
            limit: 20,
          }),
        'GET',
        '/campaigns/burn/entities?status=not-done&owner=group%3Adefault%2Fpayments&cursor=c2&limit=20',
        undefined,
      ],
      [
        'reads the burn-up',
        c => c.getCampaignHistory('burn'),
        'GET',
        '/campaigns/burn/history',
        undefined,
      ],
      [
        'exempts an entity',
        c =>
          c.exemptFromCampaign('burn', {
            entityRef: 'component:default/legacy',
            reason: 'Decommissioned in Q1',
          }),
        'POST',
        '/campaigns/burn/exemptions',
        {
          entityRef: 'component:default/legacy',
          reason: 'Decommissioned in Q1',
        },
      ],
      [
        'promotes a campaign',
        c => c.promoteCampaign('burn', { kind: 'readiness', id: 'tier-1' }),
        'POST',
        '/campaigns/burn/promote',
        { kind: 'readiness', id: 'tier-1' },
      ],
      [
        "reads an entity's campaigns",
        c => c.getEntityCampaigns(entity),
        'GET',
        '/entity/component/default/checkout/campaigns',
        undefined,
      ],
    ])('%s', async (_name, call, method, path, body) => {
      const seen: { method?: string; url?: string; body?: unknown } = {};
      server.use(
        http.all(`${api}/*`, async ({ request }) => {
          const url = new URL(request.url);
          seen.method = request.method;
          seen.url = `${url.pathname}${url.search}`.replace(
            '/api/reliability',
            '',
          );
          seen.body =
            request.method === 'GET' ? undefined : await request.json();
          return HttpResponse.json({ ok: true });
        }),
      );
      const result = await call(client);
      expect(seen).toEqual({ method, url: path, body });
      // Exempting answers nothing the caller needs.
      const expected = path.endsWith('/exemptions') ? undefined : { ok: true };
      expect(result).toEqual(expected);
    });

    it('turns the backend 400 into a ResponseError with the field in its message', async () => {
      server.use(
        http.post(`${api}/campaigns`, () =>
          HttpResponse.json(
            {
              error: {
                name: 'InputError',
                message: 'dueDate must be on or after startDate',
              },
              request: { method: 'POST', url: '/campaigns' },
              response: { statusCode: 400 },
            },
            { status: 400 },
          ),
        ),
      );
      await expect(client.createCampaign(input)).rejects.toMatchObject({
        name: 'ResponseError',
        statusCode: 400,
        body: { error: { message: 'dueDate must be on or after startDate' } },
      });
    });
  });
});
