import {
  EntitySloStatus,
  Incident,
  NoisyAlert,
  computeTopNoisyAlerts,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { FleetRow } from '@reliability-kit/backstage-plugin-reliability-common';
import { ExpiringReadinessItem, FleetWeeklyRow } from './FleetStore';
import { compareKeys } from '../lib/compareKeys';
import { WeeklyIncidentReview } from './weeklyIncidentReview';

/** The content of a weekly reliability review. */
export interface WeeklyReview {
  /** ISO week label, e.g. `2026-W48`. */
  week: string;
  /** Monday (inclusive) and next Monday (exclusive), `YYYY-MM-DD`. */
  from: string;
  to: string;
  criticalTier: string;
  criticalSlos: Array<{
    entityRef: string;
    ownerRef: string | null;
    sloStatus: EntitySloStatus;
    sloCount: number;
    worstBudgetRemaining: number | null;
  }>;
  breaches: Array<{
    entityRef: string;
    tier: string | null;
    ownerRef: string | null;
    kind: 'breaching' | 'budget-exhausted';
    sloId: string | null;
    day: string | null;
    budgetRemaining: number | null;
  }>;
  noisyAlerts: NoisyAlert[];
  /** Required readiness items expiring soon; null when readiness is not evaluated. */
  readinessExpiring: ExpiringReadinessItem[] | null;
  changes: Array<{
    entityRef: string;
    tier: string | null;
    previous: string;
    current: string;
  }>;
  /** SEV0/SEV1, postmortem and action lines; null without the incidents feature. */
  incidents: WeeklyIncidentReview | null;
}

const byRef = (a: { entityRef: string }, b: { entityRef: string }) =>
  compareKeys(a.entityRef, b.entityRef);

/** Assembles the review from already permission-filtered data. */
export function buildWeeklyReview(input: {
  week: string;
  from: string;
  to: string;
  criticalTier: string;
  /** Current fleet rows of the critical tier. */
  critical: FleetRow[];
  thisWeek: FleetWeeklyRow[];
  lastWeek: FleetWeeklyRow[];
  exhaustion: Array<{
    entityRef: string;
    sloId: string;
    day: string;
    budgetRemaining: number;
  }>;
  incidents: Incident[];
  /** Already permission-filtered; null when readiness is not evaluated. */
  readinessExpiring?: ExpiringReadinessItem[] | null;
  /** Already permission-filtered; null without the incidents feature. */
  incidentReview?: WeeklyIncidentReview | null;
}): WeeklyReview {
  const weekly = new Map(input.thisWeek.map(r => [r.entity_ref, r]));
  const breaches: WeeklyReview['breaches'] = [];
  for (const r of input.thisWeek) {
    if (Boolean(r.breached) || r.slo_status === 'breaching') {
      breaches.push({
        entityRef: r.entity_ref,
        tier: r.tier,
        ownerRef: r.owner_ref,
        kind: 'breaching',
        sloId: null,
        day: null,
        budgetRemaining: r.worst_budget_remaining,
      });
    }
  }
  // The first day of each SLO's exhaustion in the week, with the lowest budget.
  const exhausted = new Map<string, (typeof input.exhaustion)[number]>();
  for (const e of input.exhaustion) {
    const key = `${e.entityRef}\u0000${e.sloId}`;
    const seen = exhausted.get(key);
    if (!seen) {
      exhausted.set(key, { ...e });
    } else {
      seen.budgetRemaining = Math.min(seen.budgetRemaining, e.budgetRemaining);
    }
  }
  for (const e of exhausted.values()) {
    const w = weekly.get(e.entityRef);
    breaches.push({
      entityRef: e.entityRef,
      tier: w?.tier ?? null,
      ownerRef: w?.owner_ref ?? null,
      kind: 'budget-exhausted',
      sloId: e.sloId,
      day: e.day,
      budgetRemaining: e.budgetRemaining,
    });
  }
  breaches.sort(
    (a, b) =>
      byRef(a, b) ||
      compareKeys(a.kind, b.kind) ||
      compareKeys(a.sloId, b.sloId),
  );

  const previous = new Map(input.lastWeek.map(r => [r.entity_ref, r]));
  const changes: WeeklyReview['changes'] = [];
  for (const r of input.thisWeek) {
    const p = previous.get(r.entity_ref);
    if (p && p.slo_status !== r.slo_status) {
      changes.push({
        entityRef: r.entity_ref,
        tier: r.tier,
        previous: p.slo_status,
        current: r.slo_status,
      });
    }
  }
  changes.sort(byRef);

  return {
    week: input.week,
    from: input.from,
    to: input.to,
    criticalTier: input.criticalTier,
    criticalSlos: input.critical
      .map(r => ({
        entityRef: r.entityRef,
        ownerRef: r.ownerRef,
        sloStatus: r.sloStatus,
        sloCount: r.sloCount,
        worstBudgetRemaining: r.worstBudgetRemaining,
      }))
      .sort(byRef),
    breaches,
    noisyAlerts: computeTopNoisyAlerts(input.incidents, { limit: 10 }),
    readinessExpiring: input.readinessExpiring ?? null,
    changes,
    incidents: input.incidentReview ?? null,
  };
}

const READINESS_NOTE = 'readiness is not collected yet';
const INCIDENTS_NOTE = 'the incidents feature is not running';

const pct = (v: number | null) =>
  v === null ? '–' : `${(Math.round(v * 1000) / 10).toFixed(1)}%`;

/** Escapes a Markdown table cell. */
const cell = (v: string | number | null) =>
  v === null ? '–' : String(v).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function table(header: string[], rows: Array<Array<string | number | null>>) {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map(r => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

function readinessSection(items: ExpiringReadinessItem[] | null): string {
  if (items === null) return `None: ${READINESS_NOTE}.`;
  if (items.length === 0) return 'No required readiness item expires soon.';
  return table(
    ['Entity', 'Tier', 'Owner', 'Item', 'Expires'],
    items.map(i => [
      i.entityRef,
      i.tier,
      i.ownerRef,
      i.title,
      i.expiresAt.slice(0, 10),
    ]),
  );
}

const hours = (ms: number | null) =>
  ms === null ? 'open' : `${(Math.round(ms / 360_000) / 10).toFixed(1)} h`;

/** The entity, tier and owner cells of a line. */
const WHERE = ['Entity', 'Tier', 'Owner'];
const whereOf = (l: {
  entityRef: string;
  tier: string | null;
  ownerRef: string | null;
}) => [l.entityRef, l.tier, l.ownerRef];

function incidentSections(review: WeeklyIncidentReview | null): string[] {
  if (review === null) {
    return ['## Incidents and postmortems', '', `None: ${INCIDENTS_NOTE}.`, ''];
  }
  const severities = review.majorSeverities.join('/');
  const section = (
    title: string,
    empty: string,
    header: string[],
    rows: Array<Array<string | number | null>>,
  ) => [`## ${title}`, '', rows.length ? table(header, rows) : empty, ''];
  return [
    ...section(
      `${severities} incidents`,
      `No ${severities} incidents this week.`,
      [...WHERE, 'Incident', 'Severity', 'Created', 'MTTR'],
      review.major.map(i => [
        ...whereOf(i),
        `${i.id}: ${i.title}`,
        i.severity,
        i.createdAt.slice(0, 16).replace('T', ' '),
        hours(i.mttrMs),
      ]),
    ),
    ...section(
      'Postmortems late or missing',
      'No postmortem late or missing.',
      [
        ...WHERE,
        'Incident',
        'Severity',
        'State',
        'Postmortem',
        'Due',
        'Published',
      ],
      review.postmortems.map(p => [
        ...whereOf(p),
        p.incidentId,
        p.severity,
        p.state,
        p.status,
        p.dueAt?.slice(0, 10) ?? null,
        p.publishedAt?.slice(0, 10) ?? null,
      ]),
    ),
    ...section(
      'Corrective actions overdue',
      'No corrective action overdue.',
      ['Entity', 'Tier', 'Action', 'Owner', 'Due', 'Days overdue', 'Ticket'],
      review.overdueActions.map(a => [
        a.entityRef,
        a.tier,
        `${a.postmortemId}/${a.id}: ${a.title}`,
        a.owner ?? a.ownerRef,
        a.due,
        `${a.overdueDays}${a.stalled ? ' (stalled)' : ''}`,
        a.ticket ?? 'no ticket',
      ]),
    ),
  ];
}

/** The review as Markdown. */
export function weeklyReviewToMarkdown(review: WeeklyReview): string {
  const parts: string[] = [
    `# Reliability review ${review.week}`,
    '',
    `Week of ${review.from} to ${review.to} (exclusive), UTC.`,
    '',
    `## ${review.criticalTier} SLO status`,
    '',
    review.criticalSlos.length
      ? table(
          ['Entity', 'Owner', 'SLO status', 'SLOs', 'Worst budget remaining'],
          review.criticalSlos.map(s => [
            s.entityRef,
            s.ownerRef,
            s.sloStatus,
            s.sloCount,
            pct(s.worstBudgetRemaining),
          ]),
        )
      : `No ${review.criticalTier} entities.`,
    '',
    '## Breaches and budget exhaustion',
    '',
    review.breaches.length
      ? table(
          ['Entity', 'Tier', 'Owner', 'What', 'SLO', 'Day', 'Budget remaining'],
          review.breaches.map(b => [
            b.entityRef,
            b.tier,
            b.ownerRef,
            b.kind,
            b.sloId,
            b.day,
            pct(b.budgetRemaining),
          ]),
        )
      : 'No breaches this week.',
    '',
    '## Top noisy alerts',
    '',
    review.noisyAlerts.length
      ? table(
          ['Alert', 'Title', 'Incidents', 'Pages', 'Noise candidates'],
          review.noisyAlerts.map(a => [
            a.key,
            a.title,
            a.incidents,
            a.pages,
            a.noiseCandidates,
          ]),
        )
      : 'No incidents this week.',
    '',
    '## Readiness items expiring',
    '',
    readinessSection(review.readinessExpiring),
    '',
    '## Changes since last week',
    '',
    review.changes.length
      ? table(
          ['Entity', 'Tier', 'Last week', 'This week'],
          review.changes.map(c => [c.entityRef, c.tier, c.previous, c.current]),
        )
      : 'No SLO status changes since last week.',
    '',
    ...incidentSections(review.incidents),
  ];
  return parts.join('\n');
}

/**
 * One RFC 4180 field: quoted when it holds a comma, quote or line break.
 * Text that a spreadsheet would read as a formula (starting with `=`, `+`,
 * `-`, `@`, tab or carriage return) gets a leading `'`, as OWASP
 * recommends against CSV injection. Numbers are ours (formatted here, never
 * user text) and stay as they are, so `-0.25` stays a number.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const REVIEW_CSV_COLUMNS = [
  'section',
  'entity_ref',
  'tier',
  'owner_ref',
  'status',
  'previous_status',
  'slo_id',
  'day',
  'budget_remaining',
  'alert_key',
  'alert_title',
  'incidents',
  'pages',
  'note',
  'incident_id',
  'severity',
  'mttr_ms',
  'action_id',
  'action_owner',
  'overdue_days',
] as const;

type CsvRecord = Partial<
  Record<(typeof REVIEW_CSV_COLUMNS)[number], string | number | null>
>;

function incidentRecords(review: WeeklyIncidentReview | null): CsvRecord[] {
  if (review === null) return [{ section: 'incidents', note: INCIDENTS_NOTE }];
  return [
    ...review.major.map(i => ({
      section: 'incidents',
      entity_ref: i.entityRef,
      tier: i.tier,
      owner_ref: i.ownerRef,
      day: i.createdAt.slice(0, 10),
      note: i.title,
      incident_id: i.id,
      severity: i.severity,
      mttr_ms: i.mttrMs,
    })),
    ...review.postmortems.map(p => ({
      section: 'postmortems-late',
      entity_ref: p.entityRef,
      tier: p.tier,
      owner_ref: p.ownerRef,
      status: p.state,
      day: p.dueAt?.slice(0, 10) ?? null,
      note: p.status,
      incident_id: p.incidentId,
      severity: p.severity,
    })),
    ...review.overdueActions.map(a => ({
      section: 'actions-overdue',
      entity_ref: a.entityRef,
      tier: a.tier,
      owner_ref: a.ownerRef,
      status: a.stalled ? 'stalled' : 'overdue',
      day: a.due,
      note: a.title,
      incident_id: a.postmortemId,
      action_id: a.id,
      action_owner: a.owner,
      overdue_days: a.overdueDays,
    })),
  ];
}

/**
 * The review as CSV (RFC 4180, CRLF line ends): one header, then the rows
 * of each block, told apart by the `section` column.
 */
export function weeklyReviewToCsv(review: WeeklyReview): string {
  const records: CsvRecord[] = [
    ...review.criticalSlos.map(s => ({
      section: 'critical-tier-slo-status',
      entity_ref: s.entityRef,
      tier: review.criticalTier,
      owner_ref: s.ownerRef,
      status: s.sloStatus,
      budget_remaining: s.worstBudgetRemaining,
    })),
    ...review.breaches.map(b => ({
      section: 'breaches',
      entity_ref: b.entityRef,
      tier: b.tier,
      owner_ref: b.ownerRef,
      status: b.kind,
      slo_id: b.sloId,
      day: b.day,
      budget_remaining: b.budgetRemaining,
    })),
    ...review.noisyAlerts.map(a => ({
      section: 'noisy-alerts',
      alert_key: a.key,
      alert_title: a.title,
      incidents: a.incidents,
      pages: a.pages,
    })),
    ...(review.readinessExpiring === null
      ? [{ section: 'readiness-expiring', note: READINESS_NOTE }]
      : review.readinessExpiring.map(i => ({
          section: 'readiness-expiring',
          entity_ref: i.entityRef,
          tier: i.tier,
          owner_ref: i.ownerRef,
          status: i.itemId,
          day: i.expiresAt.slice(0, 10),
          note: i.title,
        }))),
    ...review.changes.map(c => ({
      section: 'changes',
      entity_ref: c.entityRef,
      tier: c.tier,
      status: c.current,
      previous_status: c.previous,
    })),
    ...incidentRecords(review.incidents),
  ];
  return [
    REVIEW_CSV_COLUMNS.join(','),
    ...records.map(r => REVIEW_CSV_COLUMNS.map(c => csvField(r[c])).join(',')),
  ]
    .map(line => `${line}\r\n`)
    .join('');
}
