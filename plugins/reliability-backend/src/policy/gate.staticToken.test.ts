import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { reliabilityPlugin } from '../plugin';
import { CHECKOUT, OK_EXHAUSTED } from './__testUtils__/policyFixtures';

// The deploy gate as CI calls it: the real auth and HTTP auth services of
// backend-defaults, with a static token of backend.auth.externalAccess.

const TOKEN = 'ci-gate-token-0123456789abcdef';

describe('GET /api/reliability/gate with a static token', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        reliabilityPlugin,
        authServiceFactory,
        httpAuthServiceFactory,
        catalogServiceMock.factory({ entities: [CHECKOUT] }),
        mockServices.rootConfig.factory({
          data: {
            backend: {
              baseUrl: 'http://localhost:7007',
              auth: {
                externalAccess: [
                  {
                    type: 'static',
                    options: { token: TOKEN, subject: 'ci-gate' },
                  },
                ],
              },
            },
            reliability: {
              policy: {
                default: OK_EXHAUSTED,
                gate: { onStale: 'closed' },
              },
            },
          },
        }),
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await backend?.stop();
  });

  it.each([
    ['no token', undefined],
    ['a wrong token', 'Bearer not-the-ci-token-0123456789'],
  ])('answers 401 with %s', async (_name, header) => {
    const req = request(backend.server).get(
      '/api/reliability/gate/component/default/checkout',
    );
    const res = await (header ? req.set('Authorization', header) : req);
    expect(res.status).toBe(401);
  });

  it('answers the static token; with no state yet the gate fails closed', async () => {
    const res = await request(backend.server)
      .get('/api/reliability/gate/component/default/checkout')
      .set('Authorization', `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      entityRef: 'component:default/checkout',
      deployAllowed: false,
      state: null,
      computedAt: null,
      stale: true,
      exceptions: [],
    });
    expect(res.body.reasons).toEqual([
      'stale: no policy state has been computed for the entity yet; the gate fails closed (reliability.policy.gate.onStale)',
    ]);
  });
});
