import { Entity } from '@backstage/catalog-model';
import { EntityTier, TierModel, TierSource } from './types';

function describeSource(source: TierSource): string {
  switch (source.from) {
    case 'annotation':
      return `the annotation "${source.key}"`;
    case 'label':
      return `the label "${source.key}"`;
    default:
      return `the field "spec.${source.key}"`;
  }
}

function rawTierValue(entity: Entity, source: TierSource): unknown {
  switch (source.from) {
    case 'annotation':
      return entity.metadata.annotations?.[source.key];
    case 'label':
      return entity.metadata.labels?.[source.key];
    default:
      return (entity.spec as Record<string, unknown> | undefined)?.[source.key];
  }
}

/**
 * Reads an entity's tier from the configured source and validates it against
 * the configured tiers. Never throws: an unknown or malformed value is
 * returned as `invalid` with a message that names the value, where it was
 * read from and the valid tiers.
 *
 * @public
 */
export function readEntityTier(entity: Entity, model: TierModel): EntityTier {
  const { source } = model;
  const raw = rawTierValue(entity, source);
  const where = describeSource(source);
  const valid = model.tiers.map(t => t.id).join(', ');

  if (raw === undefined || raw === null || raw === '') {
    return {
      status: 'missing',
      source,
      message: `No tier set: add ${where} with one of ${valid}.`,
    };
  }
  if (typeof raw !== 'string' && typeof raw !== 'number') {
    return {
      status: 'invalid',
      value: JSON.stringify(raw),
      source,
      message: `Invalid tier in ${where}: expected one of ${valid}, got a ${typeof raw}.`,
    };
  }
  const value = String(raw).trim();
  const tier = model.tiers.find(
    t => t.id.toLocaleLowerCase('en-US') === value.toLocaleLowerCase('en-US'),
  );
  if (!tier) {
    return {
      status: 'invalid',
      value,
      source,
      message: `Unknown tier "${value}" in ${where}: expected one of ${valid}.`,
    };
  }
  return { status: 'ok', tier, source };
}
