import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { reliabilityPlugin } from './plugin';
import { testComponent } from './__testUtils__/entities';
import { emptySection } from './__testUtils__/sections';

const component = (name: string, annotations: Record<string, string>) =>
  testComponent(name, { annotations });

const entities = [
  component('checkout', { 'reliability-kit.io/tier': 'tier-1' }),
  component('legacy-billing', { 'reliability-kit.io/tier': 'platinum' }),
  component('docs-bot', {}),
];

async function startBackend(reliabilityConfig: object = {}) {
  return startTestBackend({
    features: [
      reliabilityPlugin,
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: { reliability: reliabilityConfig },
      }),
    ],
  });
}

describe('reliability backend plugin', () => {
  it('answers /health without credentials', async () => {
    const { server } = await startBackend();
    const res = await request(server).get('/api/reliability/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('refuses the entity endpoint without credentials', async () => {
    const { server } = await startBackend();
    const res = await request(server)
      .get('/api/reliability/entities/component/default/checkout')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('returns the tier and empty sections of a tier-1 component', async () => {
    const { server } = await startBackend();
    const res = await request(server)
      .get('/api/reliability/entities/component/default/checkout')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body.entityRef).toBe('component:default/checkout');
    expect(res.body.tier).toMatchObject({
      status: 'ok',
      tier: { id: 'tier-1', title: 'Tier 1' },
    });
    expect(Object.keys(res.body.sections).sort()).toEqual([
      'alertQuality',
      'readiness',
      'scorecards',
      'slos',
    ]);
    expect(res.body.sections.slos).toEqual(emptySection('not-collected'));
  });

  it('accepts service credentials', async () => {
    const { server } = await startBackend();
    const res = await request(server)
      .get('/api/reliability/entities/component/default/checkout')
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(200);
  });

  it('explains an unknown tier for that entity only', async () => {
    const { server } = await startBackend();
    const res = await request(server)
      .get('/api/reliability/entities/component/default/legacy-billing')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body.tier).toEqual({
      status: 'invalid',
      value: 'platinum',
      source: { from: 'annotation', key: 'reliability-kit.io/tier' },
      message:
        'Unknown tier "platinum" in the annotation "reliability-kit.io/tier": expected one of tier-1, tier-2, tier-3, tier-4.',
    });
  });

  it('tells how to set a missing tier', async () => {
    const { server } = await startBackend();
    const res = await request(server)
      .get('/api/reliability/entities/component/default/docs-bot')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body.tier.status).toBe('missing');
    expect(res.body.tier.message).toContain(
      'add the annotation "reliability-kit.io/tier"',
    );
  });

  it('lists SLO statuses for services only', async () => {
    const { server } = await startBackend();
    const asService = await request(server)
      .get('/api/reliability/fleet/statuses')
      .set('Authorization', mockCredentials.service.header());
    expect(asService.status).toBe(200);
    expect(asService.body).toEqual({ statuses: {}, policyStates: {} });
    const asUser = await request(server)
      .get('/api/reliability/fleet/statuses')
      .set('Authorization', mockCredentials.user.header());
    expect(asUser.status).toBe(403);
  });

  it('answers 404 for an unknown entity', async () => {
    const { server } = await startBackend();
    const res = await request(server)
      .get('/api/reliability/entities/component/default/nope')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({
      name: 'NotFoundError',
      message: 'No entity component:default/nope found in the catalog',
    });
  });

  it.each([
    ['a name with a space', 'component/default/bad%20name', 'name'],
    ['a kind with a slash', 'comp%2Fonent/default/x', 'kind'],
    [
      'a namespace that is too long',
      `component/${'n'.repeat(64)}/x`,
      'namespace',
    ],
  ])('answers 400 for %s', async (_case, path, field) => {
    const { server } = await startBackend();
    const res = await request(server)
      .get(`/api/reliability/entities/${path}`)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toContain(`Invalid entity ${field}`);
  });

  it('reads the tier from a configured label with configured tiers', async () => {
    const labelled: Entity = {
      ...component('gold-service', {}),
      metadata: {
        name: 'gold-service',
        namespace: 'default',
        labels: { criticality: 'gold' },
      },
    };
    const { server } = await startTestBackend({
      features: [
        reliabilityPlugin,
        catalogServiceMock.factory({ entities: [labelled] }),
        mockServices.rootConfig.factory({
          data: {
            reliability: {
              tiers: [
                { id: 'gold', title: 'Gold', description: 'Money makers' },
              ],
              tierSource: { from: 'label', key: 'criticality' },
            },
          },
        }),
      ],
    });
    const res = await request(server)
      .get('/api/reliability/entities/component/default/gold-service')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body.tier).toMatchObject({
      status: 'ok',
      tier: { id: 'gold', description: 'Money makers' },
    });
  });

  it.each([
    [
      { tiers: [{ id: 'Tier One', title: 'x' }] },
      'reliability.tiers[0].id "Tier One" must be lowercase letters',
    ],
    [
      { tierSource: { from: 'header', key: 'x' } },
      'reliability.tierSource.from must be one of annotation, label, spec, got "header"',
    ],
    [
      { tiers: [{ id: 'tier-1', title: 'T', minimumObjective: 99.9 }] },
      'reliability.tiers[0].minimumObjective must be a fraction above 0 and below 1',
    ],
  ])('fails at startup on invalid configuration %j', async (cfg, message) => {
    await expect(startBackend(cfg)).rejects.toThrow(message);
  });
});
