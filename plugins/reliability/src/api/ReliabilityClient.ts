import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  EntityReliability,
  SloHistoryResponse,
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

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('reliability');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function entityPath(entity: CompoundEntityRef): string {
  const path = [entity.kind, entity.namespace, entity.name]
    .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
    .join('/');
  return `/entities/${path}`;
}
