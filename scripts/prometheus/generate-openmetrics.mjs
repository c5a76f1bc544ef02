#!/usr/bin/env node
// Writes deterministic Prometheus test data as an OpenMetrics text file for
// `promtool tsdb create-blocks-from openmetrics`, and the exact numbers a
// query at the end time must give as JSON (fixtures.json). No dependencies.
//
//   node scripts/prometheus/generate-openmetrics.mjs --out <file.om>
//     [--fixtures <fixtures.json>]  default: fixtures.json next to --out
//     [--end <unix seconds>]        default: now, rounded down to the minute
//     [--days 35] [--step 60]       history length and sample spacing (s)
//     [--extend-minutes 0]          keep every series going this long past
//                                   --end (for clients that query at the wall
//                                   clock); queries at --end are unaffected
//     [--bench N]                   N Sloth SLOs instead of the fixtures
//
// Every series has a sample at end, end - step, ..., end - days. Counter
// series carry one sample per step; the value at t counts the events of
// (t - step, t]. With a sample exactly at both edges of a window, Prometheus
// 2.x (ranges [t - w, t], both ends included) computes increase(x[w]) at end
// as x(end) - x(end - w) (plus counter-reset corrections) without
// extrapolation, so the windows in fixtures.json are exact. Prometheus 3.x
// leaves the left edge out and extrapolates the first step; that stays exact
// where the rate is constant around end - w, as it is for every fixture
// except the identity 2h window (see below).
//
// Fixtures (all with end as the evaluation time; windows 5m 30m 1h 2h 6h 1d
// 3d 28d 30d):
//
// - checkout: http_requests_total{service="checkout",code="200"} +1999 and
//   {code="500"} +1 per minute, constant: 2000 req/min, error ratio 0.0005
//   in every window, SLI 0.9995, against 99.9 %: burn rate 0.5, budget
//   consumed 0.5, remaining 0.5.
// - identity: http_requests_total{service="identity",code="200"|"500"},
//   10000 req/min with 1 error/min (0.01 %), except
//     * an outage of 3 hours with 60 % errors (6000 of 10000) ending 30
//       minutes before end, so 5m/30m are back to normal while 1h (half
//       outage), 2h, 6h, 1d and 3d burn fast and the 28d/30d budget of a
//       99.9 % objective is overspent (remaining < 0);
//     * an older incident of 1 hour with 10 % errors ending 29.5 days before
//       end: inside 30d, outside 28d;
//     * a counter reset of both series (process restart) 2 days before end:
//       the first sample after it counts from 0.
//   The 2h window starts inside the outage, so under Prometheus 3.x
//   extrapolation its numbers drift from fixtures.json by up to one step.
// - quiet: http_requests_total{service="quiet",code="200"} = 1234 and
//   {code="500"} = 7 at every sample: the series exist (idle, still scraped)
//   but never increase, so every window has total 0, errors 0, and the
//   PromQL error ratio is 0/0 = NaN. A backend must report no data here,
//   never NaN and never 100 %.
// - storefront-web latency: gauge http_request_duration_seconds:p99
//   {service="storefront-web"} cycling 0.12/0.15/0.18/0.21 s, above the 0.3 s
//   threshold (0.45 s) in three known periods: 20 minutes ending 130 minutes
//   before end, 45 minutes ending 10 days before end, 90 minutes ending 29
//   days before end. No sample above the threshold sits on a window edge.
//   fixtures.json counts samples in (end - w, end] and the bad ones among
//   them (a Timeslices SLO with 1-minute slices).
// - Sloth recording rules (names and labels as Sloth v0.11 records them:
//   slo:sli_error:ratio_rate<w>{sloth_id,sloth_service,sloth_slo,sloth_window}
//   for 5m 30m 1h 2h 6h 1d 3d and the 30d period; slo:objective:ratio,
//   slo:error_budget:ratio, slo:time_period:days, slo:current_burn_rate:ratio,
//   slo:period_burn_rate:ratio, slo:period_error_budget_remaining:ratio and
//   sloth_slo_info{sloth_mode,sloth_spec,sloth_version,sloth_objective}),
//   constant over the last 2 hours (one sample per step):
//     * payments-requests-availability (objective 99.9 %, 30d): healthy,
//       30d error ratio 0.0002: budget consumed 0.2, remaining 0.8; also a
//       custom SLO label owner="team-payments" as Sloth copies spec labels;
//       its 5m error ratio (and current burn rate) breaches at 0.005 (burn
//       rate 5) from 90 to 60 minutes before end ([from, to) in "breach" of
//       fixtures.json), for MTTD on discovered SLOs;
//     * search-requests-availability (objective 99.5 %, 30d): no traffic,
//       every error ratio and burn rate is NaN (0/0, as Prometheus records
//       it; OpenMetrics and promtool accept NaN samples).
// - Pyrra generic rules (pyrra_objective as a ratio, pyrra_window in
//   seconds, pyrra_availability, pyrra_requests:rate5m, pyrra_errors:rate5m,
//   label slo plus the propagated label service) and Pyrra's burn-rate
//   recordings http_requests:burnrate<w>{slo,service} for a 28d SLO
//   (5m 30m 1h 2h 6h 1d 4d), constant over the last 2 hours:
//     * search-availability (objective 99.5 %, 28d): availability 0.998,
//       error ratio 0.002: consumed 0.4, remaining 0.6.
// - Alert history: ALERTS{alertname,alertstate,service,severity,...} = 1 at
//   every step an alert was pending or firing, as Prometheus' rule manager
//   records it, for alert-selector tests (the rules of the same names are in
//   scripts/prometheus/rules/fixture-alerts.yml). Runs are [start, end): a
//   sample at start, start + step, ..., end - step. For service="checkout":
//     * CheckoutHighErrorRate (critical): 45 min firing 3 days before end
//       after 5 min pending; twice more 26 h before end, 10 and 8 min
//       with a 2-minute gap (two incidents); and one run from 30.5 d to
//       29.5 d before end, which started before a 30 d range;
//     * CheckoutHighLatency (warning): flapping, firing 3 times within 24 h
//       (10 min at 20 h, 15 min at 14 h, 3 min at 6 h before end);
//     * CheckoutErrorBudgetBurn (page): 8 hours, ending 1 hour before end
//       (long enough to span a chunk boundary of a chunked range query);
//     * CheckoutDown (page): firing for the last 40 minutes and still firing
//       at end (and through --extend-minutes);
//     * CheckoutPodCrashLooping (warning), two series with different pod
//       labels and overlapping runs 2 days before end;
//     * CheckoutLegacyCheck (info): 30 minutes 12 days before end; its rule
//       no longer exists, so no summary is known.
//   For service="identity": IdentityHighErrorRate (critical) during the
//   identity outage, after 5 minutes pending.
//   fixtures.json (key "alerts") has the incidents a reconstruction with a
//   60 s step must give for [end - 30d, end + 60s): one per contiguous
//   firing run of a series; created at the first firing sample; resolved at
//   the last firing sample + 60 s, or open (status triggered) when still
//   firing at end; urgency high for severity critical or page; alert key =
//   alertname{other labels but alertstate, sorted}; title = alertname, plus
//   ": " and the rule's summary (with {{ $labels.x }} filled in) when a rule
//   of that name exists.
//
// --bench N: N Sloth SLOs sloth_id="bench-<i>", sloth_service=
// "bench-svc-<i % 100>", sloth_slo="requests-<i>", every window and metadata
// series, samples for the last 10 minutes only, error ratios from a seeded
// hash (objective cycling 99 / 99.5 / 99.9 / 99.95 %). Written as a stream.

