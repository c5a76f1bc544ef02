import { SUITE_FACTS } from './types';

/** Entity paths are flattened into facts up to this many segments. */
export const MAX_FACT_PATH_SEGMENTS = 4;

const ANNOTATION_OR_LABEL = /^(annotation|label):\S+$/;
const RELATION = /^relation:[A-Za-z][A-Za-z0-9_-]*$/;
const ENTITY_PATH = /^(metadata|spec)((?:\.[^.\s]+)+)$/;
const PUSH = /^push\.([^.]*)\.([^.]*)$/;
const PROVIDER = /^[A-Za-z][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)+$/;
const CHECK_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const LINK_FACTS = ['links.url', 'links.type', 'links.title'];
const METADATA_OWN_FACTS: Record<string, string> = {
  annotations: 'annotation:<key>',
  labels: 'label:<key>',
  links: 'links.url, links.type or links.title',
};

const FORMS =
  'annotation:<key>, label:<key>, relation:<type>, metadata.<path>, spec.<path>, ' +
  'links.url, links.type, links.title, reliability.<fact>, ' +
  'push.<checkId>.passed, push.<checkId>.value or <providerId>.<fact>';

/**
 * Checks a fact name against the fact-name grammar (see `CheckFacts`).
 * Returns the problem in words, or undefined when the name is valid.
 *
 * @param pushedChecks - ids of the checks with `pushed: true`; when given,
 *   `push.<checkId>.*` must name one of them.
 */
export function checkFactName(
  name: string,
  pushedChecks?: readonly string[],
): string | undefined {
  if (name !== name.trim() || name === '') {
    return `fact name ${JSON.stringify(
      name,
    )} must not be empty or have surrounding spaces`;
  }
  if (name.startsWith('annotation:') || name.startsWith('label:')) {
    return ANNOTATION_OR_LABEL.test(name)
      ? undefined
      : `fact "${name}" needs a key without spaces, e.g. annotation:backstage.io/techdocs-ref`;
  }
  if (name.startsWith('relation:')) {
    return RELATION.test(name)
      ? undefined
      : `fact "${name}" needs a relation type, e.g. relation:ownedBy`;
  }
  if (
    name === 'metadata' ||
    name === 'spec' ||
    name.startsWith('metadata.') ||
    name.startsWith('spec.')
  ) {
    const match = ENTITY_PATH.exec(name);
    if (!match) {
      return `fact "${name}" needs a dotted path without empty parts, e.g. spec.lifecycle`;
    }
    const segments = match[2].slice(1).split('.');
    if (match[1] === 'metadata' && METADATA_OWN_FACTS[segments[0]]) {
      return `fact "${name}" is not collected; use ${
        METADATA_OWN_FACTS[segments[0]]
      }`;
    }
    if (segments.length > MAX_FACT_PATH_SEGMENTS) {
      return `fact "${name}" is nested too deeply; entity values are collected up to ${MAX_FACT_PATH_SEGMENTS} levels below ${match[1]}`;
    }
    return undefined;
  }
  if (name === 'links' || name.startsWith('links.')) {
    return LINK_FACTS.includes(name)
      ? undefined
      : `unknown link fact "${name}"; link facts are ${LINK_FACTS.join(', ')}`;
  }
  if (name === 'reliability' || name.startsWith('reliability.')) {
    return Object.prototype.hasOwnProperty.call(SUITE_FACTS, name)
      ? undefined
      : `unknown suite fact "${name}"; known suite facts are ${Object.keys(
          SUITE_FACTS,
        ).join(', ')}`;
  }
  if (name === 'push' || name.startsWith('push.')) {
    const match = PUSH.exec(name);
    if (
      !match ||
      !CHECK_ID.test(match[1]) ||
      (match[2] !== 'passed' && match[2] !== 'value')
    ) {
      return `fact "${name}" must be push.<checkId>.passed or push.<checkId>.value`;
    }
    if (pushedChecks && !pushedChecks.includes(match[1])) {
      return `fact "${name}" names "${
        match[1]
      }", which is not a check with pushed: true; ${
        pushedChecks.length
          ? `pushed checks are ${pushedChecks.join(', ')}`
          : 'no check is pushed'
      }`;
    }
    return undefined;
  }
  if (PROVIDER.test(name)) {
    return undefined; // a fact provider's fact; providers register at runtime
  }
  return `unknown fact "${name}"; facts are ${FORMS}`;
}
