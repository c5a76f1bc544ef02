export type {
  AlertQualityTimeRange,
  AlertRule,
  BusinessHours,
  Incident,
  OnCallShift,
  PageTimeBucket,
  ResponseTimeScope,
  SleepHours,
  ToilItem,
} from './types';
export {
  DEFAULT_AUTO_RESOLVE_THRESHOLD_MS,
  DEFAULT_BUSINESS_HOURS,
  DEFAULT_FLAPPING_RULE,
  DEFAULT_SLEEP_HOURS,
  DEFAULT_TOP_NOISY_ALERTS_LIMIT,
} from './defaults';
export {
  ALERT_QUALITY_WINDOWS,
  alertQualityWindowDays,
  parseAlertQualityWindow,
} from './parseAlertQualityWindow';
export type { AlertQualityWindow } from './parseAlertQualityWindow';
export { parseTimestamp } from './parseTimestamp';
export type { ParsedTimestamp } from './parseTimestamp';
export { resolveAlertQualityRanges } from './resolveAlertQualityRanges';
export type { AlertQualityRanges } from './resolveAlertQualityRanges';
export { getAlertGroupKey } from './getAlertGroupKey';
export type { AlertGroupKey } from './getAlertGroupKey';
export { computeDurationStats } from './computeDurationStats';
export type { DurationStats } from './computeDurationStats';
export { computeResponseTimes } from './computeResponseTimes';
export type { ResponseTimes } from './computeResponseTimes';
export { findFlappingRuns } from './findFlappingRuns';
export type { FlappingRule, FlappingRun } from './findFlappingRuns';
export { computeNoise } from './computeNoise';
export type { NoiseOptions, NoiseSummary } from './computeNoise';
export { classifyPageTime } from './classifyPageTime';
export type { TeamHoursOptions } from './classifyPageTime';
export { computePagesPerDay } from './computePagesPerDay';
export type { DailyPageCount } from './computePagesPerDay';
export {
  computeOnCallHours,
  computePagesPerOnCallWeek,
} from './computeOnCallHours';
export type { OnCallHours } from './computeOnCallHours';
export { computeTopNoisyAlerts } from './computeTopNoisyAlerts';
export type { NoisyAlert } from './computeTopNoisyAlerts';
export { computeToil } from './computeToil';
export type { ToilSummary } from './computeToil';
export {
  RUNBOOK_URL_ANNOTATION,
  computeRunbookCoverage,
} from './computeRunbookCoverage';
export type { RunbookCoverage } from './computeRunbookCoverage';
export { computeTrend } from './computeTrend';
export type { AlertQualityTrend, MetricPolarity } from './computeTrend';
export { ALERT_QUALITY_HEADLINE_POLARITY } from './alertQualityHeadlineMetrics';
export type { AlertQualityHeadlineMetric } from './alertQualityHeadlineMetrics';
export { getAlertQualityHeadline } from './getAlertQualityHeadline';
export { computeAlertQuality } from './computeAlertQuality';
export type { AlertQualityInput } from './computeAlertQuality';
export type {
  AlertQualityDataQuality,
  AlertQualityReport,
  AlertQualitySnapshot,
  PageTimeCounts,
} from './alertQualityReport';
