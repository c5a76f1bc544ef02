import { Config } from '@backstage/config';
import { TierModel } from '@reliability-kit/backstage-plugin-reliability-common';
import { ChecksConfig } from '@reliability-kit/backstage-plugin-reliability-node';
import { CampaignDefinition } from './CampaignStore';
import { campaignInputSchema, validateCampaignInput } from './campaignInput';

/**
 * Reads the campaigns declared in `reliability.campaigns` (read-only,
 * source `config`), failing the startup with the key of a mistake, e.g.
 * `Invalid configuration: reliability.campaigns[0] "dueDate" must not be
 * before the startDate 2027-01-10`. Each needs an `id`; `createdAt` and
 * `updatedAt` are the start of its first day.
 */
export function readCampaignsConfig(
  config: Config,
  deps: { checks: ChecksConfig; tierModel: TierModel },
): CampaignDefinition[] {
  const raw = config.getOptional<unknown[]>('reliability.campaigns') ?? [];
  if (!Array.isArray(raw)) {
    throw new Error(
      'Invalid configuration: reliability.campaigns must be a list of campaigns',
    );
  }
  const seen = new Set<string>();
  return raw.map((value, i) => {
    const key = `reliability.campaigns[${i}]`;
    const parsed = campaignInputSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field =
        issue.code === 'unrecognized_keys'
          ? issue.keys.join(', ')
          : issue.path.join('.') || 'campaign';
      throw new Error(
        `Invalid configuration: ${key} "${field}" ${
          issue.code === 'unrecognized_keys' ? 'is unknown' : issue.message
        }`,
      );
    }
    if (!parsed.data.id) {
      throw new Error(`Invalid configuration: ${key} "id" is required`);
    }
    if (seen.has(parsed.data.id)) {
      throw new Error(
        `Invalid configuration: ${key} "id" "${parsed.data.id}" is used twice`,
      );
    }
    seen.add(parsed.data.id);
    let valid;
    try {
      valid = validateCampaignInput(parsed.data, deps, key);
    } catch (error) {
      throw new Error(`Invalid configuration: ${(error as Error).message}`);
    }
    const { id, ...rest } = valid;
    const at = `${valid.startDate}T00:00:00.000Z`;
    return {
      ...rest,
      id: id!,
      source: 'config',
      createdBy: 'config',
      createdAt: at,
      updatedAt: at,
    };
  });
}
