import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import {
  EntityReliability,
  ScorecardResult,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ReliabilityApi, reliabilityApiRef } from '../../api';
import {
  createEntityReliability,
  createReadinessRecord,
  createScorecardResult,
  createScorecardSummary,
} from '../../testUtils';
import {
  addDays,
  endOfLocalDay,
  toDateInputValue,
} from '../ReadinessDialogs/readinessForms';
import { EntityScorecardCard } from './EntityScorecardCard';

jest.mock('recharts', () =>
  require('../../testUtils/mockRecharts').mockRecharts(),
);

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default', title: 'Checkout' },
  spec: { type: 'service' },
};
const entityRef = { kind: 'Component', namespace: 'default', name: 'checkout' };

function withScorecards(
  items: ScorecardResult[],
  status: 'ok' | 'not-collected' = 'ok',
): EntityReliability {
  const base = createEntityReliability();
  return {
    ...base,
    sections: {
      ...base.sections,
      scorecards: {
        status,
        items,
        problems: [],
        demo: false,
        computedAt: status === 'ok' ? new Date().toISOString() : null,
        stale: false,
      },
    },
  };
}

function createApi(overrides: Partial<ReliabilityApi> = {}) {
  return {
    getEntityReliability: jest.fn(async () =>
      withScorecards([createScorecardResult()]),
    ),
    listScorecards: jest.fn(async () => ({
      items: [createScorecardSummary()],
    })),
    getScorecardHistory: jest.fn(async () => [
      { day: '2026-11-24', level: null, score: 0.25 },
      { day: '2026-11-25', level: 'bronze', score: 0.5 },
    ]),
    ...overrides,
  };
}

function renderCard(api: Partial<ReliabilityApi>, scorecardId = 'golden-path') {
  return renderInTestApp(
    <TestApiProvider apis={[[reliabilityApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityScorecardCard scorecardId={scorecardId} />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityScorecardCard', () => {
  it('shows the level, the score and the checks missing for the next level', async () => {
    const api = createApi();
    await renderCard(api);
    expect(await screen.findByTestId('scorecard-level')).toHaveTextContent(
      'Bronze',
    );
    expect(screen.getByText('Golden path')).toBeInTheDocument();
    expect(screen.getByTestId('scorecard-score')).toHaveTextContent(
      'Score 50%',
    );
    const next = screen.getByTestId('scorecard-next-level');
    expect(next).toHaveTextContent('Next level: Silver (2 checks missing)');
    const missing = within(next).getAllByTestId('scorecard-check');
    expect(missing.map(c => c.dataset.checkId)).toEqual([
      'ci-template',
      'techdocs',
    ]);
    expect(within(missing[0]).getByTestId('check-pushed')).toHaveTextContent(
      'pushed 3 h ago',
    );
    fireEvent.click(
      within(missing[1]).getByRole('button', { name: 'How to fix' }),
    );
    expect(within(missing[1]).getByTestId('how-to-fix')).toHaveTextContent(
      'Add the annotation backstage.io/techdocs-ref: dir:.',
    );
  });

  it('lists all checks by level with their states', async () => {
    await renderCard(createApi());
    const all = await screen.findByTestId('scorecard-all-checks');
    expect(all).toHaveTextContent('All checks (4)');
    const levels = within(all).getAllByTestId('scorecard-level-checks');
    expect(levels.map(l => l.dataset.level)).toEqual([
      'bronze',
      'silver',
      'gold',
    ]);
    expect(
      within(levels[2])
        .getAllByTestId('scorecard-check')
        .map(c => [c.dataset.checkId, c.dataset.state]),
    ).toEqual([['slo', 'exempt']]);
    expect(levels[2]).toHaveTextContent('Exempted by ada: Being migrated');
    expect(levels[0]).toHaveTextContent('Passed');
  });

  it('draws the history of the last 90 days', async () => {
    const api = createApi();
    await renderCard(api);
    await waitFor(() =>
      expect(screen.getByTestId('scorecard-history-chart')).toHaveAttribute(
        'data-state',
        'ready',
      ),
    );
    expect(api.getScorecardHistory).toHaveBeenCalledWith(
      entityRef,
      'golden-path',
      90,
    );
  });

  it('shows "No level" below the first level', async () => {
    await renderCard(
      createApi({
        getEntityReliability: jest.fn(async () =>
          withScorecards([
            createScorecardResult({
              level: null,
              levelTitle: null,
              nextLevel: 'bronze',
              nextLevelTitle: 'Bronze',
              missingForNextLevel: ['has-owner'],
              score: 0,
            }),
          ]),
        ),
      }),
    );
    expect(await screen.findByTestId('scorecard-level')).toHaveTextContent(
      'No level',
    );
    expect(screen.getByTestId('scorecard-next-level')).toHaveTextContent(
      'Next level: Bronze (1 check missing)',
    );
  });

  it('says when the scorecard does not apply to the entity', async () => {
    await renderCard(
      createApi({
        getEntityReliability: jest.fn(async () => withScorecards([])),
      }),
    );
    expect(
      await screen.findByText('This scorecard does not apply to Checkout.'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('scorecard-level')).not.toBeInTheDocument();
  });

  it('says when scorecards are not evaluated yet', async () => {
    await renderCard(
      createApi({
        getEntityReliability: jest.fn(async () =>
          withScorecards([], 'not-collected'),
        ),
      }),
    );
    expect(await screen.findByText('Not evaluated yet')).toBeInTheDocument();
  });

  it('exempts the entity from a missing check and reloads', async () => {
    const exemptScorecardCheck = jest.fn(async () =>
      createReadinessRecord({ type: 'exemption' }),
    );
    const api = createApi({ exemptScorecardCheck });
    await renderCard(api);
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Exempt from "Uses the CI template"',
      }),
    );
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('Golden path: Uses the CI template');
    const date = toDateInputValue(addDays(new Date(), 30));
    fireEvent.change(within(dialog).getByLabelText(/Reason/), {
      target: { value: 'Pipeline moves to the template next sprint' },
    });
    fireEvent.change(within(dialog).getByLabelText(/Expires on/), {
      target: { value: date },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Exempt' }));
    await waitFor(() =>
      expect(api.getEntityReliability).toHaveBeenCalledTimes(2),
    );
    expect(exemptScorecardCheck).toHaveBeenCalledWith(
      entityRef,
      'golden-path',
      'ci-template',
      {
        reason: 'Pipeline moves to the template next sprint',
        expiresAt: endOfLocalDay(date)!.toISOString(),
      },
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });
});
