import {
  PolicyException,
  PolicyTransition,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { Knex } from 'knex';
import { fromColumns } from '../database/columns';
import { insertAudit } from '../readiness/DatabaseReadinessAuditLog';
import type { AuditInput } from '../readiness/ReadinessStore';
import { PolicyStore } from './PolicyStore';
import { StoredPolicyState } from './policyTypes';

const STATES = 'reliability_policy_states';
const TRANSITIONS = 'reliability_policy_transitions';
const EXCEPTIONS = 'reliability_policy_exceptions';

type StateRow = {
  entity_ref: string;
  policy_id: string;
  state: string;
  since: string;
  reasons: string;
  exit_since: string | null;
  computed_at: string;
  stale: boolean | number;
  stale_reason: string | null;
};

type ExceptionRow = {
  id: string;
  entity_ref: string;
  kind: string;
  reason: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
};

/** The fields of an exception, each stored in its snake_case column. */
const EXCEPTION_FIELDS: readonly (keyof PolicyException)[] = [
  'id',
  'entityRef',
  'kind',
  'reason',
  'createdBy',
  'createdAt',
  'expiresAt',
];

function toException(r: ExceptionRow): PolicyException {
  return {
    ...fromColumns<PolicyException>(r, EXCEPTION_FIELDS),
    ...(r.revoked_at ? { revokedAt: r.revoked_at } : {}),
    ...(r.revoked_by ? { revokedBy: r.revoked_by } : {}),
  };
}

/**
 * The knex implementation of {@link PolicyStore} (SQLite and PostgreSQL);
 * its tables come with the migration `20261208000000_policy.js`. State
 * changes and exceptions write their audit entry into the shared audit log
 * in the same transaction.
 */
export class DatabasePolicyStore implements PolicyStore {
  constructor(private readonly db: Knex) {}

  async getState(entityRef: string): Promise<StoredPolicyState | undefined> {
    const row: StateRow | undefined = await this.db<StateRow>(STATES)
      .where('entity_ref', entityRef)
      .first();
    if (!row) return undefined;
    return {
      entityRef: row.entity_ref,
      policyId: row.policy_id,
      state: row.state,
      since: row.since,
      reasons: JSON.parse(row.reasons),
      exitSince: row.exit_since,
      computedAt: row.computed_at,
      stale: Boolean(row.stale),
      ...(row.stale_reason ? { staleReason: row.stale_reason } : {}),
    };
  }

  async saveState(
    state: StoredPolicyState,
    transition?: { entry: PolicyTransition; audit: AuditInput },
  ): Promise<void> {
    const row: StateRow = {
      entity_ref: state.entityRef,
      policy_id: state.policyId,
      state: state.state,
      since: state.since,
      reasons: JSON.stringify(state.reasons),
      exit_since: state.exitSince,
      computed_at: state.computedAt,
      stale: state.stale,
      stale_reason: state.staleReason ?? null,
    };
    await this.db.transaction(async tx => {
      await tx(STATES).insert(row).onConflict('entity_ref').merge();
      if (transition) {
        const t = transition.entry;
        await tx(TRANSITIONS).insert({
          entity_ref: t.entityRef,
          from_state: t.from,
          to_state: t.to,
          at: t.at,
          reasons: JSON.stringify(t.reasons),
        });
        await insertAudit(tx, [transition.audit]);
      }
    });
  }

  async listTransitions(
    entityRef: string,
    limit = 50,
  ): Promise<PolicyTransition[]> {
    const rows = await this.db(TRANSITIONS)
      .where('entity_ref', entityRef)
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.map(r => ({
      entityRef: r.entity_ref,
      from: r.from_state,
      to: r.to_state,
      at: r.at,
      reasons: JSON.parse(r.reasons),
    }));
  }

  async listExceptions(entityRef: string): Promise<PolicyException[]> {
    const rows: ExceptionRow[] = await this.db<ExceptionRow>(EXCEPTIONS)
      .where('entity_ref', entityRef)
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(toException);
  }

  async createException(e: PolicyException, audit: AuditInput): Promise<void> {
    await this.db.transaction(async tx => {
      await tx(EXCEPTIONS).insert({
        id: e.id,
        entity_ref: e.entityRef,
        kind: e.kind,
        reason: e.reason,
        created_by: e.createdBy,
        created_at: e.createdAt,
        expires_at: e.expiresAt,
        revoked_at: null,
        revoked_by: null,
      });
      await insertAudit(tx, [audit]);
    });
  }

  async revokeException(
    entityRef: string,
    id: string,
    revoke: { revokedBy: string; revokedAt: string },
    audit: AuditInput,
  ): Promise<PolicyException | undefined> {
    return this.db.transaction(async tx => {
      const updated = await tx(EXCEPTIONS)
        .where({ id, entity_ref: entityRef })
        .whereNull('revoked_at')
        .update({ revoked_at: revoke.revokedAt, revoked_by: revoke.revokedBy });
      if (updated === 0) return undefined;
      await insertAudit(tx, [audit]);
      const row = (await tx<ExceptionRow>(EXCEPTIONS)
        .where('id', id)
        .first()) as ExceptionRow;
      return toException(row);
    });
  }
}
