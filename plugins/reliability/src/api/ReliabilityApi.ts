import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  AlertQualityWindow,
  AttestationInput,
  AuditEntry,
  Campaign,
  CampaignEntitiesPage,
  CampaignEntityStatus,
  CampaignExemptionInput,
  CampaignHistory,
  CampaignInput,
  CampaignList,
  CampaignPromoteInput,
  CampaignWithProgress,
  EntityCampaignList,
  EntityAlertQuality,
  EntityIncidentsResponse,
  EntityReliability,
  ExemptionInput,
  FleetIncidentsResponse,
  FleetPage,
  FleetReadiness,
  FleetSortKey,
  FleetSummary,
  FleetTrendPoint,
  IncidentPeriodKind,
  ReadinessRecord,
  RevokeInput,
  ScorecardAdoption,
  ScorecardHistoryPoint,
  ScorecardList,
  ScorecardResultsPage,
  ScorecardTrendPoint,
  SloHistoryResponse,
  StoredToilItem,
  ToilItemInput,
  EntityPolicyResponse,
  PolicyException,
} from '@reliability-kit/backstage-plugin-reliability-common';

/**
 * The client of the reliability backend.
 *
 * @public
 */
export interface ReliabilityApi {
  /** Reads the stored reliability data of an entity. */
  getEntityReliability(entity: CompoundEntityRef): Promise<EntityReliability>;

  /**
   * Reads the daily history of one SLO of an entity (remaining budget, SLI
   * and status per day), from `from` to `to` (the backend's defaults when
   * not set).
   */
  getSloHistory(
    entity: CompoundEntityRef,
    sloId: string,
    options?: GetSloHistoryOptions,
  ): Promise<SloHistoryResponse>;

  /**
   * Reads the alert quality of an entity over a window (the last 7, 28 or 90
   * days) compared with the previous window, with the alerts firing now and
   * the entity's toil log.
   */
  getAlertQuality(
    entity: CompoundEntityRef,
    window: AlertQualityWindow,
  ): Promise<EntityAlertQuality>;

  /** Adds an item to the toil log of an entity. */
  createToilItem(
    entity: CompoundEntityRef,
    input: ToilItemInput,
  ): Promise<StoredToilItem>;

  /** Replaces an item of the toil log of an entity. */
  updateToilItem(
    entity: CompoundEntityRef,
    id: string,
    input: ToilItemInput,
  ): Promise<StoredToilItem>;

  /** Removes an item from the toil log of an entity. */
  deleteToilItem(entity: CompoundEntityRef, id: string): Promise<void>;

  /** Reads one page of the fleet table, filtered and sorted by the backend. */
  getFleet(query?: FleetQuery): Promise<FleetPage>;

  /** Reads the fleet KPIs grouped by tier, owner or system. */
  getFleetSummary(groupBy: FleetGroupBy): Promise<FleetSummary>;

  /** Reads the weekly fleet trend of the last `weeks` weeks (default 12). */
  getFleetTrends(weeks?: number): Promise<FleetTrendPoint[]>;

  /**
   * Reads an entity's SEV incidents, postmortems, corrective actions and
   * incident KPIs over the current month or quarter and the previous one.
   */
  getEntityIncidents(
    entity: CompoundEntityRef,
    period?: IncidentPeriodKind,
  ): Promise<EntityIncidentsResponse>;

  /** Reads the incident KPIs per tier and fleet-wide, and the stalled actions. */
  getFleetIncidents(
    period?: IncidentPeriodKind,
  ): Promise<FleetIncidentsResponse>;

  /**
   * Downloads the weekly review of an ISO week (e.g. `2026-W48`) with the
   * user's credentials, as a file to save.
   */
  downloadWeeklyReview(
    week: string,
    format: WeeklyReviewFormat,
  ): Promise<WeeklyReviewFile>;

  /**
   * Attests an `attested` readiness item of an entity with evidence. The
   * backend re-evaluates the entity before it answers.
   */
  attestReadinessItem(
    entity: CompoundEntityRef,
    itemId: string,
    input: AttestationInput,
  ): Promise<ReadinessRecord>;

  /**
   * Exempts an entity from a readiness item, with a reason, until an expiry
   * at most a year ahead.
   */
  exemptReadinessItem(
    entity: CompoundEntityRef,
    itemId: string,
    input: ExemptionInput,
  ): Promise<ReadinessRecord>;

  /**
   * Exempts an entity from a check of a scorecard, with a reason, until an
   * expiry at most a year ahead.
   */
  exemptScorecardCheck(
    entity: CompoundEntityRef,
    scorecardId: string,
    checkId: string,
    input: ExemptionInput,
  ): Promise<ReadinessRecord>;

  /**
   * Reads an entity's error-budget policy: state, exceptions, history.
   * Undefined when the backend has no policy configured.
   */
  getEntityPolicy(
    entity: CompoundEntityRef,
  ): Promise<EntityPolicyResponse | undefined>;

  /** Grants an exception to an entity's error-budget policy. */
  createPolicyException(
    entity: CompoundEntityRef,
    input: { kind: string; reason: string; expiresAt: string },
  ): Promise<PolicyException>;

  /** Revokes an exception to an entity's error-budget policy. */
  revokePolicyException(
    entity: CompoundEntityRef,
    id: string,
  ): Promise<PolicyException>;

  /** Revokes an attestation or an exemption of an entity. */
  revokeReadinessRecord(
    entity: CompoundEntityRef,
    recordId: string,
    input: RevokeInput,
  ): Promise<ReadinessRecord>;

  /**
   * Lists the attestations and exemptions of an entity, revoked ones
   * included, newest first.
   */
  listReadinessRecords(entity: CompoundEntityRef): Promise<ReadinessRecord[]>;

