import { useMemo, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { makeStyles } from '@material-ui/core/styles';
import { WeeklyReviewFormat, reliabilityApiRef } from '../../api';
import { formatErrorMessage } from '../format';
import { recentIsoWeeks } from '@reliability-kit/backstage-plugin-reliability-common';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
  },
  field: { minWidth: 140 },
}));

/** A small outlined select of the export; its input's test id is `export-<label>`. */
function ExportSelect(props: {
  id: string;
  label: string;
  value: string;
  options: Array<{ value: string; label: string }>;
  onChange: (value: string) => void;
}) {
  const classes = useStyles();
  return (
    <TextField
      select
      className={classes.field}
      id={props.id}
      label={props.label}
      variant="outlined"
      size="small"
      value={props.value}
      inputProps={{
        'data-testid': `export-${props.label.toLocaleLowerCase('en-US')}`,
      }}
      onChange={event => props.onChange(event.target.value)}
    >
      {props.options.map(option => (
        <MenuItem key={option.value} value={option.value}>
          {option.label}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** Saves a blob as a file through a temporary object URL. */
export function saveFile(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Picks an ISO week (default the current one) and a format, and downloads
 * the weekly review with the user's credentials.
 */
export function ExportWeeklyReview(props: { now?: Date }) {
  const classes = useStyles();
  const api = useApi(reliabilityApiRef);
  const weeks = useMemo(() => recentIsoWeeks(12, props.now), [props.now]);
  const [week, setWeek] = useState(weeks[0]);
  const [format, setFormat] = useState<WeeklyReviewFormat>('markdown');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const file = await api.downloadWeeklyReview(week, format);
      saveFile(file.blob, file.fileName);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box>
      <Box className={classes.root}>
        <ExportSelect
          id="reliability-export-week"
          label="Week"
          value={week}
          options={weeks.map(option => ({ value: option, label: option }))}
          onChange={setWeek}
        />
        <ExportSelect
          id="reliability-export-format"
          label="Format"
          value={format}
          options={[
            { value: 'markdown', label: 'Markdown' },
            { value: 'csv', label: 'CSV' },
          ]}
          onChange={value => setFormat(value as WeeklyReviewFormat)}
        />
        <Button
          variant="contained"
          color="primary"
          disabled={busy}
          onClick={download}
          data-testid="export-weekly-review"
        >
          {busy ? 'Exporting…' : 'Export weekly review'}
        </Button>
      </Box>
      {error !== undefined && (
        <Box mt={1}>
          <Alert severity="error" data-testid="export-error">
            Could not export the weekly review: {formatErrorMessage(error)}
          </Alert>
        </Box>
      )}
    </Box>
  );
}
