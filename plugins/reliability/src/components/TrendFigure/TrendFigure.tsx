import { AlertQualityTrend } from '@reliability-kit/backstage-plugin-reliability-common';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ArrowDownward from '@material-ui/icons/ArrowDownward';
import ArrowUpward from '@material-ui/icons/ArrowUpward';
import Remove from '@material-ui/icons/Remove';
import TrendingFlat from '@material-ui/icons/TrendingFlat';
import { ReactNode } from 'react';
import { NO_VALUE } from '../format';
import { MissingValue } from '../MissingValue';
import { DefinitionAnchor, DefinitionLink } from '../DefinitionLink';

const useStyles = makeStyles(theme => ({
  root: { minWidth: 0 },
  label: {
    display: 'block',
    color: theme.palette.text.secondary,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  line: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
  },
  arrow: { fontSize: '1.25rem' },
  better: { color: theme.palette.success.main },
  worse: { color: theme.palette.error.main },
  neutral: { color: theme.palette.text.secondary },
  secondary: { display: 'block' },
}));

/**
 * Props of {@link TrendFigure}.
 *
 * @public
 */
export interface TrendFigureProps {
  /** What the figure measures. */
  label: string;
  /** The figure now against the previous window. */
  trend: AlertQualityTrend;
  /** Formats a value of the figure; returns `–` for a missing one. */
  format: (value: number | null) => string;
  /** What the figure means, shown in a tooltip on its label. */
  description?: string;
  /** Its heading in docs/definitions.md: a help icon links there. */
  definitionAnchor?: DefinitionAnchor;
  /** Why the figure can be missing, shown in a tooltip on `–`. */
  missingReason?: string;
  /** The previous window for people, e.g. `previous 28 days`. */
  previousLabel?: string;
  /** More about the figure, below it. */
  caption?: ReactNode;
  /** The text size. */
  size?: 'normal' | 'small';
  /** Set on the figure's root element, for tests. */
  'data-testid'?: string;
  /** Set on the figure's root element: the metric it shows, for tests. */
  'data-metric'?: string;
}

/**
 * Which way a change went and whether it is better, for people.
 */
export function describeTrend(trend: AlertQualityTrend): string {
  switch (trend.direction) {
    case 'up':
    case 'down':
      if (trend.better === null) {
        return trend.direction === 'up' ? 'Up' : 'Down';
      }
      return `${trend.direction === 'up' ? 'Up' : 'Down'}, ${
        trend.better ? 'better' : 'worse'
      }`;
    case 'flat':
      return 'Unchanged';
    default:
      return 'No comparison';
  }
}

function toneOf(trend: AlertQualityTrend): 'better' | 'worse' | 'neutral' {
  if (trend.direction !== 'up' && trend.direction !== 'down') {
    return 'neutral';
  }
  if (trend.better === true) {
    return 'better';
  }
  return trend.better === false ? 'worse' : 'neutral';
}

function TrendArrow(props: { trend: AlertQualityTrend; label: string }) {
  const classes = useStyles();
  const tone = toneOf(props.trend);
  const iconProps = {
    className: `${classes.arrow} ${classes[tone]}`,
    'data-testid': 'trend-arrow',
    'data-direction': props.trend.direction,
    'data-tone': tone,
    'aria-label': props.label,
    'aria-hidden': false,
    role: 'img',
  };
  switch (props.trend.direction) {
    case 'up':
      return <ArrowUpward {...iconProps} />;
    case 'down':
      return <ArrowDownward {...iconProps} />;
    case 'flat':
      return <TrendingFlat {...iconProps} />;
    default:
      return <Remove {...iconProps} />;
  }
}

/**
 * A figure of the current window with an arrow for its change against the
 * previous window: the arrow points up or down as the value moved, green when
 * that is better, red when worse, grey when unchanged or not comparable. The
 * previous value is below it and in the arrow's tooltip.
 *
 * @public
 */
export function TrendFigure(props: TrendFigureProps) {
  const {
    label,
    trend,
    format,
    description,
    definitionAnchor,
    missingReason,
    previousLabel = 'previous window',
    caption,
    size = 'normal',
  } = props;
  const classes = useStyles();
  const current = format(trend.current);
  const previous = format(trend.previous);
  const change = describeTrend(trend);
  const tooltip = `${change}: ${current} now, ${previous} in the ${previousLabel}`;
  const better = trend.better === null ? 'none' : String(trend.better);

  return (
    <div
      className={classes.root}
      data-testid={props['data-testid']}
      data-metric={props['data-metric']}
      data-direction={trend.direction}
      data-better={better}
    >
      <div className={classes.line}>
        <Tooltip title={description ?? ''} placement="top-start">
          <Typography variant="caption" className={classes.label}>
            {label}
          </Typography>
        </Tooltip>
        {definitionAnchor && (
          <DefinitionLink anchor={definitionAnchor} label={label} />
        )}
      </div>
      <div className={classes.line}>
        <Typography
          variant={size === 'small' ? 'h6' : 'h5'}
          component="span"
          data-testid="trend-figure-value"
        >
          {current === NO_VALUE ? (
            <MissingValue reason={missingReason} />
          ) : (
            current
          )}
        </Typography>
        <Tooltip title={tooltip}>
          <span className={classes.line}>
            <TrendArrow trend={trend} label={change} />
          </span>
        </Tooltip>
      </div>
      <Typography
        variant="caption"
        color="textSecondary"
        className={classes.secondary}
        data-testid="trend-figure-previous"
      >
        {previousLabel}: {previous}
      </Typography>
      {caption && (
        <Typography
          variant="caption"
          color="textSecondary"
          className={classes.secondary}
        >
          {caption}
        </Typography>
      )}
    </div>
  );
}
