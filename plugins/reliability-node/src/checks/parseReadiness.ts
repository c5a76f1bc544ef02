import { TierDefinition } from '@reliability-kit/backstage-plugin-reliability-common';
import { describeConfigValue } from './describeConfigValue';
import { CheckDefinition, ReadinessItemDefinition } from './types';
import {
  checkRef,
  checkTiers,
  fail,
  list,
  listEntry,
  listOr,
  mapping,
  optionalNumber,
  optionalString,
  requiredString,
  stringList,
} from './checksConfigValidation';

/** Default of `reliability.readiness.expiryWarningDays`. */
const DEFAULT_EXPIRY_WARNING_DAYS = 14;
/** Default of `reliability.readiness.items[].group`. */
const DEFAULT_GROUP = 'General';

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

/**
 * Validates `reliability.readiness` against the checks and tiers, filling
 * in defaults.
 */
export function parseReadiness(
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
