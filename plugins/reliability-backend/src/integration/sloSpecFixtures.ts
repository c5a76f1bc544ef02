/**
 * SLO spec files the integration tests put next to their entities; their
 * queries read the series of the fixture Prometheus (prometheusFixtures.ts).
 */

/** An OpenSLO v1 file: checkout, 99.9% over a rolling 28 days, events. */
export const CHECKOUT_OPENSLO_SPEC = `
apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-availability
spec:
  service: checkout
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
              query: sum(increase(http_requests_total{service="checkout",code!~"5.."}[{{.window}}]))
        total:
          metricSource:
            type: Prometheus
            spec:
              query: sum(increase(http_requests_total{service="checkout"}[{{.window}}]))
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.999
`;

/** A Sloth prometheus/v1 file: one 99.9% availability SLO of `service`. */
export const slothSpec = (service: string) => `
version: prometheus/v1
service: ${service}
slos:
  - name: availability
    objective: 99.9
    sli:
      events:
        error_query: sum(increase(http_requests_total{service="${service}",code=~"5.."}[{{.window}}]))
        total_query: sum(increase(http_requests_total{service="${service}"}[{{.window}}]))
`;
