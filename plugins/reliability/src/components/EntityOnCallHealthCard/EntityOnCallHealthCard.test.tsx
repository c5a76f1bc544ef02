import { EntityAlertQuality } from '@reliability-kit/backstage-plugin-reliability-common';
import { screen, within } from '@testing-library/react';
import { ReliabilityApi } from '../../api';
import {
  createAlertQualityReport,
  createAlertQualitySnapshot,
  createEntityAlertQuality,
} from '../../testUtils/createAlertQuality';
import { expectTrendFigure } from '../../__testUtils__/expectTrendFigure';
import { EntityOnCallHealthCard } from './EntityOnCallHealthCard';
import { renderForEntity } from '../../__testUtils__/renderForEntity';

const HOUR_MS = 60 * 60 * 1000;

function renderWith(api: Partial<ReliabilityApi>) {
  return renderForEntity(<EntityOnCallHealthCard />, api);
}

function renderData(data: EntityAlertQuality) {
  return renderWith({ getAlertQuality: async () => data });
}

async function figures(): Promise<Record<string, HTMLElement>> {
  const all = await screen.findAllByTestId('on-call-health-figure');
  return Object.fromEntries(
    all.map(figure => [figure.getAttribute('data-metric'), figure]),
  );
}

describe('EntityOnCallHealthCard', () => {
  it('shows six figures with their trends and links to the Alert quality tab', async () => {
    const getAlertQuality = jest.fn(async () => createEntityAlertQuality());
    await renderWith({ getAlertQuality });
    const card = await screen.findByTestId('on-call-health-card');
    expect(within(card).getByText('On-call health')).toBeInTheDocument();
    const byMetric = await figures();
    expect(Object.keys(byMetric)).toEqual([
      'pagesPerWeek',
      'offHoursShare',
      'mttaMedianMs',
      'mttrMedianMs',
      'noiseRatio',
      'runbookCoverage',
    ]);
    const expected: Array<[string, string, string, string, string]> = [
      // metric, value, previous, direction, tone
      ['pagesPerWeek', '3', '4.5', 'down', 'better'],
      ['offHoursShare', '50%', '50%', 'flat', 'neutral'],
      ['mttaMedianMs', '4 m 30 s', '3 m', 'up', 'worse'],
      ['mttrMedianMs', '2 h 5 m', '3 h', 'down', 'better'],
      ['noiseRatio', '25%', '25%', 'flat', 'neutral'],
      ['runbookCoverage', '75%', '–', 'unknown', 'neutral'],
    ];
    for (const [metric, value, previous, direction, tone] of expected) {
      expectTrendFigure(byMetric[metric], { value, previous, direction, tone });
    }
    expect(
      within(card).getByText('View alert quality').closest('a'),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout/alert-quality',
    );
    expect(getAlertQuality).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'checkout' },
      '28d',
    );
  });

  it('shows – without pages, never NaN', async () => {
    const quiet = createAlertQualitySnapshot({
      pages: 0,
      incidents: 0,
      pageTimes: { business: 0, off: 0, sleep: 0, offHours: 0 },
      runbookCoverage: null,
    });
    await renderData(
      createEntityAlertQuality({
        report: createAlertQualityReport(quiet, quiet),
      }),
    );
    const byMetric = await figures();
    expect(
      within(byMetric.pagesPerWeek).getByTestId('trend-figure-value'),
    ).toHaveTextContent(/^0$/);
    expect(
      within(byMetric.offHoursShare).getByTestId('trend-figure-value'),
    ).toHaveTextContent(/^–$/);
    expect(
      within(byMetric.runbookCoverage).getByTestId('trend-figure-value'),
    ).toHaveTextContent(/^–$/);
    expect(screen.getByTestId('on-call-health-card').textContent).not.toMatch(
      /NaN|Infinity/,
    );
  });

  it('tells which annotations to add without a paging source or rules', async () => {
    await renderData(
      createEntityAlertQuality({ pagingSource: null, report: null }),
    );
    expect(
      await screen.findByText(/No paging source and no alert rules/),
    ).toHaveTextContent(
      'pagerduty.com/service-id or reliability-kit.io/alert-selector',
    );
    expect(
      screen.queryByTestId('on-call-health-figure'),
    ).not.toBeInTheDocument();
  });

  it('tells when alert quality is not computed yet', async () => {
    await renderData(createEntityAlertQuality({ report: null }));
    expect(
      await screen.findByText(/Alert quality is not computed yet/),
    ).toBeInTheDocument();
  });

  it('shows stale and demo data and problems', async () => {
    await renderData(
      createEntityAlertQuality({
        demo: true,
        stale: true,
        staleReason: 'PagerDuty unreachable',
        computedAt: new Date(Date.now() - 2 * HOUR_MS - 60_000).toISOString(),
        problems: [{ source: 'alert-quality', message: 'bad selector' }],
      }),
    );
    expect(
      await screen.findByText('Last updated 2 h ago: PagerDuty unreachable'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('on-call-health-demo')).toHaveTextContent(
      'Demo data',
    );
    expect(
      screen.getByText(
        '1 problem with the alert quality data: see the Alert quality tab.',
      ),
    ).toBeInTheDocument();
    expect(await figures()).toHaveProperty('pagesPerWeek');
  });

  it('shows the error when the backend fails', async () => {
    await renderWith({
      getAlertQuality: async () => {
        throw new Error('Request failed with 503 Service Unavailable');
      },
    });
    const card = await screen.findByTestId('on-call-health-card');
    expect(
      (await within(card).findAllByText(/Request failed with 503/)).length,
    ).toBeGreaterThan(0);
  });

  it('shows progress while loading', async () => {
    await renderWith({ getAlertQuality: () => new Promise(() => {}) });
    expect(
      within(screen.getByTestId('on-call-health-card')).getByTestId('progress'),
    ).toBeInTheDocument();
  });
});
