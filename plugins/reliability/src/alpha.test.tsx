import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { screen, waitFor } from '@testing-library/react';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import reliabilityPlugin, {
  campaignsPage,
  entityAlertQualityContent,
  entityCampaignsCard,
  entityIncidentsContent,
  entityOnCallHealthCard,
  entityScorecardCard,
  entitySloSummaryCard,
  reliabilityOverviewPage,
  scorecardOverviewPage,
} from './alpha';
import { reliabilityApiRef } from './api';
import { createEntityReliability, createScorecardResult } from './testUtils';

function entityOfKind(kind: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'checkout' },
  };
}

describe('entitySloSummaryCard', () => {
  it('is shown on component pages only', () => {
    const tester = createExtensionTester(entitySloSummaryCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(entityOfKind('Component'))).toBe(true);
    expect(filter(entityOfKind('System'))).toBe(false);
  });
});

describe('entityOnCallHealthCard', () => {
  it('is the on-call-health card, shown on component pages only', () => {
    expect(
      reliabilityPlugin.getExtension('entity-card:reliability/on-call-health'),
    ).toBeDefined();
    const tester = createExtensionTester(entityOnCallHealthCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(entityOfKind('Component'))).toBe(true);
    expect(filter(entityOfKind('Group'))).toBe(false);
  });
});

describe('entityAlertQualityContent', () => {
  it('is the "Alert quality" tab at alert-quality, on component pages only', () => {
    expect(
      reliabilityPlugin.getExtension(
        'entity-content:reliability/alert-quality',
      ),
    ).toBeDefined();
    const tester = createExtensionTester(entityAlertQualityContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('alert-quality');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Alert quality',
    );
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(entityOfKind('Component'))).toBe(true);
    expect(filter(entityOfKind('System'))).toBe(false);
  });
});

describe('entityIncidentsContent', () => {
  it('is the "Incidents" tab at incidents, on component pages only', () => {
    expect(
      reliabilityPlugin.getExtension('entity-content:reliability/incidents'),
    ).toBeDefined();
    const tester = createExtensionTester(entityIncidentsContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('incidents');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Incidents');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(entityOfKind('Component'))).toBe(true);
    expect(filter(entityOfKind('System'))).toBe(false);
  });
});

describe('reliabilityOverviewPage', () => {
  it('is the page at /reliability titled Reliability', () => {
    expect(reliabilityPlugin.getExtension('page:reliability')).toBeDefined();
    const tester = createExtensionTester(reliabilityOverviewPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/reliability');
    expect(tester.get(coreExtensionData.title)).toBe('Reliability');
  });
});

describe('entityScorecardCard', () => {
  it('is the scorecard card, shown on component pages only', () => {
    expect(
      reliabilityPlugin.getExtension('entity-card:reliability/scorecard'),
    ).toBeDefined();
    const tester = createExtensionTester(entityScorecardCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(entityOfKind('Component'))).toBe(true);
    expect(filter(entityOfKind('Group'))).toBe(false);
  });

  it.each([
    [undefined, 'Golden path'],
    [{ scorecardId: 'security' }, 'Security baseline'],
    [{ scorecardId: 'security', title: 'Security' }, 'Security'],
  ])(
    'renders the scorecard of the config %o (default golden-path)',
    async (config, title) => {
      const reliability = createEntityReliability();
      const api = {
        getEntityPolicy: async () => undefined,
        getEntityReliability: jest.fn(async () => ({
          ...reliability,
          sections: {
            ...reliability.sections,
            scorecards: {
              ...reliability.sections.scorecards,
              status: 'ok' as const,
              items: [
                createScorecardResult({ nextLevel: null, checks: [] }),
                createScorecardResult({
                  scorecardId: 'security',
                  title: 'Security baseline',
                  nextLevel: null,
                  checks: [],
                }),
              ],
            },
          },
        })),
        listScorecards: jest.fn(async () => ({ items: [] })),
        getScorecardHistory: jest.fn(async () => []),
      };
      const element = createExtensionTester(entityScorecardCard, {
        config,
      }).reactElement();
      renderInTestApp(
        <EntityProvider entity={entityOfKind('Component')}>
          {element}
        </EntityProvider>,
        { apis: [[reliabilityApiRef, api]] },
      );
      expect(await screen.findByText(title)).toBeInTheDocument();
      await waitFor(() =>
        expect(api.getScorecardHistory).toHaveBeenCalledWith(
          expect.anything(),
          config?.scorecardId ?? 'golden-path',
          90,
        ),
      );
    },
  );
});

describe('scorecardOverviewPage', () => {
  it('is the page at /reliability/scorecards titled Scorecards', () => {
    expect(
      reliabilityPlugin.getExtension('page:reliability/scorecards'),
    ).toBeDefined();
    const tester = createExtensionTester(scorecardOverviewPage);
    expect(tester.get(coreExtensionData.routePath)).toBe(
      '/reliability/scorecards',
    );
    expect(tester.get(coreExtensionData.title)).toBe('Scorecards');
    expect(tester.get(coreExtensionData.routeRef)).toBeDefined();
  });
});

describe('campaigns', () => {
  it('is the page at /reliability/campaigns titled Campaigns', () => {
    expect(
      reliabilityPlugin.getExtension('page:reliability/campaigns'),
    ).toBeDefined();
    const tester = createExtensionTester(campaignsPage);
    expect(tester.get(coreExtensionData.routePath)).toBe(
      '/reliability/campaigns',
    );
    expect(tester.get(coreExtensionData.title)).toBe('Campaigns');
  });

  it('is the campaigns card, shown on component pages only', () => {
    expect(
      reliabilityPlugin.getExtension('entity-card:reliability/campaigns'),
    ).toBeDefined();
    const tester = createExtensionTester(entityCampaignsCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(entityOfKind('Component'))).toBe(true);
    expect(filter(entityOfKind('Group'))).toBe(false);
  });
});

describe('catalog filters', () => {
  it.each([
    'catalog-filter:reliability/tier',
    'catalog-filter:reliability/slo-status',
  ])('provides %s', id => {
    expect(reliabilityPlugin.getExtension(id as never)).toBeDefined();
  });
});
