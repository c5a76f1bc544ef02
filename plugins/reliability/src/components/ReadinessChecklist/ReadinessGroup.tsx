import { InfoCard } from '@backstage/core-components';
import { ReadinessItemResult } from '@reliability-kit/backstage-plugin-reliability-common';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { useState } from 'react';
import { ReadinessAction } from '../ReadinessDialogs';
import { ReadinessItemRow } from './ReadinessItemRow';
import { DONE_STATES, notRequiredLabel } from './readinessStates';

/** Props of {@link ReadinessGroup}. */
export interface ReadinessGroupProps {
  group: string;
  items: ReadinessItemResult[];
  tier: string | null;
  onAction: (action: ReadinessAction) => void;
}

/**
 * The readiness items of one group: the required ones first, the others
 * greyed and collapsed under "Not required for <tier>".
 */
export function ReadinessGroup(props: ReadinessGroupProps) {
  const { group, items, tier, onAction } = props;
  const [showOthers, setShowOthers] = useState(false);
  const required = items.filter(item => item.required);
  const others = items.filter(item => !item.required);
  const done = required.filter(item => DONE_STATES.includes(item.state));
  const subheader = required.length
    ? `${done.length} of ${required.length} required ${
        required.length === 1 ? 'item' : 'items'
      } done`
    : notRequiredLabel(tier);

  return (
    <div data-testid="readiness-group" data-group={group}>
      <InfoCard title={group} subheader={subheader} noPadding>
        <Table size="small">
          <TableBody>
            {required.map(item => (
              <ReadinessItemRow key={item.id} item={item} onAction={onAction} />
            ))}
            {others.length > 0 && (
              <TableRow>
                <TableCell colSpan={3}>
                  <Button
                    size="small"
                    aria-expanded={showOthers}
                    endIcon={
                      showOthers ? <ExpandLessIcon /> : <ExpandMoreIcon />
                    }
                    onClick={() => setShowOthers(prev => !prev)}
                    data-testid="readiness-not-required-toggle"
                  >
                    {notRequiredLabel(tier)} ({others.length})
                  </Button>
                </TableCell>
              </TableRow>
            )}
            {showOthers &&
              others.map(item => (
                <ReadinessItemRow
                  key={item.id}
                  item={item}
                  greyed
                  onAction={onAction}
                />
              ))}
          </TableBody>
        </Table>
      </InfoCard>
    </div>
  );
}
