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

    /** How the entity endpoints and actions take permission decisions. */
    permissions?: {
      /**
       * How long (seconds) a user's decisions on `reliability.entity.read` and
       * `catalog.entity.read` are reused for the entity endpoints and actions
       * (at most 5,000 users, least recently used out; a set with a DENY is
       * never kept). A policy or group-membership change that takes access
       * away applies after at most this long. Default 10; 0 disables.
       */
      decisionCacheSeconds?: number;
    };

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
      /** The team's holidays (`YYYY-MM-DD`), added to `reliability.incidents.holidays`. */
      holidays?: string[];
    }>;

    /** Incidents, postmortems and corrective actions. */
    incidents?: {
      /** Severity names, most severe first. Default SEV0, SEV1, SEV2, SEV3, SEV4. */
      severities?: string[];
      /** How incidents get a severity; unmapped ones have none (never guessed). */
      severity?: {
        pagerDuty?: {
          /** PagerDuty priority name to severity, e.g. `{ P1: SEV0, P2: SEV1 }`. Default none. */
          priorities?: { [priority: string]: string };
          /** The severity of a PagerDuty major incident whose priority is not mapped. */
          majorSeverity?: string;
        };
        alerts?: {
          /** The label of ALERTS-rebuilt incidents read as severity. Default `severity`. */
          label?: string;
          /** That label's value to severity, e.g. `{ critical: SEV1 }`. Default none. */
          values?: { [value: string]: string };
        };
      };
      postmortems?: {
        /** Severities that require a postmortem. Default: the two most severe. */
        requiredSeverities?: string[];
        /** Business days after resolution a postmortem is due. Default 5. */
        slaBusinessDays?: number;
        /** The largest postmortem file read, in bytes. Default 262144. */
        maxBytes?: number;
      };
      actions?: {
        /** Days overdue after which an action is stalled. Default 14. */
        stalledAfterDays?: number;
        /** The same, per tier id, e.g. `{ tier-1: 7 }`. */
        stalledAfterDaysByTier?: { [tier: string]: number };
      };
      /** Holidays of every team (`YYYY-MM-DD`). */
      holidays?: string[];
      mttd?: {
        /** How many hours before an incident the SLO burn rate is searched. Default 6. */
        lookbackHours?: number;
      };
      /** Jira Cloud, for the states of action tickets such as `OPS-12`. */
      jira?: {
        /** e.g. `https://example.atlassian.net`. */
        baseUrl: string;
        /** Basic auth: the account's email, with `apiToken`. */
        email?: string;
        /**
         * An Atlassian API token (basic auth with `email`).
         * @visibility secret
         */
        apiToken?: string;
        /**
         * A bearer token (OAuth 2.0), instead of email and apiToken.
         * @visibility secret
         */
        token?: string;
        /** The project keys read from Jira; default any `KEY-123`. */
        projects?: string[];
        /** Request timeout, e.g. `30s`. Default 30 seconds. */
        timeout?: string | number;
      };
      /**
       * GitHub issues, for action tickets such as `owner/repo#12` or issue
       * URLs. Hosts, API URLs and tokens come from `integrations.github`.
       */
      github?: {
        /** The host of `owner/repo#12` refs. Default `github.com`. */
        defaultHost?: string;
        /** `owner/repo` or `owner/*` read from GitHub; default any. */
        repositories?: string[];
        /** Request timeout, e.g. `30s`. Default 30 seconds. */
        timeout?: string | number;
      };
    };

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
       * How often the entity index (tier, owner and system of every
       * component) is rebuilt from the whole catalog: the full
       * reconciliation behind `catalogChanges`, e.g. `{ frequency: { hours:
       * 1 }, timeout: { minutes: 15 } }`. Default: every hour (first run 15 s
       * after start).
       */
      entityIndex?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * How often the catalog is checked for changes: one paged read of the
       * refs and etags of all components, compared with the etags stored at
       * the last pass; only changed, new and removed components are then
       * fetched, indexed and re-evaluated (readiness and scorecards). With
       * nothing changed it writes nothing. A new or changed component
       * reaches the fleet and readiness within about this interval after
       * the catalog has processed it. Default: every minute (first run 45 s
       * after start).
       */
      catalogChanges?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * How often every SLO is evaluated. Default: every 5 minutes.
       */
      slo?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** How often incidents, rules and alerts are synced. Default: every 10 minutes. */
      alertQuality?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** How often postmortems, action tickets and MTTD are read. Default: every 30 minutes. */
      incidents?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * How often readiness items and scorecards are evaluated over the whole
       * fleet. Default: every 30 minutes.
       */
      readiness?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * How often campaigns record their audience and history and send
       * reminders. Default: every 15 minutes.
       */
      campaigns?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * @deprecated The former name of `catalogChanges`, read when that is
       * not set.
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

    /**
     * The error-budget policy: a state machine per tier, evaluated after
     * every SLO refresh of an entity (docs/definitions.md, "Error-budget
     * policy"). Without it, there are no policy states and no deploy gate.
     */
    policy?: {
      /** The policy of entities whose tier has none below `tiers`. */
      default?: ReliabilityPolicyDefinition;
      /** Policies by tier id (a configured tier). */
      tiers?: { [tierId: string]: ReliabilityPolicyDefinition };
      /**
       * A state not recomputed for this long is stale. Default 1 hour.
       * A duration object or ISO 8601 / ms string.
       */
      staleAfter?: { [unit: string]: number } | string;
      gate?: {
        /**
         * When the state is stale or unknown: `open` (deploys allowed) or
         * `closed` (not allowed). Default `open`.
         */
        onStale?: 'open' | 'closed';
      };
      exceptions?: {
        /** The kinds of exception. Default dependency-outage, security-fix, p0-fix. */
        kinds?: string[];
        /** Whether an entity's owners may grant its exceptions. Default false. */
        allowOwners?: boolean;
        /** The longest an exception may last, in days (1-366). Default 14. */
        maxDays?: number;
      };
    };

    /** Notifications (through Backstage's notifications plugin). */
    notifications?: {
      /** The same notification is not sent again within this period. Default 1 day. */
      repeatAfter?: { [unit: string]: number } | string;
      /** Notify attestations expiring within this many days. Default 14. */
      readinessExpiringDays?: number;
      /**
       * Entity refs (e.g. group:default/sre) that also receive every
       * policy state change, besides the entity's owner.
       */
      watchers?: string[];
    };

    /**
     * Campaigns declared in config: read-only in the UI and the API (they
     * cannot be edited or ended there; entities can be exempted). Invalid
     * ones fail the startup, naming the key.
     */
    campaigns?: Array<{
      /** A short id: lowercase letters, digits and dashes. */
      id: string;
      title: string;
      /** What and why, in Markdown. */
      description: string;
      /** How to fix, in Markdown. */
      howToFix?: string;
      /** The owning group's entity ref, e.g. group:default/platform. */
      owner: string;
      /** What entities must reach: at least one of the three. */
      target: {
        /** Readiness item ids of reliability.readiness.items. */
        readinessItems?: string[];
        /** Checks of a scorecard that must pass. */
        scorecardChecks?: Array<{ scorecardId: string; checkId: string }>;
        /** A scorecard level to reach (or exceed). */
        scorecardLevel?: { scorecardId: string; level: string };
      };
      /** Which entities: every set field must match; empty = every entity. */
      audience: {
        tiers?: string[];
        owners?: string[];
        systems?: string[];
        kinds?: string[];
        lifecycles?: string[];
        tags?: string[];
      };
      /** The first day, YYYY-MM-DD in timeZone. */
      startDate: string;
      /** The last day, YYYY-MM-DD in timeZone; due at the end of that day. */
      dueDate: string;
      /** An IANA time zone, e.g. Europe/Berlin. Default UTC. */
      timeZone?: string;
      /** Default: every 7 days, daily in the last 7 days. */
      reminders?: {
        everyDays: number;
        finalDays?: number;
        finalEveryDays?: number;
      };
      /** A draft (false) is not shown on entity pages nor reminded. */
      published: boolean;
    }>;
  };
}

/** One error-budget policy: its states, from the best to the worst. */
interface ReliabilityPolicyDefinition {
  /** SLO ids or names that count; default all (the worst SLO decides). */
  slos?: string[];
  states: Array<{
    /** e.g. ok, warning, exhausted, frozen. */
    id: string;
    /** Whether deploys are allowed in this state (before exceptions). */
    deploysAllowed: boolean;
    description?: string;
    requiredActions?: string[];
    /** Changes still allowed, e.g. "P0 fixes". */
    allowedChanges?: string[];
    /**
     * Entered when any condition holds for any counted SLO. Required on
     * every state but the first.
     */
    enter?: Array<{
      /** Budget remaining below this fraction (0 = spent, -0.5 = overspent by half). */
      budgetRemainingBelow?: number;
      burnRateAbove?: {
        window: '5m' | '30m' | '1h' | '2h' | '6h' | '1d' | '3d';
        rate: number;
      };
    }>;
    /**
     * Left (for a better state) once no entry condition holds and every
     * counted SLO's budget remaining is above `budgetRemainingAbove`, for
     * `for`.
     */
    exit?: {
      budgetRemainingAbove?: number;
      for?: { [unit: string]: number } | string;
    };
  }>;
}
