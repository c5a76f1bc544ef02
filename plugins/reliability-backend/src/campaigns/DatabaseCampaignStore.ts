import { CampaignHistoryPoint } from '@reliability-kit/backstage-plugin-reliability-common';
import { Knex } from 'knex';
import { chunk } from '../lib/chunk';
import { insertAudit } from '../readiness/DatabaseReadinessAuditLog';
import type { AuditInput } from '../readiness/ReadinessStore';
import {
  CampaignDefinition,
  CampaignExemption,
  CampaignMember,
  CampaignMemberCounts,
  CampaignMemberQuery,
  CampaignPromotion,
  CampaignStore,
} from './CampaignStore';

const CAMPAIGNS = 'reliability_campaigns';
const EXEMPTIONS = 'reliability_campaign_exemptions';
const MEMBERS = 'reliability_campaign_members';
const HISTORY = 'reliability_campaign_history';
const PROMOTIONS = 'reliability_campaign_promotions';
/** Member rows per statement (11 columns: far below any binding limit). */
const MEMBER_CHUNK = 400;

type MemberRow = {
  campaign_id: string;
  entity_ref: string;
  owner_ref: string | null;
  tier: string | null;
  joined_at: string;
  initial: boolean | number;
  left_at: string | null;
  status: string;
  missing: string;
  updated_at: string;
};

/**
 * The stored fields of a campaign and their columns: `json` ones as JSON
 * text, `optional` ones null when absent, `flag` ones booleans.
 */
const COLUMNS: Array<
  [keyof CampaignDefinition, string, 'text' | 'json' | 'optional' | 'flag']
> = [
  ['id', 'id', 'text'],
  ['title', 'title', 'text'],
  ['description', 'description', 'text'],
  ['howToFix', 'how_to_fix', 'optional'],
  ['owner', 'owner', 'text'],
  ['target', 'target', 'json'],
  ['audience', 'audience', 'json'],
  ['startDate', 'start_date', 'text'],
  ['dueDate', 'due_date', 'text'],
  ['timeZone', 'time_zone', 'text'],
  ['reminders', 'reminders', 'json'],
  ['published', 'published', 'flag'],
  ['endedAt', 'ended_at', 'optional'],
  ['createdBy', 'created_by', 'text'],
  ['createdAt', 'created_at', 'text'],
  ['updatedAt', 'updated_at', 'text'],
];

function toRow(c: CampaignDefinition): Record<string, unknown> {
  return Object.fromEntries(
    COLUMNS.map(([field, column, kind]) => [
      column,
      kind === 'json' ? JSON.stringify(c[field]) : c[field] ?? null,
    ]),
  );
}

function toDefinition(r: Record<string, any>): CampaignDefinition {
  const out: Record<string, unknown> = { source: 'api' };
  for (const [field, column, kind] of COLUMNS) {
    const value = r[column];
    if (kind === 'json') out[field] = JSON.parse(value);
    else if (kind === 'flag') out[field] = Boolean(value);
    else if (value !== null && value !== undefined) out[field] = value;
  }
  return out as unknown as CampaignDefinition;
}

function toMember(r: MemberRow): CampaignMember {
  return {
    entityRef: r.entity_ref,
    ownerRef: r.owner_ref,
    tier: r.tier,
    joinedAt: r.joined_at,
    initial: Boolean(r.initial),
    leftAt: r.left_at,
    status: r.status as CampaignMember['status'],
    missing: JSON.parse(r.missing),
    updatedAt: r.updated_at,
  };
}

/**
 * The knex implementation of {@link CampaignStore} (SQLite and PostgreSQL);
 * its tables come with the migration `20261209000000_campaigns.js`. Audit
 * entries go into the shared audit log in the same transaction as the
 * change.
 */
export class DatabaseCampaignStore implements CampaignStore {
  constructor(private readonly db: Knex) {}

  async listCampaigns(): Promise<CampaignDefinition[]> {
    const rows = await this.db(CAMPAIGNS).orderBy('id');
    return rows.map(toDefinition);
  }

  async getCampaign(id: string): Promise<CampaignDefinition | undefined> {
    const row = await this.db(CAMPAIGNS).where('id', id).first();
    return row && toDefinition(row);
  }

