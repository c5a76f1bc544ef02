import { Progress } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import { ReactNode } from 'react';
import { ChartFrame, ChartNote } from './ChartFrame';

/** Props of {@link HistoryChartFrame}. */
export interface HistoryChartFrameProps {
  'data-testid': string;
  /** Whether the history is loading. */
  loading: boolean;
  /** Why the history could not be loaded. */
  error?: Error;
  /** The text of `error`; default its message. */
  formatError?: (error: Error) => string;
  /** Whether the history has no points. */
  empty: boolean;
  /** A note shown instead of the chart when its points have nothing to draw. */
  noDataNote?: string;
  /** The chart. */
  children: ReactNode;
}

/**
 * The frame of a chart of a history loaded from the backend, one point a
 * day: a progress bar while it loads, the error, a note while there is no
 * history, or the chart. Its `data-state` (`loading`, `error`, `empty`,
 * `no-data` or `ready`) tells tests which.
 */
export function HistoryChartFrame(props: HistoryChartFrameProps) {
  const { loading, error, formatError = e => e.message } = props;
  let state: 'loading' | 'error' | 'empty' | 'no-data' | 'ready';
  let content: ReactNode;
  if (loading) {
    state = 'loading';
    content = <Progress />;
  } else if (error) {
    state = 'error';
    content = (
      <Alert severity="error">
        Could not load the history: {formatError(error)}
      </Alert>
    );
  } else if (props.empty) {
    state = 'empty';
    content = (
      <ChartNote>
        No history yet: it builds up daily, one point a day.
      </ChartNote>
    );
  } else if (props.noDataNote !== undefined) {
    state = 'no-data';
    content = <ChartNote>{props.noDataNote}</ChartNote>;
  } else {
    state = 'ready';
    content = props.children;
  }
  return (
    <ChartFrame data-testid={props['data-testid']} data-state={state}>
      {content}
    </ChartFrame>
  );
}
