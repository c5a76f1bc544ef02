import { InfoCard, WarningPanel } from '@backstage/core-components';
import { EntityTier } from '@reliability-kit/backstage-plugin-reliability-common';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  chip: { marginRight: theme.spacing(1), fontWeight: 600 },
  line: {
    display: 'flex',
    alignItems: 'center',
    marginBottom: theme.spacing(1),
  },
}));

/**
 * Props of {@link TierCard}.
 *
 * @public
 */
export interface TierCardProps {
  /** The tier of the entity. */
  tier: EntityTier;
}

function sourceHint(tier: EntityTier): string {
  const { from, key } = tier.source;
  if (from === 'annotation') {
    return `metadata:\n  annotations:\n    ${key}: tier-1`;
  }
  if (from === 'label') {
    return `metadata:\n  labels:\n    ${key}: tier-1`;
  }
  return `spec:\n  ${key}: tier-1`;
}

/**
 * Shows an entity's tier and what it means, or how to set it.
 *
 * @public
 */
export function TierCard(props: TierCardProps) {
  const { tier } = props;
  const classes = useStyles();

  if (tier.status === 'ok') {
    return (
      <InfoCard title="Tier">
        <div className={classes.line}>
          <Chip
            className={classes.chip}
            color="primary"
            label={tier.tier.title}
            data-testid="reliability-tier-chip"
          />
          <Typography variant="body2" color="textSecondary">
            {tier.tier.id}
          </Typography>
        </div>
        <Typography variant="body1">{tier.tier.description}</Typography>
        {tier.tier.minimumObjective !== undefined && (
          <Typography variant="body2" color="textSecondary">
            SLOs of this tier need an objective of at least{' '}
            {(tier.tier.minimumObjective * 100).toLocaleString('en-US', {
              maximumFractionDigits: 3,
            })}
            %.
          </Typography>
        )}
      </InfoCard>
    );
  }

  return (
    <InfoCard title="Tier">
      <WarningPanel
        severity={tier.status === 'invalid' ? 'error' : 'warning'}
        title={tier.status === 'invalid' ? 'Invalid tier' : 'No tier set'}
        message={tier.message}
        defaultExpanded
      >
        <Typography variant="body2">
          Add it to this entity's catalog-info.yaml:
        </Typography>
        <pre>{sourceHint(tier)}</pre>
      </WarningPanel>
    </InfoCard>
  );
}
