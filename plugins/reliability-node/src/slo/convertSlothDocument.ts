import {
  hasWindowPlaceholder,
  percentToFraction,
  SloAlertConfig,
  SloAlertingConfig,
  SloIndicator,
  SloSpec,
  SloSpecError,
  SloWindow,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { SloCandidate } from './convertOpenSloDocument';
import { LoadedYamlDocument, YamlPath } from './loadYamlDocuments';
import { SloDocumentReader } from './SloDocumentReader';

function readQuery(
  r: SloDocumentReader,
  value: unknown,
  path: YamlPath,
): string | undefined {
  const query = r.string(value, path, true);
  if (query !== undefined && !hasWindowPlaceholder(query)) {
    return r.fail(
      path,
      'must use the {{.window}} placeholder as its range, e.g. rate(http_requests_total[{{.window}}])',
    );
  }
  return query;
}

function objectiveProblem(percent: number): string | undefined {
  if (percent === 100) {
    return 'must be below 100 (100% leaves no error budget)';
  }
  if (percent > 100) {
    return `is a percentage and must be below 100, got ${percent}`;
  }
  if (percent <= 0) {
    return `must be above 0, got ${percent}`;
  }
  if (percent <= 1) {
    return `is a percentage (e.g. 99.9 for 99.9%); ${percent} would mean ${percent}%, did you mean ${Number(
      (percent * 100).toPrecision(12),
    )}?`;
  }
  return undefined;
}

function readAlert(
  r: SloDocumentReader,
  value: unknown,
  path: YamlPath,
): SloAlertConfig | undefined {
  const alert = r.record(value, path, false);
  if (!alert) {
    return undefined;
  }
  const out: SloAlertConfig = {};
  const disabled = r.boolean(alert.disable, [...path, 'disable']);
  const labels = r.stringMap(alert.labels, [...path, 'labels']);
  const annotations = r.stringMap(alert.annotations, [...path, 'annotations']);
  if (disabled !== undefined) out.disabled = disabled;
  if (labels) out.labels = labels;
  if (annotations) out.annotations = annotations;
  return out;
}

function readAlerting(
  r: SloDocumentReader,
  value: unknown,
  path: YamlPath,
): SloAlertingConfig | undefined {
  const alerting = r.record(value, path, false);
  if (!alerting) {
    return undefined;
  }
  const out: SloAlertingConfig = {};
  const name = r.string(alerting.name, [...path, 'name']);
  const labels = r.stringMap(alerting.labels, [...path, 'labels']);
  const annotations = r.stringMap(alerting.annotations, [
    ...path,
    'annotations',
  ]);
  const page = readAlert(r, alerting.page_alert, [...path, 'page_alert']);
  const ticket = readAlert(r, alerting.ticket_alert, [...path, 'ticket_alert']);
  if (name !== undefined) out.name = name;
  if (labels) out.labels = labels;
  if (annotations) out.annotations = annotations;
  if (page) out.page = page;
  if (ticket) out.ticket = ticket;
  return out;
}

/**
 * Converts a Sloth `version: prometheus/v1` document (or the `spec` of a
 * Sloth `PrometheusServiceLevel` resource, `base` = `['spec']`) to SLOs.
 * Sloth objectives are percentages; Sloth has no window field, so every SLO
 * gets `window`.
 */
export function convertSlothDocument(
  doc: LoadedYamlDocument,
  base: YamlPath,
  window: SloWindow,
): { candidates: SloCandidate[]; errors: SloSpecError[] } {
  const file = new SloDocumentReader(doc);
  let root: unknown = doc.value;
  for (const key of base) {
    root = (root as Record<string, unknown>)[key as string];
  }
  const spec = file.record(root, base);
  if (!spec) {
    return { candidates: [], errors: file.errors };
  }
  const service = file.string(spec.service, [...base, 'service'], true);
  const serviceLabels = file.stringMap(spec.labels, [...base, 'labels']);
  const slos = file.array(spec.slos, [...base, 'slos']);
  if (slos && slos.length === 0) {
    file.fail([...base, 'slos'], 'must list at least one SLO');
  }
  if (file.failed || !slos || service === undefined) {
    return { candidates: [], errors: file.errors };
  }

  const candidates: SloCandidate[] = [];
  const errors: SloSpecError[] = [];
  slos.forEach((raw, index) => {
    const path = [...base, 'slos', index];
    const rawName =
      raw &&
      typeof raw === 'object' &&
      typeof (raw as { name?: unknown }).name === 'string'
        ? (raw as { name: string }).name
        : undefined;
    const r = file.forSlo(rawName?.trim() ? rawName : undefined);
    const slo = r.record(raw, path);
    if (!slo) {
      errors.push(...r.errors);
      return;
    }
    const name = r.string(slo.name, [...path, 'name'], true);
    const description = r.string(slo.description, [...path, 'description']);
    const labels = r.stringMap(slo.labels, [...path, 'labels']);

    let objective: number | undefined;
    const percent = r.number(slo.objective, [...path, 'objective'], true);
    if (percent !== undefined) {
      const problem = objectiveProblem(percent);
      if (problem) {
        r.fail([...path, 'objective'], problem);
      } else {
        objective = percentToFraction(percent);
      }
    }

    let indicator: SloIndicator | undefined;
    const sliPath = [...path, 'sli'];
    const sli = r.record(slo.sli, sliPath);
    if (sli) {
      const kinds = ['events', 'raw', 'plugin'].filter(
        k => sli[k] !== undefined && sli[k] !== null,
      );
      if (kinds.length !== 1) {
        r.fail(
          sliPath,
          kinds.length
            ? `must have only one of ${kinds.join(', ')}`
            : 'must have events (error_query, total_query) or raw (error_ratio_query)',
        );
      } else if (kinds[0] === 'plugin') {
        r.fail(
          [...sliPath, 'plugin'],
          'is not supported (Sloth SLI plugins are resolved by Sloth itself); use sli.events or sli.raw',
        );
      } else if (kinds[0] === 'events') {
        const events = r.record(sli.events, [...sliPath, 'events']);
        if (events) {
          const bad = readQuery(r, events.error_query, [
            ...sliPath,
            'events',
            'error_query',
          ]);
          const total = readQuery(r, events.total_query, [
            ...sliPath,
            'events',
            'total_query',
          ]);
          if (bad !== undefined && total !== undefined) {
            indicator = { kind: 'ratio', bad, total };
          }
        }
      } else {
        const rawSli = r.record(sli.raw, [...sliPath, 'raw']);
        if (rawSli) {
          const query = readQuery(r, rawSli.error_ratio_query, [
            ...sliPath,
            'raw',
            'error_ratio_query',
          ]);
          if (query !== undefined) {
            indicator = { kind: 'raw', query, rawType: 'failure' };
          }
        }
      }
    }
    const alerting = readAlerting(r, slo.alerting, [...path, 'alerting']);

    if (
      r.failed ||
      name === undefined ||
      objective === undefined ||
      !indicator
    ) {
      errors.push(...r.errors);
      return;
    }
    const out: Omit<SloSpec, 'id'> = {
      name,
      service,
      objective,
      window,
      budgetingMethod: 'Occurrences',
      indicator,
      source: { format: 'sloth/v1' },
    };
    if (doc.file !== undefined) out.source.file = doc.file;
    const line = doc.lineOf(path);
    if (line !== undefined) out.source.line = line;
    if (description !== undefined) out.description = description;
    const merged = { ...serviceLabels, ...labels };
    if (Object.keys(merged).length) out.labels = merged;
    if (alerting) out.alerting = alerting;
    candidates.push({ idBase: name, spec: out });
  });
  return { candidates, errors };
}
