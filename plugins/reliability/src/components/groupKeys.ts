/**
 * The keys of the groups of a summary, e.g. the owners of a summary by owner;
 * the group without a key (no owner) is left out.
 */
export function groupKeys(
  summary: { groups: Array<{ key: string | null }> } | undefined,
): string[] {
  return (summary?.groups ?? [])
    .map(group => group.key)
    .filter((key): key is string => Boolean(key));
}
