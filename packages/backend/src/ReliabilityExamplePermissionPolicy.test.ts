import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { permissionRules } from '@backstage/plugin-catalog-backend/alpha';
import permissionPlugin from '@backstage/plugin-permission-backend';
import {
  AuthorizeResult,
  ConditionalPolicyDecision,
  Permission,
  PolicyDecision,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  PolicyQueryUser,
  createConditionAuthorizer,
} from '@backstage/plugin-permission-node';
import {
  reliabilityAdminPermission,
  reliabilityEntityReadPermission,
  reliabilityPolicyExceptPermission,
  reliabilityCampaignManagePermission,
  reliabilityReadinessAttestPermission,
  reliabilityReadinessExemptPermission,
  reliabilityScorecardPushPermission,
  reliabilityToilWritePermission,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { AddressInfo } from 'node:net';
import { ReliabilityExamplePermissionPolicy } from './ReliabilityExamplePermissionPolicy';
import { permissionModuleReliabilityExamplePolicy } from './permissionModuleReliabilityExamplePolicy';

const userOf = (
  userEntityRef: string,
  groups: string[] = [],
): PolicyQueryUser => ({
  credentials: mockCredentials.user(userEntityRef),
  info: {
    userEntityRef,
    ownershipEntityRefs: [userEntityRef, ...groups],
  },
});

// As in examples/all.yaml: guest is a member of sre, ada of team-payments.
const GUEST = userOf('user:default/guest', ['group:default/sre']);
const ADA = userOf('user:default/ada', ['group:default/team-payments']);
const NOBODY = userOf('user:default/nobody');

const component = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner, lifecycle: 'production' },
  relations: [{ type: 'ownedBy', targetRef: owner }],
});

const CHECKOUT = component('checkout', 'group:default/team-payments');
const SEARCH = component('search', 'group:default/team-discovery');

/** Applies a conditional decision as the catalog does, with its own rules. */
const applyAsCatalog = createConditionAuthorizer(
  Object.values(permissionRules),
);

/** The decision, with conditional ones evaluated on an entity. */
function on(decision: PolicyDecision, entity: Entity): AuthorizeResult {
  if (decision.result !== AuthorizeResult.CONDITIONAL) {
    return decision.result;
  }
  return applyAsCatalog(decision, entity)
    ? AuthorizeResult.ALLOW
    : AuthorizeResult.DENY;
}

const policy = new ReliabilityExamplePermissionPolicy({
  admins: ['group:default/sre'],
});

const { ALLOW, DENY } = AuthorizeResult;