  /** Reads the newest `limit` entries (default 50) of an entity's audit log. */
  getAuditLog(entity: CompoundEntityRef, limit?: number): Promise<AuditEntry[]>;

  /**
   * Reads an entity's daily level and score on a scorecard over the last
   * `days` days (default 90).
   */
  getScorecardHistory(
    entity: CompoundEntityRef,
    scorecardId: string,
    days?: number,
  ): Promise<ScorecardHistoryPoint[]>;

  /** Lists the configured scorecards with their levels and adoption. */
  listScorecards(): Promise<ScorecardList>;

  /**
   * Reads one page of the entities' results on a scorecard, filtered by the
   * backend.
   */
  getScorecardResults(
    scorecardId: string,
    query?: ScorecardResultsQuery,
  ): Promise<ScorecardResultsPage>;

  /** Reads the adoption of a scorecard per owner or per tier. */
  getScorecardAdoption(
    scorecardId: string,
    groupBy: ScorecardGroupBy,
  ): Promise<ScorecardAdoption>;

  /**
   * Reads the daily adoption and mean score of a scorecard over the last
   * `days` days (default 90).
   */
  getScorecardTrend(
    scorecardId: string,
    days?: number,
  ): Promise<ScorecardTrendPoint[]>;

  /** Lists the campaigns with their progress, active ones first. */
  listCampaigns(): Promise<CampaignList>;

  /** Reads one campaign with its progress. */
  getCampaign(id: string): Promise<CampaignWithProgress>;

  /** Creates a campaign (needs `reliability.campaign.manage`). */
  createCampaign(input: CampaignInput): Promise<Campaign>;

  /** Replaces a campaign declared through the API. */
  updateCampaign(id: string, input: CampaignInput): Promise<Campaign>;

  /** Ends a campaign now, before its due date. */
  endCampaign(id: string): Promise<Campaign>;

  /** Reads one page of a campaign's entities, filtered by the backend. */
  getCampaignEntities(
    id: string,
    query?: CampaignEntitiesQuery,
  ): Promise<CampaignEntitiesPage>;

  /** Reads a campaign's daily burn-up. */
  getCampaignHistory(id: string): Promise<CampaignHistory>;

  /** Exempts an entity from a campaign, with a reason. */
  exemptFromCampaign(id: string, input: CampaignExemptionInput): Promise<void>;

  /** Promotes an ended campaign's target into a checklist or scorecard. */
  promoteCampaign(id: string, input: CampaignPromoteInput): Promise<Campaign>;

  /** Lists the campaigns that apply to an entity, the soonest due first. */
  getEntityCampaigns(entity: CompoundEntityRef): Promise<EntityCampaignList>;
}

/**
 * The query of {@link ReliabilityApi.getCampaignEntities}.
 *
 * @public
 */
export interface CampaignEntitiesQuery {
  /** Only entities with this status. */
  status?: CampaignEntityStatus;
  /** Only entities of this owner ref. */
  owner?: string;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  /** The largest number of rows per page. */
  limit?: number;
}

/**
 * The grouping of {@link ReliabilityApi.getScorecardAdoption}.
 *
 * @public
 */
export type ScorecardGroupBy = 'owner' | 'tier';

/**
 * The query of {@link ReliabilityApi.getScorecardResults}; each list filter
 * matches any of its values.
 *
 * @public
 */
export interface ScorecardResultsQuery {
  /** Owner entity refs. */
  owner?: string[];
  /** Tier ids. */
  tier?: string[];
  /** Level ids; `none` is below the first level. */
  level?: string[];
  /** A check id: only entities failing it. */
  failing?: string;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  /** The largest number of rows per page. */
  limit?: number;
}

/**
 * The grouping of {@link ReliabilityApi.getFleetSummary}.
 *
 * @public
 */
export type FleetGroupBy = 'tier' | 'owner' | 'system';

/**
 * The sort of {@link ReliabilityApi.getFleet}: a key, descending when
 * `direction` is `desc`.
 *
 * @public
 */
export interface FleetSort {
  /** The column to sort by. */
  key: FleetSortKey;
  /** The sort direction. */
  direction: 'asc' | 'desc';
}

/**
 * The query of {@link ReliabilityApi.getFleet}; each filter matches any of
 * its values.
 *
 * @public
 */
export interface FleetQuery {
  /** Only these tier ids (`none` for no tier). */
  tier?: string[];
  /** Only these SLO statuses. */
  sloStatus?: string[];
  /** Only entities owned by these group refs. */
  owner?: string[];
  /** Only entities of these system refs. */
  system?: string[];
  /** Only these readiness statuses. */
  readiness?: FleetReadiness[];
  /** Error-budget policy states; `none` for entities without one. */
  policyState?: string[];
  /** Only entities not done for this campaign id. */
  campaign?: string;
  /** The sort order. */
  sort?: FleetSort;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  /** The largest number of rows per page. */
  limit?: number;
}

/**
 * The file format of the weekly review.
 *
 * @public
 */
export type WeeklyReviewFormat = 'markdown' | 'csv';

/**
 * A downloaded weekly review.
 *
 * @public
 */
export interface WeeklyReviewFile {
  /** The file content. */
  blob: Blob;
  /** The file name from the response, or `reliability-review-<week>.<md|csv>`. */
  fileName: string;
}

/**
 * Options of {@link ReliabilityApi.getSloHistory}.
 *
 * @public
 */
export interface GetSloHistoryOptions {
  /** Start of the range (inclusive). */
  from?: Date;
  /** End of the range. */
  to?: Date;
}

/**
 * The API reference of {@link ReliabilityApi}.
 *
 * @public
 */
export const reliabilityApiRef = createApiRef<ReliabilityApi>({
  id: 'plugin.reliability.api',
});
