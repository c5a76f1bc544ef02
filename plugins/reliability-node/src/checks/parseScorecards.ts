import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { TierDefinition } from '@reliability-kit/backstage-plugin-reliability-common';
import { DEFAULT_SCORECARD_KINDS } from './scorecardAppliesTo';
import {
  CheckDefinition,
  ScorecardCheckRef,
  ScorecardDefinition,
  ScorecardFilter,
  ScorecardLevelDefinition,
} from './types';
import {
  checkRef,
  checkTiers,
  fail,
  list,
  listEntry,
  mapping,
  optionalNumber,
  optionalString,
  readId,
  requiredString,
  stringList,
  unique,
} from './checksConfigValidation';

const SCORECARD_KEYS = ['id', 'title', 'description', 'filter', 'levels'];
const FILTER_KEYS = ['kind', 'type', 'tier', 'owner'];
const LEVEL_KEYS = ['id', 'title', 'checks'];
const CHECK_REF_KEYS = ['check', 'weight'];

function parseFilter(
  raw: unknown,
  key: string,
  context: string,
  tiers: TierDefinition[],
): ScorecardFilter {
  if (raw === undefined || raw === null) {
    return { kind: [...DEFAULT_SCORECARD_KINDS] };
  }
  const obj = mapping(raw, key, FILTER_KEYS, context);
  const filter: ScorecardFilter = {};
  const kinds = stringList(obj.kind, `${key}.kind`, context);
  filter.kind = kinds?.length
    ? kinds.map(k => k.toLocaleLowerCase('en-US'))
    : [...DEFAULT_SCORECARD_KINDS];
  const types = stringList(obj.type, `${key}.type`, context);
  if (types?.length) filter.type = types;
  const filterTiers = stringList(obj.tier, `${key}.tier`, context);
  checkTiers(filterTiers, `${key}.tier`, context, tiers);
  if (filterTiers?.length) filter.tier = filterTiers;
  const owners = stringList(obj.owner, `${key}.owner`, context);
  if (owners?.length) {
    filter.owner = owners.map((owner, index) => {
      try {
        return stringifyEntityRef(
          parseEntityRef(owner, {
            defaultKind: 'group',
            defaultNamespace: 'default',
          }),
        );
      } catch (error) {
        return fail(
          `${key}.owner[${index}]`,
          `"${owner}" is not an entity ref such as group:default/team-a or team-a: ${
            (error as Error).message
          }`,
          context,
        );
      }
    });
  }
  return filter;
}

function parseLevels(
  raw: unknown,
  key: string,
  context: string,
  checkIds: string[],
): ScorecardLevelDefinition[] {
  const levels = list(raw, key, context);
  if (levels.length === 0) {
    fail(key, 'a scorecard needs at least one level', context);
  }
  const seenLevels = new Map<string, string>();
  const seenChecks = new Map<string, string>();
  return levels.map((entry, index) => {
    const levelKey = `${key}[${index}]`;
    const obj = mapping(entry, levelKey, LEVEL_KEYS, context);
    const id = readId(obj, levelKey, 'level', context);
    unique(seenLevels, id, levelKey, context);
    const title = requiredString(obj, 'title', levelKey, context);
    const refs = list(obj.checks, `${levelKey}.checks`, context);
    if (refs.length === 0) {
      fail(
        `${levelKey}.checks`,
        `level "${id}" needs at least one check`,
        context,
      );
    }
    const checks = refs.map((ref, refIndex): ScorecardCheckRef => {
      const refKey = `${levelKey}.checks[${refIndex}]`;
      const refObj = mapping(ref, refKey, CHECK_REF_KEYS, context);
      const check = checkRef(refObj, 'check', refKey, context, checkIds);
      const first = seenChecks.get(check);
      if (first !== undefined) {
        fail(
          `${refKey}.check`,
          `check "${check}" is already in the scorecard at ${first}; a check counts once per scorecard`,
          context,
        );
      }
      seenChecks.set(check, refKey);
      const weight =
        optionalNumber(refObj, 'weight', refKey, context, {
          min: 0,
          exclusive: true,
        }) ?? 1;
      return { check, weight };
    });
    return { id, title, checks };
  });
}

/** Validates `reliability.scorecards` against the checks and tiers. */
export function parseScorecards(
  raw: unknown,
  checks: CheckDefinition[],
  tiers: TierDefinition[],
): ScorecardDefinition[] {
  const key = 'reliability.scorecards';
  const checkIds = checks.map(c => c.id);
  const seen = new Map<string, string>();
  return list(raw, key).map((rawEntry, index): ScorecardDefinition => {
    const entryKey = `${key}[${index}]`;
    const { entry, id, context } = listEntry(
      rawEntry,
      entryKey,
      'scorecard',
      SCORECARD_KEYS,
      seen,
    );
    const scorecard: ScorecardDefinition = {
      id,
      title: requiredString(entry, 'title', entryKey, context),
      filter: parseFilter(entry.filter, `${entryKey}.filter`, context, tiers),
      levels: parseLevels(
        entry.levels,
        `${entryKey}.levels`,
        context,
        checkIds,
      ),
    };
    const description = optionalString(entry, 'description', entryKey, context);
    if (description !== undefined) scorecard.description = description;
    return scorecard;
  });
}
