import { InfoCard } from '@backstage/core-components';
import { ScorecardSummary } from '@reliability-kit/backstage-plugin-reliability-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { formatNumber, formatShare } from '../format';
import { MissingValue } from '../MissingValue';
import { DefinitionAnchor, DefinitionLink } from '../DefinitionLink';
import { levelKeysOf, levelTitleOf } from './scorecardSearch';
import { ReactNode } from 'react';

function Kpi(props: {
  id: string;
  label: string;
  anchor?: DefinitionAnchor;
  children: ReactNode;
}) {
  const title = props.anchor ? (
    <>
      {props.label}
      <DefinitionLink anchor={props.anchor} label={props.label} />
    </>
  ) : (
    props.label
  );
  return (
    <Grid item xs={6} sm={4} md={2}>
      <div data-testid="scorecard-kpi" data-kpi={props.id}>
        <InfoCard title={title} variant="fullHeight">
          <Typography
            variant="h4"
            component="p"
            data-testid="scorecard-kpi-value"
          >
            {props.children}
          </Typography>
        </InfoCard>
      </div>
    </Grid>
  );
}

/** Props of {@link ScorecardKpiCards}. */
export interface ScorecardKpiCardsProps {
  scorecard: ScorecardSummary;
}

/**
 * The headline figures of a scorecard: the entities it applies to, its
 * adoption (the share of them at any level) and the entities at each level.
 */
export function ScorecardKpiCards(props: ScorecardKpiCardsProps) {
  const { scorecard } = props;
  return (
    <Grid container spacing={2}>
      <Kpi id="entities" label="Entities">
        {formatNumber(scorecard.entities)}
      </Kpi>
      <Kpi id="adoption" label="Adoption" anchor="scorecard-adoption">
        {scorecard.adoption === null ? (
          <MissingValue reason="No entity has a result yet" />
        ) : (
          formatShare(scorecard.adoption)
        )}
      </Kpi>
      {levelKeysOf(scorecard).map(level => (
        <Kpi
          key={level}
          id={`level:${level}`}
          label={levelTitleOf(scorecard, level)}
        >
          {formatNumber(scorecard.byLevel[level] ?? 0)}
        </Kpi>
      ))}
    </Grid>
  );
}
