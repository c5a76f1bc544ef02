import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { EntityReliability } from '@reliability-kit/backstage-plugin-reliability-common';
import { ReliabilityApi } from './ReliabilityApi';

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
    const path = [entity.kind, entity.namespace, entity.name]
      .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
      .join('/');
    return this.get<EntityReliability>(`/entities/${path}`);
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
