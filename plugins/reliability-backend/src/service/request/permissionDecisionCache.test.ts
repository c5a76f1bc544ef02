import { mockCredentials } from '@backstage/backend-test-utils';
import { PolicyDecision } from '@backstage/plugin-permission-common';
import { ALLOW, DENY, owns } from '../../__testUtils__/permissionPolicy';
import { Clock } from '../../lib/Clock';
import { createPermissionDecisionCache } from './permissionDecisionCache';

const NAMES = ['reliability.entity.read', 'catalog.entity.read'];
const CONDITIONAL = owns('group:default/team-a');
const START = Date.parse('2031-03-04T05:06:07Z');

/** A clock the test moves; the cache reads only this. */
function movingClock() {
  let ms = START;
  const clock: Clock = { now: () => new Date(ms) };
  return { clock, advance: (s: number) => (ms += s * 1000) };
}

/** The policy: answers `decisions` (or per user) and counts its calls. */
function policy(decisions: (user: string) => PolicyDecision[]) {
  const calls: string[] = [];
  return {
    calls,
    ask: (user: string) => async () => {
      calls.push(user);
      return decisions(user);
    },
  };
}

const alice = mockCredentials.user('user:default/alice');
const bob = mockCredentials.user('user:default/bob');

describe('createPermissionDecisionCache', () => {
  it.each([
    ['ALLOW', [ALLOW, ALLOW]],
    ['CONDITIONAL', [ALLOW, CONDITIONAL]],
  ])(
    'asks the policy once for a user within the lifetime (%s)',
    async (_label, decisions) => {
      const { clock, advance } = movingClock();
      const cache = createPermissionDecisionCache({ ttlSeconds: 10, clock });
      const p = policy(() => decisions);
      expect(await cache.decide(alice, NAMES, p.ask('alice'))).toEqual(
        decisions,
      );
      advance(9.999);
      expect(await cache.decide(alice, NAMES, p.ask('alice'))).toEqual(
        decisions,
      );
      expect(p.calls).toEqual(['alice']);
    },
  );

  it('asks again once the lifetime has passed (injected clock)', async () => {
    const { clock, advance } = movingClock();
    const cache = createPermissionDecisionCache({ ttlSeconds: 10, clock });
    let answer = [ALLOW, ALLOW];
    const p = policy(() => answer);
    await cache.decide(alice, NAMES, p.ask('alice'));
    answer = [DENY, ALLOW]; // the policy changed
    advance(5);
    expect(await cache.decide(alice, NAMES, p.ask('alice'))).toEqual([
      ALLOW,
      ALLOW,
    ]);
    advance(5);
    expect(await cache.decide(alice, NAMES, p.ask('alice'))).toEqual([
      DENY,
      ALLOW,
    ]);
    expect(p.calls).toEqual(['alice', 'alice']);
  });

  it('keeps principals and permission sets apart', async () => {
    const { clock } = movingClock();
    const cache = createPermissionDecisionCache({ ttlSeconds: 10, clock });
    const p = policy(user => (user === 'alice' ? [ALLOW] : [CONDITIONAL]));
    expect(await cache.decide(alice, ['a'], p.ask('alice'))).toEqual([ALLOW]);
    expect(await cache.decide(bob, ['a'], p.ask('bob'))).toEqual([CONDITIONAL]);
    expect(await cache.decide(alice, ['a'], p.ask('alice'))).toEqual([ALLOW]);
    expect(await cache.decide(bob, ['a'], p.ask('bob'))).toEqual([CONDITIONAL]);
    expect(await cache.decide(alice, ['b'], p.ask('alice'))).toEqual([ALLOW]);
    expect(p.calls).toEqual(['alice', 'bob', 'alice']);
  });

  it.each([
    ['a DENY among the decisions', mockCredentials.user(), [ALLOW, DENY]],
    ['a service principal', mockCredentials.service(), [ALLOW, ALLOW]],
    ['no principal', mockCredentials.none(), [ALLOW, ALLOW]],
  ])('never keeps %s', async (_label, credentials, decisions) => {
    const { clock } = movingClock();
    const cache = createPermissionDecisionCache({ ttlSeconds: 10, clock });
    const p = policy(() => decisions);
    await cache.decide(credentials, NAMES, p.ask('x'));
    expect(await cache.decide(credentials, NAMES, p.ask('x'))).toEqual(
      decisions,
    );
    expect(p.calls).toEqual(['x', 'x']);
  });

  it('is disabled with 0 seconds', async () => {
    const { clock } = movingClock();
    const cache = createPermissionDecisionCache({ ttlSeconds: 0, clock });
    const p = policy(() => [ALLOW]);
    await cache.decide(alice, NAMES, p.ask('alice'));
    await cache.decide(alice, NAMES, p.ask('alice'));
    expect(p.calls).toEqual(['alice', 'alice']);
  });

  it('drops the least recently used principal beyond its bound', async () => {
    const { clock } = movingClock();
    const cache = createPermissionDecisionCache({
      ttlSeconds: 10,
      clock,
      maxPrincipals: 2,
    });
    const p = policy(() => [ALLOW]);
    const carol = mockCredentials.user('user:default/carol');
    await cache.decide(alice, NAMES, p.ask('alice'));
    await cache.decide(bob, NAMES, p.ask('bob'));
    await cache.decide(alice, NAMES, p.ask('alice')); // hit: alice is recent
    await cache.decide(carol, NAMES, p.ask('carol')); // bob is dropped
    await cache.decide(alice, NAMES, p.ask('alice')); // still a hit
    await cache.decide(bob, NAMES, p.ask('bob')); // asked again
    expect(p.calls).toEqual(['alice', 'bob', 'carol', 'bob']);
  });
});
