import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  AlertQualityWindow,
  AttestationInput,
  AuditEntry,
  Campaign,
  CampaignEntitiesPage,
  CampaignExemptionInput,
  CampaignHistory,
  CampaignInput,
  CampaignList,
  CampaignPromoteInput,
  CampaignWithProgress,
  EntityCampaignList,
  EntityAlertQuality,
  EntityPolicyResponse,
  EntityIncidentsResponse,
  EntityReliability,
  ExemptionInput,
  FleetIncidentsResponse,
  FleetPage,
  FleetSummary,
  FleetTrendPoint,
  PolicyException,
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
} from '@reliability-kit/backstage-plugin-reliability-common';
import {
  CampaignEntitiesQuery,
  FleetGroupBy,
  FleetQuery,
  GetSloHistoryOptions,
  ReliabilityApi,
  ScorecardGroupBy,
  ScorecardResultsQuery,
  WeeklyReviewFile,
  WeeklyReviewFormat,
} from './ReliabilityApi';

/** The base of the entity routes of campaigns (`/entity/:kind/...`). */
const ENTITY_CAMPAIGNS_BASE = '/entity';

/**
 * The HTTP implementation of {@link ReliabilityApi}, using the app's
 * discovery and (authenticated) fetch APIs.
 *
 * @public
 */
