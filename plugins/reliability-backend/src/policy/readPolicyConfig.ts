import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import {
  SLO_BURN_RATE_WINDOWS,
  SloBurnRateWindow,
  TierModel,
} from '@reliability-kit/backstage-plugin-reliability-common';
import {
  PolicyCondition,
  PolicyConfig,
  PolicyDefinition,
  PolicyStateDefinition,
} from './policyTypes';

const HOUR_MS = 60 * 60 * 1000;
const STATE_ID = /^[a-z0-9][a-z0-9-]*$/;

export function invalid(key: string, message: string): Error {
  return new Error(`Invalid configuration: ${key} ${message}`);
}

export function optionalDurationMs(
  config: Config,
  key: string,
  fullKey: string,
  fallback: number,
): number {
  if (!config.has(key)) return fallback;
  let ms: number;
  try {
    ms = durationToMilliseconds(readDurationFromConfig(config, { key }));
  } catch (error) {
    throw invalid(fullKey, `is not a duration: ${(error as Error).message}`);
  }
  if (!(ms >= 0)) throw invalid(fullKey, 'must not be negative');
  return ms;
}

function readCondition(c: Config, key: string): PolicyCondition {
  const condition: PolicyCondition = {};
  const below = c.getOptionalNumber('budgetRemainingBelow');
  if (below !== undefined) {
    if (below > 1) {
      throw invalid(
        `${key}.budgetRemainingBelow`,
        `must be a fraction of the budget at most 1 (got ${below})`,
      );
    }
    condition.budgetRemainingBelow = below;
  }
  if (c.has('burnRateAbove')) {
    const window = c.getString('burnRateAbove.window');
    if (!(SLO_BURN_RATE_WINDOWS as readonly string[]).includes(window)) {
      throw invalid(
        `${key}.burnRateAbove.window`,
        `"${window}" is not one of ${SLO_BURN_RATE_WINDOWS.join(', ')}`,
      );
    }
    const rate = c.getNumber('burnRateAbove.rate');
    if (!(rate > 0)) {
      throw invalid(`${key}.burnRateAbove.rate`, 'must be above 0');
    }
    condition.burnRateAbove = { window: window as SloBurnRateWindow, rate };
  }
  if (
    condition.budgetRemainingBelow === undefined &&
    !condition.burnRateAbove
  ) {
    throw invalid(key, 'needs budgetRemainingBelow or burnRateAbove');
  }
  return condition;
}

function readState(
  c: Config,
  key: string,
  first: boolean,
): PolicyStateDefinition {
  const id = c.getString('id');
  if (!STATE_ID.test(id)) {
    throw invalid(
      `${key}.id`,
      `"${id}" must be lower-case letters, digits and -`,
    );
  }
  const enterConfigs = c.getOptionalConfigArray('enter') ?? [];
  if (first && enterConfigs.length > 0) {
    throw invalid(
      `${key}.enter`,
      'must be absent: the first state is where entities are when no other state holds',
    );
  }
  if (!first && enterConfigs.length === 0) {
    throw invalid(`${key}.enter`, 'is required on every state but the first');
  }
  const exitAbove = c.getOptionalNumber('exit.budgetRemainingAbove');
  if (exitAbove !== undefined && exitAbove > 1) {
    throw invalid(`${key}.exit.budgetRemainingAbove`, 'must be at most 1');
  }
  return {
    id,
    deploysAllowed: c.getBoolean('deploysAllowed'),
    description: c.getOptionalString('description'),
    requiredActions: c.getOptionalStringArray('requiredActions') ?? [],
    allowedChanges: c.getOptionalStringArray('allowedChanges') ?? [],
    enter: enterConfigs.map((e, i) => readCondition(e, `${key}.enter[${i}]`)),
    exit: {
      ...(exitAbove !== undefined ? { budgetRemainingAbove: exitAbove } : {}),
      forMs: optionalDurationMs(c, 'exit.for', `${key}.exit.for`, 0),
    },
  };
}

function readPolicy(c: Config, id: string, key: string): PolicyDefinition {
  const stateConfigs = c.getConfigArray('states');
  if (stateConfigs.length < 2) {
    throw invalid(`${key}.states`, 'needs at least two states');
  }
  const states = stateConfigs.map((s, i) =>
    readState(s, `${key}.states[${i}]`, i === 0),
  );
  const seen = new Set<string>();
  states.forEach((s, i) => {
    if (seen.has(s.id)) {
      throw invalid(`${key}.states[${i}].id`, `"${s.id}" is a duplicate`);
    }
    seen.add(s.id);
  });
  const slos = c.getOptionalStringArray('slos');
  return { id, states, ...(slos ? { slos } : {}) };
}

/**
 * Reads and validates `reliability.policy`.
 * Undefined when no policy is configured. Invalid configuration throws an
 * error naming the key, so the backend fails at startup.
 */
export function readPolicyConfig(
  config: Config,
  tierModel: TierModel,
): PolicyConfig | undefined {
  const root = config.getOptionalConfig('reliability.policy');
  if (!root) return undefined;
  const policies = new Map<string, PolicyDefinition>();
  const fallback = root.getOptionalConfig('default');
  if (fallback) {
    policies.set(
      'default',
      readPolicy(fallback, 'default', 'reliability.policy.default'),
    );
  }
  const tiers = root.getOptionalConfig('tiers');
  for (const tierId of tiers?.keys() ?? []) {
    const key = `reliability.policy.tiers.${tierId}`;
    if (!tierModel.tiers.some(t => t.id === tierId)) {
      throw invalid(
        key,
        `names an unknown tier (configured: ${tierModel.tiers
          .map(t => t.id)
          .join(', ')})`,
      );
    }
    policies.set(tierId, readPolicy(tiers!.getConfig(tierId), tierId, key));
  }
  if (policies.size === 0) {
    throw invalid(
      'reliability.policy',
      'needs a default policy or a policy under tiers',
    );
  }
  const onStale = root.getOptionalString('gate.onStale') ?? 'open';
  if (onStale !== 'open' && onStale !== 'closed') {
    throw invalid(
      'reliability.policy.gate.onStale',
      `must be "open" or "closed" (got "${onStale}")`,
    );
  }
  const kinds = root.getOptionalStringArray('exceptions.kinds') ?? [
    'dependency-outage',
    'security-fix',
    'p0-fix',
  ];
  kinds.forEach((k, i) => {
    if (!STATE_ID.test(k)) {
      throw invalid(
        `reliability.policy.exceptions.kinds[${i}]`,
        `"${k}" must be lower-case letters, digits and -`,
      );
    }
  });
  const maxDays = root.getOptionalNumber('exceptions.maxDays') ?? 14;
  if (!(maxDays >= 1 && maxDays <= 366)) {
    throw invalid('reliability.policy.exceptions.maxDays', 'must be 1 to 366');
  }
  return {
    policies,
    staleAfterMs: optionalDurationMs(
      root,
      'staleAfter',
      'reliability.policy.staleAfter',
      HOUR_MS,
    ),
    onStale,
    exceptions: {
      kinds,
      allowOwners: root.getOptionalBoolean('exceptions.allowOwners') ?? false,
      maxDays,
    },
  };
}

/** The policy of an entity's tier, or the default policy. */
export function policyFor(
  config: PolicyConfig,
  tier: string | undefined,
): PolicyDefinition | undefined {
  return (
    (tier !== undefined ? config.policies.get(tier) : undefined) ??
    config.policies.get('default')
  );
}