  async createCampaign(
    c: CampaignDefinition,
    audit: AuditInput,
  ): Promise<boolean> {
    return this.db.transaction(async tx => {
      const inserted = await tx(CAMPAIGNS)
        .insert(toRow(c))
        .onConflict('id')
        .ignore()
        .returning('id');
      if (inserted.length === 0) return false;
      await insertAudit(tx, [audit]);
      return true;
    });
  }

  async updateCampaign(
    c: CampaignDefinition,
    audit: AuditInput,
  ): Promise<boolean> {
    return this.db.transaction(async tx => {
      const { id, created_by, created_at, ...changes } = toRow(c);
      const updated = await tx(CAMPAIGNS)
        .where({ id: id as string })
        .update(changes);
      if (updated === 0) return false;
      await insertAudit(tx, [audit]);
      return true;
    });
  }

  async putExemption(e: CampaignExemption, audit: AuditInput): Promise<void> {
    await this.db.transaction(async tx => {
      await tx(EXEMPTIONS)
        .insert({
          campaign_id: e.campaignId,
          entity_ref: e.entityRef,
          reason: e.reason,
          created_by: e.createdBy,
          created_at: e.createdAt,
        })
        .onConflict(['campaign_id', 'entity_ref'])
        .merge(['reason', 'created_by', 'created_at']);
      await insertAudit(tx, [audit]);
    });
  }

  async listExemptions(campaignId: string): Promise<CampaignExemption[]> {
    const rows = await this.db(EXEMPTIONS)
      .where('campaign_id', campaignId)
      .orderBy('entity_ref');
    return rows.map(r => ({
      campaignId: r.campaign_id,
      entityRef: r.entity_ref,
      reason: r.reason,
      createdBy: r.created_by,
      createdAt: r.created_at,
    }));
  }

  async listMembers(campaignId: string): Promise<CampaignMember[]> {
    const rows: MemberRow[] = await this.db(MEMBERS)
      .where('campaign_id', campaignId)
      .orderBy('entity_ref');
    return rows.map(toMember);
  }

  async listMemberPage(
    campaignId: string,
    query: CampaignMemberQuery,
  ): Promise<{ items: CampaignMember[]; totalCount: number }> {
    const filtered = () => {
      const q = this.db<MemberRow>(MEMBERS)
        .where('campaign_id', campaignId)
        .whereNull('left_at');
      if (query.status?.length) q.whereIn('status', query.status);
      if (query.owners?.length) {
        q.whereIn(
          this.db.raw('lower(owner_ref)') as any,
          query.owners.map(o => o.toLocaleLowerCase('en-US')),
        );
      }
      return q;
    };
    const page = filtered();
    const after = query.after;
    if (after && after[0] !== null) {
      const [owner, ref] = after;
      page.where(w =>
        w
          .whereNull('owner_ref')
          .orWhere('owner_ref', '>', owner)
          .orWhere(x =>
            x.where('owner_ref', owner).where('entity_ref', '>', ref),
          ),
      );
    } else if (after) {
      page.whereNull('owner_ref').where('entity_ref', '>', after[1]);
    }
    const [rows, [{ n }]] = await Promise.all([
      page
        .orderByRaw('(case when owner_ref is null then 1 else 0 end)')
        .orderBy('owner_ref')
        .orderBy('entity_ref')
        .limit(query.limit),
      filtered().count({ n: '*' }),
    ]);
    return {
      items: (rows as MemberRow[]).map(toMember),
      totalCount: Number(n),
    };
  }

  async listLeftMembers(campaignId: string): Promise<CampaignMember[]> {
    const rows: MemberRow[] = await this.db(MEMBERS)
      .where('campaign_id', campaignId)
      .whereNotNull('left_at')
      .orderBy('entity_ref');
    return rows.map(toMember);
  }

  async saveMembers(
    campaignId: string,
    members: CampaignMember[],
  ): Promise<void> {
    const rows: MemberRow[] = members.map(m => ({
      campaign_id: campaignId,
      entity_ref: m.entityRef,
      owner_ref: m.ownerRef,
      tier: m.tier,
      joined_at: m.joinedAt,
      initial: m.initial,
      left_at: m.leftAt,
      status: m.status,
      missing: JSON.stringify(m.missing),
      updated_at: m.updatedAt,
    }));
    await this.db.transaction(async tx => {
      for (const part of chunk(rows, MEMBER_CHUNK)) {
        await tx(MEMBERS)
          .insert(part)
          .onConflict(['campaign_id', 'entity_ref'])
          .merge();
      }
    });
  }

