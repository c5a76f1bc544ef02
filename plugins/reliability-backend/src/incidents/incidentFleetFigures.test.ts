import {
  CorrectiveActionRecord,
  IncidentRecord,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { incidentFleetFiguresOf } from './incidentFleetFigures';

const NOW = '2026-12-07T12:00:00.000Z';
const HOUR = 3_600_000;
const A = 'component:default/a';
const B = 'component:default/b';

const incident = (
  entityRef: string,
  severity: string | null,
  createdAt: string,
  mttrMs: number | null,
) => ({ entityRef, severity, createdAt, mttrMs } as unknown as IncidentRecord);
const action = (entityRef: string, overdueDays: number | null) =>
  ({ entityRef, overdueDays } as unknown as CorrectiveActionRecord);

describe('incidentFleetFiguresOf', () => {
  it.each<[string, IncidentRecord[], CorrectiveActionRecord[], object]>([
    [
      'nothing: zero counts, no MTTR',
      [],
      [],
      { majorIncidents: 0, majorMttrMs: null, overdueActions: 0 },
    ],
    [
      'SEV0 and SEV1 of the last 28 days, mean MTTR of the resolved ones',
      [
        incident(A, 'SEV0', '2026-12-01T00:00:00.000Z', 2 * HOUR),
        incident(A, 'SEV1', '2026-11-10T00:00:00.000Z', 4 * HOUR),
        incident(A, 'SEV1', '2026-12-07T11:00:00.000Z', null),
      ],
      [],
      { majorIncidents: 3, majorMttrMs: 3 * HOUR, overdueActions: 0 },
    ],
    [
      'not counted: older than 28 days, SEV2, no severity, another entity',
      [
        incident(A, 'SEV0', '2026-11-09T11:59:59.999Z', HOUR),
        incident(A, 'SEV2', '2026-12-01T00:00:00.000Z', HOUR),
        incident(A, null, '2026-12-01T00:00:00.000Z', HOUR),
        incident(B, 'SEV0', '2026-12-01T00:00:00.000Z', HOUR),
      ],
      [],
      { majorIncidents: 0, majorMttrMs: null, overdueActions: 0 },
    ],
    [
      'exactly 28 days old is counted',
      [incident(A, 'SEV1', '2026-11-09T12:00:00.000Z', HOUR)],
      [],
      { majorIncidents: 1, majorMttrMs: HOUR, overdueActions: 0 },
    ],
    [
      'overdue actions of the entity only (not done ones, not others)',
      [],
      [action(A, 3), action(A, 0), action(A, null), action(B, 9)],
      { majorIncidents: 0, majorMttrMs: null, overdueActions: 2 },
    ],
  ])('%s', (_name, incidents, actions, expected) => {
    expect(
      incidentFleetFiguresOf({
        entityRefs: [A],
        incidents,
        actions,
        requiredSeverities: ['SEV0', 'SEV1'],
        now: NOW,
      }),
    ).toEqual([{ entityRef: A, ...expected }]);
  });
});
