import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  ScorecardAdoption,
  ScorecardSummary,
} from '@reliability-kit/backstage-plugin-reliability-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import { ScorecardGroupBy } from '../../api';
import { BarSeriesChart } from '../ChartFrame';
import { formatEntityRefShort, formatShare, tierTitle } from '../format';
import { levelColor, levelKeysOf, levelTitleOf } from './scorecardSearch';

/** Groups drawn in the chart at most: the ones with the most entities. */
const MAX_CHART_GROUPS = 20;

type Group = ScorecardAdoption['groups'][number];

/** Props of {@link ScorecardAdoptionCard}. */
export interface ScorecardAdoptionCardProps {
  scorecard: ScorecardSummary;
  adoption: ScorecardAdoption;
  /** Shows the entities of a group in the entity table. */
  onDrillDown: (groupBy: ScorecardGroupBy, key: string) => void;
}

function groupLabel(groupBy: ScorecardGroupBy, key: string | null): string {
  if (groupBy === 'tier') {
    return tierTitle(key);
  }
  return key ? formatEntityRefShort(key) : 'No owner';
}

/**
 * The adoption of a scorecard per owner or per tier: a stacked bar of the
 * entities at each level per group, and a table of the entities, adoption
 * and mean score per group, each group leading to its entities.
 */
export function ScorecardAdoptionCard(props: ScorecardAdoptionCardProps) {
  const { scorecard, adoption, onDrillDown } = props;
  const { groupBy } = adoption;
  const levels = levelKeysOf(scorecard);
  const title = groupBy === 'owner' ? 'Adoption per team' : 'Adoption per tier';

  const chartRows = useMemo(
    () =>
      [...adoption.groups]
        .sort((a, b) => b.entities - a.entities)
        .slice(0, MAX_CHART_GROUPS)
        .map(group => ({
          name: groupLabel(groupBy, group.key),
          ...Object.fromEntries(
            levels.map(level => [level, group.byLevel[level] ?? 0]),
          ),
        })),
    [adoption.groups, groupBy, levels],
  );

  const columns: TableColumn<Group>[] = [
    {
      title: groupBy === 'owner' ? 'Team' : 'Tier',
      field: 'key',
      render: group => {
        if (groupBy === 'tier') {
          return tierTitle(group.key);
        }
        return group.key ? (
          <EntityRefLink entityRef={group.key} defaultKind="group" />
        ) : (
          'No owner'
        );
      },
    },
    { title: 'Entities', field: 'entities', type: 'numeric' },
    {
      title: 'Adoption',
      field: 'adoption',
      type: 'numeric',
      render: group => formatShare(group.adoption),
    },
    {
      title: 'Mean score',
      field: 'meanScore',
      type: 'numeric',
      render: group => formatShare(group.meanScore),
    },
    {
      title: '',
      field: 'key',
      sorting: false,
      align: 'right',
      render: group =>
        group.key ? (
          <Button
            size="small"
            color="primary"
            onClick={() => onDrillDown(groupBy, group.key!)}
            aria-label={`Show the entities of ${groupLabel(
              groupBy,
              group.key,
            )}`}
            data-testid="scorecard-drill-down"
          >
            Entities
          </Button>
        ) : null,
    },
  ];

  return (
    <div data-testid={`scorecard-adoption-${groupBy}`}>
      <InfoCard
        title={title}
        subheader={
          adoption.groups.length > MAX_CHART_GROUPS
            ? `Entities per level; the chart shows the ${MAX_CHART_GROUPS} largest of ${adoption.groups.length}`
            : 'Entities per level'
        }
      >
        {adoption.groups.length === 0 ? (
          <Typography color="textSecondary">
            No entity has a result on this scorecard yet.
          </Typography>
        ) : (
          <>
            <BarSeriesChart
              rows={chartRows}
              categoryKey="name"
              series={levels.map((level, index) => ({
                dataKey: level,
                name: levelTitleOf(scorecard, level),
                fill: levelColor(index),
              }))}
              stacked
              horizontalBars
              height={Math.max(160, 48 + chartRows.length * 28)}
              categoryAxis={{ width: 120 }}
              valueAxis={{ allowDecimals: false }}
            />
            <Table<Group>
              columns={columns}
              data={adoption.groups.map(group => ({ ...group }))}
              options={{
                paging: adoption.groups.length > 10,
                pageSize: 10,
                search: false,
                toolbar: false,
                padding: 'dense',
                draggable: false,
              }}
              style={{ boxShadow: 'none' }}
            />
          </>
        )}
      </InfoCard>
    </div>
  );
}
