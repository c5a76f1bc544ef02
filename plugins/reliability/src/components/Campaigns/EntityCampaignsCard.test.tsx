import { screen, within, fireEvent } from '@testing-library/react';
import { renderForEntity } from '../../__testUtils__/renderForEntity';
import { createEntityCampaign } from '../../testUtils';
import { EntityCampaignsCard } from './EntityCampaignsCard';

describe('EntityCampaignsCard', () => {
  it('lists the campaigns with due in / overdue by N days, status and what to fix', async () => {
    const getEntityCampaigns = jest.fn(async () => ({
      items: [
        createEntityCampaign(
          { dueInDays: -4, missing: ['Burn-rate alerts', 'Runbook'] },
          { id: 'late', title: 'Late one' },
        ),
        createEntityCampaign({ dueInDays: 1 }, { id: 'soon', title: 'Soon' }),
        createEntityCampaign(
          { status: 'done', missing: [], dueInDays: 30 },
          { id: 'done', title: 'Done one' },
        ),
      ],
    }));
    await renderForEntity(<EntityCampaignsCard />, { getEntityCampaigns });
    const items = await screen.findAllByTestId('entity-campaign');
    expect(getEntityCampaigns).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'checkout',
    });
    const [late, soon, done] = items;
    expect(within(late).getByTestId('campaign-due')).toHaveTextContent(
      'overdue by 4 days',
    );
    expect(
      within(late).getByTestId('entity-campaign-status'),
    ).toHaveTextContent('Not done');
    expect(
      within(late).getByTestId('entity-campaign-missing'),
    ).toHaveTextContent('Missing: Burn-rate alerts, Runbook');
    fireEvent.click(within(late).getByRole('button', { name: /How to fix/ }));
    expect(
      within(late).getByTestId('how-to-fix').querySelector('code'),
    ).toHaveTextContent('multiwindow');
    expect(within(soon).getByTestId('campaign-due')).toHaveTextContent(
      'due in 1 day',
    );
    expect(
      within(done).getByTestId('entity-campaign-status'),
    ).toHaveTextContent('Done');
    expect(
      within(done).queryByRole('button', { name: /How to fix/ }),
    ).not.toBeInTheDocument();
    expect(within(late).getByTestId('definition-link')).toHaveAttribute(
      'data-anchor',
      'campaign-due',
    );
  });

  it('says when no campaign applies, and shows errors', async () => {
    await renderForEntity(<EntityCampaignsCard />, {
      getEntityCampaigns: jest.fn(async () => ({ items: [] })),
    });
    expect(
      await screen.findByTestId('entity-campaigns-empty'),
    ).toHaveTextContent('No campaign applies to this entity.');
  });

  it('shows the backend error in the card', async () => {
    await renderForEntity(<EntityCampaignsCard />, {
      getEntityCampaigns: jest.fn(async () => {
        throw new Error('The campaigns store is unreachable');
      }),
    });
    expect(
      (await screen.findAllByText(/The campaigns store is unreachable/))[0],
    ).toBeInTheDocument();
  });
});
