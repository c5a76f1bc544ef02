import { DiscoveredSlo } from '@reliability-kit/backstage-plugin-reliability-node';
import { PromSample } from '../providers/prometheus';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Sloth's error-ratio recording rules of the burn-rate windows. */
const SLOTH_WINDOW_RULES: Array<[string, number]> = [
  ['5m', 5 * 60e3],
  ['30m', 30 * 60e3],
  ['1h', 60 * 60e3],
  ['2h', 2 * 60 * 60e3],
  ['6h', 6 * 60 * 60e3],
  ['1d', DAY_MS],
  ['3d', 3 * DAY_MS],
];

/** The samples of an instant query at the time of the discovery. */
export type VectorQuery = (query: string) => Promise<PromSample[]>;

/**
 * Pyrra SLOs, from its generic rules: `pyrra_objective`, `pyrra_window`
 * (seconds) and `pyrra_availability` over the window, and its per-window
 * error ratios `<metric>:burnrate<window>` (one query with a name regex).
 * Pyrra has no 3d window (it records 4d), so the 3d/6h ticket alert has
 * no data and never fires for Pyrra SLOs.
 */
export async function discoverPyrra(
  instance: string,
  vector: VectorQuery,
): Promise<DiscoveredSlo[]> {
  const objectives = await vector('pyrra_objective');
  if (objectives.length === 0) {
    return [];
  }
  const bySlo = (samples: PromSample[]) =>
    new Map(samples.map(s => [s.metric.slo, s.value]));
  const windows = bySlo(await vector('pyrra_window'));
  const availability = bySlo(await vector('pyrra_availability'));
  const ratios = new Map<string, Map<number, number | null>>();
  const names = SLOTH_WINDOW_RULES.map(([n]) => n).join('|');
  for (const s of await vector(
    `{__name__=~".+:burnrate(${names})", slo!=""}`,
  )) {
    const name = /:burnrate(\w+)$/.exec(s.metric.__name__ ?? '')?.[1];
    const ms = SLOTH_WINDOW_RULES.find(([n]) => n === name)?.[1];
    if (ms === undefined) continue;
    if (!ratios.has(s.metric.slo)) ratios.set(s.metric.slo, new Map());
    ratios.get(s.metric.slo)!.set(ms, s.value);
  }

  const found: DiscoveredSlo[] = [];
  for (const s of objectives) {
    const slo = s.metric.slo;
    const objective = s.value;
    const windowSeconds = windows.get(slo);
    if (
      !slo ||
      typeof objective !== 'number' ||
      !(objective > 0 && objective < 1) ||
      typeof windowSeconds !== 'number' ||
      !(windowSeconds > 0)
    ) {
      continue;
    }
    const windowMs = Math.round(windowSeconds) * 1000;
    const errorRatios = new Map(ratios.get(slo) ?? []);
    const avail = availability.get(slo);
    errorRatios.set(windowMs, typeof avail === 'number' ? 1 - avail : null);
    const labels = { ...s.metric };
    delete labels.__name__;
    found.push({
      origin: 'pyrra',
      instance,
      key: `pyrra-${slo}`,
      name: slo,
      service: labels.service,
      labels,
      objective,
      windowMs,
      errorRatios,
    });
  }
  return found;
}

/**
 * Sloth SLOs: `sloth_slo_info` names them, `slo:objective:ratio` and
 * `slo:time_period:days` give objective and window, and one query per
 * window of `slo:sli_error:ratio_rate<window>` gives every SLO's error
 * ratio at once.
 */
export async function discoverSloth(
  instance: string,
  vector: VectorQuery,
): Promise<DiscoveredSlo[]> {
  const info = await vector(
    'max by (sloth_id, sloth_service, sloth_slo) (sloth_slo_info)',
  );
  if (info.length === 0) {
    return [];
  }
  const byId = <T>(
    samples: PromSample[],
    f: (s: (typeof samples)[number]) => T,
  ) => new Map(samples.map(s => [s.metric.sloth_id, f(s)]));
  const objectives = byId(
    await vector('max by (sloth_id) (slo:objective:ratio)'),
    s => s.value,
  );
  const periods = byId(
    await vector('max by (sloth_id) (slo:time_period:days)'),
    s => s.value,
  );
  const ratios = new Map<string, Map<number, number | null>>();
  const put = (id: string, ms: number, value: number | null) => {
    if (!ratios.has(id)) ratios.set(id, new Map());
    ratios.get(id)!.set(ms, value);
  };
  for (const [name, ms] of SLOTH_WINDOW_RULES) {
    for (const s of await vector(
      `max by (sloth_id) (slo:sli_error:ratio_rate${name})`,
    )) {
      put(s.metric.sloth_id, ms, s.value);
    }
  }
  for (const s of await vector(
    'max by (__name__, sloth_id) ({__name__=~"slo:sli_error:ratio_rate[0-9]+d"})',
  )) {
    const days = Number(/(\d+)d$/.exec(s.metric.__name__ ?? '')?.[1]);
    if (days > 3) put(s.metric.sloth_id, days * DAY_MS, s.value);
  }

  const found: DiscoveredSlo[] = [];
  for (const s of info) {
    const id = s.metric.sloth_id;
    const objective = objectives.get(id);
    const days = periods.get(id) ?? 30;
    if (
      !id ||
      typeof objective !== 'number' ||
      !(objective > 0 && objective < 1)
    ) {
      continue;
    }
    found.push({
      origin: 'sloth',
      instance,
      key: id,
      name: s.metric.sloth_slo ?? id,
      service: s.metric.sloth_service,
      labels: s.metric,
      objective,
      windowMs: (days ?? 30) * DAY_MS,
      errorRatios: ratios.get(id) ?? new Map(),
    });
  }
  return found;
}
