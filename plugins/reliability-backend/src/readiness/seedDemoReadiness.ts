import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ReadinessRecord } from '@reliability-kit/backstage-plugin-reliability-common';
import { ChecksConfig } from '@reliability-kit/backstage-plugin-reliability-node';
import { randomUUID } from 'node:crypto';
import { ReadinessStore } from './ReadinessStore';
import { Clock } from '../lib/Clock';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEMO_ACTOR = 'demo';

/**
 * Demo mode: stores the attestations, exemptions and pushed results of
 * `reliability.demo.readinessRecords` and `.pushedResults`, through the same
 * store (and audit log) as real ones. A record is created only when the
 * entity has none for the item, so revocations made in the demo stay, and a
 * pushed result only when the entity has none for the check, so results CI
 * pushed since stay (and a restart writes no audit entry).
 * Configuration errors name the key and fail the startup.
 */
export async function seedDemoReadiness(options: {
  config: Config;
  checks: ChecksConfig;
  readinessStore: ReadinessStore;
  logger: LoggerService;
  clock: Clock;
}): Promise<void> {
  const { config, checks, readinessStore, logger } = options;
  const now = options.clock.now();
  if (!config.getOptionalBoolean('reliability.demo.enabled')) {
    return;
  }
  const records =
    config.getOptionalConfigArray('reliability.demo.readinessRecords') ?? [];
  let created = 0;
  for (const [i, seed] of records.entries()) {
    const key = `reliability.demo.readinessRecords[${i}]`;
    const entityRef = seed.getString('entity');
    const itemId = seed.getString('item');
    const item = checks.readiness.find(r => r.id === itemId);
    if (!item) {
      throw new Error(
        `Invalid ${key}.item: unknown readiness item "${itemId}"`,
      );
    }
    const type = seed.getString('type');
    if (type !== 'attestation' && type !== 'exemption') {
      throw new Error(
        `Invalid ${key}.type: must be "attestation" or "exemption"`,
      );
    }
    const existing = await readinessStore.listRecords(entityRef, {
      includeRevoked: true,
    });
    if (
      existing.some(
        r => r.target.kind === 'readiness' && r.target.itemId === itemId,
      )
    ) {
      continue;
    }
    const createdAt = new Date(
      now.getTime() - (seed.getOptionalNumber('ageDays') ?? 0) * DAY_MS,
    );
    let expiresAt: Date | undefined;
    if (type === 'exemption') {
      expiresAt = new Date(
        now.getTime() +
          (seed.getOptionalNumber('expiresInDays') ?? 90) * DAY_MS,
      );
    } else if (item.validityDays) {
      expiresAt = new Date(createdAt.getTime() + item.validityDays * DAY_MS);
    }
    const record: ReadinessRecord = {
      id: randomUUID(),
      entityRef,
      type,
      target: { kind: 'readiness', itemId },
      createdBy: DEMO_ACTOR,
      createdAt: createdAt.toISOString(),
      reason: seed.getOptionalString('reason') ?? '',
      ...(seed.getOptionalString('evidenceUrl')
        ? { evidenceUrl: seed.getString('evidenceUrl') }
        : {}),
      ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
    };
    await readinessStore.createRecord(record, {
      at: now.toISOString(),
      actor: DEMO_ACTOR,
      action: type === 'attestation' ? 'attest' : 'exempt',
      entityRef,
      target: `readiness:${itemId}`,
      details: { ...record },
    });
    created++;
  }

  const pushed =
    config.getOptionalConfigArray('reliability.demo.pushedResults') ?? [];
  const results = pushed.map((seed, i) => {
    const key = `reliability.demo.pushedResults[${i}]`;
    const scorecardId = seed.getString('scorecard');
    const checkId = seed.getString('check');
    const scorecard = checks.scorecards.find(s => s.id === scorecardId);
    if (!scorecard) {
      throw new Error(
        `Invalid ${key}.scorecard: unknown scorecard "${scorecardId}"`,
      );
    }
    if (!checks.checks.find(c => c.id === checkId)?.pushed) {
      throw new Error(
        `Invalid ${key}.check: "${checkId}" is not a pushed check`,
      );
    }
    return {
      entityRef: seed.getString('entity'),
      passed: seed.getBoolean('passed'),
      ...(seed.getOptionalString('details')
        ? { details: seed.getString('details') }
        : {}),
      ...(seed.getOptionalString('url') ? { url: seed.getString('url') } : {}),
      checkId,
      scorecardId,
      pushedBy: DEMO_ACTOR,
      pushedAt: now.toISOString(),
    };
  });
  // Only where the entity has no result for the check yet: a restart must
  // not replace what CI pushed since, nor audit the seed again.
  const stored = results.length
    ? await readinessStore.insertPushedResultsIfAbsent(results, r => ({
        at: r.pushedAt,
        actor: DEMO_ACTOR,
        action: 'push' as const,
        entityRef: r.entityRef,
        target: `scorecard:${r.scorecardId}/${r.checkId}`,
        details: { ...r },
      }))
    : [];
  logger.info(
    `Demo readiness: ${created} attestations/exemptions created, ${stored.length} pushed results stored`,
  );
}
