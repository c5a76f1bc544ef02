import { Entity } from '@backstage/catalog-model';

/** The spec most test components carry. */
export const SERVICE_SPEC = {
  type: 'service',
  owner: 'team-a',
  lifecycle: 'production',
};

/** What a test component may set beyond its name. */
export interface TestComponentOptions {
  /** metadata.annotations; left out when not given. */
  annotations?: Record<string, string>;
  /** The spec; {@link SERVICE_SPEC} when not given. */
  spec?: Entity['spec'];
  /** relations; left out when not given. */
  relations?: Entity['relations'];
  /** Further metadata, spread last. */
  metadata?: Partial<Entity['metadata']>;
}

/** A Component entity in the default namespace, as the catalog returns it. */
export function testComponent(
  name: string,
  options: TestComponentOptions = {},
): Entity {
  const metadata: Entity['metadata'] = { name, namespace: 'default' };
  if (options.annotations) metadata.annotations = options.annotations;
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { ...metadata, ...options.metadata },
    spec: options.spec ?? SERVICE_SPEC,
  };
  if (options.relations) entity.relations = options.relations;
  return entity;
}

/** The spec and ownedBy relation of a production service owned by `owner`. */
export function ownedBy(
  owner: string,
): Pick<TestComponentOptions, 'spec' | 'relations'> {
  return {
    spec: { type: 'service', owner, lifecycle: 'production' },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
}

/** The entity ref of a test component. */
export const componentRef = (name: string) => `component:default/${name}`;

/**
 * The managed-by-location annotation of an entity whose catalog-info.yaml
 * lies in `dir` (a mock directory), so that relative spec paths resolve
 * there.
 */
export function locatedIn(dir: { resolve(...paths: string[]): string }) {
  return {
    'backstage.io/managed-by-location': `file:${dir.resolve(
      'catalog-info.yaml',
    )}`,
  };
}
