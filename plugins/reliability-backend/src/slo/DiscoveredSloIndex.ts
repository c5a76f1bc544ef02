import { DiscoveredSlo } from '@reliability-kit/backstage-plugin-reliability-node';
import {
  LabelMatcher,
  matchesLabels,
} from '../providers/prometheus/LabelMatcher';

/**
 * Discovered SLOs, indexed by the values of their labels, so that binding
 * them to thousands of entities does not test every SLO for every entity.
 */
export class DiscoveredSloIndex {
  private readonly byLabel = new Map<string, Map<string, DiscoveredSlo[]>>();

  constructor(private readonly all: DiscoveredSlo[]) {}

  find(instance: string, matchers: LabelMatcher[]): DiscoveredSlo[] {
    const equality = matchers.find(m => m.operator === '=' && m.value !== '');
    let candidates = this.all;
    if (equality) {
      let values = this.byLabel.get(equality.name);
      if (!values) {
        values = new Map();
        for (const d of this.all) {
          const value = d.labels[equality.name];
          if (value !== undefined) {
            const list = values.get(value) ?? [];
            list.push(d);
            values.set(value, list);
          }
        }
        this.byLabel.set(equality.name, values);
      }
      candidates = values.get(equality.value) ?? [];
    }
    return candidates.filter(
      d => d.instance === instance && matchesLabels(matchers, d.labels),
    );
  }
}
