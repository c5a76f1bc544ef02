import {
  PromAlertingRule,
  PromHistogram,
  PromLabels,
  PromQueryData,
  PromRule,
  PromRuleAlert,
  PromRuleGroup,
  PromSample,
  PromSeries,
} from './types';
import { ParsedPromValue, parsePromValue } from './parsePromValue';

/**
 * The upstream answered valid JSON whose shape is not what the Prometheus API
 * promises. Internal: the client turns it into an UpstreamUnavailableError.
 */
export class UnexpectedResponseError extends Error {
  name = 'UnexpectedResponseError';
}

function fail(path: string, problem: string): never {
  throw new UnexpectedResponseError(`${path} ${problem}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function labels(value: unknown, path: string): PromLabels {
  if (value === undefined || value === null) {
    return {};
  }
  if (!isObject(value)) {
    return fail(path, 'is not a label set');
  }
  const out: PromLabels = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') {
      return fail(`${path}.${k}`, 'is not a string');
    }
    out[k] = v;
  }
  return out;
}

function timestamp(value: unknown, path: string): number {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    return fail(path, 'is not a unix timestamp');
  }
  return n;
}

function pair(value: unknown, path: string): [unknown, unknown] {
  if (!Array.isArray(value) || value.length !== 2) {
    return fail(path, 'is not a [timestamp, value] pair');
  }
  return [value[0], value[1]];
}

function sampleValue(value: unknown, path: string): ParsedPromValue {
  const parsed = parsePromValue(value);
  if (!parsed) {
    return fail(path, 'is not a number');
  }
  return parsed;
}

function histogram(value: unknown, path: string): PromHistogram {
  if (!isObject(value)) {
    return fail(path, 'is not a histogram');
  }
  const count = sampleValue(value.count, `${path}.count`);
  const sum = sampleValue(value.sum, `${path}.sum`);
  const buckets: PromHistogram['buckets'] = [];
  const rawBuckets = value.buckets ?? [];
  if (!Array.isArray(rawBuckets)) {
    return fail(`${path}.buckets`, 'is not an array');
  }
  rawBuckets.forEach((b, i) => {
    if (!Array.isArray(b) || b.length !== 4) {
      fail(
        `${path}.buckets[${i}]`,
        'is not a [rule, lower, upper, count] bucket',
      );
    }
    const nums = b.map((x, j) => {
      const p = sampleValue(x, `${path}.buckets[${i}][${j}]`);
      if (p.value !== null) {
        return p.value;
      }
      if (p.nonFinite === '+Inf') {
        return Infinity;
      }
      return p.nonFinite === '-Inf' ? -Infinity : NaN;
    });
    buckets.push([nums[0], nums[1], nums[2], nums[3]]);
  });
  return {
    count: count.value ?? NaN,
    sum: sum.value ?? NaN,
    buckets,
  };
}

function vectorSample(value: unknown, path: string): PromSample {
  if (!isObject(value)) {
    return fail(path, 'is not a sample');
  }
  const metric = labels(value.metric, `${path}.metric`);
  if (value.histogram !== undefined) {
    const [t, h] = pair(value.histogram, `${path}.histogram`);
    return {
      metric,
      timestamp: timestamp(t, `${path}.histogram[0]`),
      value: null,
      histogram: histogram(h, `${path}.histogram[1]`),
    };
  }
  const [t, v] = pair(value.value, `${path}.value`);
  const parsed = sampleValue(v, `${path}.value[1]`);
  const sample: PromSample = {
    metric,
    timestamp: timestamp(t, `${path}.value[0]`),
    value: parsed.value,
  };
  if (parsed.nonFinite) {
    sample.nonFinite = parsed.nonFinite;
  }
  return sample;
}

function matrixSeries(value: unknown, path: string): PromSeries {
  if (!isObject(value)) {
    return fail(path, 'is not a series');
  }
  const series: PromSeries = {
    metric: labels(value.metric, `${path}.metric`),
    values: [],
  };
  if (value.values !== undefined) {
    if (!Array.isArray(value.values)) {
      return fail(`${path}.values`, 'is not an array');
    }
    const points = value.values;
    const out = new Array<[number, number | null]>(points.length);
    for (let i = 0; i < points.length; i++) {
      const [t, v] = pair(points[i], `${path}.values[${i}]`);
      out[i] = [
        timestamp(t, `${path}.values[${i}][0]`),
        sampleValue(v, `${path}.values[${i}][1]`).value,
      ];
    }
    series.values = out;
  }
  if (value.histograms !== undefined) {
    if (!Array.isArray(value.histograms)) {
      return fail(`${path}.histograms`, 'is not an array');
    }
    series.histograms = value.histograms.map((p, i) => {
      const [t, h] = pair(p, `${path}.histograms[${i}]`);
      return [
        timestamp(t, `${path}.histograms[${i}][0]`),
        histogram(h, `${path}.histograms[${i}][1]`),
      ];
    });
  }
  if (value.values === undefined && value.histograms === undefined) {
    return fail(path, 'has neither values nor histograms');
  }
  return series;
}

/**
 * Parses the `data` of a `/api/v1/query` or `/api/v1/query_range` response.
 *
 * @throws UnexpectedResponseError when the shape is wrong.
 */
export function parseQueryData(data: unknown): PromQueryData {
  if (!isObject(data)) {
    return fail('data', 'is not an object');
  }
  const { resultType, result } = data;
  switch (resultType) {
    case 'vector':
      if (!Array.isArray(result)) {
        return fail('data.result', 'is not an array');
      }
      return {
        resultType,
        result: result.map((s, i) => vectorSample(s, `data.result[${i}]`)),
      };
    case 'matrix':
      if (!Array.isArray(result)) {
        return fail('data.result', 'is not an array');
      }
      return {
        resultType,
        result: result.map((s, i) => matrixSeries(s, `data.result[${i}]`)),
      };
    case 'scalar': {
      const [t, v] = pair(result, 'data.result');
      const parsed = sampleValue(v, 'data.result[1]');
      return {
        resultType,
        result: {
          timestamp: timestamp(t, 'data.result[0]'),
          value: parsed.value,
          ...(parsed.nonFinite ? { nonFinite: parsed.nonFinite } : {}),
        },
      };
    }
    case 'string': {
      const [t, v] = pair(result, 'data.result');
      if (typeof v !== 'string') {
        return fail('data.result[1]', 'is not a string');
      }
      return {
        resultType,
        result: { timestamp: timestamp(t, 'data.result[0]'), value: v },
      };
    }
    default:
      return fail(
        'data.resultType',
        `${JSON.stringify(
          resultType,
        )} is not one of vector, matrix, scalar, string`,
      );
  }
}

function optionalNumber(value: unknown, path: string): number | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return fail(path, 'is not a number');
  }
  return value;
}

function optionalString(value: unknown, path: string): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string') {
    return fail(path, 'is not a string');
  }
  return value;
}

function requiredString(value: unknown, path: string): string {
  if (typeof value !== 'string') {
    return fail(path, 'is not a string');
  }
  return value;
}

function ruleAlert(value: unknown, path: string): PromRuleAlert {
  if (!isObject(value)) {
    return fail(path, 'is not an alert');
  }
  const valueText =
    typeof value.value === 'number'
      ? String(value.value)
      : optionalString(value.value, `${path}.value`) ?? '';
  const alert: PromRuleAlert = {
    labels: labels(value.labels, `${path}.labels`),
    annotations: labels(value.annotations, `${path}.annotations`),
    state: requiredString(value.state, `${path}.state`),
    value: parsePromValue(valueText)?.value ?? null,
    valueText,
  };
  const activeAt = optionalString(value.activeAt, `${path}.activeAt`);
  if (activeAt !== undefined) {
    alert.activeAt = activeAt;
  }
  return alert;
}

function rule(value: unknown, path: string): PromRule {
  if (!isObject(value)) {
    return fail(path, 'is not a rule');
  }
  const base = {
    name: requiredString(value.name, `${path}.name`),
    query: requiredString(value.query, `${path}.query`),
    labels: labels(value.labels, `${path}.labels`),
    health: optionalString(value.health, `${path}.health`) ?? 'unknown',
    lastError:
      optionalString(value.lastError, `${path}.lastError`) || undefined,
    evaluationTime: optionalNumber(
      value.evaluationTime,
      `${path}.evaluationTime`,
    ),
    lastEvaluation: optionalString(
      value.lastEvaluation,
      `${path}.lastEvaluation`,
    ),
  };
  removeUndefined(base);
  if (value.type === 'recording') {
    return { ...base, type: 'recording' };
  }
  if (value.type !== 'alerting') {
    return fail(
      `${path}.type`,
      `${JSON.stringify(value.type)} is not alerting or recording`,
    );
  }
  const alerts = value.alerts ?? [];
  if (!Array.isArray(alerts)) {
    return fail(`${path}.alerts`, 'is not an array');
  }
  const alerting: PromAlertingRule = {
    ...base,
    type: 'alerting',
    annotations: labels(value.annotations, `${path}.annotations`),
    state: optionalString(value.state, `${path}.state`) ?? 'inactive',
    duration: optionalNumber(value.duration, `${path}.duration`) ?? 0,
    keepFiringFor: optionalNumber(value.keepFiringFor, `${path}.keepFiringFor`),
    alerts: alerts.map((a, i) => ruleAlert(a, `${path}.alerts[${i}]`)),
  };
  removeUndefined(alerting);
  return alerting;
}

/**
 * Parses the `data` of a `/api/v1/rules` response.
 *
 * @throws UnexpectedResponseError when the shape is wrong.
 */
export function parseRulesData(data: unknown): {
  groups: PromRuleGroup[];
  groupNextToken?: string;
} {
  if (!isObject(data) || !Array.isArray(data.groups)) {
    return fail('data.groups', 'is not an array');
  }
  const groups = data.groups.map((g, i): PromRuleGroup => {
    const path = `data.groups[${i}]`;
    if (!isObject(g)) {
      return fail(path, 'is not a rule group');
    }
    if (!Array.isArray(g.rules)) {
      return fail(`${path}.rules`, 'is not an array');
    }
    const group: PromRuleGroup = {
      name: requiredString(g.name, `${path}.name`),
      file: optionalString(g.file, `${path}.file`) ?? '',
      interval: optionalNumber(g.interval, `${path}.interval`) ?? 0,
      limit: optionalNumber(g.limit, `${path}.limit`),
      evaluationTime: optionalNumber(
        g.evaluationTime,
        `${path}.evaluationTime`,
      ),
      lastEvaluation: optionalString(
        g.lastEvaluation,
        `${path}.lastEvaluation`,
      ),
      rules: g.rules.map((r, j) => rule(r, `${path}.rules[${j}]`)),
    };
    removeUndefined(group);
    return group;
  });
  const groupNextToken = optionalString(
    data.groupNextToken,
    'data.groupNextToken',
  );
  return groupNextToken ? { groups, groupNextToken } : { groups };
}

/**
 * Parses the `warnings` or `infos` of a response envelope; tolerant, since
 * they are only informational.
 */
export function parseAnnotations(value: unknown): string[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.filter((v): v is string => typeof v === 'string');
}

function removeUndefined(value: object): void {
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (record[key] === undefined) {
      delete record[key];
    }
  }
}
