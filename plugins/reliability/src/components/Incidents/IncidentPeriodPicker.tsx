import { IncidentPeriodKind } from '@reliability-kit/backstage-plugin-reliability-common';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import { DefinitionLink } from '../DefinitionLink';

const PERIODS: IncidentPeriodKind[] = ['month', 'quarter'];

/** The labels of the KPI columns of a period kind. */
export function periodLabels(period: IncidentPeriodKind) {
  return period === 'month'
    ? {
        current: 'This month',
        previous: 'Last month',
        range: 'Calendar months (UTC)',
      }
    : {
        current: 'This quarter',
        previous: 'Last quarter',
        range: 'Calendar quarters (UTC)',
      };
}

/** Month or quarter. */
export function IncidentPeriodPicker(props: {
  value: IncidentPeriodKind;
  onChange(period: IncidentPeriodKind): void;
}) {
  return (
    <>
      <ButtonGroup size="small" aria-label="KPI period">
        {PERIODS.map(p => (
          <Button
            key={p}
            variant={props.value === p ? 'contained' : 'outlined'}
            color="primary"
            aria-pressed={props.value === p}
            onClick={() => props.onChange(p)}
            data-testid={`incident-period-${p}`}
          >
            {p === 'month' ? 'Month' : 'Quarter'}
          </Button>
        ))}
      </ButtonGroup>
      <DefinitionLink anchor="incident-kpi-periods" label="KPI period" />
    </>
  );
}
