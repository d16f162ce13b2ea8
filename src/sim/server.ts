/**
 * The simulator's HTTP server: routes each request to its service and codec, applies request faults, calls
 * the handler and logs the call. `/_sim/*` paths go to the control endpoints.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { systemClock, type Clock } from '../clock.js';
import type { WireResponse } from './codecs/wire.js';
import { isClockWaitPath, serveClockWait } from './clock-endpoints.js';
import { clockScale, createControl, handleControlRequest, type SimControl } from './control.js';
import { SimError } from './errors.js';
import { injectedError, injectedLatency } from './request-faults.js';
import { routeRequest, unknownOperationError, type HttpRequest, type RoutedRequest } from './router.js';
import { serviceModules } from './services.js';
import type { Scenario, ServiceModule } from './types.js';
import { VirtualClock } from './virtual-clock.js';
import { World, type CallRecord } from './world.js';

export interface SimulatorOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on; loopback by default, so the simulator is not reachable from the network. */
  host?: string;
  /** Time as the simulated services see it: the system clock by default, or a scaled, manual or virtual clock. */
  clock?: Clock;
  /** Loaded (validated and seeded) before the server starts listening. */
  scenario?: Scenario;
  /** The account every request acts in, unless the scenario names one. */
  account?: string;
  /** The services to serve; all of them by default. */
  modules?: readonly ServiceModule[];
}

export interface Simulator {
  /** `http://127.0.0.1:PORT`: the endpoint override for SDK clients on this machine and `--endpoint-url`. */
  endpoint: string;
  /** The address the server is bound to, as a URL: `http://0.0.0.0:PORT` when it listens on every interface. */
  listening: string;
  control: SimControl;
  close(): Promise<void>;
}

/** A Lambda zip uploaded inline is at most 50 MB, about 67 MB as base64 in a JSON body. */
const MAX_BODY_BYTES = 100 * 1024 * 1024;

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const clock = options.clock ?? systemClock;
  const modules = options.modules ?? serviceModules;
  const world = new World(clock, modules, options.account ?? '123456789012');
  const control = createControl(world);
  if (options.scenario) await control.loadScenario(options.scenario);
  const server = createServer((request, response) => {
    void serve(world, control, modules, request, response);
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const bound = server.address();
  // A string address is a pipe or socket path, which `listen(port, host)` never gives.
  if (bound === null || typeof bound === 'string') throw new Error(`the simulator is not listening on a TCP port (${String(bound)})`);
  const { port, address } = bound;
  return {
    endpoint: `http://${endpointHost(host)}:${port}`,
    listening: `http://${urlHost(address)}:${port}`,
    control,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (clock instanceof VirtualClock) clock.dispose();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A wildcard address is reached through loopback. */
function endpointHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return urlHost(host);
}

/** IPv6 literals need brackets in a URL. */
function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

async function serve(world: World, control: SimControl, modules: readonly ServiceModule[], request: IncomingMessage, response: ServerResponse): Promise<void> {
  const pathname = new URL(request.url ?? '/', 'http://sim.invalid').pathname;
  const virtual = world.clock instanceof VirtualClock ? world.clock : undefined;
  const waitsOnClock = isClockWaitPath(pathname);
  // Simulated time holds while a request is being answered: its client is not waiting.
  if (virtual && !waitsOnClock) {
    virtual.requestStarted();
    response.once('close', () => virtual.requestEnded());
  }
  let answer: WireResponse;
  try {
    const body = await readBody(request);
    if (waitsOnClock) return await serveClockWait(world.clock, pathname, request, body, response);
    const http: HttpRequest = { method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers, body };
    answer = pathname.startsWith('/_sim/') ? await handleControlRequest(control, http.method, pathname, body) : await serveAws(world, modules, http);
  } catch (error) {
    const status = error instanceof SimError ? error.status : 500;
    answer = { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: String(error) }) };
  }
  const headers = { ...answer.headers, 'x-gitmoxi-sim-time-scale': String(clockScale(world.clock)) };
  response.writeHead(answer.status, { ...headers, 'content-length': Buffer.byteLength(answer.body) });
  response.end(answer.body);
}

async function serveAws(world: World, modules: readonly ServiceModule[], http: HttpRequest): Promise<WireResponse> {
  const routed = routeRequest(modules, http);
  const account = world.defaultAccount;
  const requestId = randomUUID();
  const time = world.clock.now();
  let params: unknown = {};
  let answer: WireResponse;
  let outcome = 'ok';
  try {
    const module = routed.module;
    const handler = module?.operations[routed.operation];
    if (!module || !handler) throw unknownOperationError(routed);
    params = routed.decode();
    world.advanceRegion(account, routed.region);
    await realDelay(injectedLatency(world, module.name, routed.operation));
    const fault = injectedError(world, module.name, routed.operation, routed.protocol);
    if (fault) throw fault;
    const context = { account, region: routed.region, requestId, service: module.name, operation: routed.operation };
    const output = await handler(params, {
      ...context,
      protocol: routed.protocol,
      world,
      ...(routed.accessKeyId ? { accessKeyId: routed.accessKeyId } : {}),
    });
    answer = routed.encodeResult(output, requestId);
  } catch (error) {
    const simError = error instanceof SimError ? error : internalFailure(error);
    outcome = simError.code;
    answer = routed.encodeError(simError, requestId);
  }
  world.calls.push(callRecord(routed, { time, account, params, outcome, status: answer.status }));
  return answer;
}

/** A handler bug answers 500 InternalFailure with the cause, so it shows up in the client's error. */
function internalFailure(error: unknown): SimError {
  const message = error instanceof Error ? error.message : String(error);
  return new SimError('InternalFailure', `Simulator internal error: ${message}`, 500);
}

function callRecord(routed: RoutedRequest, facts: { time: number; account: string; params: unknown; outcome: string; status: number }): CallRecord {
  return {
    time: facts.time,
    account: facts.account,
    region: routed.region,
    service: routed.module?.name ?? 'unknown',
    operation: routed.operation,
    mutating: routed.module ? !routed.module.readOnly.has(routed.operation) : false,
    params: redactBlobs(facts.params),
    outcome: facts.outcome,
    status: facts.status,
  };
}

/** Blobs (a Lambda ZipFile, an Invoke payload) are logged as their size in bytes. */
export function redactBlobs(value: unknown, key?: string): unknown {
  if (value instanceof Uint8Array) return value.byteLength;
  if (key === 'ZipFile' && typeof value === 'string') return Buffer.from(value, 'base64').byteLength;
  if (Array.isArray(value)) return value.map((item) => redactBlobs(item));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, member]) => [name, redactBlobs(member, name)]));
  }
  return value;
}

function readBody(request: IncomingMessage): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new SimError('RequestEntityTooLargeException', 'Request must be smaller than 100 MB.', 413));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Latency faults are real time: they make the client wait, whatever the simulated clock does. */
function realDelay(ms: number): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => setTimeout(resolve, ms));
}
