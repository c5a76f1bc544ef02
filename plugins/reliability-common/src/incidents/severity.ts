import { Incident } from '../alertQuality/types';

/**
 * How incidents get a severity (`reliability.incidents.severity` in config).
 * Nothing is guessed: an incident that no rule maps has no severity.
 *
 * @public
 */
export interface SeverityConfig {
  /** The severity names, most severe first, e.g. `SEV0` ... `SEV4`. */
  severities: string[];
  /** PagerDuty priority name (e.g. `P1`) to severity. */
  priorities: Record<string, string>;
  /**
   * The severity of a PagerDuty major incident whose priority is not
   * mapped (PagerDuty classifies an incident as major by its priority or
   * its responders); unset: the major flag is not used.
   */
  majorSeverity?: string;
  /** The alert label read on incidents rebuilt from `ALERTS` (default `severity`). */
  label: string;
  /** That label's value (e.g. `critical`) to severity. */
  labelValues: Record<string, string>;
}

/**
 * The default names: SEV0 (most severe) to SEV4.
 *
 * @public
 */
export const DEFAULT_SEVERITIES: readonly string[] = [
  'SEV0',
  'SEV1',
  'SEV2',
  'SEV3',
  'SEV4',
];

const lookup = (
  map: Record<string, string>,
  key: string | null | undefined,
) => {
  const k = key?.trim().toLowerCase();
  if (!k) return undefined;
  const hit = Object.keys(map).find(m => m.trim().toLowerCase() === k);
  return hit === undefined ? undefined : map[hit];
};

/**
 * The severity of an incident, or null when no rule gives one. In order:
 * a severity the source sets itself (added providers) when it is one of the
 * configured names; the PagerDuty priority through `priorities`; the major
 * flag through `majorSeverity`; the alert label through `labelValues`. Keys
 * compare case-insensitively. Pure.
 *
 * @public
 */
export function severityOf(
  incident: Pick<Incident, 'severity' | 'priority' | 'major' | 'severityLabel'>,
  config: SeverityConfig,
): string | null {
  const known = (s: string | undefined) =>
    s !== undefined && config.severities.includes(s) ? s : undefined;
  return (
    known(
      config.severities.find(
        s => s.toLowerCase() === incident.severity?.trim().toLowerCase(),
      ),
    ) ??
    known(lookup(config.priorities, incident.priority)) ??
    (incident.major ? known(config.majorSeverity) : undefined) ??
    known(lookup(config.labelValues, incident.severityLabel)) ??
    null
  );
}
