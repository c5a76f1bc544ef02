import {
  BasicPermission,
  ResourcePermission,
  createPermission,
} from '@backstage/plugin-permission-common';

/**
 * The resource type of reliability permissions on catalog entities.
 *
 * @public
 */
export const RELIABILITY_ENTITY_RESOURCE_TYPE = 'catalog-entity';

/**
 * Read an entity's reliability data (SLOs, alert quality, readiness,
 * scorecards). A resource permission on catalog entities.
 *
 * @public
 */
export const reliabilityEntityReadPermission = createPermission({
  name: 'reliability.entity.read',
  attributes: { action: 'read' },
  resourceType: RELIABILITY_ENTITY_RESOURCE_TYPE,
});

/**
 * Attest a readiness item of an entity.
 *
 * @public
 */
export const reliabilityReadinessAttestPermission = createPermission({
  name: 'reliability.readiness.attest',
  attributes: { action: 'update' },
  resourceType: RELIABILITY_ENTITY_RESOURCE_TYPE,
});

/**
 * Exempt an entity from a readiness item or a scorecard check.
 *
 * @public
 */
export const reliabilityReadinessExemptPermission = createPermission({
  name: 'reliability.readiness.exempt',
  attributes: { action: 'update' },
  resourceType: RELIABILITY_ENTITY_RESOURCE_TYPE,
});

/**
 * Create, edit and delete an entity's toil items.
 *
 * @public
 */
export const reliabilityToilWritePermission = createPermission({
  name: 'reliability.toil.write',
  attributes: { action: 'update' },
  resourceType: RELIABILITY_ENTITY_RESOURCE_TYPE,
});

/**
 * Push scorecard check results (meant for service credentials from CI).
 *
 * @public
 */
export const reliabilityScorecardPushPermission = createPermission({
  name: 'reliability.scorecard.push',
  attributes: { action: 'create' },
});

/**
 * Administer the suite: trigger refreshes.
 *
 * @public
 */
export const reliabilityAdminPermission = createPermission({
  name: 'reliability.admin',
  attributes: {},
});

/**
 * Grant an exception to an entity's error-budget policy (deploys allowed
 * despite its state, until the exception expires), or revoke one. The
 * backend refuses an entity's owners their own exceptions unless
 * `reliability.policy.exceptions.allowOwners` is true.
 *
 * @public
 */
export const reliabilityPolicyExceptPermission = createPermission({
  name: 'reliability.policy.except',
  attributes: { action: 'update' },
  resourceType: RELIABILITY_ENTITY_RESOURCE_TYPE,
});

/**
 * Create, edit, end and promote campaigns, and exempt entities from them.
 *
 * @public
 */
export const reliabilityCampaignManagePermission = createPermission({
  name: 'reliability.campaign.manage',
  attributes: { action: 'update' },
});

/**
 * All permissions of the suite.
 *
 * @public
 */
// Typed explicitly: an inferred union's member order depends on the order
// in which the compiler meets the types, so the API report would flip.
export const reliabilityPermissions: Array<
  ResourcePermission<'catalog-entity'> | BasicPermission
> = [
  reliabilityEntityReadPermission,
  reliabilityReadinessAttestPermission,
  reliabilityReadinessExemptPermission,
  reliabilityToilWritePermission,
  reliabilityScorecardPushPermission,
  reliabilityAdminPermission,
  reliabilityPolicyExceptPermission,
  reliabilityCampaignManagePermission,
];
