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
});
