import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { TierDefinition } from '@reliability-kit/backstage-plugin-reliability-common';
import { ChecksConfigError } from './ChecksConfigError';
import { describeConfigValue } from './describeConfigValue';
import { parseCheckRule } from './parseCheckRule';
import { DEFAULT_SCORECARD_KINDS } from './scorecardAppliesTo';
import {
  CheckDefinition,
  ChecksConfig,
  ReadinessItemDefinition,
  ScorecardCheckRef,
  ScorecardDefinition,
  ScorecardFilter,
  ScorecardLevelDefinition,
} from './types';

/**
 * The raw configuration values {@link parseChecksConfig} validates, as
 * `config.getOptional()` returns them.
 *
 * @public
 */
export interface RawChecksConfig {
  /** `reliability.checks` */
  checks?: unknown;
  /** `reliability.readiness` */
  readiness?: unknown;
  /** `reliability.scorecards` */
  scorecards?: unknown;
  /** `reliability.fleet.goldenPathScorecard` */
  goldenPathScorecard?: unknown;
}

/**
 * Options of {@link parseChecksConfig}.
 *
 * @public
 */
export interface ParseChecksConfigOptions {
  /** The configured tiers (`reliability.tiers`). */
  tiers: TierDefinition[];
}

/** Default of `reliability.checks[].maxAgeDays`. */
const DEFAULT_MAX_AGE_DAYS = 30;
/** Default of `reliability.readiness.expiryWarningDays`. */
const DEFAULT_EXPIRY_WARNING_DAYS = 14;
/** Default of `reliability.readiness.items[].group`. */
const DEFAULT_GROUP = 'General';

const ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

const CHECK_KEYS = [
  'id',
  'title',
  'description',
  'howToFix',
  'rule',
  'pushed',
  'maxAgeDays',
];
const READINESS_KEYS = ['items', 'expiryWarningDays'];
const ITEM_KEYS = [
  'id',
  'title',
  'group',
  'description',
  'howToFix',
  'tiers',
  'kind',
  'check',
  'validityDays',
];
const SCORECARD_KEYS = ['id', 'title', 'description', 'filter', 'levels'];
const FILTER_KEYS = ['kind', 'type', 'tier', 'owner'];
const LEVEL_KEYS = ['id', 'title', 'checks'];
const CHECK_REF_KEYS = ['check', 'weight'];

type Obj = Record<string, unknown>;

function isRecord(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function listOr(values: string[], none: string, lead: string): string {
  return values.length ? `${lead} ${values.join(', ')}` : none;
}

function fail(key: string, problem: string, context?: string): never {
  throw new ChecksConfigError(key, problem, context);
}

/** Checks `raw` is a mapping with only `allowed` keys. */
function mapping(
  raw: unknown,
  key: string,
  allowed: string[],
  context?: string,
): Obj {
  if (!isRecord(raw)) {
    return fail(
      key,
      `must be a mapping; got ${describeConfigValue(raw)}`,
      context,
    );
  }
  const extra = Object.keys(raw).find(k => !allowed.includes(k));
  if (extra !== undefined) {
    return fail(
      `${key}.${extra}`,
      `unknown key "${extra}"; allowed keys are ${allowed.join(', ')}`,
      context,
    );
  }
  return raw;
}

function list(raw: unknown, key: string, context?: string): unknown[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    return fail(
      key,
      `must be a list; got ${describeConfigValue(raw)}`,
      context,
    );
  }
  return raw;
}

function requiredString(
  obj: Obj,
  field: string,
  key: string,
  context?: string,
): string {
  const value = obj[field];
  if (typeof value !== 'string' || value.trim() === '') {
    return fail(
      `${key}.${field}`,
      value === undefined
        ? 'is required'
        : `must be a non-empty string; got ${describeConfigValue(value)}`,
      context,
    );
  }
  return value.trim();
}

function optionalString(
  obj: Obj,
  field: string,
  key: string,
  context?: string,
): string | undefined {
  const value = obj[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    return fail(
      `${key}.${field}`,
      `must be a string; got ${describeConfigValue(value)}`,
      context,
    );
  }
  return value.trim() || undefined;
}

