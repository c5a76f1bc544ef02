import { within } from '@testing-library/react';

/** What a trend figure should show. */
export interface ExpectedTrendFigure {
  /** The current value, e.g. `4 m 30 s`. */
  value: string;
  /** The previous value, e.g. `3 m`. */
  previous: string;
  /** The arrow's direction: `up`, `down`, `flat` or `unknown`. */
  direction: string;
  /** The arrow's tone: `better`, `worse` or `neutral`. */
  tone: string;
}

/**
 * Expects a TrendFigure to show its value, the previous value (after
 * `previousLabel`) and an arrow of that direction and tone.
 */
export function expectTrendFigure(
  figure: HTMLElement,
  expected: ExpectedTrendFigure,
  previousLabel = 'previous 28 days',
) {
  expect(within(figure).getByTestId('trend-figure-value')).toHaveTextContent(
    expected.value,
  );
  expect(within(figure).getByTestId('trend-figure-previous')).toHaveTextContent(
    `${previousLabel}: ${expected.previous}`,
  );
  const arrow = within(figure).getByTestId('trend-arrow');
  expect(arrow).toHaveAttribute('data-direction', expected.direction);
  expect(arrow).toHaveAttribute('data-tone', expected.tone);
}
