import { DoubleAccount } from './DoubleAccount';
import { HttpError, offsetPage, pagination } from './validation';

/** `GET /services`, ordered by name. */
export function listServices(
  account: DoubleAccount,
  q: URLSearchParams,
): unknown {
  const page = pagination(q);
  const all = [...account.serviceById.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  );
  return offsetPage('services', all, page, service =>
    renderService(account, service.id),
  );
}

/** `GET /services/{id}`; a 404 for an unknown service. */
export function renderService(account: DoubleAccount, id: string): unknown {
  const service = account.serviceById.get(id);
  if (!service) {
    throw new HttpError(404, 2100, 'Not Found');
  }
  return {
    id: service.id,
    type: 'service',
    summary: service.name,
    self: `${account.origin}/services/${service.id}`,
    html_url: `https://example.pagerduty.com/service-directory/${service.id}`,
    name: service.name,
    auto_resolve_timeout: 14400,
    acknowledgement_timeout: 1800,
    status: 'active',
    escalation_policy: account.ref(
      'escalation_policy',
      service.escalationPolicyId,
      account.policyNames.get(service.escalationPolicyId) ?? '',
    ),
    teams: [],
    integrations: [],
    addons: [],
  };
}
