import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { PrometheusClient } from '../providers/prometheus';
import {
  fetchAlertRules,
  loadAlertRuleSelector,
  loadEntityAlertRules,
} from './loadEntityAlertRules';
import { parseAlertSelector } from './parseAlertSelector';
import { selectAlertRules } from './selectAlertRules';

const BASE = 'http://prom.test';
const server = setupServer();
registerMswTestHooks(server);

const rule = (name: string, service: string, runbook?: string) => ({
  type: 'alerting',
  name,
  query: 'vector(1)',
  labels: { service },
  annotations: runbook ? { runbook_url: runbook } : {},
  health: 'ok',
  state: 'inactive',
  duration: 0,
  alerts: [],
});

function serveRules(): URL[] {
  const received: URL[] = [];
  server.use(
    http.get(`${BASE}/api/v1/rules`, ({ request }) => {
      received.push(new URL(request.url));
      return HttpResponse.json({
        status: 'success',
        data: {
          groups: [
            {
              name: 'g',
              file: 'g.yml',
              interval: 60,
              rules: [
                rule('A', 'checkout', 'https://runbooks/a'),
                rule('B', 'checkout'),
                rule('C', 'payments', 'https://runbooks/c'),
              ],
            },
          ],
        },
      });
    }),
  );
  return received;
}

const client = PrometheusClient.fromConfig(
  {
    name: 'eu-west',
    baseUrl: BASE,
    pathPrefix: '',
    headers: {},
    timeoutMs: 2_000,
    uiUrl: BASE,
  },
  { logger: mockServices.logger.mock() },
);

describe('loadEntityAlertRules', () => {
  it('reads the alerting rules of one entity', async () => {
    const received = serveRules();
    const rules = await loadEntityAlertRules(client, 'service="checkout"');
    expect(rules.map(r => r.name)).toEqual(['A', 'B']);
    expect(received).toHaveLength(1);
    expect(received[0].searchParams.get('type')).toBe('alert');
  });

  it('rejects an invalid selector before any request', async () => {
    const received = serveRules();
    await expect(loadEntityAlertRules(client, 'service=')).rejects.toThrow(
      InputError,
    );
    await expect(loadEntityAlertRules(client, '')).rejects.toThrow(
      /Invalid reliability-kit.io\/alert-selector annotation: Label matchers are empty/,
    );
    expect(received).toEqual([]);
  });
});

describe('fetchAlertRules and selectAlertRules', () => {
  it('cost one request for the whole fleet', async () => {
    const received = serveRules();
    const groups = await fetchAlertRules(client);
    const fleet = ['service="checkout"', 'service="payments"', 'service="x"'];
    const perEntity = fleet.map(s =>
      selectAlertRules(groups, parseAlertSelector(s)).map(r => r.name),
    );
    expect(perEntity).toEqual([['A', 'B'], ['C'], []]);
    expect(received).toHaveLength(1);
  });

  it('loadAlertRuleSelector fetches once and selects per entity', async () => {
    const received = serveRules();
    const select = await loadAlertRuleSelector(client);
    expect(select(parseAlertSelector('service="payments"'))).toEqual([
      {
        name: 'C',
        group: 'g',
        labels: { service: 'payments' },
        annotations: { runbook_url: 'https://runbooks/c' },
      },
    ]);
    expect(select(parseAlertSelector('service=~".+"'))).toHaveLength(3);
    expect(received).toHaveLength(1);
  });
});
