import { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  PolicyDecision,
  isPermission,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  RELIABILITY_ENTITY_RESOURCE_TYPE,
  reliabilityAdminPermission,
  reliabilityEntityReadPermission,
  reliabilityPolicyExceptPermission,
  reliabilityCampaignManagePermission,
  reliabilityReadinessAttestPermission,
  reliabilityReadinessExemptPermission,
  reliabilityScorecardPushPermission,
  reliabilityToilWritePermission,
} from '@reliability-kit/backstage-plugin-reliability-common';

/** The administrators when `reliability.admins` is not configured. */
export const DEFAULT_RELIABILITY_ADMINS = ['group:default/sre'];

/** Permissions that only an entity's owners (and administrators) have. */
const OWNER_PERMISSIONS = [
  reliabilityToilWritePermission,
  reliabilityReadinessAttestPermission,
  reliabilityReadinessExemptPermission,
];

/**
 * The example permission policy of Reliability Kit.
 *
 * - Everything that is not a Reliability Kit permission is allowed, so that
 *   the rest of the example app (catalog, ...) stays usable.
 * - `reliability.entity.read`: allowed. Whoever sees an entity in the catalog
 *   sees its reliability data (the reliability backend reads entities with the
 *   caller's credentials, so the catalog's own read permission applies too).
 * - `reliability.toil.write`, `reliability.readiness.attest`,
 *   `reliability.readiness.exempt`: administrators always; other users only on
 *   entities they own (a conditional decision with the catalog's
 *   `isEntityOwner` rule, evaluated by the catalog).
 * - `reliability.scorecard.push`: denied to every user. Service principals
 *   (CI with a static token or JWKS credentials) never reach a policy: the
 *   framework allows them unless their `accessRestrictions` say otherwise.
 * - `reliability.admin`: administrators only.
 * - `reliability.policy.except` (exceptions to the error-budget policy):
 *   administrators only; the backend also refuses an entity's owners their
 *   own exceptions (`reliability.policy.exceptions.allowOwners`).
 * - `reliability.campaign.manage` (create, edit, end, promote campaigns and
 *   exempt entities from them): administrators only.
 *
 * Administrators are the users and groups listed in `reliability.admins`
 * (default: `group:default/sre`); a user is one when its entity ref or one of
 * its ownership refs (itself and its groups) is listed.
 */
export class ReliabilityExamplePermissionPolicy implements PermissionPolicy {
  readonly #admins: Set<string>;

  static fromConfig(config: Config): ReliabilityExamplePermissionPolicy {
    const key = 'reliability.admins';
    const admins = config.getOptionalStringArray(key);
    return new ReliabilityExamplePermissionPolicy({
      admins: (admins ?? DEFAULT_RELIABILITY_ADMINS).map((ref, index) => {
        try {
          const parsed = parseEntityRef(ref);
          if (!['user', 'group'].includes(parsed.kind.toLocaleLowerCase())) {
            throw new Error('not a user or a group');
          }
          return stringifyEntityRef(parsed);
        } catch (error) {
          throw new Error(
            `Invalid configuration: ${key}[${index}] "${ref}" must be a user or group entity ref such as group:default/sre`,
          );
        }
      }),
    });
  }

  constructor(options: { admins: string[] }) {
    this.#admins = new Set(options.admins.map(ref => ref.toLocaleLowerCase()));
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (!permission.name.startsWith('reliability.')) {
      return { result: AuthorizeResult.ALLOW };
    }

    if (isPermission(permission, reliabilityEntityReadPermission)) {
      return { result: AuthorizeResult.ALLOW };
    }

    if (isPermission(permission, reliabilityScorecardPushPermission)) {
      // For service credentials only, and those are not asked here.
      return { result: AuthorizeResult.DENY };
    }

    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    const admin = this.#isAdmin(user);

    if (
      isPermission(permission, reliabilityAdminPermission) ||
      isPermission(permission, reliabilityPolicyExceptPermission) ||
      isPermission(permission, reliabilityCampaignManagePermission)
    ) {
      return { result: admin ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    }

    if (
      OWNER_PERMISSIONS.some(p => isPermission(permission, p)) &&
      isResourcePermission(permission, RELIABILITY_ENTITY_RESOURCE_TYPE)
    ) {
      if (admin) {
        return { result: AuthorizeResult.ALLOW };
      }
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({
          claims: user.info.ownershipEntityRefs,
        }),
      );
    }

    // A reliability permission this policy does not know yet.
    return { result: AuthorizeResult.DENY };
  }

  #isAdmin(user: PolicyQueryUser): boolean {
    return [user.info.userEntityRef, ...user.info.ownershipEntityRefs].some(
      ref => this.#admins.has(ref.toLocaleLowerCase()),
    );
  }
}
