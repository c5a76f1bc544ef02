import { Table, TableColumn } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';

/** A dense table of records, paged above 20 rows, with a note when empty. */
export function RecordsTable<T extends object>(props: {
  testId: string;
  title: string;
  subtitle: string;
  columns: TableColumn<T>[];
  data: T[];
  empty: string;
}) {
  return (
    <div data-testid={props.testId}>
      <Table<T>
        title={props.title}
        subtitle={props.subtitle}
        columns={props.columns}
        data={props.data}
        options={{
          paging: props.data.length > 20,
          pageSize: 20,
          search: false,
          padding: 'dense',
          draggable: false,
        }}
        emptyContent={
          <Typography variant="body2" color="textSecondary" align="center">
            {props.empty}
          </Typography>
        }
      />
    </div>
  );
}
