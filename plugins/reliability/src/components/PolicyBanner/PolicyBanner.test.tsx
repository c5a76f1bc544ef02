import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  EntityPolicyResponse,
  PolicyException,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ReliabilityApi } from '../../api';
import {
  dialog,
  renderWithPermission,
  typeInDialog,
} from '../../__testUtils__/renderWithPermission';
import {
  addDays,
  endOfLocalDay,
  toDateInputValue,
} from '../ReadinessDialogs/readinessForms';
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
  exceptionKinds: ['dependency-outage', 'security-fix'],
  exceptionMaxDays: 14,
  ...rest,
});

const EXCEPTION: PolicyException = {
  id: 'x',
  entityRef: 'component:default/checkout',
  kind: 'dependency-outage',
  reason: 'The payment provider was down',
  createdBy: 'user:default/sre-lead',
  createdAt: SINCE,
  expiresAt: '2999-01-01T00:00:00.000Z',
};

async function renderBanner(
  value: EntityPolicyResponse | undefined,
  options: {
    api?: Partial<ReliabilityApi>;
    authorize?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  } = {},
) {
  const getEntityPolicy = jest.fn(async () => value);
  const api: Partial<ReliabilityApi> = { getEntityPolicy, ...options.api };
  const { authorize } = await renderWithPermission(
    <PolicyBanner entityRef={entityRef} />,
    api,
    { allow: options.authorize === AuthorizeResult.ALLOW },
  );
  return { getEntityPolicy, authorize };
}

const type = typeInDialog;

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
    await renderBanner(response({ exceptions: [EXCEPTION] }));
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

  describe('exceptions', () => {
    it('offers no grant or revoke without reliability.policy.except', async () => {
      const { authorize } = await renderBanner(
        response({ exceptions: [EXCEPTION] }),
      );
      await screen.findByTestId('policy-exception');
      expect(authorize).toHaveBeenCalledWith(
        expect.objectContaining({
          permission: expect.objectContaining({
            name: 'reliability.policy.except',
          }),
          resourceRef: 'component:default/checkout',
        }),
      );
      expect(
        screen.queryByTestId('policy-exception-grant'),
      ).not.toBeInTheDocument();
      expect(
        screen.queryByTestId('policy-exception-revoke'),
      ).not.toBeInTheDocument();
    });

    it('grants an exception with a kind, a reason and an expiry, then reloads', async () => {
      const createPolicyException = jest.fn(async () => EXCEPTION);
      const { getEntityPolicy } = await renderBanner(response(), {
        api: { createPolicyException },
        authorize: AuthorizeResult.ALLOW,
      });
      fireEvent.click(await screen.findByTestId('policy-exception-grant'));
      fireEvent.click(within(dialog()).getByRole('button', { name: 'Grant' }));
      expect(
        await within(dialog()).findByText('Pick the kind of exception'),
      ).toBeInTheDocument();
      expect(
        within(dialog()).getByText(
          'Say why deploys must go ahead despite the policy',
        ),
      ).toBeInTheDocument();
      expect(
        within(dialog()).getByText('Exceptions expire: pick a date'),
      ).toBeInTheDocument();

      // At most exceptionMaxDays (14) ahead.
      const late = toDateInputValue(addDays(new Date(), 15));
      fireEvent.mouseDown(
        within(dialog()).getByRole('button', { name: /Kind/ }),
      );
      fireEvent.click(
        await screen.findByRole('option', { name: 'security-fix' }),
      );
      type(/Reason/, 'CVE-2026-1234 in the TLS library');
      type(/Expires on/, late);
      fireEvent.click(within(dialog()).getByRole('button', { name: 'Grant' }));
      expect(
        await within(dialog()).findByText(/^Must be on or before/),
      ).toBeInTheDocument();
      expect(createPolicyException).not.toHaveBeenCalled();

      const date = toDateInputValue(addDays(new Date(), 3));
      type(/Expires on/, date);
      fireEvent.click(within(dialog()).getByRole('button', { name: 'Grant' }));
      await waitFor(() =>
        expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
      );
      expect(createPolicyException).toHaveBeenCalledWith(entityRef, {
        kind: 'security-fix',
        reason: 'CVE-2026-1234 in the TLS library',
        expiresAt: endOfLocalDay(date)!.toISOString(),
      });
      await waitFor(() => expect(getEntityPolicy).toHaveBeenCalledTimes(2));
    });

    it("shows the backend's refusal in the dialog, which stays open", async () => {
      const createPolicyException = jest.fn(async () => {
        throw new NotAllowedError(
          'The owners of component:default/checkout cannot approve its exceptions themselves',
        );
      });
      await renderBanner(response({ exceptionKinds: ['dependency-outage'] }), {
        api: { createPolicyException },
        authorize: AuthorizeResult.ALLOW,
      });
      fireEvent.click(await screen.findByTestId('policy-exception-grant'));
      // The only kind is chosen already.
      type(/Reason/, 'The payment provider was down');
      type(/Expires on/, toDateInputValue(addDays(new Date(), 1)));
      fireEvent.click(within(dialog()).getByRole('button', { name: 'Grant' }));
      expect(
        await within(dialog()).findByTestId(
          'policy-exception-dialog-submit-error',
        ),
      ).toHaveTextContent('cannot approve its exceptions themselves');
      expect(createPolicyException).toHaveBeenCalledWith(
        entityRef,
        expect.objectContaining({ kind: 'dependency-outage' }),
      );
    });

    it('revokes an exception in force after a confirmation, then reloads', async () => {
      const revokePolicyException = jest.fn(async () => ({
        ...EXCEPTION,
        revokedAt: SINCE,
        revokedBy: 'user:default/sre-lead',
      }));
      const { getEntityPolicy } = await renderBanner(
        response({ exceptions: [EXCEPTION] }),
        { api: { revokePolicyException }, authorize: AuthorizeResult.ALLOW },
      );
      fireEvent.click(await screen.findByTestId('policy-exception-revoke'));
      expect(dialog()).toHaveTextContent('Revoke the exception?');
      fireEvent.click(within(dialog()).getByRole('button', { name: 'Revoke' }));
      await waitFor(() =>
        expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
      );
      expect(revokePolicyException).toHaveBeenCalledWith(entityRef, 'x');
      await waitFor(() => expect(getEntityPolicy).toHaveBeenCalledTimes(2));
    });
  });
});
