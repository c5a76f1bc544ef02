import {
  FleetRow,
  SloSnapshot,
  TierModel,
  computeRunbookCoverage,
  worstSloStatus,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { CheckFacts } from '@reliability-kit/backstage-plugin-reliability-node';
import type { AlertSourcesDocument } from '../alertQuality/AlertSourcesDocument';

/** What the store knows about one entity, for its suite facts. */
export interface SuiteFactsInput {
  /** A configured tier id, or null. */
  tier: string | null;
  tierModel: TierModel;
  /** The stored SLO snapshots; undefined when SLOs were never collected. */
  slos?: SloSnapshot[];
  alertSources?: AlertSourcesDocument;
  fleetRow?: FleetRow;
  /** Self-reported toil, minutes per week. */
  toilMinutesPerWeek?: number;
}

/**
 * The `reliability.*` facts of an entity (see `SUITE_FACTS` in -common),
 * from what the collectors stored. Unknown values are null, never NaN.
 */
export function buildSuiteFacts(input: SuiteFactsInput): CheckFacts {
  const tierDefinition = input.tier
    ? input.tierModel.tiers.find(t => t.id === input.tier)
    : undefined;
  const slos = input.slos ?? [];
  const objectives = slos.map(s => s.objective).filter(o => Number.isFinite(o));
  const rules = input.alertSources?.rules ?? null;
  const coverage =
    rules && rules.length > 0 ? computeRunbookCoverage(rules).coverage : null;
  const noise = input.fleetRow?.noiseRatio;
  return {
    'reliability.tier': input.tier,
    'reliability.tierMinimumObjective':
      tierDefinition?.minimumObjective ?? null,
    'reliability.sloCount': slos.length,
    'reliability.sloStatus': worstSloStatus(slos.map(s => s.status)),
    'reliability.lowestObjective': objectives.length
      ? Math.min(...objectives)
      : null,
    'reliability.runbookCoverage':
      coverage !== null && Number.isFinite(coverage) ? coverage : null,
    'reliability.alertRuleCount': rules ? rules.length : 0,
    'reliability.alertNoiseRatio':
      typeof noise === 'number' && Number.isFinite(noise) ? noise : null,
    'reliability.onCallConfigured': Boolean(input.alertSources?.pagingSource),
    'reliability.toilHoursPerWeek':
      Math.round(((input.toilMinutesPerWeek ?? 0) / 60) * 100) / 100,
  };
}
