import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Campaign,
  CampaignEntityResults,
  CampaignList,
  CampaignState,
  CampaignWithProgress,
  FleetRow,
  TierModel,
  audienceNeedsCatalog,
  campaignDueAt,
  campaignProgressOf,
  campaignStartAt,
  campaignState,
  campaignAudienceMatcher,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { ChecksConfig } from '@reliability-kit/backstage-plugin-reliability-node';
import type { EntitySectionStore } from '../database/EntitySectionStore';
import { Clock } from '../lib/Clock';
import {
  CampaignDefinition,
  CampaignMember,
  CampaignMemberCounts,
  CampaignPromotion,
  CampaignStore,
} from './CampaignStore';
import {
  CampaignCandidate,
  computeCampaignMembers,
  resultsOfSections,
} from './campaignMembers';

/** Refs per catalog request for lifecycles and tags. */
const CATALOG_BATCH = 500;

const STATE_ORDER: Record<CampaignState, number> = {
  active: 0,
  scheduled: 1,
  draft: 2,
  ended: 3,
};

const NO_COUNTS: CampaignMemberCounts = {
  done: 0,
  notDone: 0,
  exempt: 0,
  joined: 0,
  left: 0,
};

export interface CampaignServiceOptions {
  store: CampaignStore;
  /** The fleet table: kind, tier, owner and system of every entity. */
  fleet: { listAll(): Promise<FleetRow[]> };
  /** The readiness and scorecard results the readiness evaluator stored. */
  sections: Pick<EntitySectionStore, 'readSectionOf'>;
  /** For lifecycles and tags, when an audience filters by them. */
  catalog: CatalogService;
  auth: AuthService;
  /** The readiness and scorecard configuration (config only). */
  checks: ChecksConfig;
  tierModel: TierModel;
  /** Campaigns of `reliability.campaigns` (read-only). */
  configCampaigns: CampaignDefinition[];
  clock: Clock;
  logger: LoggerService;
}

/**
 * The campaigns feature: definitions (config and API), their audience and
 * each member's status computed from the stored readiness and scorecard
 * results (never by running checks), progress and history.
 */
export class CampaignService {
  constructor(readonly options: CampaignServiceOptions) {}

  get clock() {
    return this.options.clock;
  }

  /** Every campaign definition: config ones first, then the API's. */
  async definitions(): Promise<CampaignDefinition[]> {
    return [
      ...this.options.configCampaigns,
      ...(await this.options.store.listCampaigns()),
    ];
  }

  /** A campaign's definition; NotFoundError when there is none. */
  async definition(id: string): Promise<CampaignDefinition> {
    const found =
      this.options.configCampaigns.find(c => c.id === id) ??
      (await this.options.store.getCampaign(id));
    if (!found) throw new NotFoundError(`No campaign "${id}"`);
    return found;
  }

  /** A stored (API) campaign to change; 409 for config ones. */
  async editable(id: string): Promise<CampaignDefinition> {
    const found = await this.definition(id);
    if (found.source === 'config') {
      throw new ConflictError(
        `The campaign "${id}" is declared in app-config (reliability.campaigns) and cannot be changed through the API; change the configuration instead`,
      );
    }
    return found;
  }

  async promotions(): Promise<Map<string, CampaignPromotion>> {
    return new Map(
      (await this.options.store.listPromotions()).map(p => [p.campaignId, p]),
    );
  }

  /** A definition as served, with its state and due instant at `now`. */
  view(
    d: CampaignDefinition,
    promotion: CampaignPromotion | undefined,
    now: Date,
  ): Campaign {
    return {
      ...d,
      state: campaignState(d, now),
      dueAt: campaignDueAt(d).toISOString(),
      ...(promotion
        ? {
            promotedAt: promotion.promotedAt,
            promotedTo: { kind: promotion.kind, id: promotion.targetId },
          }
        : {}),
    };
  }

  /** `GET /campaigns`: active first, then scheduled, drafts and ended. */
  async list(): Promise<CampaignList> {
    const now = this.clock.now();
    const [defs, promotions, counts] = await Promise.all([
      this.definitions(),
      this.promotions(),
      this.options.store.countMembers(),
    ]);
    const items = defs.map(d => ({
      campaign: this.view(d, promotions.get(d.id), now),
      progress: campaignProgressOf(counts.get(d.id) ?? NO_COUNTS, now),
    }));
    items.sort(
      (a, b) =>
        STATE_ORDER[a.campaign.state] - STATE_ORDER[b.campaign.state] ||
        a.campaign.dueAt.localeCompare(b.campaign.dueAt) ||
        a.campaign.id.localeCompare(b.campaign.id),
    );
    return { items };
  }

  /** `GET /campaigns/:id`. */
  async get(id: string): Promise<CampaignWithProgress> {
    const d = await this.definition(id);
    const now = this.clock.now();
    const [promotions, counts] = await Promise.all([
      this.promotions(),
      this.options.store.countMembers(),
    ]);
    return {
      campaign: this.view(d, promotions.get(id), now),
      progress: campaignProgressOf(counts.get(id) ?? NO_COUNTS, now),
    };
  }

