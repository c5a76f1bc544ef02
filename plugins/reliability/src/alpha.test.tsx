import { createExtensionTester } from '@backstage/frontend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import reliabilityPlugin, {
  entityAlertQualityContent,
  entityOnCallHealthCard,
  entitySloSummaryCard,
  reliabilityOverviewPage,
} from './alpha';

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

describe('reliabilityOverviewPage', () => {
  it('is the page at /reliability titled Reliability', () => {
    expect(reliabilityPlugin.getExtension('page:reliability')).toBeDefined();
    const tester = createExtensionTester(reliabilityOverviewPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/reliability');
    expect(tester.get(coreExtensionData.title)).toBe('Reliability');
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
