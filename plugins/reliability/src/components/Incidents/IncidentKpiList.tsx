import {
  IncidentKpiSet,
  IncidentPeriodKpis,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { makeStyles } from '@material-ui/core/styles';
import { formatNumber, formatResponseTime, formatShare } from '../format';
import { MissingValue } from '../MissingValue';
import { DefinitionAnchor, DefinitionLink } from '../DefinitionLink';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'grid',
    gridTemplateColumns: 'auto auto auto',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: 0,
  },
  term: { color: theme.palette.text.secondary },
  value: { margin: 0, textAlign: 'right', fontWeight: 500 },
  previous: { margin: 0, textAlign: 'right', color: theme.palette.text.hint },
}));

/** A number of the current period and the previous one. */
interface PeriodKpi {
  id: string;
  label: string;
  anchor: DefinitionAnchor;
  value(kpis: IncidentPeriodKpis): string | null;
  missingReason: string;
}

/** The count of the given severities in a period. */
const countOf = (kpis: IncidentPeriodKpis, severity: string) =>
  kpis.bySeverity.find(s => s.severity === severity)?.count ?? 0;

/** The mean MTTR / MTTD over the required severities, weighted by count. */
function meanOf(
  kpis: IncidentPeriodKpis,
  severities: string[],
  key: 'mttrMs' | 'mttdMs',
): string | null {
  let sum = 0;
  let n = 0;
  for (const s of kpis.bySeverity) {
    if (s.severity === null || !severities.includes(s.severity)) continue;
    const value = s[key];
    const weight = key === 'mttdMs' ? s.mttdKnown : s.count;
    if (value !== null && weight > 0) {
      sum += value * weight;
      n += weight;
    }
  }
  return n ? formatResponseTime(sum / n) : null;
}

/** `50% (1/2)`; null when nothing is due. */
const ratio = (part: number, whole: number) =>
  whole ? `${formatShare(part / whole)} (${part}/${whole})` : null;

function periodKpis(required: string[]): PeriodKpi[] {
  return [
    ...required.map(severity => ({
      id: `count-${severity}`,
      label: `${severity} incidents`,
      anchor: 'sev0sev1-count' as const,
      value: (k: IncidentPeriodKpis) => formatNumber(countOf(k, severity)),
      missingReason: 'No data',
    })),
    {
      id: 'mttd',
      label: `MTTD (${required.join('/')})`,
      anchor: 'mttd',
      value: k => meanOf(k, required, 'mttdMs'),
      missingReason: 'No incident with a known impact start',
    },
    {
      id: 'mttr',
      label: `MTTR (${required.join('/')})`,
      anchor: 'mttr-per-severity',
      value: k => meanOf(k, required, 'mttrMs'),
      missingReason: 'No resolved incident',
    },
    {
      id: 'postmortems-on-time',
      label: 'Postmortems on time',
      anchor: 'postmortems-on-time',
      value: k => ratio(k.postmortems.onTime, k.postmortems.due),
      missingReason: 'No postmortem due in the period',
    },
    {
      id: 'actions-on-time',
      label: 'Actions closed on time',
      anchor: 'actions-closed-on-time',
      value: k => ratio(k.actions.closedOnTime, k.actions.due),
      missingReason: 'No action due in the period',
    },
  ];
}

/** Props of {@link IncidentKpiList}. */
export interface IncidentKpiListProps {
  kpis: IncidentKpiSet;
  /** The severities that require a postmortem (SEV0, SEV1). */
  requiredSeverities: string[];
  /** e.g. `This month`. */
  currentLabel: string;
  previousLabel: string;
}

/** The name of a KPI with the link to its definition. */
function KpiTerm(props: { label: string; anchor: DefinitionAnchor }) {
  const classes = useStyles();
  return (
    <dt className={classes.term}>
      {props.label}
      <DefinitionLink anchor={props.anchor} label={props.label} />
    </dt>
  );
}

function Value(props: { text: string | null; reason: string }) {
  return props.text === null ? (
    <MissingValue reason={props.reason} />
  ) : (
    <>{props.text}</>
  );
}

/**
 * The incident KPIs of a set of entities: SEV0/SEV1 counts, MTTD, MTTR,
 * postmortems and actions on time in the period and the previous one, and
 * the overdue and stalled actions now; each linked to its definition.
 */
export function IncidentKpiList(props: IncidentKpiListProps) {
  const classes = useStyles();
  const { kpis } = props;
  return (
    <dl className={classes.list} data-testid="incident-kpis">
      <dt className={classes.term} />
      <dd className={classes.value}>{props.currentLabel}</dd>
      <dd className={classes.previous}>{props.previousLabel}</dd>
      {periodKpis(props.requiredSeverities).map(kpi => (
        <div key={kpi.id} style={{ display: 'contents' }}>
          <KpiTerm label={kpi.label} anchor={kpi.anchor} />
          {(
            [
              ['incident-kpi', classes.value, kpis.current],
              ['incident-kpi-previous', classes.previous, kpis.previous],
            ] as const
          ).map(([testId, className, period]) => (
            <dd
              key={testId}
              className={className}
              data-testid={testId}
              data-kpi={kpi.id}
            >
              <Value text={kpi.value(period)} reason={kpi.missingReason} />
            </dd>
          ))}
        </div>
      ))}
      {[
        {
          id: 'overdue-actions',
          label: 'Overdue actions now',
          anchor: 'overdue-actions' as const,
          text: `${formatNumber(kpis.overdueActions)}${
            kpis.oldestOverdueDays === null
              ? ''
              : ` (oldest ${kpis.oldestOverdueDays} d)`
          }`,
        },
        {
          id: 'stalled-actions',
          label: 'Stalled actions',
          anchor: 'stalled-actions' as const,
          text: formatNumber(kpis.stalledActions),
        },
      ].map(now => (
        <div key={now.id} style={{ display: 'contents' }}>
          <KpiTerm label={now.label} anchor={now.anchor} />
          <dd
            className={classes.value}
            data-testid="incident-kpi"
            data-kpi={now.id}
          >
            {now.text}
          </dd>
          <dd className={classes.previous} />
        </div>
      ))}
    </dl>
  );
}