  async countMembers(): Promise<Map<string, CampaignMemberCounts>> {
    const rows: Array<{
      campaign_id: string;
      status: string;
      left: boolean | number;
      initial: boolean | number;
      n: number | string;
    }> = await this.db(MEMBERS)
      .select('campaign_id', 'status', 'initial')
      .select(this.db.raw('(left_at is not null) as ??', ['left']))
      .count({ n: '*' })
      .groupBy(
        'campaign_id',
        'status',
        'initial',
        this.db.raw('left_at is not null'),
      );
    const out = new Map<string, CampaignMemberCounts>();
    for (const r of rows) {
      const counts = out.get(r.campaign_id) ?? {
        done: 0,
        notDone: 0,
        exempt: 0,
        joined: 0,
        left: 0,
      };
      const n = Number(r.n);
      if (r.left) {
        counts.left += n;
      } else {
        if (r.status === 'done') counts.done += n;
        else if (r.status === 'exempt') counts.exempt += n;
        else counts.notDone += n;
        if (!r.initial) counts.joined += n;
      }
      out.set(r.campaign_id, counts);
    }
    return out;
  }

  async membershipsOf(entityRef: string): Promise<Map<string, CampaignMember>> {
    const rows: MemberRow[] = await this.db(MEMBERS)
      .where('entity_ref', entityRef)
      .whereNull('left_at');
    return new Map(rows.map(r => [r.campaign_id, toMember(r)]));
  }

  async putHistory(
    campaignId: string,
    point: CampaignHistoryPoint,
  ): Promise<void> {
    await this.db(HISTORY)
      .insert({
        campaign_id: campaignId,
        day: point.day,
        in_scope: point.inScope,
        done: point.done,
        exempt: point.exempt,
      })
      .onConflict(['campaign_id', 'day'])
      .merge(['in_scope', 'done', 'exempt']);
  }

  async listHistory(campaignId: string): Promise<CampaignHistoryPoint[]> {
    const rows = await this.db(HISTORY)
      .where('campaign_id', campaignId)
      .orderBy('day');
    return rows.map(r => ({
      day: r.day,
      inScope: Number(r.in_scope),
      done: Number(r.done),
      exempt: Number(r.exempt),
    }));
  }

  async promote(
    p: CampaignPromotion,
    audit: AuditInput,
  ): Promise<{ promotion: CampaignPromotion; created: boolean }> {
    return this.db.transaction(async tx => {
      const inserted = await tx(PROMOTIONS)
        .insert({
          campaign_id: p.campaignId,
          kind: p.kind,
          target_id: p.targetId,
          level: p.level ?? null,
          readiness_items: JSON.stringify(p.readinessItems),
          scorecard_checks: JSON.stringify(p.scorecardChecks),
          promoted_by: p.promotedBy,
          promoted_at: p.promotedAt,
        })
        .onConflict('campaign_id')
        .ignore()
        .returning('campaign_id');
      if (inserted.length > 0) {
        await insertAudit(tx, [audit]);
        return { promotion: p, created: true };
      }
      const row = await tx(PROMOTIONS)
        .where('campaign_id', p.campaignId)
        .first();
      return { promotion: toPromotion(row), created: false };
    });
  }

  async listPromotions(): Promise<CampaignPromotion[]> {
    const rows = await this.db(PROMOTIONS).orderBy('promoted_at');
    return rows.map(toPromotion);
  }
}

function toPromotion(r: any): CampaignPromotion {
  return {
    campaignId: r.campaign_id,
    kind: r.kind,
    targetId: r.target_id,
    ...(r.level ? { level: r.level } : {}),
    readinessItems: JSON.parse(r.readiness_items),
    scorecardChecks: JSON.parse(r.scorecard_checks),
    promotedBy: r.promoted_by,
    promotedAt: r.promoted_at,
  };
}
