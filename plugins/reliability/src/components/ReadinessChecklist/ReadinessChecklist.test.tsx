import { NotAllowedError } from '@backstage/errors';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import {
  EntityReadiness,
  ReliabilitySection,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ReliabilityApi, reliabilityApiRef } from '../../api';
import {
  createEntityReadiness,
  createReadinessRecord,
  createReadinessSection,
} from '../../testUtils';
import {
  addDays,
  endOfLocalDay,
  toDateInputValue,
} from '../ReadinessDialogs/readinessForms';
import { ReadinessChecklist } from './ReadinessChecklist';

const entityRef = { kind: 'component', namespace: 'default', name: 'checkout' };

/** Renders the checklist; the `onChange` it was given. */
async function renderChecklist(
  api: Partial<ReliabilityApi> = {},
  section: ReliabilitySection<EntityReadiness> = createReadinessSection(),
) {
  const onChange = jest.fn();
  await renderInTestApp(
    <TestApiProvider apis={[[reliabilityApiRef, api]]}>
      <ReadinessChecklist
        entityRef={entityRef}
        section={section}
        onChange={onChange}
      />
    </TestApiProvider>,
  );
  return onChange;
}

function row(itemId: string): HTMLElement {
  const found = screen
    .getAllByTestId('readiness-item')
    .find(r => r.getAttribute('data-item-id') === itemId);
  if (!found) {
    throw new Error(`No row of ${itemId}`);
  }
  return found;
}

function dialog(): HTMLElement {
  return screen.getByRole('dialog');
}

/** Clicks the button that opens a dialog, once it is there. */
async function openDialog(buttonName: string) {
  fireEvent.click(await screen.findByRole('button', { name: buttonName }));
}

/** Types a value into the field of the dialog with that label. */
function typeInto(label: string | RegExp, value: string) {
  fireEvent.change(within(dialog()).getByLabelText(label), {
    target: { value },
  });
}

/** Clicks a button of the dialog. */
function clickInDialog(name: string) {
  fireEvent.click(within(dialog()).getByRole('button', { name }));
}

