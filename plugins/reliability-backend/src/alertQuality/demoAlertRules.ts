import { AlertRule } from '@reliability-kit/backstage-plugin-reliability-common';
import { LabelMatcher } from '../providers/prometheus/LabelMatcher';

const RULES: Array<{ name: string; runbook: boolean }> = [
  { name: 'ErrorRateAboveSLO', runbook: true },
  { name: 'HighLatencyP99', runbook: true },
  { name: 'PodCrashLooping', runbook: false },
  { name: 'QueueBacklogGrowing', runbook: true },
  { name: 'DiskFillingUp', runbook: false },
];

/**
 * Demo alert rules: five rules per selected service, two of them without a
 * runbook, so runbook coverage has something to show without Prometheus.
 */
export function selectDemoAlertRules(matchers: LabelMatcher[]): AlertRule[] {
  const service =
    matchers.find(m => m.operator === '=' && m.name === 'service')?.value ??
    'service';
  return RULES.map(rule => ({
    name: rule.name,
    group: `${service}.rules`,
    labels: { service, severity: 'critical' },
    annotations: {
      summary: `${rule.name} on ${service}`,
      ...(rule.runbook
        ? {
            runbook_url: `https://runbooks.example.com/${service}/${rule.name}`,
          }
        : {}),
    },
  }));
}
