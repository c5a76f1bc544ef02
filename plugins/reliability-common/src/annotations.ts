/**
 * The catalog annotations and labels Reliability Kit reads and writes. Every
 * package imports these names from here; none spells the strings itself.
 */

/**
 * The annotation an entity's tier id is read from by default, e.g. `tier-1`.
 *
 * @public
 */
export const RELIABILITY_ANNOTATION_TIER = 'reliability-kit.io/tier';

/**
 * The annotation listing an entity's SLO spec files (OpenSLO or Sloth),
 * comma-separated paths relative to its catalog-info.yaml.
 *
 * @public
 */
export const RELIABILITY_ANNOTATION_SLO_SPEC = 'reliability-kit.io/slo-spec';

/**
 * The annotation with the label matchers of an entity's Sloth-generated
 * recording rules, e.g. `sloth_service="checkout"`.
 *
 * @public
 */
export const RELIABILITY_ANNOTATION_SLO_SELECTOR =
  'reliability-kit.io/slo-selector';

/**
 * The annotation naming the configured Prometheus instance an entity's SLOs
 * and alerts are read from (default: the first configured one).
 *
 * @public
 */
export const RELIABILITY_ANNOTATION_PROMETHEUS_INSTANCE =
  'reliability-kit.io/prometheus-instance';

/**
 * The annotation with the label matchers of an entity's alert rules and
 * alerts, e.g. `service="checkout"`.
 *
 * @public
 */
export const RELIABILITY_ANNOTATION_ALERT_SELECTOR =
  'reliability-kit.io/alert-selector';

/**
 * The PagerDuty plugin's annotation with an entity's PagerDuty service id
 * (several may be comma-separated).
 *
 * @public
 */
export const PAGERDUTY_ANNOTATION_SERVICE_ID = 'pagerduty.com/service-id';

/**
 * The annotation naming the configured PagerDuty account an entity's service
 * belongs to (default: the first configured one).
 *
 * @public
 */
export const PAGERDUTY_ANNOTATION_ACCOUNT = 'pagerduty.com/account';

/**
 * The catalog label with an entity's tier id, stamped by the catalog module.
 *
 * @public
 */
export const RELIABILITY_LABEL_TIER = 'reliability-kit.io/tier';

/**
 * The catalog label with an entity's SLO status, stamped by the catalog
 * module.
 *
 * @public
 */
export const RELIABILITY_LABEL_SLO_STATUS = 'reliability-kit.io/slo-status';

/**
 * The catalog label with an entity's tier id; the same as
 * {@link RELIABILITY_LABEL_TIER}.
 *
 * @public
 */
export const TIER_LABEL = RELIABILITY_LABEL_TIER;

/**
 * The catalog label with an entity's SLO status; the same as
 * {@link RELIABILITY_LABEL_SLO_STATUS}.
 *
 * @public
 */
export const SLO_STATUS_LABEL = RELIABILITY_LABEL_SLO_STATUS;

/**
 * The annotation an entity's tier is read from by default; the same as
 * {@link RELIABILITY_ANNOTATION_TIER}.
 *
 * @public
 */
export const TIER_ANNOTATION = RELIABILITY_ANNOTATION_TIER;

/**
 * The annotation naming the paging provider, added by a backend module
 * through `reliabilityPagingExtensionPoint`, that pages an entity.
 *
 * @public
 */
export const RELIABILITY_ANNOTATION_PAGING_PROVIDER =
  'reliability-kit.io/paging-provider';

/**
 * The catalog label with an entity's error-budget policy state (e.g.
 * `exhausted`), stamped by the catalog module.
 *
 * @public
 */
export const RELIABILITY_LABEL_POLICY_STATE = 'reliability-kit.io/policy-state';

/**
 * The annotation naming an entity's postmortems: folders or Markdown files
 * relative to its catalog-info file, comma-separated, e.g. `./postmortems/`.
 *
 * @public
 */
export const RELIABILITY_ANNOTATION_POSTMORTEMS =
  'reliability-kit.io/postmortems';