describe('ReadinessChecklist', () => {
  it('shows the status, the groups, the item states and expiries', async () => {
    await renderChecklist();
    expect(await screen.findByTestId('readiness-status')).toHaveTextContent(
      'Not ready (2 missing)',
    );
    expect(screen.getByText('for Tier 1')).toBeInTheDocument();
    expect(screen.getByTestId('readiness-freshness')).toHaveTextContent(
      'Evaluated 5 min ago',
    );
    expect(
      screen.getAllByTestId('readiness-group').map(g => g.dataset.group),
    ).toEqual(['Observability', 'Operations']);

    // required items only; the item not required is collapsed
    expect(
      screen
        .getAllByTestId('readiness-item')
        .map(r => [r.dataset.itemId, r.dataset.state]),
    ).toEqual([
      ['slo-defined', 'passed'],
      ['runbook', 'failed'],
      ['backup-restore', 'expiring'],
      ['load-test', 'missing'],
    ]);
    expect(
      within(row('runbook')).getByTestId('readiness-item-state'),
    ).toHaveTextContent('Failed');
    expect(
      within(row('runbook')).getByText(/3 of 4 alert rules/),
    ).toBeVisible();
    expect(
      within(row('backup-restore')).getByTestId('readiness-item-expiry'),
    ).toHaveTextContent('expires in 9 days');
    expect(
      within(row('load-test')).getByTestId('readiness-item-expiry'),
    ).toHaveTextContent('expired on Mar 3, 2026');
    expect(
      within(row('backup-restore')).getByRole('link', { name: /^Evidence/ }),
    ).toHaveAttribute('href', 'https://wiki.example.com/drills/restore');

    const group = screen.getAllByTestId('readiness-group')[0];
    expect(group).toHaveTextContent('1 of 2 required items done');
    fireEvent.click(
      within(group).getByRole('button', {
        name: 'Not required for Tier 1 (1)',
      }),
    );
    expect(row('dashboards')).toHaveAttribute('data-state', 'not-required');
    expect(
      within(row('dashboards')).getByTestId('readiness-item-state'),
    ).toHaveTextContent('Not required');
  });

  it('renders how to fix an item as markdown', async () => {
    await renderChecklist();
    const runbook = await screen.findByText('Runbooks for every alert');
    const item = runbook.closest('tr')!;
    expect(within(item).queryByTestId('how-to-fix')).not.toBeInTheDocument();
    fireEvent.click(within(item).getByRole('button', { name: 'How to fix' }));
    const howToFix = within(item).getByTestId('how-to-fix');
    expect(within(howToFix).getByText('runbook_url').tagName).toBe('STRONG');
    expect(howToFix).toHaveTextContent('runbook_url: https://runbooks');
    // passed items have nothing to fix
    expect(
      within(row('slo-defined')).queryByRole('button', { name: 'How to fix' }),
    ).not.toBeInTheDocument();
  });

  it.each([
    ['ready', { missing: [], expiring: [] }, 'Ready'],
    ['expiring', { missing: [] }, 'Expiring (1 item soon)'],
    ['exempt', { missing: [] }, 'Ready with exemptions'],
    ['unknown', { tier: null }, 'Unknown tier'],
  ] as Array<[EntityReadiness['status'], Partial<EntityReadiness>, string]>)(
    'shows the status %s as "%s"',
    async (status, overrides, label) => {
      await renderChecklist(
        {},
        createReadinessSection({
          items: [createEntityReadiness({ status, ...overrides })],
        }),
      );
      expect(await screen.findByTestId('readiness-status')).toHaveTextContent(
        label,
      );
    },
  );

  it('tells when readiness is not evaluated yet', async () => {
    await renderChecklist(
      {},
      createReadinessSection({
        status: 'not-collected',
        items: [],
        computedAt: null,
      }),
    );
    expect(
      await screen.findByTestId('readiness-not-collected'),
    ).toHaveTextContent(/not evaluated yet/);
    expect(screen.queryByTestId('readiness-item')).not.toBeInTheDocument();
  });

  it('warns about stale data and labels demo data', async () => {
    await renderChecklist(
      {},
      createReadinessSection({
        stale: true,
        staleReason: 'Catalog unreachable',
        demo: true,
        computedAt: new Date(Date.now() - 3 * 60 * 60 * 1000).toISOString(),
      }),
    );
    expect(
      await screen.findByText('Warning: Stale readiness data'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Last updated 3 h ago: Catalog unreachable'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('readiness-demo-chip')).toHaveTextContent(
      'demo data',
    );
  });

  describe('attest', () => {
    it('validates the evidence URL and sends the attestation', async () => {
      const record = createReadinessRecord({
        target: { kind: 'readiness', itemId: 'load-test' },
      });
      const attestReadinessItem = jest.fn(async () => record);
      const onChange = await renderChecklist({ attestReadinessItem });
      await openDialog('Attest "Load test"');
      const expires = within(dialog()).getByLabelText(/Expires on/);
      // the default expiry is today + the validity of the item
      expect(expires).toHaveValue(toDateInputValue(addDays(new Date(), 180)));

      const url = within(dialog()).getByLabelText(/Evidence URL/);
      fireEvent.change(url, { target: { value: 'ftp://files/report.pdf' } });
      clickInDialog('Attest');
      expect(
        await within(dialog()).findByText('Must be an http:// or https:// URL'),
      ).toBeInTheDocument();
      expect(attestReadinessItem).not.toHaveBeenCalled();

      fireEvent.change(url, {
        target: { value: 'https://grafana.example.com/load-test/42' },
      });
      typeInto('Comment', ' 2x peak traffic ');
      clickInDialog('Attest');
      await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
      expect(attestReadinessItem).toHaveBeenCalledWith(entityRef, 'load-test', {
        evidenceUrl: 'https://grafana.example.com/load-test/42',
        comment: '2x peak traffic',
      });
      await waitFor(() =>
        expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
      );
    });

    it('sends a changed expiry as the end of that day', async () => {
      const attestReadinessItem = jest.fn(async () => createReadinessRecord());
      await renderChecklist({ attestReadinessItem });
      await openDialog('Attest "Backup restore tested"');
      const date = toDateInputValue(addDays(new Date(), 30));
      typeInto(/Evidence URL/, 'https://wiki.example.com/drill');
      typeInto(/Expires on/, date);
      clickInDialog('Attest');
      await waitFor(() =>
        expect(attestReadinessItem).toHaveBeenCalledWith(
          entityRef,
          'backup-restore',
          {
            evidenceUrl: 'https://wiki.example.com/drill',
            expiresAt: endOfLocalDay(date)!.toISOString(),
          },
        ),
      );
    });

    it('shows the message of a 403 and keeps the dialog open', async () => {
      const attestReadinessItem = jest.fn(async () => {
        throw new NotAllowedError(
          'Only the owners of component:default/checkout or an admin can attest',
        );
      });
      const onChange = await renderChecklist({ attestReadinessItem });
      await openDialog('Attest "Load test"');
      typeInto(/Evidence URL/, 'https://grafana.example.com/load-test/42');
      clickInDialog('Attest');
      expect(
        await screen.findByTestId('attest-dialog-submit-error'),
      ).toHaveTextContent(
        'Only the owners of component:default/checkout or an admin can attest',
      );
      expect(dialog()).toBeInTheDocument();
      expect(within(dialog()).getByLabelText(/Evidence URL/)).toHaveValue(
        'https://grafana.example.com/load-test/42',
      );
      expect(onChange).not.toHaveBeenCalled();
    });
  });

  describe('exempt', () => {
    it('requires a reason and an expiry within a year', async () => {
      const exemptReadinessItem = jest.fn(async () =>
        createReadinessRecord({ type: 'exemption' }),
      );
      const onChange = await renderChecklist({ exemptReadinessItem });
      await openDialog('Exempt from "Runbooks for every alert"');
      clickInDialog('Exempt');
      expect(
        await within(dialog()).findByText('Say why the entity is exempt'),
      ).toBeInTheDocument();
      expect(
        within(dialog()).getByText('Exemptions expire: pick a date'),
      ).toBeInTheDocument();

      typeInto(/Reason/, 'Alerts are being rewritten this quarter');
      const expires = within(dialog()).getByLabelText(/Expires on/);
      fireEvent.change(expires, {
        target: { value: toDateInputValue(addDays(new Date(), 400)) },
      });
      clickInDialog('Exempt');
      expect(
        await within(dialog()).findByText(/^Must be on or before/),
      ).toBeInTheDocument();
      expect(exemptReadinessItem).not.toHaveBeenCalled();

      const date = toDateInputValue(addDays(new Date(), 60));
      fireEvent.change(expires, { target: { value: date } });
      clickInDialog('Exempt');
      await waitFor(() => expect(onChange).toHaveBeenCalled());
      expect(exemptReadinessItem).toHaveBeenCalledWith(entityRef, 'runbook', {
        reason: 'Alerts are being rewritten this quarter',
        expiresAt: endOfLocalDay(date)!.toISOString(),
      });
    });
  });

  it('revokes an attestation with a reason after confirmation', async () => {
    const revokeReadinessRecord = jest.fn(async () => createReadinessRecord());
    const onChange = await renderChecklist({ revokeReadinessRecord });
    await openDialog('Revoke the attestation of "Backup restore tested"');
    expect(dialog()).toHaveTextContent('Revoke the attestation?');
    typeInto(/Reason/, 'Wrong drill');
    clickInDialog('Revoke');
    await waitFor(() => expect(onChange).toHaveBeenCalled());
    expect(revokeReadinessRecord).toHaveBeenCalledWith(
      entityRef,
      createReadinessRecord().id,
      { reason: 'Wrong drill' },
    );
  });

  it('lists the history of changes when expanded', async () => {
    const getAuditLog = jest.fn(async () => [
      {
        id: 2,
        at: new Date(Date.now() - 2 * 60 * 60 * 1000).toISOString(),
        actor: 'user:default/grace',
        action: 'revoke' as const,
        entityRef: 'component:default/checkout',
        target: 'readiness:backup-restore',
        details: { reason: 'Wrong drill' },
      },
      {
        id: 1,
        at: new Date(Date.now() - 3 * 24 * 60 * 60 * 1000).toISOString(),
        actor: 'user:default/ada',
        action: 'exempt' as const,
        entityRef: 'component:default/checkout',
        target: 'scorecard:golden-path/ci-template',
        details: { reason: 'No CI yet' },
      },
    ]);
    await renderChecklist({ getAuditLog });
    expect(getAuditLog).not.toHaveBeenCalled();
    fireEvent.click(await screen.findByRole('button', { name: 'History' }));
    const entries = await screen.findAllByTestId('audit-entry');
    expect(getAuditLog).toHaveBeenCalledWith(entityRef, 50);
    expect(entries.map(e => e.textContent)).toEqual([
      '2 h agograceRevokedBackup restore testedWrong drill',
      '3 d agoadaExemptedscorecard:golden-path/ci-templateNo CI yet',
    ]);
  });
});