function optionalNumber(
  obj: Obj,
  field: string,
  key: string,
  context: string | undefined,
  rule: { min: number; exclusive: boolean; integer?: boolean },
): number | undefined {
  const value = obj[field];
  if (value === undefined || value === null) return undefined;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (rule.exclusive ? value > rule.min : value >= rule.min) &&
    (!rule.integer || Number.isInteger(value));
  if (!ok) {
    const what = rule.integer ? 'an integer' : 'a number';
    const bound = rule.exclusive
      ? `above ${rule.min}`
      : `of at least ${rule.min}`;
    return fail(
      `${key}.${field}`,
      `must be ${what} ${bound}; got ${describeConfigValue(value)}`,
      context,
    );
  }
  return value as number;
}

function readId(obj: Obj, key: string, what: string, context?: string): string {
  const value = obj.id;
  if (typeof value !== 'string' || !ID.test(value)) {
    return fail(
      `${key}.id`,
      value === undefined
        ? `is required: every ${what} needs an id`
        : `${describeConfigValue(
            value,
          )} is not a valid id; use 1 to 63 lowercase letters, digits and dashes, starting with a letter or digit`,
      context,
    );
  }
  return value;
}

/** Fails when `id` was used before in the same list. */
function unique(
  seen: Map<string, string>,
  id: string,
  key: string,
  context: string,
) {
  const first = seen.get(id);
  if (first !== undefined) {
    fail(`${key}.id`, `duplicate id "${id}", also used by ${first}`, context);
  }
  seen.set(id, key);
}

function stringList(
  raw: unknown,
  key: string,
  context: string,
): string[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) {
    return fail(
      key,
      `must be a list of strings; got ${describeConfigValue(raw)}`,
      context,
    );
  }
  return raw.map((value, index) => {
    if (typeof value !== 'string' || value.trim() === '') {
      return fail(
        `${key}[${index}]`,
        `must be a non-empty string; got ${describeConfigValue(value)}`,
        context,
      );
    }
    return value.trim();
  });
}

function tierIds(tiers: TierDefinition[]): string {
  return listOr(
    tiers.map(t => t.id),
    'no tiers are configured',
    'configured tiers are',
  );
}

/** Fails on a tier of `values` that is not configured. */
function checkTiers(
  values: string[] | undefined,
  key: string,
  context: string,
  tiers: TierDefinition[],
) {
  values?.forEach((tier, index) => {
    if (!tiers.some(t => t.id === tier)) {
      fail(
        `${key}[${index}]`,
        `unknown tier "${tier}"; ${tierIds(tiers)}`,
        context,
      );
    }
  });
}

/** The check `obj[field]` names, which must be configured. */
function checkRef(
  obj: Obj,
  field: string,
  key: string,
  context: string,
  checkIds: string[],
): string {
  const check = requiredString(obj, field, key, context);
  if (!checkIds.includes(check)) {
    fail(
      `${key}.${field}`,
      `unknown check "${check}"; ${listOr(
        checkIds,
        'no checks are configured (reliability.checks)',
        'configured checks are',
      )}`,
      context,
    );
  }
  return check;
}

/**
 * An entry of a list of checks, readiness items or scorecards: a mapping
 * with a valid id, only `allowed` keys and an id not `seen` before in the
 * list. Its context in errors is `<what> "<id>"`.
 */
function listEntry(
  entry: unknown,
  entryKey: string,
  what: string,
  allowed: string[],
  seen: Map<string, string>,
): { entry: Obj; id: string; context: string } {
  if (!isRecord(entry)) {
    return fail(
      entryKey,
      `must be a mapping; got ${describeConfigValue(entry)}`,
    );
  }
  const id = readId(entry, entryKey, what);
  const context = `${what} "${id}"`;
  mapping(entry, entryKey, allowed, context);
  unique(seen, id, entryKey, context);
  return { entry, id, context };
}

