import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';

/**
 * The `zod` the actions registry hands to schema functions. Schemas are
 * built with it (never with this package's own `zod`), so the registry
 * validates and describes them with the same library.
 */
export type ActionZod = Parameters<
  Parameters<ActionsRegistryService['register']>[0]['schema']['input']
>[0];

/** An entity reference as the tools take it: in full, or a short name. */
export const entityRefInput = (z: ActionZod, what: string) =>
  z
    .string()
    .min(1)
    .max(255)
    .describe(
      `${what}: an entity reference such as "component:default/checkout" (kind and namespace may be left out)`,
    );

/**
 * The parts of an entity reference given to an action; `defaultKind` when
 * the kind is left out, `default` for the namespace. A malformed one is an
 * InputError naming the field.
 */
export function parseRefInput(
  field: string,
  value: string,
  defaultKind: string,
): { kind: string; namespace: string; name: string } {
  try {
    return parseEntityRef(value, { defaultKind, defaultNamespace: 'default' });
  } catch {
    throw new InputError(
      `Invalid input "${field}": "${value}" is not an entity reference such as ${defaultKind}:default/name`,
    );
  }
}

/** The attributes of every Reliability Kit action: they only read. */
export const READ_ONLY = {
  readOnly: true,
  destructive: false,
  idempotent: true,
} as const;
