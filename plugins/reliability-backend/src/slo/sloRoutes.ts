import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  SloHistoryResponse,
  SloSnapshot,
} from '@reliability-kit/backstage-plugin-reliability-common';
import {
  PrometheusRuleGroup,
  generateSlothRules,
} from '@reliability-kit/backstage-plugin-reliability-node';
import express from 'express';
import { parseAllDocuments, stringify as stringifyYaml } from 'yaml';
import { z } from 'zod';
import { ReliabilityStore } from '../database/ReliabilityStore';
import { Clock } from '../lib/Clock';
import {
  EntityResolver,
  catalogVisible,
  isoTime,
  parseQuery,
  visibilityOf,
} from '../service/request';

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_HISTORY_DAYS = 400;

const sloIdParam = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/);

const isoDate = isoTime;

const historyQuery = z
  .object({ from: isoDate.optional(), to: isoDate.optional() })
  .strict();

const rulesQuery = z
  .object({ format: z.enum(['yaml', 'json']).optional() })
  .strict();

function parseEntityName(entityRef: string): string {
  return entityRef.slice(entityRef.lastIndexOf('/') + 1);
}

/** The longest text of a comment line of the rules export. */
export const MAX_YAML_COMMENT = 500;

/**
 * One YAML comment line (`# ...`) of untrusted text: line breaks (LF, CR,
 * NEL, U+2028, U+2029) and every other control or format character are
 * written as escapes (`\\n`, `\\u2028`), lone surrogates become U+FFFD, and
 * the text is cut at {@link MAX_YAML_COMMENT} characters. So the text can
 * never end the comment, start a document (`---`) or add keys.
 */
export function yamlComment(text: string): string {
  const chars = Array.from(text, c => {
    const code = c.codePointAt(0) ?? 0;
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    if (code >= 0xd800 && code <= 0xdfff) return '\ufffd'; // lone surrogate
    if (
      code < 0x20 ||
      (code >= 0x7f && code <= 0x9f) ||
      code === 0x2028 ||
      code === 0x2029 ||
      code === 0xfeff
    ) {
      return `\\u${code.toString(16).padStart(4, '0')}`;
    }
    return c;
  });
  // Whole characters and escapes only, at most MAX_YAML_COMMENT in all.
  let kept = '';
  let length = 0;
  for (const piece of chars) {
    const size = Array.from(piece).length;
    if (length + size > MAX_YAML_COMMENT) {
      return `# ${kept}...`;
    }
    kept += piece;
    length += size;
  }
  return `# ${kept}`;
}

/**
 * The rule file as YAML, checked to read back as exactly what was written:
 * literal block scalars (the `yaml` package's folded ones do not read back
 * text with U+2028 or U+2029), or double-quoted strings when even those do
 * not.
 */
export function rulesYaml(file: { groups: PrometheusRuleGroup[] }): string {
  const expected = JSON.stringify(file);
  for (const blockQuote of ['literal', false] as const) {
    const text = stringifyYaml(file, { blockQuote });
    const docs = parseAllDocuments(text, { strict: true, uniqueKeys: true });
    if (
      Array.isArray(docs) &&
      docs.length === 1 &&
      docs[0].errors.length === 0 &&
      JSON.stringify(docs[0].toJS()) === expected
    ) {
      return text;
    }
  }
  throw new Error('The rules export could not be written as YAML');
}

export interface SloRoutesOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  store: ReliabilityStore;
  /** The entity of a request, checked for `reliability.entity.read`. */
  entity: EntityResolver;
  /** The one clock of the plugin (plugin.ts). */
  clock: Clock;
}

/**
 * `GET /entities/:kind/:namespace/:name/slos/:sloId/history` and
 * `GET /slos/rules` (the Sloth rule export of the SLOs the caller may read).
 */
export function addSloRoutes(
  router: express.Router,
  options: SloRoutesOptions,
) {
  const { httpAuth, permissions, catalog, store } = options;

  router.get(
    '/entities/:kind/:namespace/:name/slos/:sloId/history',
    async (req, res) => {
      const sloId = sloIdParam.safeParse(req.params.sloId);
      if (!sloId.success) {
        throw new InputError(
          'Invalid SLO id: must be 1-255 letters, digits, dots, colons, dashes or underscores',
        );
      }
      const { from, to } = parseQuery(historyQuery, req.query);
      const toDate = to ? new Date(to) : options.clock.now();
      const fromDate = from
        ? new Date(from)
        : new Date(toDate.getTime() - 30 * DAY_MS);
      if (fromDate.getTime() >= toDate.getTime()) {
        throw new InputError('"from" must be before "to"');
      }
      if (toDate.getTime() - fromDate.getTime() > MAX_HISTORY_DAYS * DAY_MS) {
        throw new InputError(
          `The history range must not exceed ${MAX_HISTORY_DAYS} days`,
        );
      }

      const { entityRef: ref } = await options.entity(req);
      const points = await store.readSloHistory(
        ref,
        sloId.data,
        fromDate.toISOString(),
        toDate.toISOString(),
      );
      if (points.length === 0) {
        const slos = (await store.readSections(ref)).slos?.items as
          | SloSnapshot[]
          | undefined;
        if (!slos?.some(s => s.id === sloId.data)) {
          throw new NotFoundError(`${ref} has no SLO "${sloId.data}"`);
        }
      }
      const body: SloHistoryResponse = {
        entityRef: ref,
        sloId: sloId.data,
        from: fromDate.toISOString(),
        to: toDate.toISOString(),
        points,
      };
      res.json(body);
    },
  );

  router.get('/slos/rules', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { format } = parseQuery(rulesQuery, req.query);
    // Only SLOs of entities the caller may read: first the policy's decision
    // for reliability.entity.read as a whole. DENY: nothing, without reading
    // the store or the catalog. CONDITIONAL: decided per entity by the
    // permission framework, which has the catalog evaluate the conditions
    // with its own rules (custom catalog rules included).
    const visibility = await visibilityOf(credentials, {
      permissions,
      catalog,
    });
    const definitions =
      visibility.kind === 'none' ? [] : await store.listSloDefinitions();
    const refs = [...new Set(definitions.map(d => d.entityRef))];
    // ... and only those the caller may see in the catalog.
    let visible = new Set<string>();
    if (refs.length > 0) {
      visible =
        visibility.kind === 'some'
          ? await visibility.visible(refs)
          : await catalogVisible(refs, credentials, catalog);
    }
    const groups: PrometheusRuleGroup[] = [];
    const skipped: Array<{ entityRef: string; sloId: string; reason: string }> =
      [];
    for (const { entityRef, spec } of definitions) {
      if (!visible.has(entityRef)) continue;
      try {
        groups.push(
          ...generateSlothRules(spec, {
            service: spec.service ?? parseEntityName(entityRef),
          }).groups,
        );
      } catch (error) {
        skipped.push({
          entityRef,
          sloId: spec.id,
          reason: (error as Error).message,
        });
      }
    }
    if (format === 'json') {
      res.json({ groups, skipped });
      return;
    }
    // Comments are the only text not written by the YAML serializer: each
    // skipped SLO is one comment line, its text made safe by yamlComment.
    const header = skipped
      .map(s =>
        yamlComment(`skipped ${s.entityRef} SLO ${s.sloId}: ${s.reason}`),
      )
      .join('\n');
    res
      .type('application/yaml')
      .send(`${header ? `${header}\n` : ''}${rulesYaml({ groups })}`);
  });
}
