import {
  ALERT_QUALITY_WINDOWS,
  AlertQualityWindow,
} from '@reliability-kit/backstage-plugin-reliability-common';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';

/**
 * Props of {@link AlertQualityWindowPicker}.
 *
 * @public
 */
export interface AlertQualityWindowPickerProps {
  value: AlertQualityWindow;
  onChange: (value: AlertQualityWindow) => void;
  disabled?: boolean;
}

/**
 * The number of days of a window for people, e.g. `28 days`.
 */
export function formatAlertQualityWindow(value: AlertQualityWindow): string {
  return `${value.replace(/d$/, '')} days`;
}

/**
 * Chooses the alert quality window: the last 7, 28 or 90 days.
 *
 * @public
 */
export function AlertQualityWindowPicker(props: AlertQualityWindowPickerProps) {
  const { value, onChange, disabled } = props;
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={value}
      onChange={(_event, next: AlertQualityWindow | null) => {
        // A click on the selected window deselects it: keep it selected.
        if (next) {
          onChange(next);
        }
      }}
      aria-label="Window"
      data-testid="alert-quality-window"
    >
      {ALERT_QUALITY_WINDOWS.map(option => (
        <ToggleButton
          key={option}
          value={option}
          disabled={disabled}
          aria-label={`Last ${formatAlertQualityWindow(option)}`}
        >
          {formatAlertQualityWindow(option)}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
