import { createExtensionTester } from '@backstage/frontend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { entitySloSummaryCard } from './alpha';

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
