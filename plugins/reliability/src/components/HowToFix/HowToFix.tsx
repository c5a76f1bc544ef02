import { MarkdownContent } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Collapse from '@material-ui/core/Collapse';
import { makeStyles } from '@material-ui/core/styles';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { useState } from 'react';

const useStyles = makeStyles(theme => ({
  toggle: { padding: theme.spacing(0, 0.5), minWidth: 0 },
  content: {
    borderLeft: `3px solid ${theme.palette.divider}`,
    paddingLeft: theme.spacing(1.5),
    marginTop: theme.spacing(0.5),
  },
}));

/**
 * Props of {@link HowToFix}.
 *
 * @public
 */
export interface HowToFixProps {
  /** Markdown. */
  markdown: string;
  /** The label of the toggle; default `How to fix`. */
  label?: string;
  defaultExpanded?: boolean;
}

/**
 * A collapsed "How to fix" section: a toggle that shows the markdown,
 * rendered by core-components' MarkdownContent.
 *
 * @public
 */
export function HowToFix(props: HowToFixProps) {
  const { markdown, label = 'How to fix' } = props;
  const classes = useStyles();
  const [open, setOpen] = useState(Boolean(props.defaultExpanded));
  return (
    <div>
      <Button
        size="small"
        color="primary"
        className={classes.toggle}
        aria-expanded={open}
        endIcon={open ? <ExpandLessIcon /> : <ExpandMoreIcon />}
        onClick={() => setOpen(prev => !prev)}
      >
        {label}
      </Button>
      <Collapse in={open} unmountOnExit>
        <div className={classes.content} data-testid="how-to-fix">
          <MarkdownContent content={markdown} />
        </div>
      </Collapse>
    </div>
  );
}
