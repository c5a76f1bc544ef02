import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';

/**
 * A fact value a check can compare: a number, a string, a boolean, a list of
 * strings, or null when the fact is unknown.
 *
 * @public
 */
export type ReliabilityFactValue = number | string | boolean | string[] | null;

/**
 * Supplies facts about entities to readiness items and scorecard checks,
 * e.g. "has a Datadog monitor" from a Datadog integration.
 *
 * @public
 */
export interface ReliabilityFactProvider {
  /** Unique id; facts are addressed as `<id>.<fact>` in checks. */
  readonly id: string;
  /** Returns the facts this provider knows about the entity. */
  getFacts(entity: Entity): Promise<Record<string, ReliabilityFactValue>>;
}

/**
 * The extension point through which backend modules add fact providers to the
 * reliability backend plugin.
 *
 * @public
 */
export interface ReliabilityFactsExtensionPoint {
  addFactProvider(...providers: ReliabilityFactProvider[]): void;
}

/**
 * Extension point for fact providers.
 *
 * @public
 */
export const reliabilityFactsExtensionPoint =
  createExtensionPoint<ReliabilityFactsExtensionPoint>({
    id: 'reliability.facts',
  });
