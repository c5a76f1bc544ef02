const MAX_ID_LENGTH = 63;

/**
 * Turns an SLO name into an id of lowercase letters, digits and single
 * dashes (at most 63 characters), e.g. `Checkout Availability (EU)` into
 * `checkout-availability-eu`. Returns `slo` when nothing is left.
 *
 * @public
 */
export function sanitizeSloId(name: string): string {
  const id = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_ID_LENGTH)
    .replace(/^-+|-+$/g, '');
  return id || 'slo';
}

/**
 * Returns `sanitizeSloId(name)`, or that id with the first free suffix `-2`,
 * `-3`, ... when it is already in `taken`. Adds the returned id to `taken`.
 *
 * @public
 */
export function uniqueSloId(name: string, taken: Set<string>): string {
  const base = sanitizeSloId(name);
  let id = base;
  for (let n = 2; taken.has(id); n++) {
    const suffix = `-${n}`;
    id = `${base
      .slice(0, MAX_ID_LENGTH - suffix.length)
      .replace(/-+$/, '')}${suffix}`;
  }
  taken.add(id);
  return id;
}
