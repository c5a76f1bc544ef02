import { ConfigReader } from '@backstage/config';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  DEFAULT_TIERS,
  DEFAULT_TIER_SOURCE,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { readNotificationsConfig } from '../notifications/readNotificationsConfig';
import { policyFor, readPolicyConfig } from './readPolicyConfig';

const tierModel = { tiers: DEFAULT_TIERS, source: DEFAULT_TIER_SOURCE };

const states = [
  { id: 'ok', deploysAllowed: true },
  {
    id: 'exhausted',
    deploysAllowed: false,
    allowedChanges: ['P0 fix'],
    enter: [{ budgetRemainingBelow: 0 }],
    exit: { budgetRemainingAbove: 0.1, for: { hours: 24 } },
  },
];

const read = (policy: object, notifications?: object) =>
  readPolicyConfig(
    new ConfigReader({ reliability: { policy, notifications } }),
    tierModel,
  );

describe('readPolicyConfig', () => {
  it('is undefined without reliability.policy', () => {
    expect(readPolicyConfig(new ConfigReader({}), tierModel)).toBeUndefined();
  });

  it('reads policies per tier with the default for other tiers', () => {
    const config = read({
      default: { states },
      tiers: { 'tier-1': { states, slos: ['availability'] } },
      staleAfter: { minutes: 30 },
      gate: { onStale: 'closed' },
      exceptions: { kinds: ['security-fix'], allowOwners: true, maxDays: 7 },
    })!;
    expect(policyFor(config, 'tier-1')?.slos).toEqual(['availability']);
    expect(policyFor(config, 'tier-3')?.id).toBe('default');
    expect(policyFor(config, undefined)?.id).toBe('default');
    expect(config.policies.get('default')!.states[1]).toEqual({
      id: 'exhausted',
      deploysAllowed: false,
      description: undefined,
      requiredActions: [],
      allowedChanges: ['P0 fix'],
      enter: [{ budgetRemainingBelow: 0 }],
      exit: { budgetRemainingAbove: 0.1, forMs: 24 * 3_600_000 },
    });
    expect(config).toMatchObject({
      staleAfterMs: 30 * 60_000,
      onStale: 'closed',
      exceptions: { kinds: ['security-fix'], allowOwners: true, maxDays: 7 },
    });
  });

  it.each([
    [['app-config.yaml']],
    [['app-config.yaml', 'app-config.demo.yaml']],
  ])('accepts the example configuration of %j', files => {
    const config = ConfigReader.fromConfigs(
      files.map(file => ({
        context: file,
        data: parse(readFileSync(join(__dirname, '../../../..', file), 'utf8')),
      })),
    );
    expect(readPolicyConfig(config, tierModel)?.policies.size).toBe(2);
    expect(readNotificationsConfig(config).repeatAfterMs).toBe(86_400_000);
  });

  it('defaults: fail open, stale after an hour, owners may not except', () => {
    expect(read({ default: { states } })).toMatchObject({
      staleAfterMs: 3_600_000,
      onStale: 'open',
      exceptions: { allowOwners: false, maxDays: 14 },
    });
  });

  it.each([
    [{}, 'reliability.policy needs a default policy'],
    [
      { tiers: { gold: { states } } },
      'reliability.policy.tiers.gold names an unknown tier',
    ],
    [
      { default: { states: [states[0]] } },
      'reliability.policy.default.states needs at least two states',
    ],
    [
      { default: { states: [states[1], states[1]] } },
      'reliability.policy.default.states[0].enter must be absent',
    ],
    [
      { default: { states: [states[0], { ...states[1], enter: [] }] } },
      'reliability.policy.default.states[1].enter is required',
    ],
    [
      {
        default: {
          states: [
            states[0],
            {
              ...states[1],
              enter: [{ burnRateAbove: { window: '4h', rate: 2 } }],
            },
          ],
        },
      },
      'reliability.policy.default.states[1].enter[0].burnRateAbove.window "4h" is not one of',
    ],
    [
      { default: { states: [states[0], { ...states[1], enter: [{}] }] } },
      'reliability.policy.default.states[1].enter[0] needs budgetRemainingBelow or burnRateAbove',
    ],
    [
      { default: { states: [states[0], { ...states[1], id: 'ok' }] } },
      'reliability.policy.default.states[1].id "ok" is a duplicate',
    ],
    [
      { default: { states: [states[0], { ...states[1], id: 'Exhausted!' }] } },
      'reliability.policy.default.states[1].id "Exhausted!" must be',
    ],
    [
      { default: { states }, gate: { onStale: 'maybe' } },
      'reliability.policy.gate.onStale must be "open" or "closed"',
    ],
    [
      { default: { states }, exceptions: { maxDays: 0 } },
      'reliability.policy.exceptions.maxDays must be 1 to 366',
    ],
    [
      { default: { states }, staleAfter: 'soon' },
      'reliability.policy.staleAfter is not a duration',
    ],
  ])('rejects invalid policy %# naming the key', (policy, message) => {
    expect(() => read(policy)).toThrow(`Invalid configuration: ${message}`);
  });
});

describe('readNotificationsConfig', () => {
  const readN = (notifications?: object) =>
    readNotificationsConfig(
      new ConfigReader({ reliability: { notifications } }),
    );

  it('defaults to a day between repeats and 14 days of expiry warning', () => {
    expect(readN()).toEqual({
      repeatAfterMs: 86_400_000,
      readinessExpiringDays: 14,
      watchers: [],
    });
  });

  it('reads the period and watchers as full refs', () => {
    expect(
      readN({
        repeatAfter: { hours: 6 },
        watchers: ['sre', 'user:default/ada'],
      }),
    ).toEqual({
      repeatAfterMs: 6 * 3_600_000,
      readinessExpiringDays: 14,
      watchers: ['group:default/sre', 'user:default/ada'],
    });
  });

  it.each([
    [
      { readinessExpiringDays: 0 },
      'reliability.notifications.readinessExpiringDays',
    ],
    [{ watchers: [':'] }, 'reliability.notifications.watchers[0]'],
  ])(
    'rejects invalid notifications %# naming the key',
    (notifications, key) => {
      expect(() => readN(notifications)).toThrow(
        `Invalid configuration: ${key}`,
      );
    },
  );
});