describe('ReliabilityExamplePermissionPolicy', () => {
  const catalogEntityReadPermission = createPermission({
    name: 'catalog.entity.read',
    attributes: { action: 'read' },
    resourceType: 'catalog-entity',
  });
  const otherPermission = createPermission({
    name: 'scaffolder.action.execute',
    attributes: {},
  });

  const READ = reliabilityEntityReadPermission;
  const PUSH = reliabilityScorecardPushPermission;
  const ADMIN = reliabilityAdminPermission;
  const TOIL = reliabilityToilWritePermission;
  const ATTEST = reliabilityReadinessAttestPermission;
  const EXEMPT = reliabilityReadinessExemptPermission;
  const EXCEPT = reliabilityPolicyExceptPermission;
  const CAMPAIGN = reliabilityCampaignManagePermission;
  const NO_USER = undefined;

  it.each<[string, AuthorizeResult, Permission, PolicyQueryUser | undefined]>([
    ['catalog reads', ALLOW, catalogEntityReadPermission, NOBODY],
    ['other plugins', ALLOW, otherPermission, NOBODY],
    ['entity reads', ALLOW, READ, NOBODY],
    ['entity reads without a user', ALLOW, READ, NO_USER],
    ['scorecard pushes by an admin', DENY, PUSH, GUEST],
    ['scorecard pushes by a user', DENY, PUSH, ADA],
    ['scorecard pushes without a user', DENY, PUSH, NO_USER],
    ['admin for an admin', ALLOW, ADMIN, GUEST],
    ['admin for a user', DENY, ADMIN, ADA],
    ['policy exceptions for an admin', ALLOW, EXCEPT, GUEST],
    ['policy exceptions for a user', DENY, EXCEPT, ADA],
    ['policy exceptions without a user', DENY, EXCEPT, NO_USER],
    ['campaign management for an admin', ALLOW, CAMPAIGN, GUEST],
    ['campaign management for a user', DENY, CAMPAIGN, ADA],
    ['campaign management without a user', DENY, CAMPAIGN, NO_USER],
    ['admin without a user', DENY, ADMIN, NO_USER],
    ['toil writes by an admin', ALLOW, TOIL, GUEST],
    ['attests by an admin', ALLOW, ATTEST, GUEST],
    ['exemptions by an admin', ALLOW, EXEMPT, GUEST],
    ['toil writes without a user', DENY, TOIL, NO_USER],
    ['attests without a user', DENY, ATTEST, NO_USER],
    ['exemptions without a user', DENY, EXEMPT, NO_USER],
  ])('%s: %s', async (_case, expected, permission, user) => {
    expect((await policy.handle({ permission }, user)).result).toBe(expected);
  });

  it.each([
    reliabilityToilWritePermission,
    reliabilityReadinessAttestPermission,
    reliabilityReadinessExemptPermission,
  ])(
    'gives other users $name on the entities they own, evaluated by the catalog',
    async permission => {
      const decision = await policy.handle({ permission }, ADA);
      expect(decision).toEqual<ConditionalPolicyDecision>({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: {
            claims: ['user:default/ada', 'group:default/team-payments'],
          },
        },
      });
      expect(on(decision, CHECKOUT)).toBe(ALLOW);
      expect(on(decision, SEARCH)).toBe(DENY);
      // An admin writes everywhere.
      const admin = await policy.handle({ permission }, GUEST);
      expect(on(admin, CHECKOUT)).toBe(ALLOW);
      expect(on(admin, SEARCH)).toBe(ALLOW);
    },
  );

  it('denies a reliability permission it does not know', async () => {
    const future = createPermission({
      name: 'reliability.something.new',
      attributes: {},
    });
    expect((await policy.handle({ permission: future }, GUEST)).result).toBe(
      DENY,
    );
  });

  describe('fromConfig', () => {
    it('makes group:default/sre the admins by default', async () => {
      const fromConfig = ReliabilityExamplePermissionPolicy.fromConfig(
        new ConfigReader({}),
      );
      const decide = (user: PolicyQueryUser) =>
        fromConfig
          .handle({ permission: reliabilityAdminPermission }, user)
          .then(d => d.result);
      expect(await decide(GUEST)).toBe(ALLOW);
      expect(await decide(ADA)).toBe(DENY);
    });

    it('reads users and groups from reliability.admins', async () => {
      const fromConfig = ReliabilityExamplePermissionPolicy.fromConfig(
        new ConfigReader({
          reliability: { admins: ['user:ada', 'Group:default/Platform'] },
        }),
      );
      const decide = (user: PolicyQueryUser) =>
        fromConfig
          .handle({ permission: reliabilityAdminPermission }, user)
          .then(d => d.result);
      expect(await decide(ADA)).toBe(ALLOW);
      expect(await decide(GUEST)).toBe(DENY);
      expect(
        await decide(userOf('user:default/kim', ['group:default/platform'])),
      ).toBe(ALLOW);
    });

    it.each([['component:default/x'], ['not a ref:']])(
      'fails on an invalid admin %j, naming the key',
      ref => {
        expect(() =>
          ReliabilityExamplePermissionPolicy.fromConfig(
            new ConfigReader({ reliability: { admins: ['user:ada', ref] } }),
          ),
        ).toThrow(
          `Invalid configuration: reliability.admins[1] "${ref}" must be a user or group entity ref such as group:default/sre`,
        );
      },
    );
  });
});

describe('permissionModuleReliabilityExamplePolicy', () => {
  it('is the policy of the permission backend', async () => {
    const { server } = await startTestBackend({
      features: [
        permissionPlugin,
        permissionModuleReliabilityExamplePolicy,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            reliability: { admins: ['user:default/boss'] },
          },
        }),
      ],
    });
    const { port } = server.address() as AddressInfo;
    const authorize = async (user: string, permission: Permission) => {
      const res = await fetch(
        `http://localhost:${port}/api/permission/authorize`,
        {
          method: 'POST',
          headers: {
            authorization: mockCredentials.user.header(user),
            'content-type': 'application/json',
          },
          body: JSON.stringify({ items: [{ id: '1', permission }] }),
        },
      );
      expect(res.status).toBe(200);
      return (await res.json()).items[0].result;
    };
    expect(
      await authorize('user:default/boss', reliabilityAdminPermission),
    ).toBe(ALLOW);
    expect(
      await authorize('user:default/ada', reliabilityAdminPermission),
    ).toBe(DENY);
    expect(
      await authorize('user:default/ada', reliabilityScorecardPushPermission),
    ).toBe(DENY);
  });
});
