// The example backend's MCP server, through the official MCP TypeScript SDK
// client over Streamable HTTP with a static token: run by
// scripts/mcp-actions-test.sh, which starts the backend (demo data) and
// passes MCP_TEST_BASE_URL and MCP_TEST_TOKEN.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

const BASE_URL = process.env.MCP_TEST_BASE_URL;
const TOKEN = process.env.MCP_TEST_TOKEN;
const BACKEND_PID = Number(process.env.MCP_TEST_BACKEND_PID);
assert.ok(BASE_URL && TOKEN, 'MCP_TEST_BASE_URL and MCP_TEST_TOKEN are set');

const TOOLS = {
  summary: 'reliability.get-entity-reliability-summary',
  fleet: 'reliability.list-reliability-fleet',
  ownerReadiness: 'reliability.list-owner-readiness-due',
  gate: 'reliability.get-deploy-gate',
};

async function api(path) {
  const res = await fetch(`${BASE_URL}/api/reliability${path}`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  assert.equal(res.status, 200, `GET ${path}: ${res.status}`);
  return res.json();
}

async function connect(token) {
  const client = new Client({ name: 'reliability-kit-e2e', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(
    new URL(`${BASE_URL}/api/mcp-actions/v1`),
    {
      requestInit: token
        ? { headers: { Authorization: `Bearer ${token}` } }
        : {},
    },
  );
  await client.connect(transport);
  return client;
}

const sleep = ms => new Promise(r => setTimeout(r, ms));

/** Polls `check` until it is true (or throws after `seconds`). */
async function until(what, check, seconds = 120) {
  const deadline = Date.now() + seconds * 1000;
  let last = 'not yet';
  while (Date.now() < deadline) {
    if (BACKEND_PID) {
      try {
        process.kill(BACKEND_PID, 0);
      } catch {
        throw new Error('the backend stopped; see its log');
      }
    }
    try {
      if (await check()) return;
    } catch (error) {
      last = String(error);
    }
    await sleep(1000);
  }
  throw new Error(`${what} did not happen in time (${last})`);
}

/**
 * Runs the refreshes once, in order, once the catalog has the examples
 * (POST /admin/refresh; the static token is a service principal, which the
 * permission framework allows). The overlay schedules them every 30
 * minutes, so the data stays put during the test.
 */
async function prepareData() {
  await until('the example catalog', async () => {
    const res = await fetch(
      `${BASE_URL}/api/catalog/entities/by-name/component/default/identity`,
      { headers: { Authorization: `Bearer ${TOKEN}` } },
    );
    return res.status === 200;
  });
  const steps = [
    ['entityIndex', async () => (await api('/fleet?limit=1')).totalCount > 0],
    [
      'slo',
      async () =>
        (await api('/entities/component/default/identity')).sloStatus ===
          'breaching' &&
        // The policy is evaluated after the refresh's SLO snapshots.
        (await api('/gate/component/default/identity')).state !== null,
    ],
    [
      'alertQuality',
      async () =>
        (await api('/entities/component/default/search/alert-quality'))
          .pagingSource === 'demo',
    ],
    [
      'readiness',
      async () =>
        (await api('/fleet?readiness=ready&limit=500')).items.some(
          r => r.entityRef === 'component:default/checkout',
        ),
    ],
  ];
  for (const [task, done] of steps) {
    // A run that started before the catalog was complete must end first.
    await until(`the ${task} refresh`, async () => {
      const res = await fetch(
        `${BASE_URL}/api/reliability/admin/refresh?task=${task}`,
        { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` } },
      );
      return res.status === 202;
    });
    await until(`the ${task} data`, done);
  }
}

/**
 * An MCP call and the HTTP answers it is compared with, read around it;
 * again when a refresh changed the data in between.
 */
async function stableCall(client, name, args, readHttp) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const earlier = await readHttp();
    const result = await client.callTool({ name, arguments: args });
    const later = await readHttp();
    if (JSON.stringify(earlier) === JSON.stringify(later)) {
      return { result, http: earlier };
    }
  }
  throw new Error(`the data of ${name} kept changing`);
}

describe('the MCP actions of Reliability Kit', () => {
  let client;

  before(async () => {
    await prepareData();
    client = await connect(TOKEN);
  });
  after(async () => {
    await client?.close();
  });

  it('refuses a client without credentials', async () => {
    const res = await fetch(`${BASE_URL}/api/mcp-actions/v1`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    assert.equal(res.status, 401);
  });

  it('lists the four read-only tools with their input schemas', async () => {
    const { tools } = await client.listTools();
    const ours = tools.filter(t => t.name.startsWith('reliability.'));
    assert.deepEqual(ours.map(t => t.name).sort(), Object.values(TOOLS).sort());
    for (const tool of ours) {
      assert.equal(tool.annotations.readOnlyHint, true, tool.name);
      assert.equal(tool.annotations.destructiveHint, false, tool.name);
      assert.equal(tool.annotations.idempotentHint, true, tool.name);
      assert.equal(tool.inputSchema.type, 'object', tool.name);
    }
    for (const name of [TOOLS.summary, TOOLS.gate]) {
      const tool = ours.find(t => t.name === name);
      assert.deepEqual(tool.inputSchema.required, ['entityRef'], name);
    }
    // The same actions, as the plugin's actions registry lists them.
    const registry = await fetch(
      `${BASE_URL}/api/reliability/.backstage/actions/v1/actions`,
      { headers: { Authorization: `Bearer ${TOKEN}` } },
    ).then(r => r.json());
    assert.deepEqual(
      registry.actions.map(a => `${a.pluginId}.${a.name}`).sort(),
      Object.values(TOOLS).sort(),
    );
  });

  it("answers an entity's summary as the HTTP API does", async () => {
    const { result, http } = await stableCall(
      client,
      TOOLS.summary,
      { entityRef: 'component:default/identity' },
      async () => {
        const aq = await api(
          '/entities/component/default/identity/alert-quality?window=28d',
        );
        const policy = await api('/entities/component/default/identity/policy');
        return {
          entity: await api('/entities/component/default/identity'),
          policy: { ...policy.policy, exceptions: policy.exceptions },
          // The figures, not the window bounds (they move with the clock).
          aq: {
            pagingSource: aq.pagingSource,
            computedAt: aq.computedAt,
            current: aq.report?.current && {
              pages: aq.report.current.pages,
              incidents: aq.report.current.incidents,
              noiseRatio: aq.report.current.noise.noiseRatio,
            },
          },
        };
      },
    );
    assert.equal(result.isError, undefined, JSON.stringify(result.content));
    const summary = result.structuredContent;
    // The text content is the same answer, for clients without structured content.
    assert.deepEqual(JSON.parse(result.content[0].text), summary);
    const { entity, aq, policy } = http;
    assert.equal(summary.entityRef, entity.entityRef);
    // The error-budget policy section: the entity's policy view.
    assert.deepEqual(summary.policy, policy);
    assert.equal(summary.policy.state, 'exhausted');
    assert.equal(summary.tier.status, entity.tier.status);
    assert.equal(summary.tier.id, entity.tier.tier?.id ?? null);
    assert.equal(summary.sloStatus, 'breaching');
    assert.equal(summary.sloStatus, entity.sloStatus);
    assert.deepEqual(
      summary.slos.items.map(s => [s.id, s.status, s.budgetRemaining, s.sli]),
      entity.sections.slos.items.map(s => [
        s.id,
        s.status,
        s.budgetRemaining,
        s.sli,
      ]),
    );
    assert.ok(summary.slos.items.length > 0);
    const readiness = entity.sections.readiness.items[0];
    assert.equal(summary.readiness.status, readiness.status);
    assert.deepEqual(
      summary.readiness.missing.map(m => m.id),
      readiness.missing,
    );
    assert.deepEqual(
      summary.scorecards.map(s => [s.scorecardId, s.level, s.score]),
      entity.sections.scorecards.items.map(s => [
        s.scorecardId,
        s.level,
        s.score,
      ]),
    );
    assert.equal(summary.alertQuality.pagingSource, aq.pagingSource);
    assert.equal(summary.alertQuality.computedAt, aq.computedAt);
    if (aq.current) {
      assert.equal(summary.alertQuality.headline.pages, aq.current.pages);
      assert.equal(
        summary.alertQuality.headline.incidents,
        aq.current.incidents,
      );
      assert.equal(
        summary.alertQuality.headline.noiseRatio,
        aq.current.noiseRatio,
      );
    } else {
      assert.equal(summary.alertQuality.headline, null);
    }
  });

  it('answers a page of the fleet as GET /fleet does', async () => {
    const { result, http } = await stableCall(
      client,
      TOOLS.fleet,
      { tier: ['tier-1'], limit: 3, sort: 'worstBudgetRemaining' },
      () => api('/fleet?tier=tier-1&limit=3&sort=worstBudgetRemaining'),
    );
    assert.equal(result.isError, undefined, JSON.stringify(result.content));
    assert.deepEqual(result.structuredContent, http);
    assert.ok(http.items.length > 0);
    assert.ok(http.items.every(r => r.tier === 'tier-1'));

    if (http.nextCursor) {
      const next = await client.callTool({
        name: TOOLS.fleet,
        arguments: {
          tier: ['tier-1'],
          limit: 3,
          sort: 'worstBudgetRemaining',
          cursor: http.nextCursor,
        },
      });
      assert.deepEqual(
        next.structuredContent,
        await api(
          `/fleet?tier=tier-1&limit=3&sort=worstBudgetRemaining&cursor=${encodeURIComponent(
            http.nextCursor,
          )}`,
        ),
      );
    }
  });

  it('answers the deploy gate as GET /gate does', async () => {
    const path = '/gate/component/default/identity';
    const { result, http } = await stableCall(
      client,
      TOOLS.gate,
      { entityRef: 'identity' },
      () => api(path),
    );
    assert.equal(result.isError, undefined, JSON.stringify(result.content));
    assert.deepEqual(result.structuredContent, http);
    assert.deepEqual(JSON.parse(result.content[0].text), http);
    // identity breaches its SLO in the demo: its budget is spent.
    assert.equal(http.entityRef, 'component:default/identity');
    assert.equal(http.state, 'exhausted');
    assert.equal(http.deployAllowed, false);
    assert.equal(http.stale, false);

    // The fleet by policy state, as GET /fleet?policyState= answers it.
    const fleet = await stableCall(
      client,
      TOOLS.fleet,
      { policyState: ['exhausted', 'frozen'], limit: 50 },
      () => api('/fleet?policyState=exhausted,frozen&limit=50'),
    );
    assert.deepEqual(fleet.result.structuredContent, fleet.http);
    assert.ok(
      fleet.http.items.some(r => r.entityRef === 'component:default/identity'),
    );
  });

  it('answers bad input with a clear error, not a crash', async () => {
    const bad = await client.callTool({
      name: TOOLS.summary,
      arguments: { entityRef: 'component:default/not a name' },
    });
    assert.equal(bad.isError, true);
    assert.match(bad.content[0].text, /^InputError: Invalid entity name/);

    const unknown = await client.callTool({
      name: TOOLS.summary,
      arguments: { entityRef: 'component:default/no-such-service' },
    });
    assert.equal(unknown.isError, true);
    assert.match(unknown.content[0].text, /^NotFoundError: No entity/);

    const limit = await client.callTool({
      name: TOOLS.fleet,
      arguments: { limit: 1000 },
    });
    assert.equal(limit.isError, true);
    assert.match(limit.content[0].text, /InputError/);

    // The server still answers.
    const { tools } = await client.listTools();
    assert.ok(tools.length >= 3);
  });
});