  private levelOrder = (scorecardId: string) =>
    this.options.checks.scorecards
      .find(s => s.id === scorecardId)
      ?.levels.map(l => l.id);

  /** The entities in a campaign's audience that are not done. */
  notDoneRefs = async (id: string): Promise<string[]> => {
    await this.definition(id);
    return (await this.options.store.listMembers(id))
      .filter(m => m.leftAt === null && m.status === 'not-done')
      .map(m => m.entityRef);
  };

  /** Lifecycles and tags from the catalog, for the refs given. */
  private async catalogFacts(refs: string[]) {
    const { catalog, auth } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const out = new Map<string, { lifecycle: string | null; tags: string[] }>();
    for (let i = 0; i < refs.length; i += CATALOG_BATCH) {
      const { items } = await catalog.getEntitiesByRefs(
        {
          entityRefs: refs.slice(i, i + CATALOG_BATCH),
          fields: [
            'kind',
            'metadata.namespace',
            'metadata.name',
            'metadata.tags',
            'spec.lifecycle',
          ],
        },
        { credentials },
      );
      for (const e of items) {
        if (!e) continue;
        const lifecycle = e.spec?.lifecycle;
        out.set(stringifyEntityRef(e), {
          lifecycle: typeof lifecycle === 'string' ? lifecycle : null,
          tags: e.metadata.tags ?? [],
        });
      }
    }
    return out;
  }

  /**
   * Recomputes the audience and the members' statuses of campaigns from
   * the fleet table and the stored results, and stores the members that
   * changed. Ended campaigns keep their last members (frozen), unless they
   * have none yet. Returns the member counts by campaign id.
   */
  async refresh(
    defs?: CampaignDefinition[],
  ): Promise<Map<string, CampaignMemberCounts>> {
    const { store, fleet, sections, logger } = this.options;
    const now = this.clock.now();
    const all = defs ?? (await this.definitions());
    const rows = await fleet.listAll();
    const candidates: CampaignCandidate[] = rows.map(r => ({
      entityRef: r.entityRef,
      kind: r.kind,
      tier: r.tier,
      ownerRef: r.ownerRef,
      systemRef: r.systemRef,
    }));
    let withCatalog: CampaignCandidate[] | undefined;
    const counts = await store.countMembers();
    for (const d of all) {
      const existing = await store.listMembers(d.id);
      if (campaignState(d, now) === 'ended' && existing.length > 0) continue;
      let pool = candidates;
      if (audienceNeedsCatalog(d.audience)) {
        if (!withCatalog) {
          const facts = await this.catalogFacts(rows.map(r => r.entityRef));
          withCatalog = candidates.map(c => ({
            ...c,
            ...(facts.get(c.entityRef) ?? { lifecycle: null, tags: [] }),
          }));
        }
        pool = withCatalog;
      }
      const inScope = pool.filter(campaignAudienceMatcher(d.audience));
      const refs = inScope.map(c => c.entityRef);
      const needsReadiness = Boolean(d.target.readinessItems?.length);
      const needsScorecards = Boolean(
        d.target.scorecardChecks?.length || d.target.scorecardLevel,
      );
      const [readiness, scorecards, exemptions] = await Promise.all([
        needsReadiness && refs.length
          ? sections.readSectionOf('readiness', refs)
          : undefined,
        needsScorecards && refs.length
          ? sections.readSectionOf('scorecards', refs)
          : undefined,
        store.listExemptions(d.id),
      ]);
      const members = computeCampaignMembers({
        target: d.target,
        audience: d.audience,
        candidates: inScope,
        results: (ref): CampaignEntityResults =>
          resultsOfSections(readiness?.get(ref), scorecards?.get(ref)),
        exempt: new Set(exemptions.map(e => e.entityRef)),
        existing,
        levelOrder: this.levelOrder,
        started: now.getTime() >= campaignStartAt(d).getTime(),
        now,
      });
      const before = new Map(existing.map(m => [m.entityRef, m]));
      const changed = members.filter(
        m => !sameMember(before.get(m.entityRef), m),
      );
      if (changed.length) await store.saveMembers(d.id, changed);
      counts.set(d.id, countOf(members));
      logger.debug?.(
        `Campaign ${d.id}: ${refs.length} in scope, ${changed.length} members changed`,
      );
    }
    return counts;
  }
}

function sameMember(a: CampaignMember | undefined, b: CampaignMember) {
  return (
    a !== undefined &&
    a.ownerRef === b.ownerRef &&
    a.tier === b.tier &&
    a.joinedAt === b.joinedAt &&
    a.initial === b.initial &&
    a.leftAt === b.leftAt &&
    a.status === b.status &&
    JSON.stringify(a.missing) === JSON.stringify(b.missing)
  );
}

/** The counts of a campaign's members (as the store counts them). */
export function countOf(members: CampaignMember[]): CampaignMemberCounts {
  const c = { ...NO_COUNTS };
  for (const m of members) {
    if (m.leftAt !== null) {
      c.left++;
      continue;
    }
    if (m.status === 'done') c.done++;
    else if (m.status === 'exempt') c.exempt++;
    else c.notDone++;
    if (!m.initial) c.joined++;
  }
  return c;
}
