/**
 * SLO spec files the integration tests put next to their entities; their
 * queries read the series of the fixture Prometheus (prometheusFixtures.ts).
 */
import {
  RELIABILITY_ANNOTATION_SLO_SELECTOR,
  RELIABILITY_ANNOTATION_SLO_SPEC,
} from '@reliability-kit/backstage-plugin-reliability-common';

/** What differs between the OpenSLO files of checkout the tests write. */
export interface CheckoutOpenSloOptions {
  /** The good-events query. */
  good: string;
  /** The total-events query. */
  total: string;
  /** Adds `displayName` and `description`. */
  described?: boolean;
}

/**
 * An OpenSLO v1 file: checkout availability, 99.9% over a rolling 28 days,
 * counted from events.
 */
export const checkoutOpenSloSpec = ({
  good,
  total,
  described = false,
}: CheckoutOpenSloOptions) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-availability
${described ? '  displayName: Checkout availability\n' : ''}spec:
${
  described ? '  description: Successful checkout requests\n' : ''
}  service: checkout
  indicator:
    metadata:
      name: checkout-good
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec:
              query: ${good}
        total:
          metricSource:
            type: Prometheus
            spec:
              query: ${total}
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.999
`;

/**
 * A Sloth prometheus/v1 file of `service`: one availability-style SLO per
 * `[name, objective]`, its events counted with `fn` (`rate` or `increase`)
 * over `http_requests_total`.
 */
export const slothSpecOf = (
  service: string,
  slos: Array<[string, number]>,
  fn: 'rate' | 'increase',
) => `version: prometheus/v1
service: ${service}
slos:
${slos
  .map(
    ([name, objective]) => `  - name: ${name}
    objective: ${objective}
    sli:
      events:
        error_query: sum(${fn}(http_requests_total{service="${service}",code=~"5.."}[{{.window}}]))
        total_query: sum(${fn}(http_requests_total{service="${service}"}[{{.window}}]))
`,
  )
  .join('')}`;

/** An OpenSLO v1 file: checkout, 99.9% over a rolling 28 days, events. */
export const CHECKOUT_OPENSLO_SPEC = `
${checkoutOpenSloSpec({
  good: 'sum(increase(http_requests_total{service="checkout",code!~"5.."}[{{.window}}]))',
  total: 'sum(increase(http_requests_total{service="checkout"}[{{.window}}]))',
})}`;

/** A Sloth prometheus/v1 file: one 99.9% availability SLO of `service`. */
export const slothSpec = (service: string) => `
${slothSpecOf(service, [['availability', 99.9]], 'increase')}`;

/** The annotation of an entity whose SLOs are in `file` next to it. */
export const sloSpecAt = (file: string) => ({
  [RELIABILITY_ANNOTATION_SLO_SPEC]: file,
});

/** The annotation of an entity whose SLOs are the recorded ones `selector` matches. */
export const sloSelector = (selector: string) => ({
  [RELIABILITY_ANNOTATION_SLO_SELECTOR]: selector,
});
