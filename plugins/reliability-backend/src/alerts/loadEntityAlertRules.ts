import { AlertRule } from '@reliability-kit/backstage-plugin-reliability-common';
import {
  LabelMatcher,
  PromRuleGroup,
  PrometheusClient,
} from '../providers/prometheus';
import { parseAlertSelector } from './parseAlertSelector';
import { selectAlertRules } from './selectAlertRules';

/**
 * Fetches every alerting rule of a Prometheus-compatible instance
 * (`GET /api/v1/rules?type=alert`, without the rules' active alerts) in one
 * request, for the whole fleet. Select an entity's rules with
 * {@link selectAlertRules}.
 *
 * @throws as `PrometheusClient.rules`.
 * @public
 */
export async function fetchAlertRules(
  client: PrometheusClient,
  options: { signal?: AbortSignal } = {},
): Promise<PromRuleGroup[]> {
  const { groups } = await client.rules({
    type: 'alert',
    excludeAlerts: true,
    signal: options.signal,
  });
  return groups;
}

/**
 * Fetches the fleet's alerting rules once and returns a selector of an
 * entity's rules by its parsed alert-selector: the shape the alert-quality
 * collector's `loadAlertRules` option takes.
 *
 * @public
 */
export async function loadAlertRuleSelector(
  client: PrometheusClient,
  options: { signal?: AbortSignal } = {},
): Promise<(matchers: LabelMatcher[]) => AlertRule[]> {
  const groups = await fetchAlertRules(client, options);
  return matchers => selectAlertRules(groups, matchers);
}

/**
 * The alerting rules of one entity: parses its
 * `reliability-kit.io/alert-selector` annotation, fetches the rules and
 * selects the matching ones. For many entities, call
 * {@link fetchAlertRules} once and {@link selectAlertRules} per entity
 * instead.
 *
 * @throws InputError for an invalid selector (before any request), or as
 * `PrometheusClient.rules`.
 * @public
 */
export async function loadEntityAlertRules(
  client: PrometheusClient,
  selector: string,
  options: { signal?: AbortSignal } = {},
): Promise<AlertRule[]> {
  const matchers = parseAlertSelector(selector);
  const groups = await fetchAlertRules(client, options);
  return selectAlertRules(groups, matchers);
}
