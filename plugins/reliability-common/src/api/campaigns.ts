/**
 * The lifecycle of a campaign. `draft` until published; once published it is
 * `scheduled` before its start date, `active` from its start until its due
 * date has passed (end of the due day in the campaign's time zone), then
 * `ended`. An owner may also end a campaign early.
 *
 * @public
 */
export type CampaignState = 'draft' | 'scheduled' | 'active' | 'ended';

/**
 * What an entity must reach to be done for a campaign. At least one of the
 * three is set; an entity is done when every readiness item is passed or
 * attested, every scorecard check passes and the scorecard level (if set) is
 * reached, all read from stored results.
 *
 * @public
 */
export interface CampaignTarget {
  /** Readiness item ids (from the tier checklists or a campaign's own). */
  readinessItems?: string[];
  /** Scorecard checks that must pass. */
  scorecardChecks?: Array<{ scorecardId: string; checkId: string }>;
  /** A scorecard level to reach (or exceed). */
  scorecardLevel?: { scorecardId: string; level: string };
}

/**
 * Which entities a campaign applies to: a filter over the fleet. Every set
 * field must match (AND); the values of one field are alternatives (OR). An
 * empty audience means every entity in the fleet.
 *
 * @public
 */
export interface CampaignAudience {
  /** Tiers, e.g. `tier-1`. */
  tiers?: string[];
  /** Owner entity refs, e.g. `group:default/payments`. */
  owners?: string[];
  /** System entity refs. */
  systems?: string[];
  /** Entity kinds, e.g. `component`. */
  kinds?: string[];
  /** `spec.lifecycle` values, e.g. `production`. */
  lifecycles?: string[];
  /** `metadata.tags`; an entity matches when it has any of them. */
  tags?: string[];
}

/**
 * When reminders go out: every `everyDays` days from the start, and every
 * `finalEveryDays` days within the last `finalDays` days before the due
 * date. Each reminder step goes out at most once per owner.
 *
 * @public
 */
export interface CampaignReminders {
  /** Days between reminders, e.g. 7. */
  everyDays: number;
  /** The final stretch before the due date, in days, e.g. 7. */
  finalDays?: number;
  /** Days between reminders in the final stretch, e.g. 1. */
  finalEveryDays?: number;
}

/**
 * What a user sends to create or edit a campaign.
 *
 * @public
 */
export interface CampaignInput {
  /** A short id: lowercase letters, digits and dashes. Create only. */
  id?: string;
  /** The campaign's title. */
  title: string;
  /** What and why, in Markdown. */
  description: string;
  /** How to fix, in Markdown. */
  howToFix?: string;
  /** The owning group's entity ref, e.g. `group:default/platform`. */
  owner: string;
  /** What entities must reach. */
  target: CampaignTarget;
  /** Which entities it applies to. */
  audience: CampaignAudience;
  /** The first day, `YYYY-MM-DD` in `timeZone`. */
  startDate: string;
  /** The last day, `YYYY-MM-DD` in `timeZone`; due at the end of that day. */
  dueDate: string;
  /** An IANA time zone for the dates, e.g. `Europe/Berlin`. Default UTC. */
  timeZone?: string;
  /** The reminder schedule. Default: weekly, daily in the last 7 days. */
  reminders?: CampaignReminders;
  /** Whether the campaign is published (otherwise a draft). */
  published: boolean;
}

/**
 * A campaign as the backend serves it.
 *
 * @public
 */
export interface Campaign extends Omit<CampaignInput, 'id'> {
  /** The campaign's id. */
  id: string;
  /** The time zone of its dates. */
  timeZone: string;
  /** The reminder schedule in effect. */
  reminders: CampaignReminders;
  /** Its state now. */
  state: CampaignState;
  /** The instant it is due (end of `dueDate` in `timeZone`, ISO 8601). */
  dueAt: string;
  /** Where it was declared: in app-config (read-only) or through the API. */
  source: 'config' | 'api';
  /** When it was ended early (ISO 8601). */
  endedAt?: string;
  /** When its target was promoted into a checklist or scorecard (ISO 8601). */
  promotedAt?: string;
  /** What it was promoted into. */
  promotedTo?: {
    kind: 'readiness' | 'scorecard';
    /** The tier (readiness) or scorecard id it went into. */
    id: string;
  };
  /** Who created it (a user ref, or `config`). */
  createdBy: string;
  /** When it was created (ISO 8601). */
  createdAt: string;
  /** When it was last changed (ISO 8601). */
  updatedAt: string;
}

