import { Entity, RELATION_OWNED_BY } from '@backstage/catalog-model';
import {
  PermissionCondition,
  PermissionCriteria,
  PermissionRuleParams,
} from '@backstage/plugin-permission-common';
import { Knex } from 'knex';

/**
 * A CONDITIONAL `reliability.entity.read` decision, translated into a filter
 * on the columns the fleet table keeps for every indexed entity. Only the
 * catalog rules whose meaning those columns carry exactly are translated:
 *
 * - `IS_ENTITY_OWNER` `{ claims }`: the owner ref is one of the claims
 *   (the catalog compares the `ownedBy` relations' target refs exactly);
 * - `IS_ENTITY_KIND` `{ kinds }`: the kind, compared lower-case.
 *
 * Any other rule (annotations, labels, spec, custom rules) makes the whole
 * decision untranslatable, and the caller falls back to having the catalog
 * evaluate the conditions per entity.
 */
export type EntityFilter =
  | { allOf: EntityFilter[] }
  | { anyOf: EntityFilter[] }
  | { not: EntityFilter }
  | { owner: string[] }
  | { kind: string[] };

type Criteria = PermissionCriteria<
  PermissionCondition<string, PermissionRuleParams>
>;

const stringArray = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every(v => typeof v === 'string')
    ? (value as string[])
    : undefined;

/**
 * Translates the conditions of a CONDITIONAL decision on catalog entities;
 * undefined when any part cannot be translated.
 */
export function toEntityFilter(
  criteria: Criteria,
  depth = 0,
): EntityFilter | undefined {
  if (depth > 20) return undefined;
  if ('allOf' in criteria || 'anyOf' in criteria) {
    const list = 'allOf' in criteria ? criteria.allOf : criteria.anyOf;
    const parts = list.map(c => toEntityFilter(c, depth + 1));
    if (parts.some(p => p === undefined)) return undefined;
    return 'allOf' in criteria
      ? { allOf: parts as EntityFilter[] }
      : { anyOf: parts as EntityFilter[] };
  }
  if ('not' in criteria) {
    const inner = toEntityFilter(criteria.not, depth + 1);
    return inner ? { not: inner } : undefined;
  }
  if (criteria.resourceType !== 'catalog-entity') return undefined;
  const params = (criteria.params ?? {}) as Record<string, unknown>;
  if (criteria.rule === 'IS_ENTITY_OWNER') {
    const claims = stringArray(params.claims);
    return claims ? { owner: claims } : undefined;
  }
  if (criteria.rule === 'IS_ENTITY_KIND') {
    const kinds = stringArray(params.kinds);
    return kinds
      ? { kind: kinds.map(k => k.toLocaleLowerCase('en-US')) }
      : undefined;
  }
  return undefined;
}

/** Adds the filter to a query of a table with `owner_ref` and `kind` columns. */
export function applyEntityFilter(
  query: Knex.QueryBuilder,
  filter: EntityFilter,
): Knex.QueryBuilder {
  if ('allOf' in filter) {
    if (filter.allOf.length === 0) return query;
    return query.where(q => {
      for (const part of filter.allOf)
        q.andWhere(p => applyEntityFilter(p, part));
    });
  }
  if ('anyOf' in filter) {
    if (filter.anyOf.length === 0) return query.whereRaw('1 = 0');
    return query.where(q => {
      for (const part of filter.anyOf)
        q.orWhere(p => applyEntityFilter(p, part));
    });
  }
  if ('not' in filter) {
    return query.whereNot(q => applyEntityFilter(q, filter.not));
  }
  if ('owner' in filter) {
    // NULL owners never match, also under NOT (as in the catalog, where an
    // entity without owner relations does not satisfy IS_ENTITY_OWNER and
    // does satisfy its negation).
    return filter.owner.length
      ? query.where(q =>
          q.whereNotNull('owner_ref').whereIn('owner_ref', filter.owner),
        )
      : query.whereRaw('1 = 0');
  }
  return filter.kind.length
    ? query.whereIn('kind', filter.kind)
    : query.whereRaw('1 = 0');
}

/**
 * Whether an entity satisfies the filter, evaluated as the catalog's rules
 * do: `IS_ENTITY_OWNER` holds when any `ownedBy` relation targets one of the
 * claims (none: false, so its negation holds), `IS_ENTITY_KIND` compares the
 * kind lower-case.
 */
export function matchesEntityFilter(
  entity: Entity,
  filter: EntityFilter,
): boolean {
  if ('allOf' in filter)
    return filter.allOf.every(f => matchesEntityFilter(entity, f));
  if ('anyOf' in filter)
    return filter.anyOf.some(f => matchesEntityFilter(entity, f));
  if ('not' in filter) return !matchesEntityFilter(entity, filter.not);
  if ('owner' in filter) {
    const claims = filter.owner;
    return (entity.relations ?? []).some(
      r => r.type === RELATION_OWNED_BY && claims.includes(r.targetRef),
    );
  }
  return filter.kind.includes(entity.kind.toLocaleLowerCase('en-US'));
}
