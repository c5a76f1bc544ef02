import { EntityReadiness } from '@reliability-kit/backstage-plugin-reliability-common';
import { ReliabilityStore } from '../database/ReliabilityStore';
import { FleetListing } from './fleetListing';
import { compareKeys } from '../lib/compareKeys';

/** A required readiness item of an entity that expires soon. */
export interface ExpiringReadinessItem {
  entityRef: string;
  tier: string | null;
  ownerRef: string | null;
  itemId: string;
  title: string;
  expiresAt: string;
}

/**
 * What the weekly review reads of other features' data. Read through those
 * features' store interface ({@link ReliabilityStore}), never from their
 * tables: SLO budget exhaustion (SLO history), incidents (alert quality)
 * and expiring readiness items (the readiness sections).
 */
export class FleetReviewReads {
  constructor(
    private readonly store: ReliabilityStore,
    private readonly listing: FleetListing,
  ) {}

  /**
   * Required readiness items whose attestation or exemption runs out soon
   * (state `expiring`), from the stored readiness sections; null when
   * readiness was never evaluated.
   */
  async listExpiringReadiness(): Promise<ExpiringReadinessItem[] | null> {
    const sections = await this.store.readSectionOf('readiness');
    if (sections.size === 0) return null;
    const rows = await this.listing.getRows([...sections.keys()]);
    const items: ExpiringReadinessItem[] = [];
    for (const [entityRef, section] of sections) {
      const readiness = section.items[0] as EntityReadiness | undefined;
      for (const item of readiness?.items ?? []) {
        if (item.state !== 'expiring' || !item.expiresAt) continue;
        items.push({
          entityRef,
          tier: readiness?.tier ?? null,
          ownerRef: rows.get(entityRef)?.ownerRef ?? null,
          itemId: item.id,
          title: item.title,
          expiresAt: item.expiresAt,
        });
      }
    }
    return items.sort(
      (a, b) =>
        compareKeys(a.expiresAt, b.expiresAt) ||
        compareKeys(a.entityRef, b.entityRef) ||
        compareKeys(a.itemId, b.itemId),
    );
  }

  /** SLO history points with budget_remaining <= 0 in `[fromDay, toDay)`. */
  listBudgetExhaustion(fromDay: string, toDay: string) {
    return this.store.listBudgetExhaustion(fromDay, toDay);
  }

  /** Stored incidents of all entities created in `[from, to)`. */
  listIncidentsBetween(from: string, to: string) {
    return this.store.listIncidentsBetween(from, to);
  }
}
