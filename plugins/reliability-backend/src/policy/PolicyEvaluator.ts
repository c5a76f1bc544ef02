import { LoggerService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  EntityPolicyResponse,
  GateResponse,
  TierModel,
  describePolicyDeploys,
  readEntityTier,
} from '@reliability-kit/backstage-plugin-reliability-common';
import type { FleetProjection } from '../fleet/FleetProjection';
import { activeExceptions, decideGate, stalenessOf } from './decideGate';
import { PolicySlo, evaluatePolicy } from './evaluatePolicy';
import { PolicyStore } from './PolicyStore';
import {
  PolicyConfig,
  PolicyDefinition,
  StoredPolicyState,
} from './policyTypes';
import { policyFor } from './readPolicyConfig';
import {
  RELIABILITY_NOTIFICATION_TOPICS,
  ReliabilityNotifier,
} from '../notifications/ReliabilityNotifier';
import { reliabilityTabLink } from '../notifications/links';

/** Deploys stopped: high; a warning state: normal; back to the first: low. */
function severityOf(deploysAllowed: boolean, index: number) {
  if (!deploysAllowed) return 'high';
  return index === 0 ? 'low' : 'normal';
}

/** The actor of the audit entries of state changes. */
export const POLICY_ACTOR = 'reliability-kit:policy';

