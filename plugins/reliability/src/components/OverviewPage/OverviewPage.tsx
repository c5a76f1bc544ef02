import {
  Content,
  ContentHeader,
  Header,
  Page,
} from '@backstage/core-components';
import { ReactNode } from 'react';

/** Props of {@link OverviewPage}. */
export interface OverviewPageProps {
  /** Whether to render the page header; the new frontend system renders its own. Default true. */
  header?: boolean;
  /** The title of the page header. */
  title: string;
  /** The subtitle of the page header. */
  subtitle: string;
  /** The title of the content. */
  contentTitle: string;
  /** What stands next to the content's title: links, pickers, buttons. */
  actions: ReactNode;
  /** The content. */
  children: ReactNode;
}

/**
 * An overview page of the plugin: its content, with a title and actions,
 * under a page header unless `header` is false.
 */
export function OverviewPage(props: OverviewPageProps) {
  const content = (
    <Content>
      <ContentHeader title={props.contentTitle}>{props.actions}</ContentHeader>
      {props.children}
    </Content>
  );
  if (props.header === false) {
    return content;
  }
  return (
    <Page themeId="tool">
      <Header title={props.title} subtitle={props.subtitle} />
      {content}
    </Page>
  );
}
