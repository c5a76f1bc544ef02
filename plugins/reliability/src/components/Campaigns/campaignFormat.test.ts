import { formatDue } from './campaignFormat';
import { toCampaignFormValues, validateCampaignForm } from './campaignForm';
import { createCampaign } from '../../testUtils';

describe('formatDue', () => {
  it.each([
    [10, 'late', 'due in 10 days'],
    [1, 'late', 'due in 1 day'],
    [0, 'late', 'due today'],
    [-1, 'late', '1 day late'],
    [-12, 'late', '12 days late'],
    [-1, 'overdue', 'overdue by 1 day'],
    [-3, 'overdue', 'overdue by 3 days'],
    [2, 'overdue', 'due in 2 days'],
  ] as const)('%i days (%s) is "%s"', (days, style, text) => {
    expect(formatDue(days, style)).toBe(text);
  });
});

describe('validateCampaignForm', () => {
  const valid = {
    ...toCampaignFormValues(),
    id: 'golden',
    title: 'Silver on the golden path',
    description: 'Reach silver.',
    owner: 'group:default/platform',
    startDate: '2027-01-04',
    dueDate: '2027-03-31',
  };

  it.each<[string, Partial<typeof valid>, string, string]>([
    ['no title', { title: ' ' }, 'title', 'Give the campaign a title'],
    [
      'a bad id',
      { id: 'Not OK' },
      'id',
      'Lowercase letters, digits and dashes, e.g. burn-rate-alerts',
    ],
    ['no due date', { dueDate: '' }, 'dueDate', 'Pick a date'],
    [
      'an impossible date',
      { startDate: '2027-02-30' },
      'startDate',
      'Pick a date',
    ],
    [
      'no target',
      {},
      'readinessItems',
      'Name readiness items, scorecard checks or a scorecard level',
    ],
    [
      'a bad check',
      { scorecardChecks: 'golden-path' },
      'scorecardChecks',
      'scorecard/check, e.g. golden-path/has-runbook',
    ],
    [
      'two levels',
      { scorecardLevel: 'a/b c/d' },
      'scorecardLevel',
      'scorecard/level, e.g. golden-path/silver',
    ],
    [
      'a bad reminder',
      { readinessItems: 'x', everyDays: '1.5' },
      'everyDays',
      'A whole number of days',
    ],
  ])('rejects %s', (_name, change, field, message) => {
    const { input, errors } = validateCampaignForm(
      { ...valid, ...change },
      { creating: true },
    );
    expect(input).toBeUndefined();
    expect(errors[field as keyof typeof errors]).toBe(message);
  });

  it('turns the form into the request body', () => {
    const { input } = validateCampaignForm(
      {
        ...valid,
        scorecardChecks: 'golden-path/has-slo, golden-path/runbooks',
        scorecardLevel: 'golden-path/silver',
        owners: 'group:default/payments\ngroup:default/search',
        kinds: 'component',
        timeZone: 'Europe/Berlin',
        everyDays: '7',
        finalDays: '5',
        finalEveryDays: '1',
        published: 'true',
      },
      { creating: false },
    );
    expect(input).toEqual({
      title: 'Silver on the golden path',
      description: 'Reach silver.',
      owner: 'group:default/platform',
      target: {
        scorecardChecks: [
          { scorecardId: 'golden-path', checkId: 'has-slo' },
          { scorecardId: 'golden-path', checkId: 'runbooks' },
        ],
        scorecardLevel: { scorecardId: 'golden-path', level: 'silver' },
      },
      audience: {
        owners: ['group:default/payments', 'group:default/search'],
        kinds: ['component'],
      },
      startDate: '2027-01-04',
      dueDate: '2027-03-31',
      timeZone: 'Europe/Berlin',
      reminders: { everyDays: 7, finalDays: 5, finalEveryDays: 1 },
      published: true,
    });
  });

  it('round-trips a campaign through the form', () => {
    const campaign = createCampaign();
    const { input } = validateCampaignForm(toCampaignFormValues(campaign), {
      creating: false,
    });
    expect(input).toEqual({
      title: campaign.title,
      description: campaign.description,
      howToFix: campaign.howToFix,
      owner: campaign.owner,
      target: campaign.target,
      audience: campaign.audience,
      startDate: campaign.startDate,
      dueDate: campaign.dueDate,
      timeZone: 'UTC',
      reminders: campaign.reminders,
      published: true,
    });
  });
});
