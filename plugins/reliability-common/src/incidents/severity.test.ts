import { DEFAULT_SEVERITIES, SeverityConfig, severityOf } from './severity';

const config: SeverityConfig = {
  severities: [...DEFAULT_SEVERITIES],
  priorities: { P1: 'SEV0', P2: 'SEV1', p3: 'SEV2', P9: 'SEV9' },
  majorSeverity: 'SEV1',
  label: 'severity',
  labelValues: { critical: 'SEV1', page: 'SEV1', Warning: 'SEV3' },
};

describe('severityOf', () => {
  it.each<
    [string, Parameters<typeof severityOf>[0], SeverityConfig, string | null]
  >([
    ['PagerDuty priority P1', { priority: 'P1' }, config, 'SEV0'],
    [
      'priority names compare case-insensitively',
      { priority: 'P3' },
      config,
      'SEV2',
    ],
    ['priority with spaces', { priority: ' p2 ' }, config, 'SEV1'],
    ['unmapped priority: no severity', { priority: 'P5' }, config, null],
    [
      'a map to an unknown severity is ignored',
      { priority: 'P9' },
      config,
      null,
    ],
    [
      'major incident with an unmapped priority',
      { priority: 'P5', major: true },
      config,
      'SEV1',
    ],
    ['major incident without a priority', { major: true }, config, 'SEV1'],
    [
      'the priority wins over the major flag',
      { priority: 'P1', major: true },
      config,
      'SEV0',
    ],
    [
      'major flag unused without majorSeverity',
      { major: true },
      { ...config, majorSeverity: undefined },
      null,
    ],
    ['ALERTS label critical', { severityLabel: 'critical' }, config, 'SEV1'],
    [
      'ALERTS label Warning vs warning',
      { severityLabel: 'warning' },
      config,
      'SEV3',
    ],
    ['unmapped label: no severity', { severityLabel: 'info' }, config, null],
    ['no label: no severity', { severityLabel: null }, config, null],
    ['nothing at all: no severity, never guessed', {}, config, null],
    [
      'a source severity that is configured',
      { severity: 'sev2' },
      config,
      'SEV2',
    ],
    [
      'a source severity that is not configured falls through',
      { severity: 'critical', severityLabel: 'page' },
      config,
      'SEV1',
    ],
    [
      'custom names',
      { priority: 'P1' },
      {
        ...config,
        severities: ['Critical', 'Major'],
        priorities: { P1: 'Critical' },
      },
      'Critical',
    ],
    [
      'empty maps (the defaults): no severity',
      { priority: 'P1', severityLabel: 'critical' },
      { ...config, priorities: {}, labelValues: {}, majorSeverity: undefined },
      null,
    ],
  ])('%s', (_name, incident, cfg, expected) => {
    expect(severityOf(incident, cfg)).toBe(expected);
  });
});
