import {
  parsePrometheusDuration,
  percentToFraction,
  SloBudgetingMethod,
  SloIndicator,
  SloSpec,
  SloSpecError,
  SloThresholdOperator,
  SloWindow,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { IANAZone } from 'luxon';
import { LoadedYamlDocument, YamlPath } from './loadYamlDocuments';
import { isRecord, SloDocumentReader } from './SloDocumentReader';

/** An SLO before its id is made unique within the entity. */
export interface SloCandidate {
  idBase: string;
  spec: Omit<SloSpec, 'id'>;
}

/** SLI and DataSource documents that SLOs of the same set can refer to. */
export interface OpenSloRegistry {
  slis: Map<string, LoadedYamlDocument>;
  dataSourceTypes: Map<string, string | undefined>;
}

const CALENDAR_UNITS: Record<string, 'week' | 'month' | undefined> = {
  '1w': 'week',
  '7d': 'week',
  '1M': 'month',
};

const OPERATORS: ReadonlyArray<SloThresholdOperator> = [
  'lt',
  'lte',
  'gt',
  'gte',
];

/** Kinds of OpenSLO v1 that carry no SLO and are skipped. */
export const OPENSLO_PASSIVE_KINDS = new Set([
  'SLI',
  'DataSource',
  'Service',
  'AlertPolicy',
  'AlertCondition',
  'AlertNotificationTarget',
]);

/** The `metadata.name` of an OpenSLO document, if it is a string. */
export function openSloName(value: unknown): string | undefined {
  if (!isRecord(value) || !isRecord(value.metadata)) {
    return undefined;
  }
  const name = value.metadata.name;
  return typeof name === 'string' && name.trim() ? name : undefined;
}

function readMetricQuery(
  r: SloDocumentReader,
  value: unknown,
  path: YamlPath,
  registry: OpenSloRegistry,
): string | undefined {
  const metric = r.record(value, path);
  if (!metric) {
    return undefined;
  }
  const sourcePath = [...path, 'metricSource'];
  const source = r.record(metric.metricSource, sourcePath);
  if (!source) {
    return undefined;
  }
  const type = r.string(source.type, [...sourcePath, 'type']);
  const ref = r.string(source.metricSourceRef, [
    ...sourcePath,
    'metricSourceRef',
  ]);
  const effectiveType =
    type ?? (ref ? registry.dataSourceTypes.get(ref) : undefined);
  if (
    effectiveType !== undefined &&
    effectiveType.toLowerCase() !== 'prometheus'
  ) {
    return r.fail(
      [...sourcePath, type !== undefined ? 'type' : 'metricSourceRef'],
      `uses metric source type "${effectiveType}", which is not supported (only Prometheus)`,
    );
  }
  const spec = r.record(source.spec, [...sourcePath, 'spec']);
  if (!spec) {
    return undefined;
  }
  return r.string(spec.query, [...sourcePath, 'spec', 'query'], true);
}

type IndicatorDraft =
  | { kind: 'complete'; indicator: SloIndicator }
  | { kind: 'threshold'; query: string };

function readIndicatorSpec(
  r: SloDocumentReader,
  value: unknown,
  path: YamlPath,
  registry: OpenSloRegistry,
): IndicatorDraft | undefined {
  const spec = r.record(value, path);
  if (!spec) {
    return undefined;
  }
  const hasRatio = spec.ratioMetric !== undefined && spec.ratioMetric !== null;
  const hasThreshold =
    spec.thresholdMetric !== undefined && spec.thresholdMetric !== null;
  if (hasRatio === hasThreshold) {
    return r.fail(
      path,
      hasRatio
        ? 'must have only one of ratioMetric and thresholdMetric'
        : 'must have ratioMetric or thresholdMetric',
    );
  }
  if (hasThreshold) {
    const query = readMetricQuery(
      r,
      spec.thresholdMetric,
      [...path, 'thresholdMetric'],
      registry,
    );
    return query === undefined ? undefined : { kind: 'threshold', query };
  }

  const ratioPath = [...path, 'ratioMetric'];
  const ratio = r.record(spec.ratioMetric, ratioPath);
  if (!ratio) {
    return undefined;
  }
  const counter = r.boolean(ratio.counter, [...ratioPath, 'counter']);
  const present = (key: string) =>
    ratio[key] !== undefined && ratio[key] !== null;

  if (present('raw')) {
    if (present('good') || present('bad') || present('total')) {
      return r.fail(
        [...ratioPath, 'raw'],
        'cannot be combined with good, bad or total',
      );
    }
    const rawType = r.string(ratio.rawType, [...ratioPath, 'rawType'], true);
    if (
      rawType !== undefined &&
      rawType !== 'success' &&
      rawType !== 'failure'
    ) {
      r.fail(
        [...ratioPath, 'rawType'],
        `must be success or failure, got "${rawType}"`,
      );
    }
    const query = readMetricQuery(
      r,
      ratio.raw,
      [...ratioPath, 'raw'],
      registry,
    );
    if (
      query === undefined ||
      (rawType !== 'success' && rawType !== 'failure')
    ) {
      return undefined;
    }
    return { kind: 'complete', indicator: { kind: 'raw', query, rawType } };
  }

  if (present('good') === present('bad')) {
    return r.fail(
      ratioPath,
      present('good')
        ? 'must have only one of good and bad'
        : 'must have good or bad (with total), or raw',
    );
  }
  const numeratorKey = present('good') ? 'good' : 'bad';
  const numerator = readMetricQuery(
    r,
    ratio[numeratorKey],
    [...ratioPath, numeratorKey],
    registry,
  );
  const total = readMetricQuery(
    r,
    ratio.total,
    [...ratioPath, 'total'],
    registry,
  );
  if (numerator === undefined || total === undefined) {
    return undefined;
  }
  const indicator: SloIndicator =
    numeratorKey === 'good'
      ? { kind: 'ratio', good: numerator, total }
      : { kind: 'ratio', bad: numerator, total };
  if (counter !== undefined) {
    indicator.counter = counter;
  }
  return { kind: 'complete', indicator };
}

function readWindow(
  r: SloDocumentReader,
  value: unknown,
  defaultWindow: SloWindow,
): SloWindow | undefined {
  const errorsBefore = r.errors.length;
  const list = r.array(value, ['spec', 'timeWindow'], false);
  if (list === undefined) {
    return r.errors.length > errorsBefore ? undefined : defaultWindow;
  }
  if (list.length !== 1) {
    return r.fail(
      ['spec', 'timeWindow'],
      `must have exactly one item, got ${list.length}`,
    );
  }
  const path = ['spec', 'timeWindow', 0];
  const item = r.record(list[0], path);
  if (!item) {
    return undefined;
  }
  const isRolling = r.boolean(item.isRolling, [...path, 'isRolling']);
  const calendar = r.record(item.calendar, [...path, 'calendar'], false);
  const duration = r.string(item.duration, [...path, 'duration'], true);
  if (duration === undefined || r.errors.length > errorsBefore) {
    return undefined;
  }
  const rolling = isRolling ?? calendar === undefined;
  if (rolling) {
    if (calendar !== undefined) {
      return r.fail(
        [...path, 'calendar'],
        'must not be set for a rolling window (isRolling: true)',
      );
    }
    try {
      return {
        kind: 'rolling',
        duration,
        ms: parsePrometheusDuration(duration),
      };
    } catch (e) {
      return r.fail(
        [...path, 'duration'],
        (e as Error).message.replace(/^duration /, ''),
      );
    }
  }
  const unit = CALENDAR_UNITS[duration];
  if (!unit) {
    return r.fail(
      [...path, 'duration'],
      `"${duration}" is not a supported calendar window; use 1w (ISO week) or 1M (calendar month)`,
    );
  }
  const timeZone = calendar
    ? r.string(calendar.timeZone, [...path, 'calendar', 'timeZone'])
    : undefined;
  if (timeZone !== undefined && !IANAZone.isValidZone(timeZone)) {
    return r.fail(
      [...path, 'calendar', 'timeZone'],
      `"${timeZone}" is not a known IANA time zone (e.g. Europe/Berlin)`,
    );
  }
  return timeZone
    ? { kind: 'calendar', unit, timeZone }
    : { kind: 'calendar', unit };
}

function readTarget(
  r: SloDocumentReader,
  objective: Record<string, unknown>,
  path: YamlPath,
): number | undefined {
  const hasTarget = objective.target !== undefined && objective.target !== null;
  const hasPercent =
    objective.targetPercent !== undefined && objective.targetPercent !== null;
  if (hasTarget && hasPercent) {
    return r.fail(path, 'must have only one of target and targetPercent');
  }
  if (!hasTarget && !hasPercent) {
    return r.fail(
      [...path, 'target'],
      'is required (or targetPercent), e.g. target: 0.999',
    );
  }
  if (hasTarget) {
    const target = r.number(objective.target, [...path, 'target'], true);
    if (target === undefined) {
      return undefined;
    }
    if (target > 1 && target < 100) {
      return r.fail(
        [...path, 'target'],
        `must be a fraction below 1, got ${target}; write ${percentToFraction(
          target,
        )} or targetPercent: ${target}`,
      );
    }
    if (target >= 1) {
      return r.fail(
        [...path, 'target'],
        target === 1
          ? 'must be below 1 (100% leaves no error budget)'
          : `must be a fraction below 1 (e.g. 0.999 for 99.9%), got ${target}`,
      );
    }
    if (target <= 0) {
      return r.fail([...path, 'target'], `must be above 0, got ${target}`);
    }
    return target;
  }
  const percent = r.number(
    objective.targetPercent,
    [...path, 'targetPercent'],
    true,
  );
  if (percent === undefined) {
    return undefined;
  }
  if (percent >= 100) {
    return r.fail(
      [...path, 'targetPercent'],
      percent === 100
        ? 'must be below 100 (100% leaves no error budget)'
        : `must be a percentage below 100, got ${percent}`,
    );
  }
  if (percent <= 0) {
    return r.fail(
      [...path, 'targetPercent'],
      `must be above 0, got ${percent}`,
    );
  }
  return percentToFraction(percent);
}

function readTimeslice(
  r: SloDocumentReader,
  objective: Record<string, unknown>,
  path: YamlPath,
): SloSpec['timeslice'] {
  const target = r.number(
    objective.timeSliceTarget,
    [...path, 'timeSliceTarget'],
    true,
  );
  if (target !== undefined && !(target > 0 && target <= 1)) {
    r.fail(
      [...path, 'timeSliceTarget'],
      `must be above 0 and at most 1, got ${target}`,
    );
  }
  const windowPath = [...path, 'timeSliceWindow'];
  let window: { text: string; ms: number } | undefined;
  if (typeof objective.timeSliceWindow === 'number') {
    // OpenSLO: a bare number is minutes.
    const minutes = objective.timeSliceWindow;
    if (Number.isInteger(minutes) && minutes > 0) {
      window = { text: `${minutes}m`, ms: minutes * 60_000 };
    } else {
      r.fail(
        windowPath,
        `must be a positive whole number of minutes or a duration, got ${minutes}`,
      );
    }
  } else {
    window = r.duration(objective.timeSliceWindow, windowPath);
  }
  if (r.failed || target === undefined || window === undefined) {
    return undefined;
  }
  return { target, window: window.text, windowMs: window.ms };
}

/**
 * Converts one OpenSLO v1 `kind: SLO` document to one SLO per objective.
 */
export function convertOpenSloDocument(
  doc: LoadedYamlDocument,
  registry: OpenSloRegistry,
  defaultWindow: SloWindow,
): { candidates: SloCandidate[]; errors: SloSpecError[] } {
  const value = doc.value as Record<string, unknown>;
  const name = openSloName(value);
  const r = new SloDocumentReader(doc, name);
  const errors = () => r.errors;

  const metadata = r.record(value.metadata, ['metadata']);
  if (metadata && name === undefined) {
    r.string(metadata.name, ['metadata', 'name'], true);
  }
  const displayName = metadata
    ? r.string(metadata.displayName, ['metadata', 'displayName'])
    : undefined;
  const labels = metadata
    ? r.stringMap(metadata.labels, ['metadata', 'labels'])
    : undefined;
  const spec = r.record(value.spec, ['spec']);
  if (!spec || name === undefined) {
    return { candidates: [], errors: errors() };
  }
  const description = r.string(spec.description, ['spec', 'description']);
  const service = r.string(spec.service, ['spec', 'service']);

  // Indicator: inline, or a reference to a kind: SLI document of the set.
  let draft: IndicatorDraft | undefined;
  const hasInline = spec.indicator !== undefined && spec.indicator !== null;
  const hasRef = spec.indicatorRef !== undefined && spec.indicatorRef !== null;
  if (hasInline && hasRef) {
    r.fail(
      ['spec', 'indicatorRef'],
      'must not be set together with spec.indicator',
    );
  } else if (hasInline) {
    const indicator = r.record(spec.indicator, ['spec', 'indicator']);
    if (indicator) {
      draft = readIndicatorSpec(
        r,
        indicator.spec,
        ['spec', 'indicator', 'spec'],
        registry,
      );
    }
  } else if (hasRef) {
    const ref = r.string(spec.indicatorRef, ['spec', 'indicatorRef'], true);
    const sliDoc = ref === undefined ? undefined : registry.slis.get(ref);
    if (ref !== undefined && !sliDoc) {
      r.fail(
        ['spec', 'indicatorRef'],
        `"${ref}" does not match the metadata.name of any SLI document (kind: SLI) in the SLO files`,
      );
    } else if (sliDoc) {
      const sliReader = new SloDocumentReader(sliDoc, name);
      draft = readIndicatorSpec(
        sliReader,
        (sliDoc.value as Record<string, unknown>).spec,
        ['spec'],
        registry,
      );
      r.errors.push(...sliReader.errors);
    }
  } else {
    r.fail(['spec', 'indicator'], 'is required (or spec.indicatorRef)');
  }

  const window = readWindow(r, spec.timeWindow, defaultWindow);

  let budgetingMethod: SloBudgetingMethod | undefined;
  const method = r.string(
    spec.budgetingMethod,
    ['spec', 'budgetingMethod'],
    true,
  );
  if (method === 'Occurrences' || method === 'Timeslices') {
    budgetingMethod = method;
  } else if (method === 'RatioTimeslices') {
    r.fail(
      ['spec', 'budgetingMethod'],
      'RatioTimeslices is not supported; use Occurrences or Timeslices',
    );
  } else if (method !== undefined) {
    r.fail(
      ['spec', 'budgetingMethod'],
      `must be Occurrences or Timeslices, got "${method}"`,
    );
  }

  const objectives = r.array(spec.objectives, ['spec', 'objectives']);
  if (objectives && objectives.length === 0) {
    r.fail(['spec', 'objectives'], 'must have at least one objective');
  }
  if (!objectives) {
    return { candidates: [], errors: errors() };
  }
  // Objectives are checked even when the shared parts are broken, so that
  // all problems show at once; SLOs are only made when everything is valid.
  const shared =
    !r.failed && draft && window && budgetingMethod
      ? { draft, window, budgetingMethod }
      : undefined;

  const candidates: SloCandidate[] = [];
  const allErrors = [...r.errors];
  objectives.forEach((raw, index) => {
    const path = ['spec', 'objectives', index];
    const o = r.forSlo(name);
    const objective = o.record(raw, path);
    if (!objective) {
      allErrors.push(...o.errors);
      return;
    }
    const objectiveName = o.string(objective.displayName, [
      ...path,
      'displayName',
    ]);
    const target = readTarget(o, objective, path);
    const timeslice =
      budgetingMethod === 'Timeslices'
        ? readTimeslice(o, objective, path)
        : undefined;
    let threshold:
      | { operator: SloThresholdOperator; value: number }
      | undefined;
    if (draft?.kind === 'threshold') {
      const op = o.string(objective.op, [...path, 'op'], true);
      if (op !== undefined && !OPERATORS.includes(op as SloThresholdOperator)) {
        o.fail([...path, 'op'], `must be one of lt, lte, gt, gte, got "${op}"`);
      }
      const limit = o.number(objective.value, [...path, 'value'], true);
      if (!o.failed && op !== undefined && limit !== undefined) {
        threshold = { operator: op as SloThresholdOperator, value: limit };
      }
    }
    allErrors.push(...o.errors);
    if (!shared || o.failed || target === undefined) {
      return;
    }
    let indicator: SloIndicator;
    if (shared.draft.kind === 'threshold') {
      if (!threshold) return;
      indicator = {
        kind: 'threshold',
        query: shared.draft.query,
        ...threshold,
      };
    } else {
      indicator = shared.draft.indicator;
    }
    const several = objectives.length > 1;
    const slo: Omit<SloSpec, 'id'> = {
      name,
      objective: target,
      window: shared.window,
      budgetingMethod: shared.budgetingMethod,
      indicator,
      source: { format: 'openslo/v1' },
    };
    const shownName = several
      ? objectiveName ?? displayName
      : displayName ?? objectiveName;
    if (shownName !== undefined) slo.displayName = shownName;
    if (description !== undefined) slo.description = description;
    if (service !== undefined) slo.service = service;
    if (timeslice) slo.timeslice = timeslice;
    if (labels && Object.keys(labels).length) slo.labels = labels;
    if (doc.file !== undefined) slo.source.file = doc.file;
    if (doc.line !== undefined) slo.source.line = doc.line;
    candidates.push({ idBase: several ? `${name}-${index}` : name, spec: slo });
  });
  return { candidates, errors: allErrors };
}
