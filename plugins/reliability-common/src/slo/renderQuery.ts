const WINDOW_PLACEHOLDER = /\{\{\s*\.window\s*\}\}/g;

/**
 * Whether a query template contains Sloth's `{{.window}}` placeholder
 * (spaces inside the braces allowed, e.g. `{{ .window }}`).
 *
 * @public
 */
export function hasWindowPlaceholder(template: string): boolean {
  return new RegExp(WINDOW_PLACEHOLDER.source).test(template);
}

/**
 * Substitutes Sloth's `{{.window}}` placeholder (also written
 * `{{ .window }}`) in a PromQL query template with a range such as `5m` or
 * `30d`. Other text, including other `{{ }}` expressions, is left unchanged.
 *
 * @public
 */
export function renderQuery(template: string, window: string): string {
  return template.replace(WINDOW_PLACEHOLDER, () => window);
}