export class ReliabilityClient implements ReliabilityApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  /** See {@link ReliabilityApi.getEntityReliability}. */
  async getEntityReliability(
    entity: CompoundEntityRef,
  ): Promise<EntityReliability> {
    return this.get<EntityReliability>(entityPath(entity));
  }

  /** See {@link ReliabilityApi.getSloHistory}. */
  async getSloHistory(
    entity: CompoundEntityRef,
    sloId: string,
    options?: GetSloHistoryOptions,
  ): Promise<SloHistoryResponse> {
    const query = new URLSearchParams();
    if (options?.from) {
      query.set('from', options.from.toISOString());
    }
    if (options?.to) {
      query.set('to', options.to.toISOString());
    }
    const search = query.toString();
    return this.get<SloHistoryResponse>(
      `${entityPath(entity)}/slos/${encodeURIComponent(sloId)}/history${
        search ? `?${search}` : ''
      }`,
    );
  }

  /** See {@link ReliabilityApi.getAlertQuality}. */
  async getAlertQuality(
    entity: CompoundEntityRef,
    window: AlertQualityWindow,
  ): Promise<EntityAlertQuality> {
    const query = new URLSearchParams({ window });
    return this.get<EntityAlertQuality>(
      `${entityPath(entity)}/alert-quality?${query}`,
    );
  }

  /** See {@link ReliabilityApi.createToilItem}. */
  async createToilItem(
    entity: CompoundEntityRef,
    input: ToilItemInput,
  ): Promise<StoredToilItem> {
    return this.post<StoredToilItem>(`${entityPath(entity)}/toil`, input);
  }

  /** See {@link ReliabilityApi.updateToilItem}. */
  async updateToilItem(
    entity: CompoundEntityRef,
    id: string,
    input: ToilItemInput,
  ): Promise<StoredToilItem> {
    return this.post<StoredToilItem>(
      `${entityPath(entity)}/toil/${encodeURIComponent(id)}`,
      input,
      'PUT',
    );
  }

  /** See {@link ReliabilityApi.deleteToilItem}. */
  async deleteToilItem(entity: CompoundEntityRef, id: string): Promise<void> {
    await this.request(`${entityPath(entity)}/toil/${encodeURIComponent(id)}`, {
      method: 'DELETE',
    });
  }

  /** See {@link ReliabilityApi.getFleet}. */
  async getFleet(query: FleetQuery = {}): Promise<FleetPage> {
    const params = new URLSearchParams();
    for (const name of [
      'tier',
      'sloStatus',
      'owner',
      'system',
      'readiness',
      'policyState',
    ] as const) {
      for (const value of query[name] ?? []) {
        params.append(name, value);
      }
    }
    if (query.campaign) {
      params.set('campaign', query.campaign);
    }
    if (query.sort) {
      params.set(
        'sort',
        `${query.sort.direction === 'desc' ? '-' : ''}${query.sort.key}`,
      );
    }
    return this.get<FleetPage>(withPage('/fleet', params, query));
  }

  /** See {@link ReliabilityApi.getFleetSummary}. */
  async getFleetSummary(groupBy: FleetGroupBy): Promise<FleetSummary> {
    const params = new URLSearchParams({ groupBy });
    return this.get<FleetSummary>(`/fleet/summary?${params}`);
  }

  /** See {@link ReliabilityApi.getFleetTrends}. */
  async getFleetTrends(weeks = 12): Promise<FleetTrendPoint[]> {
    const params = new URLSearchParams({ weeks: String(weeks) });
    return this.get<FleetTrendPoint[]>(`/fleet/trends?${params}`);
  }

  /** See {@link ReliabilityApi.getEntityIncidents}. */
  async getEntityIncidents(
    entity: CompoundEntityRef,
    period: IncidentPeriodKind = 'month',
  ): Promise<EntityIncidentsResponse> {
    const query = new URLSearchParams({ period });
    return this.get<EntityIncidentsResponse>(
      `${entityPath(entity)}/incidents?${query}`,
    );
  }

  /** See {@link ReliabilityApi.getFleetIncidents}. */
  async getFleetIncidents(
    period: IncidentPeriodKind = 'month',
  ): Promise<FleetIncidentsResponse> {
    const query = new URLSearchParams({ period });
    return this.get<FleetIncidentsResponse>(`/incidents/fleet?${query}`);
  }

  /** See {@link ReliabilityApi.downloadWeeklyReview}. */
  async downloadWeeklyReview(
    week: string,
    format: WeeklyReviewFormat,
  ): Promise<WeeklyReviewFile> {
    const params = new URLSearchParams({ week, format });
    const response = await this.request(`/reviews/weekly?${params}`);
    const blob = await response.blob();
    const fileName =
      fileNameOf(response.headers.get('content-disposition')) ??
      `reliability-review-${week}.${format === 'csv' ? 'csv' : 'md'}`;
    return { blob, fileName };
  }

  /** See {@link ReliabilityApi.attestReadinessItem}. */
  async attestReadinessItem(
    entity: CompoundEntityRef,
    itemId: string,
    input: AttestationInput,
  ): Promise<ReadinessRecord> {
    return this.post<ReadinessRecord>(
      `${entityPath(entity)}/readiness/${encodeURIComponent(
        itemId,
      )}/attestations`,
      input,
    );
  }

  /** See {@link ReliabilityApi.exemptReadinessItem}. */
  async exemptReadinessItem(
    entity: CompoundEntityRef,
    itemId: string,
    input: ExemptionInput,
  ): Promise<ReadinessRecord> {
    return this.post<ReadinessRecord>(
      `${entityPath(entity)}/readiness/${encodeURIComponent(
        itemId,
      )}/exemptions`,
      input,
    );
  }

  /** See {@link ReliabilityApi.exemptScorecardCheck}. */
  async exemptScorecardCheck(
    entity: CompoundEntityRef,
    scorecardId: string,
    checkId: string,
    input: ExemptionInput,
  ): Promise<ReadinessRecord> {
    return this.post<ReadinessRecord>(
      `${entityPath(entity)}/scorecards/${encodeURIComponent(
        scorecardId,
      )}/checks/${encodeURIComponent(checkId)}/exemptions`,
      input,
    );
  }

  /** See {@link ReliabilityApi.revokeReadinessRecord}. */
  async revokeReadinessRecord(
    entity: CompoundEntityRef,
    recordId: string,
    input: RevokeInput,
  ): Promise<ReadinessRecord> {
    return this.post<ReadinessRecord>(
      `${entityPath(entity)}/readiness-records/${encodeURIComponent(
        recordId,
      )}/revoke`,
      input,
    );
  }

  /** See {@link ReliabilityApi.getEntityPolicy}. */
  async getEntityPolicy(
    entity: CompoundEntityRef,
  ): Promise<EntityPolicyResponse | undefined> {
    try {
      return await this.get<EntityPolicyResponse>(
        `${entityPath(entity)}/policy`,
      );
    } catch (error) {
      // No policy configured: the backend does not mount the routes.
      if (error instanceof ResponseError && error.response.status === 404) {
        return undefined;
      }
      throw error;
    }
  }

  /** See {@link ReliabilityApi.createPolicyException}. */
  async createPolicyException(
    entity: CompoundEntityRef,
    input: { kind: string; reason: string; expiresAt: string },
  ): Promise<PolicyException> {
    return this.post<PolicyException>(
      `${entityPath(entity)}/policy/exceptions`,
      input,
    );
  }

  /** See {@link ReliabilityApi.revokePolicyException}. */
  async revokePolicyException(
    entity: CompoundEntityRef,
    id: string,
  ): Promise<PolicyException> {
    return this.post<PolicyException>(
      `${entityPath(entity)}/policy/exceptions/${encodeURIComponent(
        id,
      )}/revoke`,
      {},
    );
  }

  /** See {@link ReliabilityApi.listReadinessRecords}. */
  async listReadinessRecords(
    entity: CompoundEntityRef,
  ): Promise<ReadinessRecord[]> {
    const { items } = await this.get<{ items: ReadinessRecord[] }>(
      `${entityPath(entity)}/readiness-records`,
    );
    return items;
  }

  /** See {@link ReliabilityApi.getAuditLog}. */
  async getAuditLog(
    entity: CompoundEntityRef,
    limit = 50,
  ): Promise<AuditEntry[]> {
    const params = new URLSearchParams({ limit: String(limit) });
    const { items } = await this.get<{ items: AuditEntry[] }>(
      `${entityPath(entity)}/audit?${params}`,
    );
    return items;
  }

  /** See {@link ReliabilityApi.getScorecardHistory}. */
  async getScorecardHistory(
    entity: CompoundEntityRef,
    scorecardId: string,
    days = 90,
  ): Promise<ScorecardHistoryPoint[]> {
    const params = new URLSearchParams({ days: String(days) });
    const { items } = await this.get<{ items: ScorecardHistoryPoint[] }>(
      `${entityPath(entity)}/scorecards/${encodeURIComponent(
        scorecardId,
      )}/history?${params}`,
    );
    return items;
  }

  /** See {@link ReliabilityApi.listScorecards}. */
  async listScorecards(): Promise<ScorecardList> {
    return this.get<ScorecardList>('/scorecards');
  }

  /** See {@link ReliabilityApi.getScorecardResults}. */
  async getScorecardResults(
    scorecardId: string,
    query: ScorecardResultsQuery = {},
  ): Promise<ScorecardResultsPage> {
    const params = new URLSearchParams();
    for (const name of ['owner', 'tier', 'level'] as const) {
      for (const value of query[name] ?? []) {
        params.append(name, value);
      }
    }
    if (query.failing) {
      params.set('failing', query.failing);
    }
    return this.get<ScorecardResultsPage>(
      withPage(
        `/scorecards/${encodeURIComponent(scorecardId)}/results`,
        params,
        query,
      ),
    );
  }

  /** See {@link ReliabilityApi.getScorecardAdoption}. */
  async getScorecardAdoption(
    scorecardId: string,
    groupBy: ScorecardGroupBy,
  ): Promise<ScorecardAdoption> {
    const params = new URLSearchParams({ groupBy });
    return this.get<ScorecardAdoption>(
      `/scorecards/${encodeURIComponent(scorecardId)}/summary?${params}`,
    );
  }

  /** See {@link ReliabilityApi.getScorecardTrend}. */
  async getScorecardTrend(
    scorecardId: string,
    days = 90,
  ): Promise<ScorecardTrendPoint[]> {
    const params = new URLSearchParams({ days: String(days) });
    const { items } = await this.get<{ items: ScorecardTrendPoint[] }>(
      `/scorecards/${encodeURIComponent(scorecardId)}/trend?${params}`,
    );
    return items;
  }

  /** See {@link ReliabilityApi.listCampaigns}. */
  async listCampaigns(): Promise<CampaignList> {
    return this.get<CampaignList>('/campaigns');
  }

  /** See {@link ReliabilityApi.getCampaign}. */
  async getCampaign(id: string): Promise<CampaignWithProgress> {
    return this.get<CampaignWithProgress>(campaignPath(id));
  }

  /** See {@link ReliabilityApi.createCampaign}. */
  async createCampaign(input: CampaignInput): Promise<Campaign> {
    return this.post<Campaign>('/campaigns', input);
  }

  /** See {@link ReliabilityApi.updateCampaign}. */
  async updateCampaign(id: string, input: CampaignInput): Promise<Campaign> {
    return this.post<Campaign>(campaignPath(id), input, 'PUT');
  }

  /** See {@link ReliabilityApi.endCampaign}. */
  async endCampaign(id: string): Promise<Campaign> {
    return this.post<Campaign>(`${campaignPath(id)}/end`, {});
  }

  /** See {@link ReliabilityApi.getCampaignEntities}. */
  async getCampaignEntities(
    id: string,
    query: CampaignEntitiesQuery = {},
  ): Promise<CampaignEntitiesPage> {
    const params = new URLSearchParams();
    for (const name of ['status', 'owner'] as const) {
      if (query[name]) {
        params.set(name, query[name]!);
      }
    }
    return this.get<CampaignEntitiesPage>(
      withPage(`${campaignPath(id)}/entities`, params, query),
    );
  }

  /** See {@link ReliabilityApi.getCampaignHistory}. */
  async getCampaignHistory(id: string): Promise<CampaignHistory> {
    return this.get<CampaignHistory>(`${campaignPath(id)}/history`);
  }

  /** See {@link ReliabilityApi.exemptFromCampaign}. */
  async exemptFromCampaign(
    id: string,
    input: CampaignExemptionInput,
  ): Promise<void> {
    await this.post<unknown>(`${campaignPath(id)}/exemptions`, input);
  }

  /** See {@link ReliabilityApi.promoteCampaign}. */
  async promoteCampaign(
    id: string,
    input: CampaignPromoteInput,
  ): Promise<Campaign> {
    return this.post<Campaign>(`${campaignPath(id)}/promote`, input);
  }

  /** See {@link ReliabilityApi.getEntityCampaigns}. */
  async getEntityCampaigns(
    entity: CompoundEntityRef,
  ): Promise<EntityCampaignList> {
    return this.get<EntityCampaignList>(
      `${entityPath(entity, ENTITY_CAMPAIGNS_BASE)}/campaigns`,
    );
  }

  private async post<T>(
    path: string,
    body: unknown,
    method: 'POST' | 'PUT' = 'POST',
  ): Promise<T> {
    const response = await this.request(path, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await response.json()) as T;
  }

  private async get<T>(path: string): Promise<T> {
    const response = await this.request(path);
    return (await response.json()) as T;
  }

  private async request(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('reliability');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}

function entityPath(entity: CompoundEntityRef, base = '/entities'): string {
  const path = [entity.kind, entity.namespace, entity.name]
    .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
    .join('/');
  return `${base}/${path}`;
}

function campaignPath(id: string): string {
  return `/campaigns/${encodeURIComponent(id)}`;
}

/** A path with its query, the page's cursor and limit included. */
function withPage(
  path: string,
  params: URLSearchParams,
  page: { cursor?: string; limit?: number },
): string {
  if (page.cursor) {
    params.set('cursor', page.cursor);
  }
  if (page.limit !== undefined) {
    params.set('limit', String(page.limit));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function fileNameOf(disposition: string | null): string | undefined {
  if (!disposition) {
    return undefined;
  }
  const encoded = /filename\*\s*=\s*(?:UTF-8'')?"?([^";]+)"?/i.exec(
    disposition,
  );
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1]);
    } catch {
      // fall through to the plain file name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1].trim() : undefined;
}
