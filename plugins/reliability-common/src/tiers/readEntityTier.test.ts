import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { DEFAULT_TIERS, DEFAULT_TIER_SOURCE } from './defaultTiers';
import { readEntityTier } from './readEntityTier';
import { TierModel } from './types';

function entity(parts: {
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
  spec?: JsonObject;
}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout',
      annotations: parts.annotations,
      labels: parts.labels,
    },
    spec: parts.spec ?? { type: 'service' },
  };
}

const byAnnotation: TierModel = {
  tiers: DEFAULT_TIERS,
  source: DEFAULT_TIER_SOURCE,
};
const byLabel: TierModel = {
  tiers: DEFAULT_TIERS,
  source: { from: 'label', key: 'tier' },
};
const bySpec: TierModel = {
  tiers: DEFAULT_TIERS,
  source: { from: 'spec', key: 'tier' },
};

describe('readEntityTier', () => {
  it.each([
    [
      'annotation',
      byAnnotation,
      entity({ annotations: { 'reliability-kit.io/tier': 'tier-1' } }),
      'tier-1',
    ],
    [
      'annotation, other case and spaces',
      byAnnotation,
      entity({ annotations: { 'reliability-kit.io/tier': ' Tier-2 ' } }),
      'tier-2',
    ],
    ['label', byLabel, entity({ labels: { tier: 'tier-3' } }), 'tier-3'],
    [
      'spec.tier',
      bySpec,
      entity({ spec: { type: 'service', tier: 'tier-4' } }),
      'tier-4',
    ],
  ])('reads the tier from the %s', (_name, model, e, expected) => {
    const result = readEntityTier(e, model);
    expect(result.status).toBe('ok');
    expect(result.status === 'ok' && result.tier.id).toBe(expected);
  });

  it.each([
    [
      'no annotations at all',
      byAnnotation,
      entity({}),
      'No tier set: add the annotation "reliability-kit.io/tier" with one of tier-1, tier-2, tier-3, tier-4.',
    ],
    [
      'an empty annotation',
      byAnnotation,
      entity({ annotations: { 'reliability-kit.io/tier': '' } }),
      'No tier set: add the annotation "reliability-kit.io/tier" with one of tier-1, tier-2, tier-3, tier-4.',
    ],
    [
      'a tier in the annotation when the label is configured',
      byLabel,
      entity({ annotations: { 'reliability-kit.io/tier': 'tier-1' } }),
      'No tier set: add the label "tier" with one of tier-1, tier-2, tier-3, tier-4.',
    ],
    [
      'no spec.tier',
      bySpec,
      entity({}),
      'No tier set: add the field "spec.tier" with one of tier-1, tier-2, tier-3, tier-4.',
    ],
  ])('reports a missing tier for %s', (_name, model, e, message) => {
    expect(readEntityTier(e, model)).toEqual({
      status: 'missing',
      source: model.source,
      message,
    });
  });

  it.each([
    [
      'an unknown tier',
      byAnnotation,
      entity({ annotations: { 'reliability-kit.io/tier': 'tier-0' } }),
      'tier-0',
      'Unknown tier "tier-0" in the annotation "reliability-kit.io/tier": expected one of tier-1, tier-2, tier-3, tier-4.',
    ],
    [
      'a platinum tier',
      byLabel,
      entity({ labels: { tier: 'platinum' } }),
      'platinum',
      'Unknown tier "platinum" in the label "tier": expected one of tier-1, tier-2, tier-3, tier-4.',
    ],
    [
      'an object in spec.tier',
      bySpec,
      entity({ spec: { tier: { level: 1 } } }),
      '{"level":1}',
      'Invalid tier in the field "spec.tier": expected one of tier-1, tier-2, tier-3, tier-4, got a object.',
    ],
  ])('reports %s as invalid', (_name, model, e, value, message) => {
    expect(readEntityTier(e, model)).toEqual({
      status: 'invalid',
      value,
      source: model.source,
      message,
    });
  });

  it('validates against configured tiers, not the defaults', () => {
    const model: TierModel = {
      tiers: [
        { id: 'gold', title: 'Gold', description: 'x', requiredReadiness: [] },
      ],
      source: DEFAULT_TIER_SOURCE,
    };
    expect(
      readEntityTier(
        entity({ annotations: { 'reliability-kit.io/tier': 'tier-1' } }),
        model,
      ),
    ).toMatchObject({
      status: 'invalid',
      message:
        'Unknown tier "tier-1" in the annotation "reliability-kit.io/tier": expected one of gold.',
    });
  });
});
