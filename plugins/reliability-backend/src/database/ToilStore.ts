import {
  AuditEntry,
  StoredToilItem,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { IdempotencyRecord, IdempotencyRequest } from './idempotency';

/**
 * Persistence of self-reported toil items (table `reliability_toil_items`),
 * with their versions and the idempotency keys of their writes.
 *
 * @public
 */
export interface ToilStore {
  /** The toil items of an entity. */
  listToilItems(entityRef: string): Promise<StoredToilItem[]>;
  /** Self-reported toil in minutes per week, by entity (entities with items). */
  sumToilMinutesPerWeek(entityRefs?: string[]): Promise<Map<string, number>>;
  /** One toil item by id, or undefined. */
  getToilItem(id: string): Promise<StoredToilItem | undefined>;
  /**
   * Stores a new item. With `audit`, the entry is appended to the audit log
   * in the same transaction: if either fails, neither is stored. (The
   * routes always pass one.)
   */
  createToilItem(
    item: StoredToilItem,
    audit?: Omit<AuditEntry, 'id'>,
    /**
     * The response to store under the request's `Idempotency-Key`, in the
     * same transaction. When a concurrent request stored the key first, an
     * `IdempotentReplay` with that response is thrown.
     */
    idempotency?: IdempotencyRecord,
  ): Promise<void>;
  /**
   * Updates an item; returns false when it does not exist. With `audit`,
   * like {@link ToilStore.createToilItem}; nothing is audited when
   * there is no such item.
   */
  updateToilItem(
    item: StoredToilItem,
    audit?: Omit<AuditEntry, 'id'>,
  ): Promise<boolean>;
  /**
   * Deletes an item; returns false when it did not exist. With `audit`,
   * like {@link ToilStore.updateToilItem}.
   */
  deleteToilItem(id: string, audit?: Omit<AuditEntry, 'id'>): Promise<boolean>;
  /**
   * Updates an item and increments its version: only when its version is
   * `ifVersion`, if given (else a ConflictError naming the current version).
   * The updated item with its new `version`, or undefined when there is no
   * such item. (The other getters leave `version` out.)
   */
  updateToilItemVersion(
    item: StoredToilItem,
    audit?: Omit<AuditEntry, 'id'>,
    ifVersion?: number,
  ): Promise<StoredToilItem | undefined>;
  /** The version of an item (1 when created), or undefined. */
  getToilItemVersion(id: string): Promise<number | undefined>;
  /** The stored response of an `Idempotency-Key`, if any. */
  findIdempotentResponse(
    request: IdempotencyRequest,
  ): Promise<IdempotencyRecord | undefined>;
}
