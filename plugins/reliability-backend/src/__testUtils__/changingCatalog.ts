import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

/**
 * A catalog whose entities the test changes between passes; every call is
 * recorded with the fields it asked for.
 */
export function changingCatalog(initial: Entity[]) {
  let entities = initial;
  const calls: Array<{ method: string; fields?: string[]; refs?: string[] }> =
    [];
  const current = () => catalogServiceMock({ entities });
  const methods: Pick<CatalogService, 'streamEntities' | 'getEntitiesByRefs'> =
    {
      streamEntities(request, options) {
        calls.push({ method: 'streamEntities', fields: request?.fields });
        return current().streamEntities(request, options);
      },
      getEntitiesByRefs(request, options) {
        calls.push({
          method: 'getEntitiesByRefs',
          fields: request.fields,
          refs: request.entityRefs,
        });
        return current().getEntitiesByRefs(request, options);
      },
    };
  const catalog = methods as CatalogService;
  return {
    catalog,
    calls,
    set(next: Entity[]) {
      entities = next;
    },
  };
}
