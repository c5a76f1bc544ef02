/**
 * Describes a configuration value that has the wrong type, for error
 * messages: `null`, `a list`, `a mapping`, `"text"`, `3`, `NaN`, `a boolean`.
 */
export function describeConfigValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') {
    return value.length > 80
      ? JSON.stringify(`${value.slice(0, 80)}…`)
      : JSON.stringify(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return `a ${typeof value}`;
}
