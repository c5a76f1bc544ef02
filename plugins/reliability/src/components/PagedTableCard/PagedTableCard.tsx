import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import TableCell from '@material-ui/core/TableCell';
import KeyboardArrowDown from '@material-ui/icons/KeyboardArrowDown';
import KeyboardArrowRight from '@material-ui/icons/KeyboardArrowRight';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode, useState } from 'react';
import { FIT_HEADER, WHOLE_WORDS } from '../tableLayout';
import { CursorPages } from './useCursorPages';

const useStyles = makeStyles(theme => ({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  table: {
    // Headers wrap between words only (never "Ti / e / r"), bottom-aligned
    // so a two-line header sits on the same baseline as one-line ones.
    '& thead th': FIT_HEADER,
    // Names and statuses stay whole ("Breaching", not "Breachi / ng").
    '& tbody td': WHOLE_WORDS,
    // Figures line up digit under digit.
    '& .MuiTableCell-alignRight': { fontVariantNumeric: 'tabular-nums' },
  },
  toggle: { width: theme.spacing(5), paddingRight: 0 },
  details: { backgroundColor: theme.palette.background.default },
  pager: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'flex-end',
    gap: theme.spacing(2),
    marginTop: theme.spacing(1),
  },
}));

/** Props of {@link PagedTableCard}. */
export interface PagedTableCardProps<TItem> {
  title: string;
  subheader: string;
  /**
   * The start of the test ids of the controls: `<prefix>-clear-filters`,
   * `<prefix>-page-info`, `<prefix>-previous-page`, `<prefix>-next-page`.
   */
  testIdPrefix: string;
  /** The page shown, from {@link useCursorPages}. */
  pages: CursorPages<TItem>;
  /** The filter fields. */
  filters: ReactNode;
  /** Whether a filter is set: offers to clear them. */
  hasFilters: boolean;
  onClearFilters: () => void;
  /** The test id of the text shown without rows. */
  emptyTestId: string;
  /** The text shown without rows when no filter is set. */
  emptyText: string;
  /** The test id of the table. */
  tableTestId: string;
  /** The test id of each row; a row has its entity's ref as `data-entity-ref`. */
  rowTestId: string;
  /** The cells of the header row. */
  headerCells: ReactNode;
  /** The cells of the row of an entity. */
  renderCells: (item: TItem) => ReactNode;
  /**
   * What a row's details row shows (e.g. the figures of hidden columns);
   * when given, each row gets a button that opens it
   * (`<rowTestId>-details-toggle`, `<rowTestId>-details`).
   */
  renderDetails?: (item: TItem) => ReactNode;
  /** The number of cells of a row (without the toggle), for the details row. */
  columnCount?: number;
}

/**
 * A card of a table of entities the backend filters and pages with cursors:
 * the filters (and a button to clear them), the rows of the page (or why
 * there are none), and the page number, the total count and the previous
 * and next buttons.
 */
export function PagedTableCard<TItem extends { entityRef: string }>(
  props: PagedTableCardProps<TItem>,
) {
  const { pages, hasFilters, testIdPrefix } = props;
  const { value, loading, error } = pages;
  const { renderDetails, rowTestId } = props;
  const classes = useStyles();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (ref: string) =>
    setOpen(previous => {
      const next = new Set(previous);
      if (!next.delete(ref)) next.add(ref);
      return next;
    });

  let body: JSX.Element;
  if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (loading && !value) {
    body = <Progress />;
  } else if (!value || value.items.length === 0) {
    body = (
      <Typography data-testid={props.emptyTestId} color="textSecondary">
        {hasFilters ? 'No entities match the filters.' : props.emptyText}
      </Typography>
    );
  } else {
    body = (
      <TableContainer>
        <Table
          size="small"
          className={classes.table}
          data-testid={props.tableTestId}
        >
          <TableHead>
            <TableRow>
              {renderDetails && (
                <TableCell className={classes.toggle}>
                  <span hidden>Details</span>
                </TableCell>
              )}
              {props.headerCells}
            </TableRow>
          </TableHead>
          <TableBody>
            {value.items.flatMap(item => {
              const isOpen = open.has(item.entityRef);
              const row = (
                <TableRow
                  key={item.entityRef}
                  data-testid={rowTestId}
                  data-entity-ref={item.entityRef}
                >
                  {renderDetails && (
                    <TableCell className={classes.toggle}>
                      <IconButton
                        size="small"
                        aria-expanded={isOpen}
                        aria-label={isOpen ? 'Hide details' : 'Show details'}
                        onClick={() => toggle(item.entityRef)}
                        data-testid={`${rowTestId}-details-toggle`}
                      >
                        {isOpen ? (
                          <KeyboardArrowDown fontSize="small" />
                        ) : (
                          <KeyboardArrowRight fontSize="small" />
                        )}
                      </IconButton>
                    </TableCell>
                  )}
                  {props.renderCells(item)}
                </TableRow>
              );
              if (!renderDetails || !isOpen) return [row];
              return [
                row,
                <TableRow
                  key={`${item.entityRef}#details`}
                  className={classes.details}
                  data-testid={`${rowTestId}-details`}
                  data-entity-ref={item.entityRef}
                >
                  <TableCell colSpan={(props.columnCount ?? 1) + 1}>
                    {renderDetails(item)}
                  </TableCell>
                </TableRow>,
              ];
            })}
          </TableBody>
        </Table>
      </TableContainer>
    );
  }

  return (
    <InfoCard title={props.title} subheader={props.subheader}>
      <Box className={classes.filters}>
        {props.filters}
        {hasFilters && (
          <Button
            onClick={props.onClearFilters}
            data-testid={`${testIdPrefix}-clear-filters`}
          >
            Clear filters
          </Button>
        )}
      </Box>
      {body}
      <Box className={classes.pager}>
        <Typography variant="body2" data-testid={`${testIdPrefix}-page-info`}>
          {value
            ? `Page ${pages.pageNumber} · ${value.totalCount} ${
                value.totalCount === 1 ? 'entity' : 'entities'
              }`
            : ''}
        </Typography>
        <Button
          disabled={!pages.hasPrevious || loading}
          onClick={pages.previous}
          data-testid={`${testIdPrefix}-previous-page`}
        >
          Previous
        </Button>
        <Button
          disabled={!value?.nextCursor || loading}
          onClick={pages.next}
          data-testid={`${testIdPrefix}-next-page`}
        >
          Next
        </Button>
      </Box>
    </InfoCard>
  );
}
