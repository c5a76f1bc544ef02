import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { EntityPolicyResponse } from '@reliability-kit/backstage-plugin-reliability-common';
import { screen, within } from '@testing-library/react';
import { ReliabilityApi, reliabilityApiRef } from '../../api';
import { PolicyBanner } from './PolicyBanner';

const entityRef = { kind: 'component', namespace: 'default', name: 'checkout' };
const SINCE = '2026-03-01T10:00:00.000Z';

const response = (
  rest: Partial<EntityPolicyResponse> = {},
): EntityPolicyResponse => ({
  entityRef: 'component:default/checkout',
  policy: {
    policyId: 'tier-1',
    state: 'exhausted',
    level: 2,
    since: SINCE,
    reasons: ['SLO "availability": budget remaining -12% is below 0%'],
    deploysAllowed: false,
    description: 'The error budget is spent.',
    requiredActions: ['Postmortem'],
    allowedChanges: ['P0 fixes', 'security fixes'],
    computedAt: SINCE,
    stale: false,
  },
  exceptions: [],
  pastExceptions: [],
  history: [
    {
      entityRef: 'component:default/checkout',
      from: 'ok',
      to: 'exhausted',
      at: SINCE,
      reasons: ['spent'],
    },
  ],
  exceptionKinds: ['dependency-outage'],
  ...rest,
});

async function renderBanner(value: EntityPolicyResponse | undefined) {
  const api: Partial<ReliabilityApi> = {
    getEntityPolicy: jest.fn(async () => value),
  };
  await renderInTestApp(
    <TestApiProvider apis={[[reliabilityApiRef, api]]}>
      <PolicyBanner entityRef={entityRef} />
    </TestApiProvider>,
  );
}

describe('PolicyBanner', () => {
  it('shows the state, since when, why, what is allowed and the history', async () => {
    await renderBanner(response());
    const banner = await screen.findByTestId('policy-banner');
    expect(banner).toHaveAttribute('data-state', 'exhausted');
    expect(within(banner).getByTestId('policy-state')).toHaveTextContent(
      'exhausted',
    );
    expect(within(banner).getByTestId('policy-deploys')).toHaveTextContent(
      'Deploys are stopped except P0 fixes, security fixes. Required: Postmortem.',
    );
    expect(within(banner).getByTestId('policy-reasons')).toHaveTextContent(
      'budget remaining -12% is below 0%',
    );
    expect(within(banner).getByTestId('policy-history')).toHaveTextContent(
      'ok → exhausted',
    );
    expect(
      within(banner)
        .getAllByTestId('definition-link')
        .map(l => l.getAttribute('data-anchor')),
    ).toEqual(['error-budget-policy', 'deploy-gate']);
  });

  it('lists exceptions in force with their expiry; deploys allowed by them', async () => {
    await renderBanner(
      response({
        exceptions: [
          {
            id: 'x',
            entityRef: 'component:default/checkout',
            kind: 'dependency-outage',
            reason: 'The payment provider was down',
            createdBy: 'user:default/sre-lead',
            createdAt: SINCE,
            expiresAt: '2999-01-01T00:00:00.000Z',
          },
        ],
      }),
    );
    const banner = await screen.findByTestId('policy-banner');
    expect(within(banner).getByTestId('policy-deploys')).toHaveTextContent(
      'allowed by an exception',
    );
    expect(within(banner).getByTestId('policy-exception')).toHaveTextContent(
      /dependency-outage by sre-lead, expires in \d+ days: The payment provider was down/,
    );
  });

  it('shows nothing without a policy', async () => {
    await renderBanner(undefined);
    expect(screen.queryByTestId('policy-banner')).not.toBeInTheDocument();
  });
});
