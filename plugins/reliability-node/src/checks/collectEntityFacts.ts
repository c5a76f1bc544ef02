import { Entity } from '@backstage/catalog-model';
import { MAX_FACT_PATH_SEGMENTS } from './checkFactName';
import { CheckFacts, CheckFactValue } from './types';

/** Metadata fields that have facts of their own (`annotation:`, `label:`, `links.`). */
const OWN_FACT_FIELDS = new Set(['annotations', 'labels', 'links']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toFactValue(value: unknown): CheckFactValue | undefined {
  if (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && !Number.isNaN(value))
  ) {
    return value;
  }
  if (
    Array.isArray(value) &&
    value.every(element => typeof element === 'string')
  ) {
    return [...value];
  }
  return undefined;
}

/**
 * Adds `<prefix>.<path>` facts for every scalar or string-list value of
 * `value`, at most MAX_FACT_PATH_SEGMENTS segments deep.
 */
function flatten(
  facts: CheckFacts,
  prefix: string,
  value: Record<string, unknown>,
  depth: number,
  skip?: Set<string>,
) {
  for (const [key, child] of Object.entries(value)) {
    if (skip?.has(key)) continue;
    const name = `${prefix}.${key}`;
    const fact = toFactValue(child);
    if (fact !== undefined) {
      facts[name] = fact;
    } else if (isRecord(child) && depth < MAX_FACT_PATH_SEGMENTS) {
      flatten(facts, name, child, depth + 1);
    }
  }
}

function stringValues(value: unknown): Array<[string, string]> {
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([key, v]) =>
    typeof v === 'string' ? [[key, v] as [string, string]] : [],
  );
}

/**
 * Collects the facts that come from the entity itself (see `CheckFacts`):
 *
 * - `annotation:<key>` and `label:<key>` for each annotation and label;
 * - `metadata.<path>` for the entity's metadata values (scalars and string
 *   lists, flattened with dots up to 4 levels), always with `metadata.name`,
 *   `metadata.namespace` (default `default`) and `metadata.tags` (default
 *   `[]`); annotations, labels and links have facts of their own;
 * - `spec.<path>` the same way for the spec, e.g. `spec.type`,
 *   `spec.lifecycle`, `spec.owner`;
 * - `relation:<type>`: the target refs of the entity's relations of a type;
 * - `links.url`, `links.type`, `links.title`: lists of the links' values
 *   (empty lists without links; links without a type or title add none).
 *
 * Values of other types (null, lists of objects) are left out, i.e. unknown.
 *
 * @public
 */
export function collectEntityFacts(entity: Entity): CheckFacts {
  const facts: CheckFacts = {};
  const metadata: Record<string, unknown> = isRecord(entity.metadata)
    ? entity.metadata
    : {};

  for (const [key, value] of stringValues(metadata.annotations)) {
    facts[`annotation:${key}`] = value;
  }
  for (const [key, value] of stringValues(metadata.labels)) {
    facts[`label:${key}`] = value;
  }

  flatten(facts, 'metadata', metadata, 1, OWN_FACT_FIELDS);
  facts['metadata.namespace'] =
    typeof metadata.namespace === 'string' && metadata.namespace
      ? metadata.namespace
      : 'default';
  const tags = Array.isArray(metadata.tags) ? metadata.tags : [];
  facts['metadata.tags'] = tags.filter(
    (tag): tag is string => typeof tag === 'string',
  );

  if (isRecord(entity.spec)) {
    flatten(facts, 'spec', entity.spec, 1);
  }

  for (const relation of Array.isArray(entity.relations)
    ? entity.relations
    : []) {
    if (
      isRecord(relation) &&
      typeof relation.type === 'string' &&
      typeof relation.targetRef === 'string'
    ) {
      const name = `relation:${relation.type}`;
      const refs = facts[name];
      facts[name] = Array.isArray(refs)
        ? [...refs, relation.targetRef]
        : [relation.targetRef];
    }
  }

  const links = (Array.isArray(metadata.links) ? metadata.links : []).filter(
    isRecord,
  );
  const linkValues = (field: string) =>
    links.flatMap(link =>
      typeof link[field] === 'string' ? [link[field] as string] : [],
    );
  facts['links.url'] = linkValues('url');
  facts['links.type'] = linkValues('type');
  facts['links.title'] = linkValues('title');

  return facts;
}
