import Chip from '@material-ui/core/Chip';

/** Props of {@link DemoChip}. */
export interface DemoChipProps {
  /** The chip's text; default `Demo data`. */
  label?: string;
  'data-testid'?: string;
}

/** The small outlined chip that marks data of the demo provider. */
export function DemoChip(props: DemoChipProps) {
  return (
    <Chip
      size="small"
      variant="outlined"
      label={props.label ?? 'Demo data'}
      data-testid={props['data-testid']}
    />
  );
}