/**
 * How far a campaign has come, computed from stored results.
 *
 * @public
 */
export interface CampaignProgress {
  /** Entities in the audience now. */
  inScope: number;
  /** In scope and done. */
  done: number;
  /** In scope and not done. */
  notDone: number;
  /** In scope and exempt (campaign or item exemptions). */
  exempt: number;
  /** Entities that joined the audience after the start. */
  joined: number;
  /** Entities that left the audience after the start. */
  left: number;
  /** done / (inScope - exempt); null when nothing counts. */
  doneShare: number | null;
  /** When it was computed (ISO 8601). */
  computedAt: string;
}

/**
 * A campaign with its progress, as listed.
 *
 * @public
 */
export interface CampaignWithProgress {
  /** The campaign. */
  campaign: Campaign;
  /** Its progress now. */
  progress: CampaignProgress;
}

/**
 * The body of `GET /campaigns`.
 *
 * @public
 */
export interface CampaignList {
  /** Campaigns, active first, then scheduled, drafts and ended. */
  items: CampaignWithProgress[];
}

/**
 * Where one entity stands in a campaign.
 *
 * @public
 */
export type CampaignEntityStatus = 'done' | 'not-done' | 'exempt';

/**
 * One entity of a campaign's drill-down.
 *
 * @public
 */
export interface CampaignEntityRow {
  /** The entity. */
  entityRef: string;
  /** Its owner, if known. */
  ownerRef: string | null;
  /** Its tier, if known. */
  tier: string | null;
  /** Where it stands. */
  status: CampaignEntityStatus;
  /** What is still missing (item or check titles), when not done. */
  missing: string[];
  /** Why it is exempt, when it is. */
  exemptReason?: string;
  /** When it joined the audience, if after the start (ISO 8601). */
  joinedAt?: string;
}

/**
 * The body of `GET /campaigns/:id/entities`.
 *
 * @public
 */
export interface CampaignEntitiesPage {
  /** The rows. */
  items: CampaignEntityRow[];
  /** Entities that left the audience during the campaign. */
  left: Array<{ entityRef: string; ownerRef: string | null; leftAt: string }>;
  /** Pass as `cursor` for the next page. */
  nextCursor?: string;
  /** All rows matching the filter. */
  totalCount: number;
}

/**
 * One day of a campaign's burn-up.
 *
 * @public
 */
export interface CampaignHistoryPoint {
  /** The day, `YYYY-MM-DD` in the campaign's time zone. */
  day: string;
  /** Entities in scope that day. */
  inScope: number;
  /** Done that day. */
  done: number;
  /** Exempt that day. */
  exempt: number;
}

/**
 * The body of `GET /campaigns/:id/history`.
 *
 * @public
 */
export interface CampaignHistory {
  /** The campaign id. */
  campaignId: string;
  /** Days from the start (or the first stored day) to today or the due date. */
  points: CampaignHistoryPoint[];
}

/**
 * The body of `POST /campaigns/:id/exemptions`.
 *
 * @public
 */
export interface CampaignExemptionInput {
  /** The entity exempted. */
  entityRef: string;
  /** Why. */
  reason: string;
}

/**
 * The body of `POST /campaigns/:id/promote`: put the campaign's readiness
 * items into a tier's checklist, or its checks into a scorecard.
 *
 * @public
 */
export interface CampaignPromoteInput {
  /** Where to. */
  kind: 'readiness' | 'scorecard';
  /** The tier (readiness) or scorecard id. */
  id: string;
  /** For a scorecard: the level the checks join. */
  level?: string;
}

/**
 * A campaign that applies to one entity, for the entity page.
 *
 * @public
 */
export interface EntityCampaign {
  /** The campaign. */
  campaign: Campaign;
  /** Where this entity stands. */
  status: CampaignEntityStatus;
  /** What is still missing. */
  missing: string[];
  /** Whole days until due (negative when overdue), in the campaign's zone. */
  dueInDays: number;
}

/**
 * The body of `GET /entity/:kind/:namespace/:name/campaigns`.
 *
 * @public
 */
export interface EntityCampaignList {
  /** The campaigns that apply, the soonest due first. */
  items: EntityCampaign[];
}
