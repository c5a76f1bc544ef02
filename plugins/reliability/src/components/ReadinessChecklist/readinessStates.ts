import {
  AuditEntry,
  EntityReadiness,
  ReadinessItemState,
  ReadinessStatus,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { StateTone } from '../StateIndicator';
import { tierTitle } from '../format';

/** The text and tone of each readiness item state. */
export const ITEM_STATES: Record<
  ReadinessItemState,
  { label: string; tone: StateTone }
> = {
  passed: { label: 'Passed', tone: 'ok' },
  attested: { label: 'Attested', tone: 'ok' },
  expiring: { label: 'Expiring', tone: 'warning' },
  failed: { label: 'Failed', tone: 'error' },
  missing: { label: 'Missing', tone: 'error' },
  exempt: { label: 'Exempt', tone: 'aborted' },
  'not-required': { label: 'Not required', tone: 'aborted' },
};

/** States that count as done for the entity's readiness. */
export const DONE_STATES: ReadinessItemState[] = [
  'passed',
  'attested',
  'expiring',
  'exempt',
];

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The text and tone of an entity's readiness status. */
export function describeReadinessStatus(readiness: EntityReadiness): {
  label: string;
  tone: StateTone;
} {
  const status: ReadinessStatus = readiness.status;
  switch (status) {
    case 'ready':
      return { label: 'Ready', tone: 'ok' };
    case 'not-ready':
      return {
        label: `Not ready (${readiness.missing.length} missing)`,
        tone: 'error',
      };
    case 'expiring':
      return {
        label: `Expiring (${plural(
          readiness.expiring.length,
          'item',
          'items',
        )} soon)`,
        tone: 'warning',
      };
    case 'exempt':
      return { label: 'Ready with exemptions', tone: 'aborted' };
    default:
      return { label: 'Unknown tier', tone: 'pending' };
  }
}

/** `Not required for Tier 3`, or why nothing is required without a tier. */
export function notRequiredLabel(tier: string | null): string {
  return tier
    ? `Not required for ${tierTitle(tier)}`
    : 'Not required without a tier';
}

/** The text of each audit action. */
export const AUDIT_ACTIONS: Record<AuditEntry['action'], string> = {
  attest: 'Attested',
  exempt: 'Exempted',
  revoke: 'Revoked',
  push: 'Pushed a result',
  'toil.create': 'Added toil',
  'toil.update': 'Changed toil',
  'toil.delete': 'Removed toil',
  'policy.transition': 'Policy state changed',
  'policy.except': 'Granted a policy exception',
  'policy.revoke': 'Revoked a policy exception',
  'campaign.create': 'Created a campaign',
  'campaign.update': 'Changed a campaign',
  'campaign.end': 'Ended a campaign',
  'campaign.exempt': 'Exempted from a campaign',
  'campaign.promote': 'Promoted a campaign',
};
