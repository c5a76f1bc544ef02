import {
  PolicyException,
  PolicyTransition,
} from '@reliability-kit/backstage-plugin-reliability-common';
import type { AuditInput } from '../readiness/ReadinessStore';
import { StoredPolicyState } from './policyTypes';

/** The tables of the error-budget policy and of sent notifications. */
export interface PolicyStore {
  getState(entityRef: string): Promise<StoredPolicyState | undefined>;
  /**
   * Stores an entity's state; with a transition, also the transition and
   * its audit entry, in one transaction.
   */
  saveState(
    state: StoredPolicyState,
    transition?: { entry: PolicyTransition; audit: AuditInput },
  ): Promise<void>;
  /** The entity's transitions, newest first. */
  listTransitions(
    entityRef: string,
    limit?: number,
  ): Promise<PolicyTransition[]>;
  /** The entity's exceptions (revoked and expired included), newest first. */
  listExceptions(entityRef: string): Promise<PolicyException[]>;
  /** Stores an exception with its audit entry, in one transaction. */
  createException(exception: PolicyException, audit: AuditInput): Promise<void>;
  /**
   * Revokes an exception of the entity with its audit entry; undefined when
   * there is no such exception or it is already revoked.
   */
  revokeException(
    entityRef: string,
    id: string,
    revoke: { revokedBy: string; revokedAt: string },
    audit: AuditInput,
  ): Promise<PolicyException | undefined>;
}
