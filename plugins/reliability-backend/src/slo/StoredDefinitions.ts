import { SloSpec } from '@reliability-kit/backstage-plugin-reliability-common';
import { SloStore } from '../database/SloStore';

/**
 * Which entities have stored spec-file SLO definitions, read once per run
 * (when first needed) so that entities without spec SLOs, and none stored,
 * need no `replaceSloDefinitions` transaction.
 */
export class StoredDefinitions {
  private refs?: Promise<Set<string>>;

  constructor(private readonly store: SloStore) {}

  /** Whether the entity may have stored definitions (true when unknown). */
  async has(entityRef: string): Promise<boolean> {
    this.refs ??= this.store
      .listSloDefinitions()
      .then(definitions => new Set(definitions.map(d => d.entityRef)));
    try {
      return (await this.refs).has(entityRef);
    } catch {
      // Could not tell: replace, as without this shortcut.
      return true;
    }
  }

  /** Replaces an entity's definitions, unless there is nothing to delete. */
  async replace(entityRef: string, specs: SloSpec[], now: string) {
    if (specs.length === 0 && !(await this.has(entityRef))) {
      return;
    }
    await this.store.replaceSloDefinitions(entityRef, specs, now);
    const refs = await this.refs?.catch(() => undefined);
    if (specs.length > 0) refs?.add(entityRef);
    else refs?.delete(entityRef);
  }
}
