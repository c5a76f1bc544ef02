import { Progress, ResponseErrorPanel } from '@backstage/core-components';

/** Props of {@link AsyncSection}. */
export interface AsyncSectionProps<T> {
  /** The state of the data, e.g. from `useAsync`. */
  state: { loading: boolean; error?: Error; value?: T };
  /** Renders the data once loaded. */
  children: (value: T) => JSX.Element;
}

/** Data loaded asynchronously: its error, a progress bar, or the data. */
export function AsyncSection<T>(props: AsyncSectionProps<T>) {
  const { loading, error, value } = props.state;
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (loading || value === undefined) {
    return <Progress />;
  }
  return props.children(value);
}
