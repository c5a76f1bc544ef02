import { DoubleRequestLogEntry } from '../../../testUtils';
import { PagerDutyOpenApiContract } from './PagerDutyOpenApiContract';

/**
 * Asserts that each PagerDuty double was called, and that every request it
 * received and every response it sent conforms to PagerDuty's OpenAPI
 * document.
 */
export function expectConformingExchanges(
  ...doubles: Array<{ readonly requests: DoubleRequestLogEntry[] }>
) {
  const contract = PagerDutyOpenApiContract.load();
  for (const double of doubles) {
    expect(double.requests.length).toBeGreaterThan(0);
    expect(contract.checkAll(double.requests)).toEqual([]);
  }
}