function parseChecks(raw: unknown): CheckDefinition[] {
  const key = 'reliability.checks';
  const entries = list(raw, key);
  const seen = new Map<string, string>();
  // First the checks without their rules, so that a rule may name any
  // pushed check (`push.<checkId>.passed`), also one defined after it.
  const partial = entries.map((rawEntry, index) => {
    const entryKey = `${key}[${index}]`;
    const { entry, id, context } = listEntry(
      rawEntry,
      entryKey,
      'check',
      CHECK_KEYS,
      seen,
    );
    const pushed = entry.pushed ?? false;
    if (typeof pushed !== 'boolean') {
      fail(
        `${entryKey}.pushed`,
        `must be true or false; got ${describeConfigValue(pushed)}`,
        context,
      );
    }
    return {
      entry,
      entryKey,
      context,
      check: {
        id,
        title: requiredString(entry, 'title', entryKey, context),
        description: optionalString(entry, 'description', entryKey, context),
        howToFix: optionalString(entry, 'howToFix', entryKey, context),
        pushed: pushed as boolean,
        maxAgeDays:
          optionalNumber(entry, 'maxAgeDays', entryKey, context, {
            min: 0,
            exclusive: true,
          }) ?? DEFAULT_MAX_AGE_DAYS,
      },
    };
  });
  const pushedChecks = partial.filter(p => p.check.pushed).map(p => p.check.id);
  return partial.map(({ entry, entryKey, context, check }) => {
    let rule: CheckDefinition['rule'];
    if (entry.rule !== undefined && entry.rule !== null) {
      rule = parseCheckRule(entry.rule, `${entryKey}.rule`, context, {
        pushedChecks,
      });
    } else if (check.pushed) {
      rule = { fact: `push.${check.id}.passed`, equals: true };
    } else {
      return fail(
        `${entryKey}.rule`,
        'is required unless the check is pushed (pushed: true)',
        context,
      );
    }
    const definition: CheckDefinition = { ...check, rule };
    if (definition.description === undefined) delete definition.description;
    if (definition.howToFix === undefined) delete definition.howToFix;
    return definition;
  });
}

function parseReadiness(
  raw: unknown,
  checks: CheckDefinition[],
  tiers: TierDefinition[],
): { items: ReadinessItemDefinition[]; expiryWarningDays: number } {
  const key = 'reliability.readiness';
  if (raw === undefined || raw === null) {
    return checkTierRequirements(
      { items: [], expiryWarningDays: DEFAULT_EXPIRY_WARNING_DAYS },
      tiers,
    );
  }
  const obj = mapping(raw, key, READINESS_KEYS);
  const expiryWarningDays =
    optionalNumber(obj, 'expiryWarningDays', key, undefined, {
      min: 0,
      exclusive: false,
    }) ?? DEFAULT_EXPIRY_WARNING_DAYS;
  const checkIds = checks.map(c => c.id);
  const seen = new Map<string, string>();
  const items = list(obj.items, `${key}.items`).map(
    (rawEntry, index): ReadinessItemDefinition => {
      const entryKey = `${key}.items[${index}]`;
      const { entry, id, context } = listEntry(
        rawEntry,
        entryKey,
        'readiness item',
        ITEM_KEYS,
        seen,
      );

      const kind = entry.kind;
      if (kind !== 'automatic' && kind !== 'attested') {
        fail(
          `${entryKey}.kind`,
          kind === undefined
            ? 'is required: automatic (a check decides) or attested (a person confirms)'
            : `must be automatic or attested; got ${describeConfigValue(kind)}`,
          context,
        );
      }
      const item: ReadinessItemDefinition = {
        id,
        title: requiredString(entry, 'title', entryKey, context),
        group:
          optionalString(entry, 'group', entryKey, context) ?? DEFAULT_GROUP,
        tiers: [],
        kind,
      };
      const description = optionalString(
        entry,
        'description',
        entryKey,
        context,
      );
      if (description !== undefined) item.description = description;
      const howToFix = optionalString(entry, 'howToFix', entryKey, context);
      if (howToFix !== undefined) item.howToFix = howToFix;

      const itemTiers =
        stringList(entry.tiers, `${entryKey}.tiers`, context) ?? [];
      checkTiers(itemTiers, `${entryKey}.tiers`, context, tiers);
      item.tiers = itemTiers;

      if (kind === 'automatic') {
        item.check = checkRef(entry, 'check', entryKey, context, checkIds);
        if (entry.validityDays !== undefined) {
          fail(
            `${entryKey}.validityDays`,
            'only attested items have a validity period',
            context,
          );
        }
      } else {
        if (entry.check !== undefined) {
          fail(
            `${entryKey}.check`,
            'attested items have no check; use kind: automatic for an item a check decides',
            context,
          );
        }
        const validityDays = optionalNumber(
          entry,
          'validityDays',
          entryKey,
          context,
          { min: 0, exclusive: true, integer: true },
        );
        if (validityDays !== undefined) item.validityDays = validityDays;
      }
      return item;
    },
  );
  return checkTierRequirements({ items, expiryWarningDays }, tiers);
}

