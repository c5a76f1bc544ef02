import { useEffect, useMemo, useState } from 'react';
import {
  CatalogAutocomplete,
  EntityFilter,
  useEntityList,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import { ReliabilityEntityFilters } from './filters';

type FilterName = 'tier' | 'sloStatus';

export interface LabelPickerProps {
  name: FilterName;
  label: string;
  options: string[];
  getOptionLabel: (option: string) => string;
  Filter: new (values: string[]) => EntityFilter & { values: string[] };
  initialFilter?: string[];
  'data-testid': string;
}

function sameValues(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/**
 * A multi-select catalog filter whose state is kept in the catalog's URL
 * query (`filters[<name>]=...`), like the built-in pickers.
 */
export function LabelPicker(props: LabelPickerProps) {
  const { name, label, options, getOptionLabel, Filter } = props;
  const { updateFilters, filters, queryParameters } =
    useEntityList<ReliabilityEntityFilters>();
  const queryParameter = queryParameters[name];
  const queryKey = JSON.stringify([queryParameter ?? []].flat());
  const queryValues = useMemo(
    () => (JSON.parse(queryKey) as unknown[]).map(String).filter(Boolean),
    [queryKey],
  );
  const [selected, setSelected] = useState<string[]>(() => {
    if (queryValues.length) {
      return queryValues;
    }
    return filters[name]?.values ?? props.initialFilter ?? [];
  });

  useEffect(() => {
    if (queryValues.length) {
      setSelected(previous =>
        sameValues(previous, queryValues) ? previous : queryValues,
      );
    }
  }, [queryValues]);

  useEffect(() => {
    updateFilters({
      [name]: selected.length ? new Filter(selected) : undefined,
    });
  }, [name, selected, Filter, updateFilters]);

  // Changed from elsewhere: follow the catalog's state.
  const current = filters[name]?.values;
  useEffect(() => {
    if (current && !sameValues(current, selected)) {
      setSelected(current);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current]);

  const allOptions = useMemo(
    () => Array.from(new Set([...options, ...selected])),
    [options, selected],
  );

  return (
    <Box pb={1} pt={1} data-testid={props['data-testid']}>
      <CatalogAutocomplete<string, true>
        multiple
        disableCloseOnSelect
        label={label}
        name={`${name}-picker`}
        options={allOptions}
        value={selected}
        getOptionLabel={getOptionLabel}
        onChange={(_event, values) => setSelected(values)}
      />
    </Box>
  );
}
