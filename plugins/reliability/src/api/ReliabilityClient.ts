import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  AlertQualityWindow,
  EntityAlertQuality,
  EntityReliability,
  FleetPage,
  FleetSummary,
  FleetTrendPoint,
  SloHistoryResponse,
  StoredToilItem,
  ToilItemInput,
} from '@reliability-kit/backstage-plugin-reliability-common';
import {
  FleetGroupBy,
  FleetQuery,
  GetSloHistoryOptions,
  ReliabilityApi,
  WeeklyReviewFile,
  WeeklyReviewFormat,
} from './ReliabilityApi';

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

  async getEntityReliability(
    entity: CompoundEntityRef,
  ): Promise<EntityReliability> {
    return this.get<EntityReliability>(entityPath(entity));
  }

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

  async getAlertQuality(
    entity: CompoundEntityRef,
    window: AlertQualityWindow,
  ): Promise<EntityAlertQuality> {
    const query = new URLSearchParams({ window });
    return this.get<EntityAlertQuality>(
      `${entityPath(entity)}/alert-quality?${query}`,
    );
  }

  async createToilItem(
    entity: CompoundEntityRef,
    input: ToilItemInput,
  ): Promise<StoredToilItem> {
    const response = await this.request(`${entityPath(entity)}/toil`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    return (await response.json()) as StoredToilItem;
  }

  async updateToilItem(
    entity: CompoundEntityRef,
    id: string,
    input: ToilItemInput,
  ): Promise<StoredToilItem> {
    const response = await this.request(
      `${entityPath(entity)}/toil/${encodeURIComponent(id)}`,
      {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      },
    );
    return (await response.json()) as StoredToilItem;
  }

  async deleteToilItem(entity: CompoundEntityRef, id: string): Promise<void> {
    await this.request(`${entityPath(entity)}/toil/${encodeURIComponent(id)}`, {
      method: 'DELETE',
    });
  }

  async getFleet(query: FleetQuery = {}): Promise<FleetPage> {
    const params = new URLSearchParams();
    for (const name of [
      'tier',
      'sloStatus',
      'owner',
      'system',
      'readiness',
    ] as const) {
      for (const value of query[name] ?? []) {
        params.append(name, value);
      }
    }
    if (query.sort) {
      params.set(
        'sort',
        `${query.sort.direction === 'desc' ? '-' : ''}${query.sort.key}`,
      );
    }
    if (query.cursor) {
      params.set('cursor', query.cursor);
    }
    if (query.limit !== undefined) {
      params.set('limit', String(query.limit));
    }
    const search = params.toString();
    return this.get<FleetPage>(`/fleet${search ? `?${search}` : ''}`);
  }

  async getFleetSummary(groupBy: FleetGroupBy): Promise<FleetSummary> {
    const params = new URLSearchParams({ groupBy });
    return this.get<FleetSummary>(`/fleet/summary?${params}`);
  }

  async getFleetTrends(weeks = 12): Promise<FleetTrendPoint[]> {
    const params = new URLSearchParams({ weeks: String(weeks) });
    return this.get<FleetTrendPoint[]>(`/fleet/trends?${params}`);
  }

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

function entityPath(entity: CompoundEntityRef): string {
  const path = [entity.kind, entity.namespace, entity.name]
    .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
    .join('/');
  return `/entities/${path}`;
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