/**
 * Checks that the tiers' `requiredReadiness` name configured items, and adds
 * those tiers to the items' `tiers`, in the order of the configured tiers.
 */
function checkTierRequirements(
  readiness: { items: ReadinessItemDefinition[]; expiryWarningDays: number },
  tiers: TierDefinition[],
) {
  const itemIds = readiness.items.map(i => i.id);
  tiers.forEach((tier, tierIndex) => {
    (tier.requiredReadiness ?? []).forEach((itemId, index) => {
      if (!itemIds.includes(itemId)) {
        fail(
          `reliability.tiers[${tierIndex}].requiredReadiness[${index}]`,
          `unknown readiness item "${itemId}"; ${listOr(
            itemIds,
            'no readiness items are configured (reliability.readiness.items)',
            'configured readiness items are',
          )}`,
          `tier "${tier.id}"`,
        );
      }
    });
  });
  for (const item of readiness.items) {
    item.tiers = tiers
      .filter(
        tier =>
          item.tiers.includes(tier.id) ||
          (tier.requiredReadiness ?? []).includes(item.id),
      )
      .map(tier => tier.id);
  }
  return readiness;
}

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

function parseScorecards(
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

function parseGoldenPath(
  raw: unknown,
  scorecards: ScorecardDefinition[],
): string | undefined {
  const key = 'reliability.fleet.goldenPathScorecard';
  if (raw === undefined || raw === null) {
    return scorecards[0]?.id;
  }
  const ids = scorecards.map(s => s.id);
  if (typeof raw !== 'string' || !ids.includes(raw.trim())) {
    return fail(
      key,
      `${
        typeof raw === 'string'
          ? `unknown scorecard "${raw}"`
          : `must be a scorecard id; got ${describeConfigValue(raw)}`
      }; ${listOr(
        ids,
        'no scorecards are configured (reliability.scorecards)',
        'configured scorecards are',
      )}`,
    );
  }
  return raw.trim();
}

/**
 * Validates the checks, readiness and scorecard configuration
 * (`reliability.checks`, `reliability.readiness`, `reliability.scorecards`
 * and `reliability.fleet.goldenPathScorecard`, as `config.getOptional()`
 * returns them) against itself and the configured tiers, and fills in
 * defaults. Throws a {@link ChecksConfigError} naming the first invalid key
 * and the check, readiness item or scorecard it belongs to.
 *
 * The tiers' `requiredReadiness` must name configured items; those tiers are
 * added to the items' `tiers`.
 *
 * @public
 */
export function parseChecksConfig(
  raw: RawChecksConfig,
  options: ParseChecksConfigOptions,
): ChecksConfig {
  const { tiers } = options;
  const checks = parseChecks(raw.checks);
  const readiness = parseReadiness(raw.readiness, checks, tiers);
  const scorecards = parseScorecards(raw.scorecards, checks, tiers);
  const goldenPathScorecard = parseGoldenPath(
    raw.goldenPathScorecard,
    scorecards,
  );
  const config: ChecksConfig = {
    checks,
    readiness: readiness.items,
    scorecards,
    expiryWarningDays: readiness.expiryWarningDays,
  };
  if (goldenPathScorecard !== undefined) {
    config.goldenPathScorecard = goldenPathScorecard;
  }
  return config;
}
