import { mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  ConditionalPolicyDecision,
  DefinitivePolicyDecision,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionRule,
  createConditionAuthorizer,
} from '@backstage/plugin-permission-node';
import { reliabilityEntityReadPermission } from '@reliability-kit/backstage-plugin-reliability-common';

/** The catalog's IS_ENTITY_OWNER rule (plugin-catalog-backend), verbatim. */
const isEntityOwner: PermissionRule<
  Entity,
  unknown,
  'catalog-entity',
  { claims: string[] }
> = {
  name: 'IS_ENTITY_OWNER',
  description: 'Allow entities owned by a specified claim',
  resourceType: 'catalog-entity',
  apply: (resource, { claims }) =>
    (resource.relations ?? [])
      .filter(relation => relation.type === 'ownedBy')
      .some(relation => claims.includes(relation.targetRef)),
  toQuery: ({ claims }) => ({ key: 'relations.ownedBy', values: claims }),
};

/** The catalog's HAS_LABEL rule (plugin-catalog-backend), verbatim. */
const hasLabel: PermissionRule<
  Entity,
  unknown,
  'catalog-entity',
  { label: string }
> = {
  name: 'HAS_LABEL',
  description: 'Allow entities with the specified label',
  resourceType: 'catalog-entity',
  apply: (resource, { label }) =>
    !!resource.metadata.labels?.hasOwnProperty(label),
  toQuery: ({ label }) => ({ key: `metadata.labels.${label}` }),
};

const applyAsCatalog = createConditionAuthorizer([isEntityOwner, hasLabel]);

/** A conditional decision of the catalog on one rule. */
const conditional = (
  rule: string,
  params: Record<string, string | string[]>,
): ConditionalPolicyDecision => ({
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'catalog',
  resourceType: 'catalog-entity',
  conditions: { rule, resourceType: 'catalog-entity', params },
});

/** A conditional decision: the entities `claims` own. */
export const owns = (...claims: string[]) =>
  conditional('IS_ENTITY_OWNER', { claims });

/** A conditional decision: the entities of these kinds. */
export const ofKinds = (...kinds: string[]) =>
  conditional('IS_ENTITY_KIND', { kinds });

/** A conditional decision: the entities with the label (any value). */
export const labelled = (label: string) => conditional('HAS_LABEL', { label });

export const ALLOW: DefinitivePolicyDecision = {
  result: AuthorizeResult.ALLOW,
};
export const DENY: DefinitivePolicyDecision = { result: AuthorizeResult.DENY };

/**
 * A permissions service with a policy, answering as the permission backend
 * does: `authorizeConditional` returns the policy's decision, `authorize`
 * with a resourceRef has conditional decisions applied to the entity (of
 * `entities`, the catalog's) by the catalog's rules.
 */
export const withPolicy = (
  entities: Entity[],
  policy: (permission: Permission) => PolicyDecision,
) =>
  mockServices.permissions.mock({
    authorizeConditional: async requests =>
      requests.map(r => policy(r.permission)),
    authorize: async requests =>
      requests.map(r => {
        const decision = policy(r.permission);
        if (decision.result !== AuthorizeResult.CONDITIONAL) {
          return { result: decision.result };
        }
        const entity = entities.find(
          e => stringifyEntityRef(e) === r.resourceRef,
        );
        return {
          result:
            entity && applyAsCatalog(decision, entity)
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        };
      }),
  });

/** Entity reads (`reliability.entity.read`) decided by `read`, the rest allowed. */
export const readPolicy = (entities: Entity[], read: PolicyDecision) =>
  withPolicy(entities, p =>
    p.name === reliabilityEntityReadPermission.name ? read : ALLOW,
  );

/** The entity-scoped endpoints of a component, by what they answer. */
export const ENTITY_ENDPOINTS: Array<[string, (name: string) => string]> = [
  ['the entity', n => `/entities/component/default/${n}`],
  [
    'SLO history',
    n => `/entities/component/default/${n}/slos/availability/history`,
  ],
  ['alert quality', n => `/entities/component/default/${n}/alert-quality`],
  ['the toil log', n => `/entities/component/default/${n}/toil`],
];
