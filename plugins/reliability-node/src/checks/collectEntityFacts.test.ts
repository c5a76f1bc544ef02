import { Entity } from '@backstage/catalog-model';
import { collectEntityFacts } from './collectEntityFacts';
import { CheckFacts } from './types';

const full: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    namespace: 'shop',
    title: 'Checkout',
    description: 'Takes the money',
    tags: ['java', 'payments'],
    uid: 'abc',
    annotations: {
      'backstage.io/techdocs-ref': 'dir:.',
      'reliability-kit.io/tier': 'tier-1',
    },
    labels: { deprecated: 'false' },
    links: [
      { url: 'https://grafana/d/1', type: 'dashboard', title: 'Dashboard' },
      { url: 'https://runbooks/checkout' },
    ],
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'team-a',
    replicas: 3,
    public: false,
    providesApis: ['checkout-api'],
    nothing: null,
    mixed: ['a', 1],
    objects: [{ a: 1 }],
    deploy: {
      region: 'eu',
      zones: ['a', 'b'],
      a: { b: { c: 'deep', d: { e: 'too deep' } } },
    },
  },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/team-a' },
    { type: 'providesApi', targetRef: 'api:default/checkout-api' },
    { type: 'providesApi', targetRef: 'api:default/checkout-admin' },
  ],
};

describe('collectEntityFacts', () => {
  it('collects annotations, labels, metadata, spec, relations and links', () => {
    expect(collectEntityFacts(full)).toEqual({
      'annotation:backstage.io/techdocs-ref': 'dir:.',
      'annotation:reliability-kit.io/tier': 'tier-1',
      'label:deprecated': 'false',
      'metadata.name': 'checkout',
      'metadata.namespace': 'shop',
      'metadata.title': 'Checkout',
      'metadata.description': 'Takes the money',
      'metadata.tags': ['java', 'payments'],
      'metadata.uid': 'abc',
      'spec.type': 'service',
      'spec.lifecycle': 'production',
      'spec.owner': 'team-a',
      'spec.replicas': 3,
      'spec.public': false,
      'spec.providesApis': ['checkout-api'],
      'spec.deploy.region': 'eu',
      'spec.deploy.zones': ['a', 'b'],
      'spec.deploy.a.b.c': 'deep',
      'relation:ownedBy': ['group:default/team-a'],
      'relation:providesApi': [
        'api:default/checkout-api',
        'api:default/checkout-admin',
      ],
      'links.url': ['https://grafana/d/1', 'https://runbooks/checkout'],
      'links.type': ['dashboard'],
      'links.title': ['Dashboard'],
    });
  });

  it.each<[string, Entity, CheckFacts]>([
    [
      'a minimal entity',
      { apiVersion: 'v1', kind: 'Component', metadata: { name: 'a' } },
      {
        'metadata.name': 'a',
        'metadata.namespace': 'default',
        'metadata.tags': [],
        'links.url': [],
        'links.type': [],
        'links.title': [],
      },
    ],
    [
      'malformed parts',
      {
        apiVersion: 'v1',
        kind: 'Component',
        metadata: {
          name: 'a',
          namespace: '',
          tags: ['x', 3] as any,
          annotations: { ok: 'yes', bad: 3 } as any,
          labels: 'nope' as any,
          links: [null, { url: 'u', type: 7 }] as any,
        },
        spec: 'nope' as any,
        relations: [
          null,
          { type: 'ownedBy' },
          { type: 'partOf', targetRef: 'system:default/s' },
        ] as any,
      },
      {
        'annotation:ok': 'yes',
        'metadata.name': 'a',
        'metadata.namespace': 'default',
        'metadata.tags': ['x'],
        'relation:partOf': ['system:default/s'],
        'links.url': ['u'],
        'links.type': [],
        'links.title': [],
      },
    ],
  ])('%s', (_name, entity, expected) => {
    expect(collectEntityFacts(entity)).toEqual(expected);
  });

  it('flattens nested values up to four levels', () => {
    const facts = collectEntityFacts({
      apiVersion: 'v1',
      kind: 'Component',
      metadata: { name: 'a' },
      spec: { l1: { l2: { l3: { l4: 'yes', l5: { x: 'no' } } } } },
    });
    expect(facts['spec.l1.l2.l3.l4']).toBe('yes');
    expect(Object.keys(facts).filter(k => k.startsWith('spec.'))).toEqual([
      'spec.l1.l2.l3.l4',
    ]);
  });
});
