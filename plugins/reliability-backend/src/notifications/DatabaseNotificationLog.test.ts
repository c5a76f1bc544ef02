import { testDatabases } from '../__testUtils__/testDatabases';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import { DatabasePolicyStore } from '../policy/DatabasePolicyStore';
import { DatabaseNotificationLog } from './DatabaseNotificationLog';
import { storedState } from '../policy/__testUtils__/policyFixtures';

const databases = testDatabases();
const HOUR = 3_600_000;
const T0 = Date.parse('2026-04-01T00:00:00.000Z');
const at = (h: number) => new Date(T0 + h * HOUR);

describe.each(databases.eachSupportedId())(
  'notification log and policy store on %s',
  id => {
    const setup = async () => {
      const knex = await databases.init(id);
      await DatabaseReliabilityStore.create({
        database: { getClient: async () => knex },
      });
      return {
        log: new DatabaseNotificationLog(knex),
        policy: new DatabasePolicyStore(knex),
      };
    };

    it('claims a key once per repeat period, and again after a release', async () => {
      const { log } = await setup();
      const claim = (h: number, key = 'policy:x:ok->exhausted') =>
        log.claimNotification({
          key,
          entityRef: 'component:default/x',
          topic: 'reliability-policy-state',
          now: at(h),
          repeatAfterMs: 24 * HOUR,
        });
      expect(await claim(0)).toBe(true);
      expect(await claim(1)).toBe(false);
      expect(await claim(1, 'another')).toBe(true);
      expect(await claim(23.9)).toBe(false);
      expect(await claim(24)).toBe(true);
      await log.releaseNotification(
        'policy:x:ok->exhausted',
        at(24).toISOString(),
      );
      expect(await claim(25)).toBe(true);
    });

    it('concurrent claims of one key: exactly one wins', async () => {
      const { log } = await setup();
      const results = await Promise.all(
        Array.from({ length: 5 }, () =>
          log.claimNotification({
            key: 'k',
            entityRef: 'component:default/x',
            topic: 't',
            now: at(0),
            repeatAfterMs: HOUR,
          }),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('stores states, transitions and exceptions', async () => {
      const { policy } = await setup();
      const state = storedState(at(0).toISOString());
      await policy.saveState(state, {
        entry: {
          entityRef: state.entityRef,
          from: null,
          to: 'exhausted',
          at: state.since,
          reasons: ['spent'],
        },
        audit: {
          at: state.since,
          actor: 'reliability-kit:policy',
          action: 'policy.transition',
          entityRef: state.entityRef,
          target: 'policy:tier-1',
          details: {},
        },
      });
      await policy.saveState({
        ...state,
        computedAt: at(1).toISOString(),
        stale: true,
        staleReason: 'down',
      });
      expect(await policy.getState(state.entityRef)).toEqual({
        ...state,
        computedAt: at(1).toISOString(),
        stale: true,
        staleReason: 'down',
      });
      expect(await policy.listTransitions(state.entityRef)).toEqual([
        {
          entityRef: state.entityRef,
          from: null,
          to: 'exhausted',
          at: state.since,
          reasons: ['spent'],
        },
      ]);
      expect(await policy.getState('component:default/none')).toBeUndefined();
    });
  },
);
