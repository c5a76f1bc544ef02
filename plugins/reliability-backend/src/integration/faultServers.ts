import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import path from 'node:path';

// Test support for the fault tests: a tiny Prometheus look-alike on
// 127.0.0.1 whose behaviour the test switches at any time. It answers the
// instant and range query APIs well (`ok`), or fails in one of the ways a
// real upstream fails.

/**
 * How the fake upstream answers.
 *
 * - `ok`: valid Prometheus JSON: a one-sample vector for instant queries
 *   (the value from {@link FakePrometheusOptions.valueFor}), an empty matrix
 *   for range queries.
 * - `malformed-json`: HTTP 200, `application/json`, a body cut short:
 *   `{"status":"success","data":`.
 * - `html-502`: HTTP 502 with an HTML page, as a reverse proxy answers.
 * - `hang`: accepts the request and never answers.
 * - `reset`: destroys the connection without answering.
 */
export type FakePrometheusMode =
  | 'ok'
  | 'malformed-json'
  | 'html-502'
  | 'hang'
  | 'reset';

export interface FakePrometheusOptions {
  mode?: FakePrometheusMode;
  /**
   * The value of an instant query in `ok` mode; default 5 for a query of
   * 5xx responses (`code=~"5.."`) and 10000 for any other.
   */
  valueFor?: (query: string) => number;
  /** Delay before each `ok` answer, in milliseconds. Default 0. */
  delayMs?: number;
}

export interface FakeRequest {
  method: string;
  path: string;
  query: string;
  mode: FakePrometheusMode;
}

export interface FakePrometheus {
  /** `http://127.0.0.1:<port>` */
  url: string;
  readonly mode: FakePrometheusMode;
  /** Every request received, in order, with the mode it met. */
  requests: FakeRequest[];
  /** Switches the behaviour for later requests. */
  setMode(mode: FakePrometheusMode): void;
  /**
   * Answers requests whose query matches `test` in `mode` (default
   * `html-502`), whatever the current mode; `undefined` ends that.
   */
  failWhen(
    test: ((query: string) => boolean) | undefined,
    mode?: FakePrometheusMode,
  ): void;
  /** Requests that are still waiting for an answer (`hang`). */
  pending(): number;
  /** Drops every connection, hanging ones included, and stops listening. */
  close(): Promise<void>;
}

const defaultValueFor = (query: string) =>
  query.includes('code=~"5.."') ? 5 : 10000;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Starts a fake Prometheus on 127.0.0.1 on a free port. */
