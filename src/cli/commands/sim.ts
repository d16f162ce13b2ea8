import { resolve } from 'node:path';
import { scaledClock, systemClock } from '../../clock.js';
import { ExitCode } from '../../errors.js';
import type { Simulator } from '../../sim/server.js';
import type { Scenario } from '../../sim/types.js';
import type { CommandIo, GlobalOptions } from '../io.js';
import { loadSimulator, type SimulatorModule } from '../load-simulator.js';
import { readScenarioFile } from '../scenario-file.js';

export interface SimOptions {
  host: string;
  port: number;
  timeScale: number;
  /** `scaled` (the default): time runs at --time-scale. `virtual`: registered gitmoxi processes wait on it. */
  clock?: string;
  scenario?: string;
}

/** `gitmoxi sim`: serves the AWS simulator until stopped. */
export async function sim(options: SimOptions, global: GlobalOptions, io: CommandIo): Promise<number> {
  const problem = optionProblem(options);
  if (problem) {
    io.stderr.write(`gitmoxi sim: ${problem}\n`);
    return ExitCode.Invalid;
  }
  const simulatorModule = await loadSimulator();
  // A scenario's problems are an error with the file's lines (exit 2), like any definition file's.
  const scenario: Scenario | undefined =
    options.scenario === undefined ? undefined : await readScenarioFile(resolve(io.cwd, options.scenario), options.scenario, 'the simulator did not start');
  let simulator: Simulator;
  try {
    simulator = await simulatorModule.startSimulator({
      host: options.host,
      port: options.port,
      clock: simClock(options, simulatorModule),
      ...(scenario ? { scenario } : {}),
    });
  } catch (error) {
    io.stderr.write(`gitmoxi sim: ${startFailure(error, options, simulatorModule)}\n`);
    return ExitCode.Invalid;
  }
  const region = scenario?.region ?? global.region ?? 'us-east-1';
  io.stdout.write(global.json ? startedJson(simulator, options, region) : usage(simulator, options, region));
  await aborted(io.signal);
  await simulator.close();
  return ExitCode.Ok;
}

function simClock(options: SimOptions, { VirtualClock }: SimulatorModule) {
  if (options.clock === 'virtual') return new VirtualClock(options.timeScale);
  return options.timeScale === 1 ? systemClock : scaledClock(options.timeScale);
}

function optionProblem(options: SimOptions): string | undefined {
  if (options.clock !== undefined && options.clock !== 'scaled' && options.clock !== 'virtual') {
    return `--clock must be virtual or scaled, got ${options.clock}`;
  }
  if (!(Number.isInteger(options.port) && options.port >= 0 && options.port <= 65535)) {
    return `--port must be an integer from 0 to 65535, got ${options.port}`;
  }
  if (!(Number.isFinite(options.timeScale) && options.timeScale > 0)) {
    return `--time-scale must be a positive number, got ${options.timeScale}`;
  }
  return undefined;
}

function startFailure(error: unknown, options: SimOptions, { ScenarioError }: SimulatorModule): string {
  if (error instanceof ScenarioError) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return `port ${options.port} on ${options.host} is already in use; pick another with --port`;
  return error instanceof Error ? error.message : String(error);
}

/** `endpoint` is what clients on this machine use; `listening` is the address really bound (maybe every interface). */
function startedJson({ endpoint, listening }: Simulator, options: SimOptions, region: string): string {
  return `${JSON.stringify({ type: 'sim.started', endpoint, listening, region, timeScale: options.timeScale, clock: options.clock ?? 'scaled' })}\n`;
}

function usage({ endpoint, listening }: Simulator, options: SimOptions, region: string): string {
  const scaled = options.timeScale === 1 ? 'real time' : `time ×${options.timeScale}`;
  const speed = options.clock === 'virtual' ? `virtual time; ${scaled} while no gitmoxi process waits on it` : scaled;
  // A wildcard bind is reachable from other machines, and the simulator checks no credentials: say so.
  const exposed = /^http:\/\/(0\.0\.0\.0|\[::\]):/.test(listening)
    ? [`Every network interface: other machines reach it at this machine's address, port ${new URL(listening).port}.`]
    : [];
  return [
    `AWS simulator listening on ${listening} (${speed})`,
    ...exposed,
    '',
    `Point AWS clients${exposed.length > 0 ? ' on this machine' : ''} at it (any credentials are accepted, none are checked):`,
    `  export AWS_ENDPOINT_URL=${endpoint}`,
    '  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test',
    `  export AWS_REGION=${region} AWS_DEFAULT_REGION=${region}`,
    '',
    'Then, for example:',
    `  gitmoxi deploy --endpoint-url ${endpoint}`,
    `  aws --endpoint-url ${endpoint} ecs list-clusters`,
    '',
    `Inspect or steer it: GET ${endpoint}/_sim/state, GET ${endpoint}/_sim/calls, POST ${endpoint}/_sim/reset`,
    'Stop it with Ctrl-C.',
    '',
  ].join('\n');
}

function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
