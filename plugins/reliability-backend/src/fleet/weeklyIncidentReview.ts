/**
 * The incident and postmortem lines of the weekly review. The fleet reads
 * them through {@link IncidentReviewSource}, which the incidents feature
 * implements over its store interface (the fleet never reads its tables).
 */
export interface WeeklyIncidentReview {
  /** The severities that require a postmortem (SEV0/SEV1 by default). */
  majorSeverities: string[];
  /** Incidents of those severities created in the week, oldest first. */
  major: Array<{
    entityRef: string;
    tier: string | null;
    ownerRef: string | null;
    id: string;
    title: string;
    severity: string;
    createdAt: string;
    /** null while open. */
    mttrMs: number | null;
  }>;
  /**
   * Postmortems missing or not published past their deadline (as of the
   * end of the week), and postmortems published late within the week.
   */
  postmortems: Array<{
    entityRef: string;
    tier: string | null;
    ownerRef: string | null;
    incidentId: string;
    severity: string;
    state: 'late' | 'overdue';
    /** `missing` when no postmortem names the incident. */
    status: string;
    dueAt: string | null;
    publishedAt: string | null;
  }>;
  /** Open corrective actions past their due date at the end of the week. */
  overdueActions: Array<{
    entityRef: string;
    tier: string | null;
    ownerRef: string | null;
    postmortemId: string;
    id: string;
    title: string;
    owner: string | null;
    due: string | null;
    overdueDays: number;
    stalled: boolean;
    ticket: string | null;
  }>;
}

/** What the weekly review asks of the incidents feature. */
export interface IncidentReviewSource {
  /**
   * The lines of the week `[from, to)` (ISO 8601 instants), as of `now`
   * (the end of the week, or the present for the current week).
   */
  readWeek(
    from: string,
    to: string,
    now: string,
  ): Promise<WeeklyIncidentReview>;
}

/** Keeps the lines of the visible entities only. */
export function visibleIncidentReview(
  review: WeeklyIncidentReview,
  visible: (entityRef: string) => boolean,
): WeeklyIncidentReview {
  return {
    majorSeverities: review.majorSeverities,
    major: review.major.filter(l => visible(l.entityRef)),
    postmortems: review.postmortems.filter(l => visible(l.entityRef)),
    overdueActions: review.overdueActions.filter(l => visible(l.entityRef)),
  };
}

/** The entity refs the lines name. */
export const incidentReviewRefs = (review: WeeklyIncidentReview) => [
  ...review.major.map(l => l.entityRef),
  ...review.postmortems.map(l => l.entityRef),
  ...review.overdueActions.map(l => l.entityRef),
];
