import { Config } from '@backstage/config';
import {
  BusinessCalendar,
  DEFAULT_SEVERITIES,
  SeverityConfig,
  TierModel,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { TeamHours } from '../config/readTeamsConfig';

/** The incidents feature's configuration (`reliability.incidents`). */
export interface IncidentsConfig {
  severity: SeverityConfig;
  /** Severities that require a postmortem (default: the two most severe). */
  requiredSeverities: string[];
  slaBusinessDays: number;
  /** Overdue days after which an action is stalled, by tier id, and otherwise. */
  stalledAfterDays(tier: string | undefined): number;
  /** The business calendar of an owner (team time zone, working days, holidays). */
  calendarOf(ownerRef: string | undefined): BusinessCalendar;
  /** How far before an incident the SLO burn rate is searched, in hours. */
  mttdLookbackHours: number;
  postmortemMaxBytes?: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function fail(key: string, message: string): never {
  throw new Error(`Invalid configuration: ${key} ${message}`);
}

function readMap(
  config: Config | undefined,
  path: string,
  severities: string[],
): Record<string, string> {
  const key = `reliability.incidents.${path}`;
  const map = config?.getOptional<Record<string, unknown>>(path) ?? {};
  if (typeof map !== 'object' || Array.isArray(map)) {
    fail(key, 'must be a map such as { P1: SEV0 }');
  }
  const out: Record<string, string> = {};
  for (const [from, to] of Object.entries(map)) {
    if (typeof to !== 'string' || !severities.includes(to)) {
      fail(
        `${key}.${from}`,
        `"${String(
          to,
        )}" is not one of the configured severities ${severities.join(', ')}`,
      );
    }
    out[from] = to;
  }
  return out;
}

function readDates(config: Config, path: string, key: string): string[] {
  const dates = config.getOptionalStringArray(path) ?? [];
  for (const d of dates) {
    if (!DATE.test(d) || Number.isNaN(Date.parse(d))) {
      fail(key, `"${d}" is not a date such as 2026-12-25`);
    }
  }
  return dates;
}

/**
 * Reads `reliability.incidents` and the holidays of `reliability.teams[]`,
 * failing with the key on bad values. Severity maps are empty by default:
 * nothing gets a severity that the adopter did not map.
 */
export function readIncidentsConfig(
  config: Config,
  options: {
    tierModel: TierModel;
    hoursOf(ownerRef: string | undefined): TeamHours;
  },
): IncidentsConfig {
  const c = config.getOptionalConfig('reliability.incidents');
  const key = 'reliability.incidents';
  const severities = c?.getOptionalStringArray('severities') ?? [
    ...DEFAULT_SEVERITIES,
  ];
  if (
    severities.length === 0 ||
    new Set(severities).size !== severities.length
  ) {
    fail(
      `${key}.severities`,
      'must list distinct severity names, most severe first',
    );
  }
  const known = (value: string | undefined, k: string) => {
    if (value !== undefined && !severities.includes(value)) {
      fail(
        k,
        `"${value}" is not one of the configured severities ${severities.join(
          ', ',
        )}`,
      );
    }
    return value;
  };
  const severity: SeverityConfig = {
    severities,
    priorities: readMap(c, 'severity.pagerDuty.priorities', severities),
    majorSeverity: known(
      c?.getOptionalString('severity.pagerDuty.majorSeverity'),
      `${key}.severity.pagerDuty.majorSeverity`,
    ),
    label: c?.getOptionalString('severity.alerts.label') ?? 'severity',
    labelValues: readMap(c, 'severity.alerts.values', severities),
  };
  const requiredSeverities =
    c?.getOptionalStringArray('postmortems.requiredSeverities') ??
    severities.slice(0, 2);
  requiredSeverities.forEach(s =>
    known(s, `${key}.postmortems.requiredSeverities`),
  );
  const slaBusinessDays =
    c?.getOptionalNumber('postmortems.slaBusinessDays') ?? 5;
  if (!Number.isInteger(slaBusinessDays) || slaBusinessDays < 0) {
    fail(
      `${key}.postmortems.slaBusinessDays`,
      'must be a whole number of days',
    );
  }
  const stalledDefault = c?.getOptionalNumber('actions.stalledAfterDays') ?? 14;
  const byTier = c?.getOptionalConfig('actions.stalledAfterDaysByTier');
  const stalledByTier = new Map<string, number>();
  for (const tier of byTier?.keys() ?? []) {
    if (!options.tierModel.tiers.some(t => t.id === tier)) {
      fail(
        `${key}.actions.stalledAfterDaysByTier.${tier}`,
        'names a tier that is not configured',
      );
    }
    stalledByTier.set(tier, byTier!.getNumber(tier));
  }
  for (const [k, v] of [['default', stalledDefault], ...stalledByTier] as Array<
    [string, number]
  >) {
    if (!Number.isInteger(v) || v < 0) {
      fail(
        `${key}.actions.stalledAfterDays${
          k === 'default' ? '' : `ByTier.${k}`
        }`,
        'must be a whole number of days',
      );
    }
  }
  const holidays = c ? readDates(c, 'holidays', `${key}.holidays`) : [];
  const teamHolidays = new Map<string, string[]>();
  (config.getOptionalConfigArray('reliability.teams') ?? []).forEach(
    (team, i) => {
      teamHolidays.set(
        team.getString('ref').toLocaleLowerCase('en-US'),
        readDates(team, 'holidays', `reliability.teams[${i}].holidays`),
      );
    },
  );
  const mttdLookbackHours = c?.getOptionalNumber('mttd.lookbackHours') ?? 6;
  if (!(mttdLookbackHours > 0 && mttdLookbackHours <= 48)) {
    fail(`${key}.mttd.lookbackHours`, 'must be above 0 and at most 48');
  }
  return {
    severity,
    requiredSeverities,
    slaBusinessDays,
    stalledAfterDays: tier =>
      tier !== undefined && stalledByTier.has(tier)
        ? stalledByTier.get(tier)!
        : stalledDefault,
    calendarOf(ownerRef) {
      const { businessHours } = options.hoursOf(ownerRef);
      return {
        timeZone: businessHours.timeZone,
        days: businessHours.days,
        holidays: [
          ...holidays,
          ...(teamHolidays.get(ownerRef?.toLocaleLowerCase('en-US') ?? '') ??
            []),
        ],
      };
    },
    mttdLookbackHours,
    postmortemMaxBytes: c?.getOptionalNumber('postmortems.maxBytes'),
  };
}