import fs from 'node:fs';
import path from 'node:path';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The windows fixtures.json gives numbers for, in seconds. */
const WINDOWS = {
  '5m': 5 * MINUTE,
  '30m': 30 * MINUTE,
  '1h': HOUR,
  '2h': 2 * HOUR,
  '6h': 6 * HOUR,
  '1d': DAY,
  '3d': 3 * DAY,
  '28d': 28 * DAY,
  '30d': 30 * DAY,
};

const SLOTH_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'];
const SLOTH_INFO = {
  sloth_mode: 'cli-gen-prom',
  sloth_spec: 'prometheus/v1',
  sloth_version: 'v0.11.0',
};
const PYRRA_WINDOWS = {
  '5m': 300,
  '30m': 1800,
  '1h': 3600,
  '2h': 7200,
  '6h': 21600,
  '1d': 86400,
  '4d': 345600,
};

function parseArgs(argv) {
  const opts = { days: 35, step: 60, extendMinutes: 0 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      return value;
    };
    switch (arg) {
      case '--out':
        opts.out = next();
        break;
      case '--fixtures':
        opts.fixtures = next();
        break;
      case '--end':
        opts.end = Number(next());
        break;
      case '--days':
        opts.days = Number(next());
        break;
      case '--step':
        opts.step = Number(next());
        break;
      case '--extend-minutes':
        opts.extendMinutes = Number(next());
        break;
      case '--bench':
        opts.bench = Number(next());
        break;
      case '-h':
      case '--help':
        process.stdout.write(
          'usage: generate-openmetrics.mjs --out <file> [--fixtures <json>] [--end <unix s>] [--days 35] [--step 60] [--extend-minutes 0] [--bench N]\n',
        );
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument: ${arg}`);
    }
  }
  if (!opts.out) throw new Error('--out <file> is required');
  if (opts.end === undefined)
    opts.end = Math.floor(Date.now() / 1000 / MINUTE) * MINUTE;
  for (const key of ['end', 'days', 'step', 'extendMinutes']) {
    if (!Number.isInteger(opts[key]) || opts[key] < 0) {
      throw new Error(`--${key} must be a non-negative integer`);
    }
  }
  if (opts.step <= 0 || MINUTE % opts.step !== 0) {
    throw new Error('--step must divide 60');
  }
  if (opts.end % opts.step !== 0)
    throw new Error('--end must be a multiple of --step');
  if (
    opts.bench !== undefined &&
    (!Number.isInteger(opts.bench) || opts.bench < 1)
  ) {
    throw new Error('--bench needs a positive integer');
  }
  if (opts.bench === undefined && opts.days * DAY < WINDOWS['30d'] + DAY) {
    throw new Error(
      '--days must be at least 31 so the 30d window has data at its start',
    );
  }
  opts.fixtures ??= path.join(path.dirname(opts.out), 'fixtures.json');
  return opts;
}

/** Buffered synchronous writer: large chunks, no backpressure to manage. */
class Out {
  constructor(file) {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.fd = fs.openSync(file, 'w');
    this.buf = [];
    this.size = 0;
    this.bytes = 0;
    this.lines = 0;
  }
  line(s) {
    this.buf.push(s);
    this.size += s.length + 1;
    this.lines++;
    if (this.size > 1 << 20) this.flush();
  }
  flush() {
    if (this.buf.length === 0) return;
    const chunk = `${this.buf.join('\n')}\n`;
    fs.writeSync(this.fd, chunk);
    this.bytes += Buffer.byteLength(chunk);
    this.buf = [];
    this.size = 0;
  }
  close() {
    this.flush();
    fs.closeSync(this.fd);
  }
}

const escapeLabel = v =>
  String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labelText = labels =>
  `{${Object.entries(labels)
    .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
    .join(',')}}`;
const num = v =>
  Number.isNaN(v)
    ? 'NaN'
    : v === Infinity
    ? '+Inf'
    : v === -Infinity
    ? '-Inf'
    : String(v);

/** Every sample time of the history: start, start + step, ..., last. */
function times(ctx, from = ctx.start) {
  const out = [];
  for (let t = from; t <= ctx.last; t += ctx.step) out.push(t);
  return out;
}

function writeFamily(out, name, type, help, series, ts) {
  out.line(`# TYPE ${name} ${type}`);
  out.line(`# HELP ${name} ${help}`);
  for (const s of series) {
    const prefix = `${s.name}${labelText(s.labels)} `;
    for (const t of ts) out.line(`${prefix}${num(s.value(t))} ${t}`);
  }
}

// ---------------------------------------------------------------- counters

/**
 * A counter from a per-step increment: value(start) = base; at each later
 * sample t the counter first resets to 0 when reset(t), then adds inc(t).
 */
function counter(labels, base, inc, reset = () => false) {
  let t0;
  let v;
  return {
    name: 'http_requests_total',
    labels,
    inc,
    reset,
    value(t) {
      // called with increasing t only (one pass per series)
      if (t0 === undefined) {
        t0 = t;
        v = base;
      } else {
        if (reset(t)) v = 0;
        v += inc(t);
      }
      return v;
    },
  };
}

/** Increase over (end - w, end]: the sum of the increments, resets included. */
const increase = (ctx, s, w) => {
  let sum = 0;
  for (let t = ctx.end - w + ctx.step; t <= ctx.end; t += ctx.step)
    sum += s.inc(t);
  return sum;
};

function windowNumbers(total, errors, objective) {
  if (total === 0) {
    return {
      total,
      errors,
      errorRatio: null,
      sli: null,
      burnRate: null,
      budgetConsumed: null,
      budgetRemaining: null,
    };
  }
  const errorRatio = errors / total;
  const burnRate = errorRatio / (1 - objective);
  return {
    total,
    errors,
    errorRatio,
    sli: 1 - errorRatio,
    burnRate,
    budgetConsumed: burnRate,
    budgetRemaining: 1 - burnRate,
  };
}

function fixtures(ctx, out) {
  const { end, step } = ctx;
  const perStep = perMinute => (perMinute * step) / MINUTE;
  const inPeriod = (t, from, to) => t > from && t <= to;

  // identity
  const outage = {
    start: end - 210 * MINUTE,
    end: end - 30 * MINUTE,
    errorRatio: 0.6,
  };
  const incident = {
    start: end - 29.5 * DAY - HOUR,
    end: end - 29.5 * DAY,
    errorRatio: 0.1,
  };
  const identityReset = end - 2 * DAY;
  const identityErrors = t =>
    perStep(
      inPeriod(t, outage.start, outage.end)
        ? 6000
        : inPeriod(t, incident.start, incident.end)
        ? 1000
        : 1,
    );
  const identityTotal = perStep(10000);

  const requestSeries = [
    counter({ service: 'checkout', code: '200' }, 0, () => perStep(1999)),
    counter({ service: 'checkout', code: '500' }, 0, () => perStep(1)),
    counter(
      { service: 'identity', code: '200' },
      0,
      t => identityTotal - identityErrors(t),
      t => t === identityReset,
    ),
    counter(
      { service: 'identity', code: '500' },
      0,
      identityErrors,
      t => t === identityReset,
    ),
    counter({ service: 'quiet', code: '200' }, 1234, () => 0),
    counter({ service: 'quiet', code: '500' }, 7, () => 0),
  ];
  const all = times(ctx);
  writeFamily(
    out,
    'http_requests',
    'counter',
    'Requests handled, by status code.',
    requestSeries,
    all,
  );

  const services = {};
  const objectives = { checkout: 0.999, identity: 0.999, quiet: 0.999 };
  for (const service of Object.keys(objectives)) {
    const mine = requestSeries.filter(s => s.labels.service === service);
    const windows = {};
    for (const [name, w] of Object.entries(WINDOWS)) {
      const total = mine.reduce((a, s) => a + increase(ctx, s, w), 0);
      const errors = mine
        .filter(s => s.labels.code.startsWith('5'))
        .reduce((a, s) => a + increase(ctx, s, w), 0);
      windows[name] = windowNumbers(total, errors, objectives[service]);
    }
    services[service] = {
      objective: objectives[service],
      totalQuery: `sum(increase(http_requests_total{service="${service}"}[$window]))`,
      errorQuery: `sum(increase(http_requests_total{service="${service}",code=~"5.."}[$window]))`,
      windows,
    };
  }
  services.checkout.description =
    '2000 req/min, 1 error/min (0.05 %), constant.';
  services.identity.description =
    '10000 req/min, 0.01 % errors; 3 h outage at 60 % errors ending 30 min before end; 1 h at 10 % ending 29.5 d before end; counter reset 2 d before end.';
  services.identity.outage = outage;
  services.identity.olderIncident = incident;
  services.identity.counterResetAt = identityReset;
  services.quiet.description =
    'Series exist at constant values (code 200 = 1234, code 500 = 7): no traffic, every increase is 0, the PromQL error ratio is NaN.';

  // latency gauge
  const threshold = 0.3;
  const badPeriods = [
    { start: end - 150 * MINUTE, end: end - 130 * MINUTE },
    { start: end - 10 * DAY - 45 * MINUTE, end: end - 10 * DAY },
    { start: end - 29 * DAY - 90 * MINUTE, end: end - 29 * DAY },
  ];
  const baseline = [0.12, 0.15, 0.18, 0.21];
  const p99 = t =>
    badPeriods.some(p => inPeriod(t, p.start, p.end))
      ? 0.45
      : baseline[Math.floor(t / step) % baseline.length];
  const latencyLabels = { service: 'storefront-web' };
  writeFamily(
    out,
    'http_request_duration_seconds:p99',
    'gauge',
    '99th percentile request latency per minute.',
    [
      {
        name: 'http_request_duration_seconds:p99',
        labels: latencyLabels,
        value: p99,
      },
    ],
    all,
  );
  const latencyWindows = {};
  for (const [name, w] of Object.entries(WINDOWS)) {
    let samples = 0;
    let bad = 0;
    for (let t = end - w + step; t <= end; t += step) {
      samples++;
      if (p99(t) > threshold) bad++;
    }
    latencyWindows[name] = {
      samples,
      bad,
      good: samples - bad,
      goodRatio: (samples - bad) / samples,
    };
  }

  // Sloth and Pyrra recordings: the last 2 hours
  const recent = times(ctx, end - 2 * HOUR);
  const payments = {
    id: 'payments-requests-availability',
    service: 'payments',
    slo: 'requests-availability',
    objectivePercent: 99.9,
    timePeriodDays: 30,
    extraLabels: { owner: 'team-payments' },
    // a breach of the 5m error ratio, for MTTD on discovered SLOs
    breach: {
      window: '5m',
      from: end - 90 * MINUTE,
      to: end - 60 * MINUTE,
      errorRatio: 0.005,
    },
    errorRatios: {
      '5m': 0.0001,
      '30m': 0.00012,
      '1h': 0.00015,
      '2h': 0.0002,
      '6h': 0.0002,
      '1d': 0.00025,
      '3d': 0.0002,
      '30d': 0.0002,
    },
  };
  const search = {
    id: 'search-requests-availability',
    service: 'search',
    slo: 'requests-availability',
    objectivePercent: 99.5,
    timePeriodDays: 30,
    extraLabels: {},
    errorRatios: Object.fromEntries(
      [...SLOTH_WINDOWS, '30d'].map(w => [w, NaN]),
    ),
  };
  const sloth = writeSloth(out, [payments, search], recent);

  const pyrra = {
    slo: 'search-availability',
    labels: { slo: 'search-availability', service: 'search' },
    objective: 0.995,
    windowSeconds: 28 * DAY,
    availability: 0.998,
    requestsRate5m: 50,
    errorsRate5m: 0.05,
    burnrates: {
      '5m': 0.001,
      '30m': 0.0015,
      '1h': 0.002,
      '2h': 0.002,
      '6h': 0.0025,
      '1d': 0.003,
      '4d': 0.002,
    },
  };
  const constant = (name, labels, v) => ({ name, labels, value: () => v });
  writeFamily(
    out,
    'pyrra_objective',
    'gauge',
    'Pyrra generic rule: objective ratio.',
    [constant('pyrra_objective', pyrra.labels, pyrra.objective)],
    recent,
  );
  writeFamily(
    out,
    'pyrra_window',
    'gauge',
    'Pyrra generic rule: window in seconds.',
    [constant('pyrra_window', pyrra.labels, pyrra.windowSeconds)],
    recent,
  );
  writeFamily(
    out,
    'pyrra_availability',
    'gauge',
    'Pyrra generic rule: availability over the window.',
    [constant('pyrra_availability', pyrra.labels, pyrra.availability)],
    recent,
  );
  writeFamily(
    out,
    'pyrra_requests:rate5m',
    'gauge',
    'Pyrra generic rule: request rate.',
    [constant('pyrra_requests:rate5m', pyrra.labels, pyrra.requestsRate5m)],
    recent,
  );
  writeFamily(
    out,
    'pyrra_errors:rate5m',
    'gauge',
    'Pyrra generic rule: error rate.',
    [constant('pyrra_errors:rate5m', pyrra.labels, pyrra.errorsRate5m)],
    recent,
  );
  for (const [w, ratio] of Object.entries(pyrra.burnrates)) {
    const name = `http_requests:burnrate${w}`;
    writeFamily(
      out,
      name,
      'gauge',
      `Pyrra burn-rate recording: error ratio over ${w}.`,
      [constant(name, pyrra.labels, ratio)],
      recent,
    );
  }

  const alerts = alertHistory(ctx, out);

  return {
    services,
    alerts,
    latency: {
      query: 'http_request_duration_seconds:p99{service="storefront-web"}',
      labels: latencyLabels,
      threshold,
      baseline,
      badValue: 0.45,
      badPeriods,
      windows: latencyWindows,
    },
    sloth,
    pyrra: {
      ...pyrra,
      errorRatio: 1 - pyrra.availability,
      budgetConsumed: (1 - pyrra.availability) / (1 - pyrra.objective),
      budgetRemaining: 1 - (1 - pyrra.availability) / (1 - pyrra.objective),
      samplesFrom: recent[0],
    },
  };
}

// ----------------------------------------------------------- alert history

/**
 * The summaries of scripts/prometheus/rules/fixture-alerts.yml by alert name
 * (the generator has no YAML parser); the integration test checks that the
 * titles built from the real rules API match.
 */
const RULE_SUMMARIES = {
  CheckoutHighErrorRate: 'Checkout error rate above 5 %',
  CheckoutDown: 'Checkout is down',
  CheckoutHighLatency: 'Checkout p99 latency above 500 ms',
  CheckoutPodCrashLooping: 'Pod {{ $labels.pod }} is crash looping',
  CheckoutErrorBudgetBurn: 'Checkout is burning its error budget fast',
  IdentityHighErrorRate: 'Identity error rate above 5 %',
};
const PAGE_SEVERITIES = ['critical', 'page'];

/** Writes the ALERTS history; returns the incidents it must give. */
function alertHistory(ctx, out) {
  const { end, step } = ctx;
  const checkout = { service: 'checkout' };
  const firing = (alertname, labels, runs) => ({
    labels: { alertname, alertstate: 'firing', ...labels },
    runs,
  });
  const pending = (alertname, labels, runs) => ({
    labels: { alertname, alertstate: 'pending', ...labels },
    runs,
  });
  const run = (start, stop) => ({ start, end: stop });
  // one step past the last sample: still firing at end and after
  const open = start => run(start, ctx.last + step);
  const crit = { ...checkout, severity: 'critical' };
  const latency = { ...checkout, severity: 'warning' };
  const burn = { ...checkout, severity: 'page' };
  const podA = {
    ...checkout,
    severity: 'warning',
    pod: 'checkout-7d9f8-abcde',
  };
  const podB = {
    ...checkout,
    severity: 'warning',
    pod: 'checkout-7d9f8-fghij',
  };
  const identity = { service: 'identity', severity: 'critical' };
  const outageStart = end - 210 * MINUTE;
  const outageEnd = end - 30 * MINUTE;

  const series = [
    pending('CheckoutHighErrorRate', crit, [
      run(end - 3 * DAY - 2 * HOUR - 5 * MINUTE, end - 3 * DAY - 2 * HOUR),
    ]),
    firing('CheckoutHighErrorRate', crit, [
      run(end - 30.5 * DAY, end - 29.5 * DAY),
      run(end - 3 * DAY - 2 * HOUR, end - 3 * DAY - 75 * MINUTE),
      run(end - 26 * HOUR, end - 26 * HOUR + 10 * MINUTE),
      run(end - 26 * HOUR + 12 * MINUTE, end - 26 * HOUR + 20 * MINUTE),
    ]),
    firing('CheckoutHighLatency', latency, [
      run(end - 20 * HOUR, end - 20 * HOUR + 10 * MINUTE),
      run(end - 14 * HOUR, end - 14 * HOUR + 15 * MINUTE),
      run(end - 6 * HOUR, end - 6 * HOUR + 3 * MINUTE),
    ]),
    firing('CheckoutErrorBudgetBurn', burn, [run(end - 9 * HOUR, end - HOUR)]),
    firing('CheckoutDown', burn, [open(end - 40 * MINUTE)]),
    firing('CheckoutPodCrashLooping', podA, [
      run(end - 2 * DAY - 30 * MINUTE, end - 2 * DAY - 10 * MINUTE),
    ]),
    firing('CheckoutPodCrashLooping', podB, [
      run(end - 2 * DAY - 25 * MINUTE, end - 2 * DAY - 15 * MINUTE),
    ]),
    firing('CheckoutLegacyCheck', { ...checkout, severity: 'info' }, [
      run(end - 12 * DAY, end - 12 * DAY + 30 * MINUTE),
    ]),
    pending('IdentityHighErrorRate', identity, [
      run(outageStart, outageStart + 5 * MINUTE),
    ]),
    firing('IdentityHighErrorRate', identity, [
      run(outageStart + 5 * MINUTE, outageEnd),
    ]),
  ];

  out.line('# TYPE ALERTS gauge');
  out.line(
    '# HELP ALERTS Alerts of alerting rules, as the rule manager records them.',
  );
  for (const s of series) {
    const prefix = `ALERTS${labelText(s.labels)} `;
    for (const r of s.runs) {
      if (r.start % step !== 0 || r.end % step !== 0) {
        throw new Error('alert runs must be aligned to --step');
      }
      for (
        let t = Math.max(r.start, ctx.start);
        t < r.end && t <= ctx.last;
        t += step
      ) {
        out.line(`${prefix}1 ${t}`);
      }
    }
  }

  const since = end - 30 * DAY;
  const until = end + step;
  const lastStep = until - step;
  const iso = seconds => new Date(seconds * 1000).toISOString();
  const incidentsOf = service =>
    series
      .filter(
        s => s.labels.alertstate === 'firing' && s.labels.service === service,
      )
      .flatMap(s =>
        s.runs
          .filter(r => r.start >= since && r.start < until)
          .map(r => {
            const { alertname, alertstate, ...rest } = s.labels;
            const key = `${alertname}{${Object.keys(rest)
              .sort()
              .map(k => `${k}="${escapeLabel(rest[k])}"`)
              .join(', ')}}`;
            const template = RULE_SUMMARIES[alertname];
            const summary = template?.replace(
              /\{\{\s*\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g,
              (_, name) => rest[name] ?? '',
            );
            const stillFiring = r.end - step >= lastStep;
            return {
              source: 'alertmanager',
              serviceId: `service="${service}"`,
              title: summary ? `${alertname}: ${summary}` : alertname,
              alertKey: key,
              urgency: PAGE_SEVERITIES.includes(rest.severity) ? 'high' : 'low',
              // the alert's `severity` label, which the severity map reads
              ...(rest.severity ? { severityLabel: rest.severity } : {}),
              status: stillFiring ? 'triggered' : 'resolved',
              createdAt: iso(r.start),
              firstAcknowledgedAt: null,
              resolvedAt: stillFiring ? null : iso(r.end),
              escalations: 0,
            };
          }),
      )
      .sort(
        (a, b) =>
          a.createdAt.localeCompare(b.createdAt) ||
          a.alertKey.localeCompare(b.alertKey),
      );

  return {
    description:
      'ALERTS history (pending and firing) of the fixture alert rules; incidents as a 60 s step reconstruction of alertstate="firing" must give them for [since, until).',
    stepSeconds: step,
    since,
    until,
    series: series.map(s => ({
      labels: s.labels,
      runs: s.runs.map(r => ({
        start: r.start,
        end: Math.min(r.end, ctx.last + step),
      })),
    })),
    incidents: {
      checkout: incidentsOf('checkout'),
      identity: incidentsOf('identity'),
    },
  };
}

// ------------------------------------------------------------------- Sloth

/** An SLO's recorded error ratio over window w at time t (its breach, if any, in [from, to)). */
function ratioAt(e, w, t) {
  const b = e.breach;
  return b && b.window === w && t >= b.from && t < b.to
    ? b.errorRatio
    : e.errorRatios[w];
}

/** Writes the Sloth recordings of the given SLOs at times ts; returns their expected values. */
function writeSloth(out, slos, ts) {
  const idLabels = s => ({
    sloth_id: s.id,
    sloth_service: s.service,
    sloth_slo: s.slo,
    ...s.extraLabels,
  });
  const expected = slos.map(s => {
    const objective = s.objectivePercent / 100;
    // Sloth records vector(1-<objective>): computed the same way here
    const errorBudget = 1 - objective;
    const period = `${s.timePeriodDays}d`;
    return {
      id: s.id,
      service: s.service,
      slo: s.slo,
      labels: idLabels(s),
      objective,
      objectivePercent: s.objectivePercent,
      errorBudget,
      timePeriodDays: s.timePeriodDays,
      errorRatios: s.errorRatios,
      breach: s.breach,
      currentBurnRate: s.errorRatios['5m'] / errorBudget,
      periodBurnRate: s.errorRatios[period] / errorBudget,
      periodErrorBudgetRemaining: 1 - s.errorRatios[period] / errorBudget,
    };
  });
  const windows = [
    ...SLOTH_WINDOWS,
    ...new Set(slos.map(s => `${s.timePeriodDays}d`)),
  ];
  for (const w of windows) {
    const name = `slo:sli_error:ratio_rate${w}`;
    writeFamily(
      out,
      name,
      'gauge',
      `Sloth SLI error ratio over ${w}.`,
      expected
        .filter(e => e.errorRatios[w] !== undefined)
        .map(e => ({
          name,
          labels: { ...e.labels, sloth_window: w },
          value: t => ratioAt(e, w, t),
        })),
      ts,
    );
  }
  const meta = [
    ['slo:objective:ratio', 'Sloth SLO objective ratio.', e => e.objective],
    [
      'slo:error_budget:ratio',
      'Sloth SLO error budget ratio.',
      e => e.errorBudget,
    ],
    [
      'slo:time_period:days',
      'Sloth SLO time period in days.',
      e => e.timePeriodDays,
    ],
    [
      'slo:current_burn_rate:ratio',
      'Sloth current burn rate.',
      (e, t) => ratioAt(e, '5m', t) / e.errorBudget,
    ],
    [
      'slo:period_burn_rate:ratio',
      'Sloth burn rate over the period.',
      e => e.periodBurnRate,
    ],
    [
      'slo:period_error_budget_remaining:ratio',
      'Sloth error budget remaining over the period.',
      e => e.periodErrorBudgetRemaining,
    ],
  ];
  for (const [name, help, value] of meta) {
    writeFamily(
      out,
      name,
      'gauge',
      help,
      expected.map(e => ({
        name,
        labels: e.labels,
        value: t => value(e, t),
      })),
      ts,
    );
  }
  writeFamily(
    out,
    'sloth_slo_info',
    'gauge',
    'Sloth SLO information.',
    expected.map(e => ({
      name: 'sloth_slo_info',
      labels: {
        ...e.labels,
        ...SLOTH_INFO,
        sloth_objective: String(e.objectivePercent),
      },
      value: () => 1,
    })),
    ts,
  );
  const toJson = v => (typeof v === 'number' && !Number.isFinite(v) ? null : v);
  return {
    info: SLOTH_INFO,
    samplesFrom: ts[0],
    slos: expected.map(e => ({
      ...e,
      noData: Object.values(e.errorRatios).some(Number.isNaN),
      errorRatios: Object.fromEntries(
        Object.entries(e.errorRatios).map(([k, v]) => [k, toJson(v)]),
      ),
      currentBurnRate: toJson(e.currentBurnRate),
      periodBurnRate: toJson(e.periodBurnRate),
      periodErrorBudgetRemaining: toJson(e.periodErrorBudgetRemaining),
    })),
  };
}

// ------------------------------------------------------------------- bench

/** mulberry32-style integer hash to [0, 1). */
function hash01(a, b) {
  let x = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca6b)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  x ^= x >>> 16;
  return (x >>> 0) / 4294967296;
}

function bench(ctx, out, n) {
  const objectives = [99, 99.5, 99.9, 99.95];
  const windows = [...SLOTH_WINDOWS, '30d'];
  const ts = times(ctx, ctx.end - 10 * MINUTE + ctx.step);
  const slo = i => {
    const objectivePercent = objectives[i % objectives.length];
    const budget = 1 - objectivePercent / 100;
    // error ratios between 0 and 3x the budget, one value per window
    const errorRatios = Object.fromEntries(
      windows.map((w, k) => [
        w,
        Math.round(hash01(i, k) * 3 * budget * 1e9) / 1e9,
      ]),
    );
    return {
      id: `bench-${i}`,
      service: `bench-svc-${i % 100}`,
      slo: `requests-${i}`,
      objectivePercent,
      timePeriodDays: 30,
      extraLabels: {},
      errorRatios,
    };
  };
  // one family at a time, all SLOs inside it (OpenMetrics keeps a family contiguous)
  const idLabels = s =>
    labelText({ sloth_id: s.id, sloth_service: s.service, sloth_slo: s.slo });
  const family = (name, help, lineFor) => {
    out.line(`# TYPE ${name} gauge`);
    out.line(`# HELP ${name} ${help}`);
    for (let i = 0; i < n; i++) {
      const s = slo(i);
      const [labels, v] = lineFor(s);
      const prefix = `${name}${labels} `;
      for (const t of ts) out.line(`${prefix}${num(v)} ${t}`);
    }
  };
  for (const w of windows) {
    family(
      `slo:sli_error:ratio_rate${w}`,
      `Sloth SLI error ratio over ${w}.`,
      s => [
        labelText({
          sloth_id: s.id,
          sloth_service: s.service,
          sloth_slo: s.slo,
          sloth_window: w,
        }),
        s.errorRatios[w],
      ],
    );
  }
  family('slo:objective:ratio', 'Sloth SLO objective ratio.', s => [
    idLabels(s),
    s.objectivePercent / 100,
  ]);
  family('slo:error_budget:ratio', 'Sloth SLO error budget ratio.', s => [
    idLabels(s),
    1 - s.objectivePercent / 100,
  ]);
  family('slo:time_period:days', 'Sloth SLO time period in days.', s => [
    idLabels(s),
    30,
  ]);
  family('slo:current_burn_rate:ratio', 'Sloth current burn rate.', s => [
    idLabels(s),
    s.errorRatios['5m'] / (1 - s.objectivePercent / 100),
  ]);
  family(
    'slo:period_burn_rate:ratio',
    'Sloth burn rate over the period.',
    s => [idLabels(s), s.errorRatios['30d'] / (1 - s.objectivePercent / 100)],
  );
  family(
    'slo:period_error_budget_remaining:ratio',
    'Sloth error budget remaining over the period.',
    s => [
      idLabels(s),
      1 - s.errorRatios['30d'] / (1 - s.objectivePercent / 100),
    ],
  );
  family('sloth_slo_info', 'Sloth SLO information.', s => [
    labelText({
      sloth_id: s.id,
      sloth_service: s.service,
      sloth_slo: s.slo,
      ...SLOTH_INFO,
      sloth_objective: String(s.objectivePercent),
    }),
    1,
  ]);
  const sample = [0, 1, n - 1]
    .filter((i, k, a) => a.indexOf(i) === k && i < n)
    .map(slo);
  return {
    bench: {
      slos: n,
      services: Math.min(n, 100),
      windows,
      seriesPerSlo: windows.length + 7,
      samplesFrom: ts[0],
      samplesPerSeries: ts.length,
      examples: sample,
    },
  };
}

// -------------------------------------------------------------------- main

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const ctx = {
    end: opts.end,
    step: opts.step,
    start:
      opts.bench === undefined
        ? opts.end - opts.days * DAY
        : opts.end - 10 * MINUTE,
    last: opts.end + opts.extendMinutes * MINUTE,
  };
  const out = new Out(opts.out);
  const expected =
    opts.bench === undefined ? fixtures(ctx, out) : bench(ctx, out, opts.bench);
  out.line('# EOF');
  out.close();
  const doc = {
    generator: 'scripts/prometheus/generate-openmetrics.mjs',
    mode: opts.bench === undefined ? 'fixtures' : 'bench',
    end: ctx.end,
    endIso: new Date(ctx.end * 1000).toISOString(),
    start: ctx.start,
    lastSample: ctx.last,
    stepSeconds: ctx.step,
    days: opts.bench === undefined ? opts.days : undefined,
    extendMinutes: opts.extendMinutes,
    windows: WINDOWS,
    increaseSemantics:
      'Counter numbers are increments over (end - w, end] = x(end) - x(end - w) + reset corrections, i.e. what Prometheus 2.x increase(x[w]) returns at time end (a sample sits on both window edges, so nothing is extrapolated).',
    ...expected,
  };
  fs.writeFileSync(opts.fixtures, `${JSON.stringify(doc, null, 2)}\n`);
  process.stderr.write(
    `wrote ${out.lines} lines (${(out.bytes / 1e6).toFixed(1)} MB) to ${
      opts.out
    } and ${opts.fixtures} in ${Date.now() - started} ms\n`,
  );
}

try {
  main();
} catch (e) {
  process.stderr.write(`generate-openmetrics: ${e.message}\n`);
  process.exit(2);
}