/** The owner of an entity as a full entity ref, if it has one. */
export function ownerRefOf(entity: Entity): string | undefined {
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (typeof owner !== 'string' || owner.length === 0) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/**
 * The error-budget policy of the fleet: evaluates an entity's state after
 * each SLO refresh (the SLO collector calls {@link sloRefreshed} at its
 * call site), stores it with its history and audit entries, tells the
 * fleet projection, notifies the owner of a change; answers the entity's
 * policy view and the deploy gate.
 */
export class PolicyEvaluator {
  constructor(
    private readonly options: {
      config: PolicyConfig;
      store: PolicyStore;
      tierModel: TierModel;
      fleet?: FleetProjection;
      notifier?: ReliabilityNotifier;
      /** Entity refs that also receive every state change. */
      watchers?: string[];
      logger: LoggerService;
    },
  ) {}

  get config(): PolicyConfig {
    return this.options.config;
  }

  private policyOf(entity: Entity): PolicyDefinition | undefined {
    const tier = readEntityTier(entity, this.options.tierModel);
    return policyFor(
      this.options.config,
      tier.status === 'ok' ? tier.tier.id : undefined,
    );
  }

  /**
   * Evaluates the entity's state on the SLO snapshots just written. Never
   * throws: a failure is logged and the collection goes on.
   */
  async sloRefreshed(
    entity: Entity,
    entityRef: string,
    slos: PolicySlo[],
    now: Date,
  ): Promise<void> {
    try {
      await this.evaluate(entity, entityRef, slos, now);
    } catch (error) {
      this.options.logger.warn(
        `Could not evaluate the error-budget policy of ${entityRef}: ${
          (error as Error)?.message ?? error
        }`,
      );
    }
  }

  private async evaluate(
    entity: Entity,
    entityRef: string,
    slos: PolicySlo[],
    now: Date,
  ): Promise<void> {
    const { store, fleet, notifier } = this.options;
    const policy = this.policyOf(entity);
    if (!policy) return;
    const previous = await store.getState(entityRef);
    const step = evaluatePolicy({
      policy,
      previous:
        previous && previous.policyId === policy.id ? previous : undefined,
      slos,
      now,
    });
    const at = now.toISOString();
    const state: StoredPolicyState = {
      entityRef,
      policyId: policy.id,
      state: step.state,
      since: step.since,
      reasons: step.reasons,
      exitSince: step.exitSince,
      computedAt: at,
      stale: step.stale,
      ...(step.staleReason ? { staleReason: step.staleReason } : {}),
    };
    const t = step.transition;
    await store.saveState(
      state,
      t && {
        entry: { entityRef, from: t.from, to: t.to, at, reasons: t.reasons },
        audit: {
          at,
          actor: POLICY_ACTOR,
          action: 'policy.transition',
          entityRef,
          target: `policy:${policy.id}`,
          details: { from: t.from, to: t.to, reasons: t.reasons },
        },
      },
    );
    await fleet?.policyEvaluated(entityRef, step.state, at);
    if (!t || !notifier) return;
    const toIndex = policy.states.findIndex(s => s.id === t.to);
    if (t.from === null && toIndex === 0) return;
    const to = policy.states[toIndex];
    const owner = ownerRefOf(entity);
    await notifier.notify(
      {
        key: `policy:${entityRef}:${t.from ?? ''}->${t.to}`,
        entityRef,
        recipients: [
          ...new Set([
            ...(owner ? [owner] : []),
            ...(this.options.watchers ?? []),
          ]),
        ],
        topic: RELIABILITY_NOTIFICATION_TOPICS.policyState,
        title: `${
          entity.metadata.title ?? entity.metadata.name
        }: error-budget policy ${t.from ? `${t.from} → ` : ''}${t.to}`,
        description: `${describePolicyDeploys(to)} ${t.reasons.join('; ')}`,
        link: reliabilityTabLink(entityRef),
        severity: severityOf(to.deploysAllowed, toIndex),
      },
      now,
    );
  }

  /** The entity's policy state, exceptions and history. */
  async view(
    entity: Entity,
    entityRef: string,
    now: Date,
  ): Promise<EntityPolicyResponse> {
    const { store, config } = this.options;
    const [state, exceptions, history] = await Promise.all([
      store.getState(entityRef),
      store.listExceptions(entityRef),
      store.listTransitions(entityRef),
    ]);
    const active = activeExceptions(exceptions, now);
    const definition = this.definitionOf(entity, state);
    const staleReason = state
      ? stalenessOf(state, now, config.staleAfterMs)
      : undefined;
    return {
      entityRef,
      ...(state && {
        policy: {
          policyId: state.policyId,
          state: state.state,
          level: Math.max(0, definition?.index ?? 0),
          since: state.since,
          reasons: state.reasons,
          deploysAllowed: definition?.deploysAllowed ?? true,
          ...(definition?.description
            ? { description: definition.description }
            : {}),
          requiredActions: definition?.requiredActions ?? [],
          allowedChanges: definition?.allowedChanges ?? [],
          computedAt: state.computedAt,
          stale: Boolean(staleReason),
          ...(staleReason ? { staleReason } : {}),
        },
      }),
      exceptions: active,
      pastExceptions: exceptions.filter(e => !active.includes(e)),
      history,
      exceptionKinds: config.exceptions.kinds,
      exceptionMaxDays: config.exceptions.maxDays,
    };
  }

  private definitionOf(entity: Entity, state?: StoredPolicyState) {
    if (!state) return undefined;
    const policy = this.policyOf(entity);
    const index =
      policy?.id === state.policyId
        ? policy.states.findIndex(s => s.id === state.state)
        : -1;
    return index < 0 ? undefined : { ...policy!.states[index], index };
  }

  /** The deploy gate's answer for the entity. */
  async gate(
    entity: Entity,
    entityRef: string,
    now: Date,
  ): Promise<GateResponse> {
    const { store, config } = this.options;
    const [state, exceptions] = await Promise.all([
      store.getState(entityRef),
      store.listExceptions(entityRef),
    ]);
    const decision = decideGate({
      state,
      definition: this.definitionOf(entity, state),
      exceptions,
      now,
      staleAfterMs: config.staleAfterMs,
      onStale: config.onStale,
    });
    return {
      entityRef,
      deployAllowed: decision.deployAllowed,
      state: state?.state ?? null,
      reasons: decision.reasons,
      exceptions: decision.exceptions,
      computedAt: state?.computedAt ?? null,
      stale: decision.stale,
    };
  }
}
