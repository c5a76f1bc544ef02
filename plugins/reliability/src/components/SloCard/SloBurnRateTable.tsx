import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import {
  SLO_BURN_RATE_WINDOWS,
  SloBurnRateAlertThreshold,
  SloBurnRateWindow,
  SloFiringBurnRateAlert,
  SloSnapshot,
} from '@reliability-kit/backstage-plugin-reliability-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { alpha, makeStyles } from '@material-ui/core/styles';
import { formatBurnRate, formatErrorRatio, formatPercent } from '../format';
import { DefinitionAnchor, DefinitionLink } from '../DefinitionLink';
import { ReactNode } from 'react';
import { MissingValue } from '../MissingValue';

const useStyles = makeStyles(theme => ({
  caption: {
    marginTop: theme.spacing(2),
    fontWeight: theme.typography.fontWeightMedium as number,
  },
  firingPage: {
    backgroundColor: alpha(theme.palette.error.main, 0.12),
  },
  firingTicket: {
    backgroundColor: alpha(theme.palette.warning.main, 0.15),
  },
  state: { display: 'inline-flex', alignItems: 'baseline' },
  firingWindow: {
    fontWeight: theme.typography.fontWeightBold as number,
  },
}));

/** A small table under a caption that links to its definition. */
function CaptionedTable(props: {
  caption: string;
  anchor: DefinitionAnchor;
  'aria-label': string;
  /** The cells of the header row. */
  head: ReactNode;
  /** The rows. */
  children: ReactNode;
}) {
  const classes = useStyles();
  return (
    <>
      <Typography variant="body2" className={classes.caption}>
        {props.caption}
        <DefinitionLink anchor={props.anchor} label={props.caption} />
      </Typography>
      <Table size="small" aria-label={props['aria-label']}>
        <TableHead>
          <TableRow>{props.head}</TableRow>
        </TableHead>
        <TableBody>{props.children}</TableBody>
      </Table>
    </>
  );
}

/**
 * Props of {@link SloBurnRateTable}.
 *
 * @public
 */
export interface SloBurnRateTableProps {
  slo: SloSnapshot;
}

const NO_TRAFFIC = 'No traffic in this window';

function severityLabel(severity: 'page' | 'ticket'): string {
  return severity === 'page' ? 'Page' : 'Ticket';
}

function findFiring(
  firing: SloFiringBurnRateAlert[],
  alert: SloBurnRateAlertThreshold,
): SloFiringBurnRateAlert | undefined {
  return firing.find(
    f =>
      f.severity === alert.severity &&
      f.longWindow === alert.longWindow &&
      f.shortWindow === alert.shortWindow,
  );
}

function Rate(props: { value: number | null | undefined }) {
  return typeof props.value === 'number' && Number.isFinite(props.value) ? (
    <>{formatBurnRate(props.value)}</>
  ) : (
    <MissingValue reason={NO_TRAFFIC} />
  );
}

/**
 * The burn rates of an SLO over its seven windows, and its multiwindow
 * burn-rate alert conditions with their thresholds; firing alerts are
 * highlighted.
 *
 * @public
 */
export function SloBurnRateTable(props: SloBurnRateTableProps) {
  const { slo } = props;
  const classes = useStyles();
  const firing = slo.alerts?.firing ?? [];
  const readings = new Map(slo.burnRates.map(r => [r.window, r]));
  const firingWindows = new Set<SloBurnRateWindow>(
    firing.flatMap(f => [f.longWindow, f.shortWindow]),
  );
  const burnOf = (window: SloBurnRateWindow) =>
    readings.get(window)?.burnRate ?? null;

  return (
    <>
      <CaptionedTable
        caption="Burn rate"
        anchor="burn-rate"
        aria-label="Burn rate per window"
        head={
          <>
            <TableCell>Window</TableCell>
            <TableCell align="right">Error ratio</TableCell>
            <TableCell align="right">Burn rate</TableCell>
          </>
        }
      >
        {SLO_BURN_RATE_WINDOWS.map(window => {
          const reading = readings.get(window);
          const cellClass = firingWindows.has(window)
            ? classes.firingWindow
            : undefined;
          return (
            <TableRow key={window} data-window={window}>
              <TableCell className={cellClass}>{window}</TableCell>
              <TableCell align="right" className={cellClass}>
                {typeof reading?.errorRatio === 'number' &&
                Number.isFinite(reading.errorRatio) ? (
                  formatErrorRatio(reading.errorRatio)
                ) : (
                  <MissingValue reason={NO_TRAFFIC} />
                )}
              </TableCell>
              <TableCell align="right" className={cellClass}>
                <Rate value={reading?.burnRate} />
              </TableCell>
            </TableRow>
          );
        })}
      </CaptionedTable>

      <CaptionedTable
        caption="Burn-rate alerts"
        anchor="burn-rate-alerts"
        aria-label="Burn-rate alerts"
        head={
          <>
            <TableCell>Alert</TableCell>
            <TableCell>Windows</TableCell>
            <TableCell align="right">Threshold</TableCell>
            <TableCell align="right">Burn (long / short)</TableCell>
            <TableCell>State</TableCell>
          </>
        }
      >
        {slo.alertThresholds.map(alert => {
          const fired = findFiring(firing, alert);
          const longBurn = fired?.longBurn ?? burnOf(alert.longWindow);
          const shortBurn = fired?.shortBurn ?? burnOf(alert.shortWindow);
          let icon;
          let text;
          if (fired) {
            icon =
              alert.severity === 'page' ? <StatusError /> : <StatusWarning />;
            text = 'Firing';
          } else if (longBurn === null || shortBurn === null) {
            icon = <StatusPending />;
            text = 'No data';
          } else {
            icon = <StatusOK />;
            text = 'Not firing';
          }
          let rowClass: string | undefined;
          if (fired) {
            rowClass =
              alert.severity === 'page'
                ? classes.firingPage
                : classes.firingTicket;
          }
          return (
            <TableRow
              key={`${alert.severity}-${alert.longWindow}-${alert.shortWindow}`}
              className={rowClass}
              data-testid="slo-alert-condition"
              data-severity={alert.severity}
              data-firing={fired ? 'true' : 'false'}
            >
              <TableCell>{severityLabel(alert.severity)}</TableCell>
              <TableCell>
                {alert.longWindow} and {alert.shortWindow}
                <Typography
                  variant="caption"
                  color="textSecondary"
                  display="block"
                >
                  {formatPercent(alert.budgetShare)} of the budget in{' '}
                  {alert.longWindow}
                </Typography>
              </TableCell>
              <TableCell align="right">
                {formatBurnRate(alert.threshold)}
              </TableCell>
              <TableCell align="right">
                <Rate value={longBurn} /> / <Rate value={shortBurn} />
              </TableCell>
              <TableCell>
                <span className={classes.state}>
                  {icon}
                  {text}
                </span>
              </TableCell>
            </TableRow>
          );
        })}
      </CaptionedTable>
    </>
  );
}