export async function startFakePrometheus(
  options: FakePrometheusOptions = {},
): Promise<FakePrometheus> {
  const valueFor = options.valueFor ?? defaultValueFor;
  const sockets = new Set<Socket>();
  const hanging = new Set<ServerResponse>();
  let failTest: ((query: string) => boolean) | undefined;
  let failMode: FakePrometheusMode = 'html-502';

  const state = {
    mode: options.mode ?? ('ok' as FakePrometheusMode),
    requests: [] as FakeRequest[],
  };

  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(req);
    const params = new URLSearchParams(
      req.method === 'POST' ? body : url.search,
    );
    const query = params.get('query') ?? '';
    const mode: FakePrometheusMode =
      failTest && failTest(query) ? failMode : state.mode;
    state.requests.push({
      method: req.method ?? '',
      path: url.pathname,
      query,
      mode,
    });

    switch (mode) {
      case 'hang':
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'malformed-json':
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"status":"success","data":');
        return;
      case 'html-502':
        res.writeHead(502, { 'Content-Type': 'text/html' });
        res.end(
          '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
        );
        return;
      default:
        break;
    }

    if (options.delayMs) {
      await new Promise(r => setTimeout(r, options.delayMs));
    }
    const time = Number(params.get('time') ?? Date.now() / 1000);
    if (url.pathname === '/api/v1/query') {
      sendJson(res, 200, {
        status: 'success',
        data: {
          resultType: 'vector',
          result: [{ metric: {}, value: [time, String(valueFor(query))] }],
        },
      });
    } else if (url.pathname === '/api/v1/query_range') {
      sendJson(res, 200, {
        status: 'success',
        data: { resultType: 'matrix', result: [] },
      });
    } else {
      sendJson(res, 404, {
        status: 'error',
        errorType: 'not_found',
        error: `no ${url.pathname}`,
      });
    }
  };

  const server = createServer((req, res) => {
    answer(req, res).catch(error => {
      if (res.headersSent) {
        res.destroy();
      } else {
        sendJson(res, 500, {
          status: 'error',
          errorType: 'internal',
          error: String(error),
        });
      }
    });
  });
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>(resolve =>
    server.listen(0, '127.0.0.1', () => resolve()),
  );
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    get mode() {
      return state.mode;
    },
    requests: state.requests,
    setMode(mode) {
      state.mode = mode;
    },
    failWhen(test, mode = 'html-502') {
      failTest = test;
      failMode = mode;
    },
    pending: () => hanging.size,
    close: () =>
      new Promise<void>(resolve => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * The fixture Prometheus of scripts/prometheus.sh, as a process a test can
 * stop, freeze and restart. Its folder is the one of `PROMETHEUS_FIXTURES`
 * (`$RUN_DIR/prometheus-fixtures/`), which holds `prometheus.pid` and `port`.
 */
export interface FixturePrometheusProcess {
  /** The PID of the running server; throws when it is not ours. */
  pid(): number;
  isRunning(pid: number): boolean;
  /** SIGTERM, then waits until the process is gone (SIGKILL after 10 s). */
  stop(): Promise<void>;
  /** SIGSTOP: the server keeps its socket but answers nothing. */
  freeze(): void;
  /** SIGCONT; harmless when it runs. */
  thaw(): void;
  /** `restart_prometheus fixtures` with the same run dir and port. */
  restart(): Promise<void>;
  /** Whether `/-/ready` answers 200. */
  ready(): Promise<boolean>;
  /** Leaves a ready server behind, whatever a test did to it. */
  ensureRunning(): Promise<void>;
}

export function fixturePrometheusProcess(options: {
  fixturesFile: string;
  url: string;
  /** The repository root, where scripts/ is. */
  root: string;
}): FixturePrometheusProcess {
  const dir = path.dirname(options.fixturesFile);
  const runDir = path.dirname(dir);
  const port = readFileSync(path.join(dir, 'port'), 'utf8').trim();

  /** Alive and not a zombie waiting for its parent. */
  const isRunning = (value: number) => {
    try {
      process.kill(value, 0);
    } catch {
      return false;
    }
    try {
      const stat = readFileSync(`/proc/${value}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
    } catch {
      return false;
    }
  };

  const waitGone = async (value: number, ms: number) => {
    const deadline = Date.now() + ms;
    while (isRunning(value) && Date.now() < deadline) {
      await new Promise(r => setTimeout(r, 50));
    }
    return !isRunning(value);
  };

  const pid = () => {
    const value = Number(
      readFileSync(path.join(dir, 'prometheus.pid'), 'utf8').trim(),
    );
    // only a prometheus serving this data dir: never a reused PID
    const cmdline = readFileSync(`/proc/${value}/cmdline`, 'utf8').split('\0');
    if (!cmdline.includes(`--storage.tsdb.path=${dir}/data`)) {
      throw new Error(`PID ${value} is not the fixture Prometheus of ${dir}`);
    }
    return value;
  };

  const ready = async () => {
    try {
      const res = await fetch(`${options.url}/-/ready`, {
        signal: AbortSignal.timeout(2000),
      });
      await res.arrayBuffer();
      return res.ok;
    } catch {
      return false;
    }
  };

  const signal = (name: NodeJS.Signals) => {
    let value: number;
    try {
      value = pid();
    } catch {
      return;
    }
    process.kill(value, name);
  };

  const restart = () =>
    new Promise<void>((resolve, reject) => {
      execFile(
        'bash',
        [
          '-c',
          'source scripts/env.sh; set +eu; source scripts/services.sh; source scripts/prometheus.sh; restart_prometheus fixtures',
        ],
        {
          cwd: options.root,
          env: {
            ...process.env,
            RELIABILITY_RUN_DIR: runDir,
            RELIABILITY_PROM_PORT: port,
          },
          timeout: 120_000,
        },
        (error, stdout, stderr) => {
          if (error) {
            reject(
              new Error(
                `restart_prometheus fixtures failed: ${error.message}\n${stdout}\n${stderr}`,
              ),
            );
          } else {
            resolve();
          }
        },
      );
    });

  return {
    pid,
    isRunning,
    async stop() {
      const value = pid();
      process.kill(value, 'SIGCONT');
      process.kill(value, 'SIGTERM');
      if (!(await waitGone(value, 10_000))) {
        process.kill(value, 'SIGKILL');
        if (!(await waitGone(value, 5_000))) {
          throw new Error(`the fixture Prometheus (PID ${value}) did not exit`);
        }
      }
    },
    freeze: () => signal('SIGSTOP'),
    thaw: () => signal('SIGCONT'),
    restart,
    ready,
    async ensureRunning() {
      signal('SIGCONT');
      if (await ready()) {
        return;
      }
      await restart();
    },
  };
}
