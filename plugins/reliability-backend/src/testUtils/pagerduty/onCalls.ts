import { DoubleAccount } from './DoubleAccount';
import {
  invalid,
  offsetPage,
  pagination,
  parseTime,
  setOf,
} from './validation';

/** `GET /oncalls`: on-calls overlapping `since`..`until` (default now). */
export function listOnCalls(
  account: DoubleAccount,
  q: URLSearchParams,
  now: number,
): unknown {
  const page = pagination(q);
  const sinceMs = q.has('since') ? parseTime(q.get('since'), 'since') : now;
  const untilMs = q.has('until') ? parseTime(q.get('until'), 'until') : now;
  if (untilMs < sinceMs) {
    throw invalid('until cannot be before since');
  }
  const policies = setOf(q.getAll('escalation_policy_ids[]'));
  const users = setOf(q.getAll('user_ids[]'));
  const schedules = setOf(q.getAll('schedule_ids[]'));
  const matches = account.onCalls.filter(o => {
    const start = o.start === null ? -Infinity : Date.parse(o.start);
    const end = o.end === null ? Infinity : Date.parse(o.end);
    return (
      (!policies || policies.has(o.escalationPolicyId)) &&
      (!users || users.has(o.userId)) &&
      (!schedules || (o.scheduleId && schedules.has(o.scheduleId))) &&
      start <= untilMs &&
      end >= sinceMs
    );
  });
  return offsetPage('oncalls', matches, page, o => ({
    escalation_policy: account.ref(
      'escalation_policy',
      o.escalationPolicyId,
      account.policyNames.get(o.escalationPolicyId) ?? o.escalationPolicyId,
    ),
    escalation_level: o.level,
    ...(o.scheduleId
      ? { schedule: account.ref('schedule', o.scheduleId, o.scheduleId) }
      : {}),
    user: account.ref(
      'user',
      o.userId,
      account.userNames.get(o.userId) ?? o.userId,
    ),
    start: o.start,
    end: o.end,
  }));
}
