import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  AlertQualityWindow,
  EntityAlertQuality,
  EntityReliability,
  SloHistoryResponse,
  StoredToilItem,
  ToilItemInput,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { GetSloHistoryOptions, ReliabilityApi } from './ReliabilityApi';

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
