import { CampaignHistoryPoint } from '@reliability-kit/backstage-plugin-reliability-common';
import { useTheme } from '@material-ui/core/styles';
import { Line } from 'recharts';
import { ChartFrame, ChartNote } from '../ChartFrame';
import { TrendLineChart } from '../TrendLineChart';

/** The burn-up of a campaign: in scope, done and exempt, one point a day. */
export function CampaignBurnUpChart(props: { points: CampaignHistoryPoint[] }) {
  const theme = useTheme();
  const rows = [...props.points].sort((a, b) => a.day.localeCompare(b.day));
  const series = [
    { dataKey: 'inScope', name: 'In scope', color: theme.palette.grey[500] },
    { dataKey: 'done', name: 'Done', color: theme.palette.success.main },
    { dataKey: 'exempt', name: 'Exempt', color: theme.palette.info.main },
  ];
  return (
    <ChartFrame data-testid="campaign-burn-up" data-points={rows.length}>
      {rows.length === 0 ? (
        <ChartNote>No history yet: the burn-up fills day by day.</ChartNote>
      ) : (
        <TrendLineChart rows={rows} dateKey="day" minTickGap={16} legend>
          {series.map(line => (
            <Line
              key={line.dataKey}
              type="stepAfter"
              dataKey={line.dataKey}
              name={line.name}
              stroke={line.color}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </TrendLineChart>
      )}
    </ChartFrame>
  );
}
