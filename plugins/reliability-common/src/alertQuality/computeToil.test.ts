import { computeToil } from './computeToil';
import { Incident, ToilItem } from './types';
import { T0, minutes, timedIncident } from './__testUtils__/incidents';

function incident(
  id: string,
  ackMin: number | null,
  resolveMin: number | null,
  urgency: 'high' | 'low' = 'high',
): Incident {
  return timedIncident(id, T0, minutes(ackMin), minutes(resolveMin), {
    urgency,
    status: 'resolved',
  });
}

const incidents = [
  incident('p1', 5, 65), // 60 min interrupt
  incident('p2', 0, 30), // 30 min
  incident('p3', null, 10), // never acked: no interrupt time
  incident('p4', 3, null), // open: no interrupt time
  incident('l1', 0, 120, 'low'), // low urgency: not a page
  incident('p5', 10, 5), // resolved before acked: bad data
];
const toilItems: ToilItem[] = [
  {
    task: 'rotate certificates',
    minutesPerOccurrence: 30,
    occurrencesPerWeek: 2,
  },
  { task: 'manual deploy', minutesPerOccurrence: 15, occurrencesPerWeek: 4 },
];

describe('computeToil', () => {
  it.each([
    // 1.5 interrupt hours; 2 self-reported hours per week
    [7, 1.5, 3.5],
    [28, 0.375, 2.375],
    [90, 1.5 / (90 / 7), 2 + 1.5 / (90 / 7)],
  ])(
    'window of %i days: %p interrupt h/week, %p toil h/week',
    (windowDays, perWeek, toil) => {
      const result = computeToil({ incidents, toilItems, windowDays });
      expect(result).toEqual({
        interruptHours: 1.5,
        interruptHoursPerWeek: expect.closeTo(perWeek, 12),
        interruptPages: 2,
        selfReportedHoursPerWeek: 2,
        toilHoursPerWeek: expect.closeTo(toil, 12),
        invalidToilItems: 0,
        dataQualityIssues: 1,
      });
    },
  );

  it('nothing reported, no pages: zero', () => {
    expect(computeToil({ incidents: [], windowDays: 7 })).toEqual({
      interruptHours: 0,
      interruptHoursPerWeek: 0,
      interruptPages: 0,
      selfReportedHoursPerWeek: 0,
      toilHoursPerWeek: 0,
      invalidToilItems: 0,
      dataQualityIssues: 0,
    });
  });

  it('skips and counts invalid toil items', () => {
    const result = computeToil({
      incidents: [],
      toilItems: [
        { task: 'ok', minutesPerOccurrence: 90, occurrencesPerWeek: 1 },
        { task: 'negative', minutesPerOccurrence: -5, occurrencesPerWeek: 1 },
        { task: 'nan', minutesPerOccurrence: 5, occurrencesPerWeek: NaN },
      ],
      windowDays: 28,
    });
    expect(result.selfReportedHoursPerWeek).toBe(1.5);
    expect(result.invalidToilItems).toBe(2);
  });

  it.each([[0], [-7], [NaN]])('rejects windowDays %p', windowDays => {
    expect(() => computeToil({ incidents: [], windowDays })).toThrow(
      /Invalid windowDays/,
    );
  });
});
