import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogProcessor } from '@backstage/plugin-catalog-node';
import {
  EntitySloStatus,
  RELIABILITY_LABEL_POLICY_STATE,
  SLO_STATUS_LABEL,
  SLO_STATUS_ORDER,
  TIER_LABEL,
  TierModel,
  readEntityTier,
} from '@reliability-kit/backstage-plugin-reliability-common';

const STATUSES: ReadonlyArray<EntitySloStatus> = SLO_STATUS_ORDER;

/**
 * Reads the SLO status of every entity from the reliability backend
 * (`GET /api/reliability/fleet/statuses`), at most once per `ttlMs`, so the
 * catalog's processing loop costs one request per interval, not one per
 * entity.
 *
 * @public
 */
export class SloStatusCache {
  private statuses = new Map<string, EntitySloStatus>();
  private policyStates = new Map<string, string>();
  private fetchedAt = 0;
  private attemptedAt = Number.NEGATIVE_INFINITY;
  private inFlight?: Promise<void>;

  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
      ttlMs?: number;
      fetchImpl?: typeof fetch;
      now?: () => number;
    },
  ) {}

  /** The entity's status, or undefined when the backend could not be read. */
  async get(entityRef: string): Promise<EntitySloStatus | undefined> {
    const now = (this.options.now ?? Date.now)();
    // At most one attempt per interval, failed or not: a backend that is
    // down is not asked once per entity.
    if (now - this.attemptedAt > (this.options.ttlMs ?? 10_000)) {
      this.attemptedAt = now;
      this.inFlight ??= this.refresh(now).finally(() => {
        this.inFlight = undefined;
      });
      await this.inFlight;
    }
    if (this.fetchedAt === 0) {
      return undefined;
    }
    return this.statuses.get(entityRef) ?? 'no-slo';
  }

  /**
   * The entity's error-budget policy state; undefined when it has none or
   * the backend could not be read (read with {@link SloStatusCache.get}).
   */
  policyStateOf(entityRef: string): string | undefined {
    return this.policyStates.get(entityRef);
  }

  private async refresh(now: number): Promise<void> {
    const { discovery, auth, logger } = this.options;
    try {
      const baseUrl = await discovery.getBaseUrl('reliability');
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: await auth.getOwnServiceCredentials(),
        targetPluginId: 'reliability',
      });
      const response = await (this.options.fetchImpl ?? fetch)(
        `${baseUrl}/fleet/statuses`,
        {
          headers: { Authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(10_000),
        },
      );
      if (!response.ok) {
        throw new Error(`answered ${response.status}`);
      }
      const body = (await response.json()) as {
        statuses: Record<string, string>;
        policyStates?: Record<string, string>;
      };
      const next = new Map<string, EntitySloStatus>();
      for (const [ref, status] of Object.entries(body.statuses ?? {})) {
        if ((STATUSES as string[]).includes(status)) {
          next.set(ref, status as EntitySloStatus);
        }
      }
      this.statuses = next;
      this.policyStates = new Map(
        Object.entries(body.policyStates ?? {}).filter(([, s]) =>
          /^[a-z0-9][a-z0-9-]{0,62}$/.test(s),
        ),
      );
      this.fetchedAt = now;
    } catch (error) {
      // Keep the last statuses: a label is never removed because the
      // reliability backend was briefly unreachable.
      logger.warn(
        `Could not read SLO statuses from the reliability backend: ${
          (error as Error).message
        }`,
      );
    }
  }
}

/**
 * Stamps `reliability-kit.io/tier` (a configured tier id, from the entity's
 * tier source), `reliability-kit.io/slo-status` and
 * `reliability-kit.io/policy-state` (when the error-budget policy has a
 * state for it) onto components, so the
 * catalog's own API and filters can select by them server-side.
 *
 * @public
 */
export class ReliabilityLabelsProcessor implements CatalogProcessor {
  constructor(
    private readonly options: {
      tierModel: TierModel;
      statuses: Pick<SloStatusCache, 'get'> &
        Partial<Pick<SloStatusCache, 'policyStateOf'>>;
      kinds?: string[];
    },
  ) {}

  /** The processor name, for the catalog. */
  getProcessorName(): string {
    return 'ReliabilityLabelsProcessor';
  }

  /**
   * Sets the tier and SLO status labels of components (and of `kinds`);
   * removes a stale tier label.
   */
  async preProcessEntity(entity: Entity): Promise<Entity> {
    const kinds = this.options.kinds ?? ['component'];
    if (!kinds.includes(entity.kind.toLocaleLowerCase('en-US'))) {
      return entity;
    }
    const labels: Record<string, string> = { ...entity.metadata.labels };
    const tier = readEntityTier(entity, this.options.tierModel);
    if (tier.status === 'ok') {
      labels[TIER_LABEL] = tier.tier.id;
    } else {
      delete labels[TIER_LABEL];
    }
    const ref = stringifyEntityRef({
      kind: entity.kind,
      namespace: entity.metadata.namespace ?? 'default',
      name: entity.metadata.name,
    });
    const status = await this.options.statuses.get(ref);
    if (status) {
      labels[SLO_STATUS_LABEL] = status;
      const policyState = this.options.statuses.policyStateOf?.(ref);
      if (policyState) {
        labels[RELIABILITY_LABEL_POLICY_STATE] = policyState;
      } else {
        delete labels[RELIABILITY_LABEL_POLICY_STATE];
      }
    }
    return { ...entity, metadata: { ...entity.metadata, labels } };
  }
}
