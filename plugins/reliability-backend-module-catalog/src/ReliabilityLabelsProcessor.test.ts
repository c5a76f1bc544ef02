import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  DEFAULT_TIERS,
  DEFAULT_TIER_SOURCE,
  EntitySloStatus,
  RELIABILITY_LABEL_POLICY_STATE,
  SLO_STATUS_LABEL,
  TIER_LABEL,
} from '@reliability-kit/backstage-plugin-reliability-common';
import {
  ReliabilityLabelsProcessor,
  SloStatusCache,
} from './ReliabilityLabelsProcessor';

const component = (
  name: string,
  annotations: Record<string, string> = {},
  labels: Record<string, string> = {},
  kind = 'Component',
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', annotations, labels },
  spec: { type: 'service' },
});

const statuses = (map: Record<string, EntitySloStatus | undefined>) => ({
  get: async (ref: string) => map[ref],
});

const processor = (map: Record<string, EntitySloStatus | undefined>) =>
  new ReliabilityLabelsProcessor({
    tierModel: { tiers: DEFAULT_TIERS, source: DEFAULT_TIER_SOURCE },
    statuses: statuses(map),
  });

describe('ReliabilityLabelsProcessor', () => {
  it.each([
    [
      'a tier-1 breaching component',
      { 'reliability-kit.io/tier': 'tier-1' },
      'breaching',
      { [TIER_LABEL]: 'tier-1', [SLO_STATUS_LABEL]: 'breaching' },
    ],
    [
      'an entity without SLOs',
      { 'reliability-kit.io/tier': 'tier-3' },
      'no-slo',
      { [TIER_LABEL]: 'tier-3', [SLO_STATUS_LABEL]: 'no-slo' },
    ],
    [
      'an unknown tier',
      { 'reliability-kit.io/tier': 'platinum' },
      'healthy',
      { [SLO_STATUS_LABEL]: 'healthy' },
    ],
    [
      'statuses that could not be read',
      { 'reliability-kit.io/tier': 'tier-2' },
      undefined,
      { [TIER_LABEL]: 'tier-2' },
    ],
  ] as const)('labels %s', async (_name, annotations, status, expected) => {
    const result = await processor({
      'component:default/svc': status,
    }).preProcessEntity(component('svc', { ...annotations }));
    expect(result.metadata.labels).toEqual(expected);
  });

  it('keeps other labels and removes a tier label that no longer applies', async () => {
    const result = await processor({
      'component:default/svc': 'at-risk',
    }).preProcessEntity(
      component('svc', {}, { team: 'a', [TIER_LABEL]: 'tier-1' }),
    );
    expect(result.metadata.labels).toEqual({
      team: 'a',
      [SLO_STATUS_LABEL]: 'at-risk',
    });
  });

  it('stamps the policy state, and removes it when the entity has none', async () => {
    const labelled = new ReliabilityLabelsProcessor({
      tierModel: { tiers: DEFAULT_TIERS, source: DEFAULT_TIER_SOURCE },
      statuses: {
        get: async () => 'breaching',
        policyStateOf: ref =>
          ref === 'component:default/svc' ? 'exhausted' : undefined,
      },
    });
    const stamped = await labelled.preProcessEntity(component('svc'));
    expect(stamped.metadata.labels?.[RELIABILITY_LABEL_POLICY_STATE]).toBe(
      'exhausted',
    );
    const other = await labelled.preProcessEntity(
      component('other', {}, { [RELIABILITY_LABEL_POLICY_STATE]: 'ok' }),
    );
    expect(other.metadata.labels).toEqual({ [SLO_STATUS_LABEL]: 'breaching' });
  });

  it('leaves other kinds alone', async () => {
    const group = component(
      'team-a',
      { 'reliability-kit.io/tier': 'tier-1' },
      {},
      'Group',
    );
    expect(await processor({}).preProcessEntity(group)).toBe(group);
  });
});

describe('SloStatusCache', () => {
  const discovery = mockServices.discovery.mock({
    getBaseUrl: async () => 'http://backstage.test/api/reliability',
  });

  it('reads all statuses in one request per interval and defaults to no-slo', async () => {
    let now = 1_000_000;
    const fetchImpl = jest.fn(
      async () =>
        new Response(
          JSON.stringify({
            statuses: {
              'component:default/a': 'breaching',
              'component:default/b': 'bogus',
            },
            policyStates: {
              'component:default/a': 'exhausted',
              'component:default/b': 'Bad State!',
            },
          }),
          { status: 200, headers: { 'content-type': 'application/json' } },
        ),
    );
    const cache = new SloStatusCache({
      discovery,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      fetchImpl: fetchImpl as unknown as typeof fetch,
      ttlMs: 10_000,
      now: () => now,
    });
    expect(await cache.get('component:default/a')).toBe('breaching');
    expect(await cache.get('component:default/b')).toBe('no-slo');
    expect(await cache.get('component:default/c')).toBe('no-slo');
    expect(cache.policyStateOf('component:default/a')).toBe('exhausted');
    expect(cache.policyStateOf('component:default/b')).toBeUndefined();
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    expect((fetchImpl.mock.calls[0] as unknown[])[0]).toBe(
      'http://backstage.test/api/reliability/fleet/statuses',
    );
    now += 11_000;
    await cache.get('component:default/a');
    expect(fetchImpl).toHaveBeenCalledTimes(2);
  });

  it('keeps the last statuses when the backend fails, and gives nothing before the first success', async () => {
    let now = 1_000_000;
    let fail = true;
    const fetchImpl = jest.fn(async () =>
      fail
        ? new Response('oops', { status: 503 })
        : new Response(
            JSON.stringify({ statuses: { 'component:default/a': 'healthy' } }),
            { status: 200 },
          ),
    );
    const logger = mockServices.logger.mock();
    const cache = new SloStatusCache({
      discovery,
      auth: mockServices.auth(),
      logger,
      fetchImpl: fetchImpl as unknown as typeof fetch,
      ttlMs: 10_000,
      now: () => now,
    });
    expect(await cache.get('component:default/a')).toBeUndefined();
    expect(await cache.get('component:default/b')).toBeUndefined();
    // one attempt per interval, even while failing
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      'Could not read SLO statuses from the reliability backend: answered 503',
    );
    fail = false;
    now += 11_000;
    expect(await cache.get('component:default/a')).toBe('healthy');
    fail = true;
    now += 11_000;
    expect(await cache.get('component:default/a')).toBe('healthy');
  });
});
