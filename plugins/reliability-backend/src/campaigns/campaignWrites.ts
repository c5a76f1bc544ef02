import { ConflictError, InputError } from '@backstage/errors';
import {
  Campaign,
  CampaignExemptionInput,
  CampaignPromoteInput,
  campaignState,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { z } from 'zod';
import type { AuditInput } from '../readiness/ReadinessStore';
import { entityRefInput } from '../service/request';
import { CampaignService } from './CampaignService';
import { CampaignDefinition, CampaignExemption } from './CampaignStore';
import {
  campaignInputSchema,
  validateCampaignInput,
  validatePromotion,
} from './campaignInput';

const WHERE = 'Invalid campaign:';

/** The audit entry of a campaign change (target `campaign:<id>`). */
function auditOf(
  action: AuditInput['action'],
  actor: string,
  at: string,
  campaignId: string,
  details: Record<string, unknown>,
  entityRef = `campaign:${campaignId}`,
): AuditInput {
  return {
    at,
    actor,
    action,
    entityRef,
    target: `campaign:${campaignId}`,
    details,
  };
}

/** A short id from a title: `Burn-rate alerts by Q1!` -> `burn-rate-alerts-by-q1`. */
export function campaignIdOf(title: string): string {
  const slug = title
    .toLocaleLowerCase('en-US')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 56)
    .replace(/-+$/, '');
  return slug || 'campaign';
}

/**
 * The writes of the campaigns feature: each validates, stores the change
 * with its audit entry in one transaction, then recomputes the campaign's
 * members so its progress shows at once.
 */
export class CampaignWrites {
  constructor(
    private readonly service: CampaignService,
    private readonly options: {
      /** Told after a promotion (e.g. to re-evaluate readiness now). */
      onPromoted?(): Promise<void>;
    } = {},
  ) {}

  private get deps() {
    const { checks, tierModel } = this.service.options;
    return { checks, tierModel };
  }

  private async refreshAfter(d: CampaignDefinition) {
    try {
      await this.service.refresh([d]);
    } catch (error) {
      this.service.options.logger.warn(
        `Could not recompute the campaign ${d.id} after a change: ${
          (error as Error).message
        }`,
      );
    }
  }

  private async viewOf(id: string): Promise<Campaign> {
    const d = await this.service.definition(id);
    return this.service.view(
      d,
      (await this.service.promotions()).get(id),
      this.service.clock.now(),
    );
  }

  async create(
    input: z.infer<typeof campaignInputSchema>,
    actor: string,
  ): Promise<Campaign> {
    const valid = validateCampaignInput(input, this.deps, WHERE);
    const { id: given, ...rest } = valid;
    const id = given ?? campaignIdOf(valid.title);
    const at = this.service.clock.now().toISOString();
    const d: CampaignDefinition = {
      ...rest,
      id,
      source: 'api',
      createdBy: actor,
      createdAt: at,
      updatedAt: at,
    };
    const taken =
      this.service.options.configCampaigns.some(c => c.id === id) ||
      !(await this.service.options.store.createCampaign(
        d,
        auditOf('campaign.create', actor, at, id, { ...d }),
      ));
    if (taken) {
      throw new ConflictError(
        `A campaign with the id "${id}" exists already; choose another id`,
      );
    }
    await this.refreshAfter(d);
    return this.viewOf(id);
  }

  async update(
    id: string,
    input: z.infer<typeof campaignInputSchema>,
    actor: string,
  ): Promise<Campaign> {
    const before = await this.service.editable(id);
    if (input.id !== undefined && input.id !== id) {
      throw new InputError(`${WHERE} "id" cannot be changed (it is "${id}")`);
    }
    const valid = validateCampaignInput(input, this.deps, WHERE);
    const at = this.service.clock.now().toISOString();
    const { id: _ignored, ...rest } = valid;
    const d: CampaignDefinition = {
      ...rest,
      id,
      source: 'api',
      ...(before.endedAt ? { endedAt: before.endedAt } : {}),
      createdBy: before.createdBy,
      createdAt: before.createdAt,
      updatedAt: at,
    };
    await this.service.options.store.updateCampaign(
      d,
      auditOf('campaign.update', actor, at, id, { before, after: d }),
    );
    await this.refreshAfter(d);
    return this.viewOf(id);
  }

  async end(id: string, actor: string): Promise<Campaign> {
    const before = await this.service.editable(id);
    const now = this.service.clock.now();
    if (campaignState(before, now) === 'ended') {
      throw new ConflictError(`The campaign "${id}" has ended already`);
    }
    // Its members as of now are what it ended with.
    await this.refreshAfter(before);
    const at = now.toISOString();
    const d = { ...before, endedAt: at, updatedAt: at };
    await this.service.options.store.updateCampaign(
      d,
      auditOf('campaign.end', actor, at, id, { endedAt: at }),
    );
    return this.viewOf(id);
  }

  async exempt(
    id: string,
    input: CampaignExemptionInput,
    actor: string,
  ): Promise<CampaignExemption> {
    const d = await this.service.definition(id);
    const entityRef = entityRefInput(
      input.entityRef,
      'component',
      `Invalid exemption: "entityRef" "${input.entityRef}" is not an entity reference`,
    );
    const at = this.service.clock.now().toISOString();
    const exemption: CampaignExemption = {
      campaignId: id,
      entityRef,
      reason: input.reason,
      createdBy: actor,
      createdAt: at,
    };
    await this.service.options.store.putExemption(
      exemption,
      auditOf('campaign.exempt', actor, at, id, { ...exemption }, entityRef),
    );
    await this.refreshAfter(d);
    return exemption;
  }

  /**
   * Promotes an ended campaign's target: idempotent (the same promotion
   * again answers the campaign as it is), a different one is a conflict.
   */
  async promote(
    id: string,
    input: CampaignPromoteInput,
    actor: string,
  ): Promise<Campaign> {
    const d = await this.service.definition(id);
    const now = this.service.clock.now();
    if (campaignState(d, now) !== 'ended') {
      throw new ConflictError(
        `The campaign "${id}" has not ended: promote its target once it has ended (or end it first)`,
      );
    }
    validatePromotion(input, d.target, this.deps);
    const at = now.toISOString();
    const { promotion, created } = await this.service.options.store.promote(
      {
        campaignId: id,
        kind: input.kind,
        targetId: input.id,
        ...(input.kind === 'scorecard' ? { level: input.level } : {}),
        readinessItems:
          input.kind === 'readiness' ? d.target.readinessItems ?? [] : [],
        scorecardChecks:
          input.kind === 'scorecard'
            ? (d.target.scorecardChecks ?? []).map(c => c.checkId)
            : [],
        promotedBy: actor,
        promotedAt: at,
      },
      auditOf('campaign.promote', actor, at, id, { ...input }),
    );
    if (
      !created &&
      (promotion.kind !== input.kind ||
        promotion.targetId !== input.id ||
        (input.kind === 'scorecard' && promotion.level !== input.level))
    ) {
      throw new ConflictError(
        `The campaign "${id}" was promoted already, into the ${promotion.kind} of "${promotion.targetId}"`,
      );
    }
    if (created) await this.options.onPromoted?.();
    return this.viewOf(id);
  }
}
