import {
  CampaignAudienceFacts,
  CampaignEntityResults,
  CampaignTarget,
  CampaignAudience,
  EntityReadiness,
  ReliabilitySection,
  ScorecardResult,
  evaluateCampaignEntity,
  campaignAudienceMatcher,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { CampaignMember } from './CampaignStore';

/** An entity of the fleet a campaign's audience is matched against. */
export interface CampaignCandidate extends CampaignAudienceFacts {
  entityRef: string;
}

/**
 * The stored results a campaign status reads, from the readiness and
 * scorecards sections the readiness evaluator stored.
 */
export function resultsOfSections(
  readiness: ReliabilitySection | undefined,
  scorecards: ReliabilitySection | undefined,
): CampaignEntityResults {
  const r = readiness?.items[0] as EntityReadiness | undefined;
  return {
    readiness: r?.items,
    scorecards: scorecards?.items as ScorecardResult[] | undefined,
  };
}

/**
 * The members of a campaign after a refresh at `now`: every candidate in
 * the audience with its status from its stored results (or the campaign's
 * exemption), and every earlier member that is no longer in it marked as
 * left. An entity entering the audience joins now; it counts as in from
 * the start (`initial`) when the campaign had no members yet or has not
 * started. One that comes back joins again.
 */
export function computeCampaignMembers(input: {
  target: CampaignTarget;
  audience: CampaignAudience;
  candidates: CampaignCandidate[];
  results: (entityRef: string) => CampaignEntityResults | undefined;
  exempt: Set<string>;
  existing: CampaignMember[];
  levelOrder(scorecardId: string): string[] | undefined;
  started: boolean;
  now: Date;
}): CampaignMember[] {
  const at = input.now.toISOString();
  const before = new Map(input.existing.map(m => [m.entityRef, m]));
  const initial = !input.started || input.existing.length === 0;
  const out: CampaignMember[] = [];
  const inScope = new Set<string>();
  const matches = campaignAudienceMatcher(input.audience);
  for (const c of input.candidates) {
    if (!matches(c)) continue;
    inScope.add(c.entityRef);
    const { status, missing } = evaluateCampaignEntity(
      input.target,
      input.results(c.entityRef),
      {
        levelOrder: input.levelOrder,
        campaignExempt: input.exempt.has(c.entityRef),
      },
    );
    const prior = before.get(c.entityRef);
    const stays = prior && prior.leftAt === null;
    out.push({
      entityRef: c.entityRef,
      ownerRef: c.ownerRef,
      tier: c.tier,
      joinedAt: stays ? prior.joinedAt : at,
      initial: stays ? prior.initial : initial,
      leftAt: null,
      status,
      missing,
      updatedAt: at,
    });
  }
  for (const m of input.existing) {
    if (inScope.has(m.entityRef)) continue;
    out.push(m.leftAt === null ? { ...m, leftAt: at, updatedAt: at } : m);
  }
  return out;
}
