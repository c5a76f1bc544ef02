import { Incident } from './types';

/**
 * What identifies the alert behind an incident: its alert key, or its title
 * when it has no (non-blank) alert key.
 *
 * @public
 */
export interface AlertGroupKey {
  /** The trimmed alert key or the trimmed title. */
  key: string;
  /** Whether the key is an alert key or a title. */
  keyType: 'alertKey' | 'title';
}

/**
 * The alert an incident belongs to, for flapping detection and the noisiest
 * alerts: the trimmed `alertKey`, or the trimmed `title` when the key is
 * missing or blank. A key and a title that happen to be the same text are
 * different alerts.
 *
 * @public
 */
export function getAlertGroupKey(
  incident: Pick<Incident, 'alertKey' | 'title'>,
): AlertGroupKey {
  const alertKey = incident.alertKey?.trim();
  if (alertKey) {
    return { key: alertKey, keyType: 'alertKey' };
  }
  return { key: (incident.title ?? '').trim(), keyType: 'title' };
}

/**
 * A string that is unique per alert group (alert keys and titles never
 * collide).
 *
 * @internal
 */
export function alertGroupId(group: AlertGroupKey): string {
  return `${group.keyType}:${group.key}`;
}
