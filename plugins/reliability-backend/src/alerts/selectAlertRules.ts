import { AlertRule } from '@reliability-kit/backstage-plugin-reliability-common';
import {
  LabelMatcher,
  PromAlertingRule,
  PromRuleGroup,
  matchesLabels,
} from '../providers/prometheus';

/**
 * The alerting rules of `groups` whose labels match `matchers` (an entity's
 * alert-selector), in upstream order, for runbook coverage.
 *
 * @remarks
 *
 * Pure: fetch the groups once for the whole fleet with `fetchAlertRules`
 * and select per entity here, so N entities cost one upstream request. The
 * matchers are applied to the rule's own `labels` (the static labels every
 * alert of the rule carries), the way Prometheus would apply them to the
 * rule's alerts: a missing label is the empty string, regexes are anchored.
 * Rules that get the selected label only from their expression's series
 * cannot be told apart and are not selected. Recording rules are ignored.
 *
 * @public
 */
export function selectAlertRules(
  groups: PromRuleGroup[],
  matchers: LabelMatcher[],
): AlertRule[] {
  const selected: AlertRule[] = [];
  for (const group of groups) {
    for (const rule of group.rules) {
      if (rule.type === 'alerting' && matchesLabels(matchers, rule.labels)) {
        selected.push({
          name: rule.name,
          group: group.name,
          annotations: { ...rule.annotations },
          labels: { ...rule.labels },
        });
      }
    }
  }
  return selected;
}

/**
 * The alerting rule that raised an alert with these labels: the first rule
 * named `labels.alertname` whose static labels the alert carries (label
 * values with templates are not compared). Undefined when there is none,
 * e.g. because the rule was deleted since.
 *
 * @public
 */
export function findAlertRule(
  groups: PromRuleGroup[],
  labels: Record<string, string>,
): PromAlertingRule | undefined {
  const name = labels.alertname;
  if (name === undefined) {
    return undefined;
  }
  for (const group of groups) {
    for (const rule of group.rules) {
      if (
        rule.type === 'alerting' &&
        rule.name === name &&
        Object.entries(rule.labels).every(
          ([k, v]) => v.includes('{{') || labels[k] === v,
        )
      ) {
        return rule;
      }
    }
  }
  return undefined;
}
