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

    /**
     * Demo mode: with no upstream configured, demo providers produce
     * deterministic synthetic data through the same provider interfaces, and
     * the UI labels it "demo data".
     */
    demo?: {
      enabled?: boolean;
      /**
       * The behaviour of demo SLOs: `healthy`, `at-risk`, `breaching` or
       * `no-data`, for all SLOs of an entity or for one (`slo`). Others get a
       * profile from a hash of their name.
       */
      sloProfiles?: Array<{
        /** An entity ref, e.g. `component:default/checkout`. */
        entity: string;
        /** An SLO id; all SLOs of the entity when not set. */
        slo?: string;
        profile: 'healthy' | 'at-risk' | 'breaching' | 'no-data';
      }>;
      /**
       * How demo teams are paged: `quiet` or `noisy` (flapping alerts, night
       * pages), by PagerDuty service id. Others are quiet.
       */
      pagingProfiles?: Array<{
        serviceIds: string[];
        profile: 'quiet' | 'noisy';
      }>;
      /**
       * Demo attestations and exemptions, created at startup (with an audit
       * entry by `demo`) when the entity has no record for the item yet.
       */
      readinessRecords?: Array<{
        entity: string;
        item: string;
        type: 'attestation' | 'exemption';
        /** How long ago it was made (attestations expire after the item's validity). */
        ageDays?: number;
        /** Exemptions: days until it expires. */
        expiresInDays?: number;
        evidenceUrl?: string;
        reason?: string;
      }>;
      /** Demo pushed results, stored at startup as if CI pushed them. */
      pushedResults?: Array<{
        scorecard: string;
        check: string;
        entity: string;
        passed: boolean;
        details?: string;
        url?: string;
      }>;
    };

    /** PagerDuty REST API v2 accounts, chosen by the `pagerduty.com/account` annotation (default: the first). */
    pagerduty?: {
      accounts?: Array<{
        name: string;
        /**
         * A REST API key (read-only is enough).
         * @visibility secret
         */
        token: string;
        /** `us` (default) or `eu`. */
        region?: 'us' | 'eu';
        /** An explicit API base URL, overriding `region`. */
        baseUrl?: string;
        timeout?: { [unit: string]: number } | number | string;
      }>;
    };

    /** Alertmanager API v2 instances, for firing alerts and silences. */
    alertmanager?: {
      instances?: Array<{
        name: string;
        baseUrl: string;
        pathPrefix?: string;
        /**
         * Extra headers, e.g. `Authorization`.
         * @visibility secret
         */
        headers?: { [name: string]: string };
        timeout?: { [unit: string]: number } | number | string;
        /** Where users open alerts; default `baseUrl`. */
        uiUrl?: string;
      }>;
    };

    /**
     * Users and groups (entity refs) the example permission policy of the
     * example backend treats as admins. Default: `group:default/sre`.
     */
    admins?: string[];

    /** Teams' working hours, for off-hours and sleep-hours pages. */
    teams?: Array<{
      /** A group entity ref, e.g. `group:default/team-payments`. */
      ref: string;
      /** IANA time zone, default UTC. */
      timeZone?: string;
      /** Default Monday to Friday, 09:00 to 18:00. */
      businessHours?: { days?: number[]; start?: string; end?: string };
      /** Default 22:00 to 07:00. */
      sleepHours?: { start?: string; end?: string };
    }>;

    /** Alert quality. */
    alertQuality?: {
      /** Days of incidents read on the first sync. Default 90. */
      backfillDays?: number;
      /** Days of incidents kept. Default 400. */
      retentionDays?: number;
      /** A never-acknowledged incident resolved within this many minutes is noise. Default 5. */
      autoResolveMinutes?: number;
    };

    /** Prometheus-compatible metrics APIs (Prometheus, Thanos, Mimir, VictoriaMetrics). */
    prometheus?: {
      instances?: Array<{
        /** Referenced by the `reliability-kit.io/prometheus-instance` annotation; the first is the default. */
        name: string;
        /** e.g. `http://prometheus:9090`; only config sets upstream URLs. */
        baseUrl: string;
        /**
         * What serves the instance, shown with every SLO evaluated there:
         * `prometheus` (default), `victoriametrics`, `thanos`, `mimir` or
         * `cortex`.
         */
        kind?: 'prometheus' | 'victoriametrics' | 'thanos' | 'mimir' | 'cortex';
        /** A path prefix, e.g. `/prometheus` for Mimir. */
        pathPrefix?: string;
        /**
         * Extra headers, e.g. `X-Scope-OrgID` (the tenant of Mimir, Cortex
         * or a Thanos tenancy proxy) or `Authorization`.
         * @visibility secret
         */
        headers?: { [name: string]: string };
        /** Timeout of one request, e.g. `{ seconds: 30 }` or milliseconds. Default 30 s. */
        timeout?: { [unit: string]: number } | number | string;
        /** Where users open queries (a Prometheus UI); default `baseUrl`. */
        uiUrl?: string;
      }>;
    };

    /** SLO evaluation. */
    slo?: {
      /** Days of daily SLO history kept. Default 90. */
      historyRetentionDays?: number;
      /** An SLO is at risk below this share of budget left. Default 0.25. */
      atRiskRemainingShare?: number;
      /** Entities evaluated at once. Default 4. */
      concurrency?: number;
      /** The largest SLO spec file read, in bytes. Default 262144. */
      maxSpecBytes?: number;
    };

    /** How often the background tasks run. */
    schedule?: {
      /**
       * How often the entity index (tier, owner and system of every entity)
       * is refreshed from the catalog, e.g. `{ frequency: { minutes: 5 },
       * timeout: { minutes: 5 } }`. Default: every 5 minutes.
       */
      entityIndex?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * How often every SLO is evaluated. Default: every 5 minutes.
       */
      slo?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** How often incidents, rules and alerts are synced. Default: every 10 minutes. */
      alertQuality?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * How often readiness items and scorecards are evaluated over the whole
       * fleet. Default: every 30 minutes.
       */
      readiness?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * How often entities whose catalog entry changed are re-evaluated.
       * Default: every minute.
       */
      readinessChanges?: SchedulerServiceTaskScheduleDefinitionConfig;
    };

    /**
     * Named checks that readiness items and scorecards refer to. A check is
     * a rule over facts (see the backend README for the language), or a
     * result pushed from CI (`pushed: true`).
     */
    checks?: Array<{
      /** Lowercase letters, digits and dashes. */
      id: string;
      title: string;
      description?: string;
      /** Markdown. */
      howToFix?: string;
      /**
       * The rule, e.g. `{ fact: 'annotation:backstage.io/techdocs-ref', exists: true }`
       * or `{ all: [...] }`. Optional for pushed checks.
       */
      rule?: object;
      /** Results come from `POST /scorecards/:id/checks/:checkId/results`. */
      pushed?: boolean;
      /** Pushed results older than this are ignored. Default 30. */
      maxAgeDays?: number;
    }>;

    /** The production-readiness checklist. */
    readiness?: {
      items?: Array<{
        id: string;
        title: string;
        /** The group shown in the checklist, e.g. `Observability`. */
        group?: string;
        description?: string;
        /** Markdown. */
        howToFix?: string;
        /** Tier ids that require the item. */
        tiers?: string[];
        /** `automatic` (decided by `check`) or `attested` (a person confirms with evidence). */
        kind: 'automatic' | 'attested';
        /** The check id of an automatic item. */
        check?: string;
        /** How long an attestation stays valid. */
        validityDays?: number;
      }>;
      /** Warn this many days before an attestation or exemption expires. Default 14. */
      expiryWarningDays?: number;
    };

    /** Golden-path scorecards. */
    scorecards?: Array<{
      id: string;
      title: string;
      description?: string;
      /** The entities it applies to; every given list must match. Default: every component. */
      filter?: {
        kind?: string[];
        type?: string[];
        tier?: string[];
        owner?: string[];
      };
      /** Lowest first; each level needs its checks and those of the levels below. */
      levels: Array<{
        id: string;
        title: string;
        checks: Array<{ check: string; weight?: number }>;
      }>;
    }>;

    fleet?: {
      /** The scorecard whose level the fleet shows as golden-path level. Default: the first. */
      goldenPathScorecard?: string;
    };
  };
}
