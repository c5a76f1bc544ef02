import { MockFetchApi } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ReliabilityClient } from './ReliabilityClient';

const server = setupServer();

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
});
