/**
 * A reliability tier: how critical a service is, and what it must meet.
 *
 * @public
 */
export interface TierDefinition {
  /** Stable id, e.g. `tier-1`. Lowercase letters, digits and dashes. */
  id: string;
  /** Short human title, e.g. `Tier 1`. */
  title: string;
  /** What the tier means, e.g. `Critical, customer facing`. */
  description: string;
  /**
   * The lowest SLO objective (a fraction, e.g. 0.999) an SLO of a service in
   * this tier may have. Undefined when the tier sets no minimum.
   */
  minimumObjective?: number;
  /** Ids of readiness items the tier requires. */
  requiredReadiness: string[];
}

/**
 * Where an entity's tier is read from.
 *
 * - `annotation`: `metadata.annotations[key]`
 * - `label`: `metadata.labels[key]`
 * - `spec`: `spec[key]` (conventionally `spec.tier`)
 *
 * @public
 */
export interface TierSource {
  /** Where the tier is read from. */
  from: 'annotation' | 'label' | 'spec';
  /** The annotation or label name, or the spec field. */
  key: string;
}

/**
 * The tier configuration of the suite.
 *
 * @public
 */
export interface TierModel {
  /** The configured tiers. */
  tiers: TierDefinition[];
  /** Where entities declare their tier. */
  source: TierSource;
}

/**
 * The tier of one entity, as read and validated against the tier model.
 *
 * - `ok`: a configured tier.
 * - `missing`: the entity does not declare a tier.
 * - `invalid`: the entity declares a value that is not a configured tier.
 *
 * @public
 */
export type EntityTier =
  | { status: 'ok'; tier: TierDefinition; source: TierSource }
  | { status: 'missing'; source: TierSource; message: string }
  | {
      status: 'invalid';
      value: string;
      source: TierSource;
      message: string;
    };
