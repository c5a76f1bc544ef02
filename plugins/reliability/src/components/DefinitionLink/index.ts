export { DefinitionLink } from './DefinitionLink';
export type { DefinitionLinkProps } from './DefinitionLink';
export {
  DEFINITION_ANCHORS,
  DEFAULT_DEFINITIONS_URL,
  definitionHref,
} from './definitionAnchors';
export type { DefinitionAnchor } from './definitionAnchors';
