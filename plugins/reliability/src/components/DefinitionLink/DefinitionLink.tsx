import { Link } from '@backstage/core-components';
import { configApiRef, useApiHolder } from '@backstage/core-plugin-api';
import { makeStyles } from '@material-ui/core/styles';
import HelpOutline from '@material-ui/icons/HelpOutline';
import {
  DEFAULT_DEFINITIONS_URL,
  DefinitionAnchor,
  definitionHref,
} from './definitionAnchors';

const useStyles = makeStyles(theme => ({
  link: {
    display: 'inline-flex',
    verticalAlign: 'middle',
    marginLeft: theme.spacing(0.5),
    color: theme.palette.text.secondary,
  },
  icon: { fontSize: '0.9rem' },
}));

/** Props of {@link DefinitionLink}. */
export interface DefinitionLinkProps {
  /** The number's heading in docs/definitions.md. */
  anchor: DefinitionAnchor;
  /** What the number is called on screen, for the link's accessible name. */
  label: string;
}

/**
 * A small help icon linking to how a number is computed, in
 * docs/definitions.md (or where `reliability.definitionsUrl` points).
 */
export function DefinitionLink(props: DefinitionLinkProps) {
  const classes = useStyles();
  // Read through the holder, so that a card rendered without a config API
  // (a bare test, an app that does not provide one) still links.
  const config = useApiHolder().get(configApiRef);
  const baseUrl =
    config?.getOptionalString('reliability.definitionsUrl') ??
    DEFAULT_DEFINITIONS_URL;
  return (
    <Link
      to={definitionHref(props.anchor, baseUrl)}
      target="_blank"
      rel="noopener noreferrer"
      className={classes.link}
      aria-label={`How "${props.label}" is computed`}
      title={`How "${props.label}" is computed`}
      data-testid="definition-link"
      data-anchor={props.anchor}
    >
      <HelpOutline className={classes.icon} />
    </Link>
  );
}
