import { InfoCard, InfoCardVariants } from '@backstage/core-components';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { ReactNode } from 'react';

/**
 * The styles every card of an entity shares: as high as its grid row, a row
 * of chips or a status at the top, and notices above the content.
 */
export const useEntityCardStyles = makeStyles(theme => ({
  root: { height: '100%' },
  header: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
  notice: { marginBottom: theme.spacing(1) },
}));

/** Props of {@link EntityCard}. */
export interface EntityCardProps {
  'data-testid': string;
  /** Other `data-*` attributes of the card, e.g. its id for tests. */
  [attribute: `data-${string}`]: string | number | undefined;
  title: ReactNode;
  subheader?: ReactNode;
  variant?: InfoCardVariants;
  deepLink?: { title: string; link: string };
  /** The content of the card. */
  children?: ReactNode;
  /** Shown after the card, e.g. a dialog it opens. */
  after?: ReactNode;
}

/** An InfoCard of an entity that fills the height of its grid row. */
export function EntityCard(props: EntityCardProps) {
  const {
    title,
    subheader,
    variant,
    deepLink,
    children,
    after,
    ...attributes
  } = props;
  const classes = useEntityCardStyles();
  return (
    <div className={classes.root} {...attributes}>
      <InfoCard
        title={title}
        subheader={subheader}
        variant={variant}
        deepLink={deepLink}
      >
        {children}
      </InfoCard>
      {after}
    </div>
  );
}

/** Props of {@link ProblemsNotice}. */
export interface ProblemsNoticeProps {
  /** How many problems; nothing is shown for 0. */
  count: number;
  /** What the problems are with, e.g. `the SLOs`. */
  subject: string;
  /** The tab that lists them, e.g. `Reliability`. */
  tab: string;
}

/** `N problems with <subject>: see the <tab> tab.`, as an error notice. */
export function ProblemsNotice(props: ProblemsNoticeProps) {
  const { count, subject, tab } = props;
  const classes = useEntityCardStyles();
  if (count === 0) {
    return null;
  }
  return (
    <Alert severity="error" className={classes.notice}>
      {count === 1
        ? `1 problem with ${subject}`
        : `${count} problems with ${subject}`}
      : see the {tab} tab.
    </Alert>
  );
}
