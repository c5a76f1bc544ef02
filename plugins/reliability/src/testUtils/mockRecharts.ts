import { cloneElement, createElement, ReactElement } from 'react';

/**
 * A `jest.mock('recharts', ...)` factory whose ResponsiveContainer renders
 * its chart at a fixed size: jsdom has no layout (nor ResizeObserver), so the
 * real one would render nothing.
 */
export function mockRecharts() {
  const actual = jest.requireActual('recharts');
  return {
    ...actual,
    ResponsiveContainer: (props: { children: ReactElement }) =>
      createElement(
        'div',
        { style: { width: 800, height: 200 } },
        cloneElement(props.children, { width: 800, height: 200 }),
      ),
  };
}
