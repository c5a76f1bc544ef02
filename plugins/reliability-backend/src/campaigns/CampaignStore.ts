import {
  Campaign,
  CampaignEntityStatus,
  CampaignHistoryPoint,
} from '@reliability-kit/backstage-plugin-reliability-common';
import type { AuditInput } from '../readiness/ReadinessStore';

/**
 * A campaign's definition as stored (or declared in config): everything of
 * {@link Campaign} that does not depend on the time or on a promotion.
 */
export type CampaignDefinition = Omit<
  Campaign,
  'state' | 'dueAt' | 'promotedAt' | 'promotedTo'
>;

/** An entity exempted from a campaign. */
export interface CampaignExemption {
  campaignId: string;
  entityRef: string;
  reason: string;
  createdBy: string;
  createdAt: string;
}

/** One entity of a campaign's audience, over time, with its status. */
export interface CampaignMember {
  entityRef: string;
  ownerRef: string | null;
  tier: string | null;
  /** When it (last) entered the audience (ISO 8601). */
  joinedAt: string;
  /** In the audience from the start, not joined later. */
  initial: boolean;
  /** When it left the audience; null while in it. */
  leftAt: string | null;
  status: CampaignEntityStatus;
  missing: string[];
  updatedAt: string;
}

/** Member counts of a campaign (members that left are only in `left`). */
export interface CampaignMemberCounts {
  done: number;
  notDone: number;
  exempt: number;
  joined: number;
  left: number;
}

/** A page of a campaign's members in the audience. */
export interface CampaignMemberQuery {
  status?: string[];
  /** Owner refs, compared case-insensitively. */
  owners?: string[];
  /** The keyset position (owner, entity ref) of the previous page's last row. */
  after?: [string | null, string];
  limit: number;
}

/** What an ended campaign put into a checklist or a scorecard. */
export interface CampaignPromotion {
  campaignId: string;
  kind: 'readiness' | 'scorecard';
  /** The tier (readiness) or the scorecard id. */
  targetId: string;
  /** The scorecard level the checks joined. */
  level?: string;
  readinessItems: string[];
  /** Check ids (scorecard promotions). */
  scorecardChecks: string[];
  promotedBy: string;
  promotedAt: string;
}

/**
 * The tables of the campaigns feature. Every change a user makes is stored
 * with its audit entry in one transaction.
 */
export interface CampaignStore {
  /** Campaigns created through the API (config ones are not stored). */
  listCampaigns(): Promise<CampaignDefinition[]>;
  getCampaign(id: string): Promise<CampaignDefinition | undefined>;
  /** Stores a new campaign; false when the id is taken. */
  createCampaign(c: CampaignDefinition, audit: AuditInput): Promise<boolean>;
  /** Replaces a campaign's definition; false when there is none. */
  updateCampaign(c: CampaignDefinition, audit: AuditInput): Promise<boolean>;

  /** Adds or replaces an entity's exemption from a campaign. */
  putExemption(e: CampaignExemption, audit: AuditInput): Promise<void>;
  listExemptions(campaignId: string): Promise<CampaignExemption[]>;

  /** Every member of a campaign, those that left included, by entity ref. */
  listMembers(campaignId: string): Promise<CampaignMember[]>;
  /**
   * A page of the members in the audience (not left), filtered by status
   * and owner (case-insensitive), ordered by owner (none last) then entity
   * ref, after the keyset position `after`; with the count of all matches.
   */
  listMemberPage(
    campaignId: string,
    query: CampaignMemberQuery,
  ): Promise<{ items: CampaignMember[]; totalCount: number }>;
  /** The members that left the audience, by entity ref. */
  listLeftMembers(campaignId: string): Promise<CampaignMember[]>;
  /** Upserts members of a campaign (by entity ref), in one transaction. */
  saveMembers(campaignId: string, members: CampaignMember[]): Promise<void>;
  /** Counts of the members of every campaign, by campaign id. */
  countMembers(): Promise<Map<string, CampaignMemberCounts>>;
  /** The current (not left) memberships of an entity, by campaign id. */
  membershipsOf(entityRef: string): Promise<Map<string, CampaignMember>>;

  /** Stores (replaces) a campaign's history row of a day. */
  putHistory(campaignId: string, point: CampaignHistoryPoint): Promise<void>;
  /** A campaign's history, oldest first. */
  listHistory(campaignId: string): Promise<CampaignHistoryPoint[]>;

  /**
   * Stores a promotion with its audit entry, unless the campaign has one:
   * the stored promotion either way (idempotent).
   */
  promote(
    p: CampaignPromotion,
    audit: AuditInput,
  ): Promise<{ promotion: CampaignPromotion; created: boolean }>;
  listPromotions(): Promise<CampaignPromotion[]>;
}
