/**
 * One matcher of a silence, as Alertmanager API v2 returns it.
 *
 * @public
 */
export interface AlertmanagerSilenceMatcher {
  name: string;
  value: string;
  isRegex: boolean;
  /** False for `!=` and `!~`. Missing in old servers: then true. */
  isEqual: boolean;
}

/**
 * A silence (`GET /api/v2/silences`).
 *
 * @public
 */
export interface AlertmanagerSilence {
  id: string;
  state: 'active' | 'pending' | 'expired';
  matchers: AlertmanagerSilenceMatcher[];
  /** RFC 3339. */
  startsAt: string;
  /** RFC 3339. */
  endsAt: string;
  /** RFC 3339, when the server sent it. */
  updatedAt?: string;
  createdBy: string;
  comment: string;
}
