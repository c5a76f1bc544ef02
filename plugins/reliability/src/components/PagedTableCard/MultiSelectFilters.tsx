import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles({
  filter: { minWidth: 160 },
});

const asIs = (value: string) => value;

/** A filter of {@link MultiSelectFilters}. */
export interface MultiSelectFilter<TName extends string> {
  name: TName;
  label: string;
  options: string[];
  /** The label of a value; default the value itself. */
  getLabel?: (value: string) => string;
}

/** Props of {@link MultiSelectFilters}. */
export interface MultiSelectFiltersProps<TName extends string> {
  /** The id of a filter's field is `<idPrefix><name>`. */
  idPrefix: string;
  /** The test id of a filter's input is `<testIdPrefix><name>`. */
  testIdPrefix: string;
  filters: MultiSelectFilter<TName>[];
  /** The values selected, by filter name. */
  values: Partial<Record<TName, string[]>>;
  onChange: (name: TName, values: string[]) => void;
}

/**
 * The filters of a table that each select several values. Selected values
 * that are not among the options are offered too.
 */
export function MultiSelectFilters<TName extends string>(
  props: MultiSelectFiltersProps<TName>,
) {
  const classes = useStyles();
  return (
    <>
      {props.filters.map(filter => {
        const value = props.values[filter.name] ?? [];
        const getLabel = filter.getLabel ?? asIs;
        const options = Array.from(new Set([...filter.options, ...value]));
        return (
          <TextField
            key={filter.name}
            select
            className={classes.filter}
            id={`${props.idPrefix}${filter.name}`}
            label={filter.label}
            variant="outlined"
            size="small"
            value={value}
            inputProps={{
              'data-testid': `${props.testIdPrefix}${filter.name}`,
            }}
            SelectProps={{
              multiple: true,
              renderValue: selected =>
                (selected as string[]).map(getLabel).join(', '),
            }}
            onChange={event =>
              props.onChange(
                filter.name,
                event.target.value as unknown as string[],
              )
            }
          >
            {options.map(option => (
              <MenuItem key={option} value={option}>
                {getLabel(option)}
              </MenuItem>
            ))}
          </TextField>
        );
      })}
    </>
  );
}
