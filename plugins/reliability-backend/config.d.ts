import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the Reliability Kit backend plugin. */
  reliability?: {
    /**
     * The tiers services are classified into. Defaults to four tiers,
     * tier-1 (critical, customer facing) to tier-4 (experimental).
     * @visibility frontend
     */
    tiers?: Array<{
      /**
       * Stable id, lowercase letters, digits and dashes, e.g. `tier-1`.
       * @visibility frontend
       */
      id: string;
      /** @visibility frontend */
      title: string;
      /** @visibility frontend */
      description?: string;
      /**
       * The lowest SLO objective an SLO of this tier may have, a fraction
       * such as 0.999.
       * @visibility frontend
       */
      minimumObjective?: number;
      /**
       * Ids of readiness items the tier requires.
       * @visibility frontend
       */
      requiredReadiness?: string[];
    }>;

    /**
     * Where an entity's tier is read from. Defaults to the annotation
     * `reliability-kit.io/tier`.
     */
    tierSource?: {
      /** `annotation`, `label` or `spec` (`spec.<key>`). */
      from: 'annotation' | 'label' | 'spec';
      /** The annotation or label key, or the spec field name. */
      key: string;
    };

    /** How often the background tasks run. */
    schedule?: {
      /**
       * How often the entity index (tier, owner and system of every entity)
       * is refreshed from the catalog, e.g. `{ frequency: { minutes: 5 },
       * timeout: { minutes: 5 } }`. Default: every 5 minutes.
       */
      entityIndex?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
