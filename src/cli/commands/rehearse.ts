import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { GitmoxiError } from '../../errors.js';
import { makePlan } from '../../plan/make-plan.js';
import { deriveInfrastructure, type RehearsedUnit } from '../../rehearse/derive-infrastructure.js';
import { describeSeeded, mergeInfrastructure } from '../../rehearse/merge-infrastructure.js';
import { formatRehearsalSummary, rehearsalTiming, simulatedDuration } from '../../rehearse/rehearsal-summary.js';
import { readScenarioFile } from '../scenario-file.js';
import type { DeployReport } from '../../report/report-file.js';
import type { Simulator } from '../../sim/server.js';
import type { Scenario } from '../../sim/types.js';
import type { CommandIo, GlobalOptions } from '../io.js';
import { loadSimulator } from '../load-simulator.js';
import { deploy, type DeployOptions } from './deploy.js';
import { makePlanOptions } from './plan.js';

export interface RehearseOptions extends Omit<DeployOptions, 'notify' | 'verify' | 'busyTimeout'> {
  scenario?: string;
  /** AWS connection flags typed on the command line: refused, a rehearsal never reaches AWS. */
  awsFlags?: string[];
}

/** What CI sends for "no earlier commit": every unit at the commit counts as added (src/git/revisions.ts). */
const NO_COMMIT = '0'.repeat(40);
const fallbackRegion = 'us-east-1';
/**
 * While a deployment runs, the virtual clock moves only by jumps; the scale paces the moments between the baseline
 * and the rehearsed deployment. It also sets the clients' rate limits, which count per simulated second
 * (src/aws/rate-limit.ts): at 1 their real-time pauses outlast the quiet period after which a participant counts
 * as waiting (src/aws/sim-participant.ts), and time jumps early. The same scale as `demo`.
 */
const rehearsalTimeScale = 100;

/**
 * `gitmoxi rehearse`: the deploy of a range against an in-process simulator seeded with what the definitions name,
 * on its virtual clock, with the faults of a scenario file. The units as they were at --from are deployed first,
 * without faults, so that an update is rehearsed as an update. Returns the exit code the deploy would end with.
 */
export async function rehearse(options: RehearseOptions, global: GlobalOptions, io: CommandIo): Promise<number> {
  refuseAwsFlags(options.awsFlags ?? []);
  const scenario = options.scenario === undefined ? {} : await readScenarioFile(resolve(io.cwd, options.scenario), options.scenario, 'nothing was rehearsed');
  // The range is resolved once, as deploy resolves it; both deployments below then name their commits.
  const { plan, after, before } = await makePlan(makePlanOptions(options, global, io));
  const baseline = plan.from !== null && before.size > 0 ? await planBaseline(plan.from, [...before.keys()], global, io) : [];
  const region = global.region ?? fallbackRegion;
  const units = [...baseline, ...definedUnits(after.values())];
  const seeded = mergeInfrastructure(deriveInfrastructure(units, region), scenario);
  const say = (text: string) => {
    if (!global.json) io.stdout.write(`${text}\n`);
  };
  const sim = await startSeeded(seeded);
  const folder = await mkdtemp(join(tmpdir(), 'gitmoxi-rehearse-'));
  const restoreCredentials = useRehearsalCredentials();
  try {
    say(
      `gitmoxi rehearse: a rehearsal of ${rangeText(plan.from, plan.to)} against gitmoxi's built-in AWS simulator, on its virtual clock; nothing is sent to AWS`,
    );
    say(describeSeeded(seeded));
    const stepGlobal = rehearsalGlobal(global, sim, region);
    // Annotations and the job summary would report a rehearsed failure as a failed deployment.
    const { GITHUB_ACTIONS: _actions, GITHUB_STEP_SUMMARY: _summary, ...env } = io.env;
    if (baseline.length > 0 && plan.from !== null) {
      say(await deployBaseline(plan.from, baseline, options, stepGlobal, { ...io, env }, folder));
    }
    const faults = scenario.faults ?? [];
    sim.control.addFaults(faults);
    say(faults.length > 0 ? `faults: ${faults.length} from ${options.scenario}` : 'faults: none');
    const reportFile = options.report ?? join(folder, 'rehearsal.json');
    const { scenario: _file, awsFlags: _flags, ...shared } = options;
    const deployOptions: DeployOptions = { ...shared, from: plan.from ?? NO_COMMIT, to: plan.to, report: reportFile, busyTimeout: 0 };
    const exitCode = await deploy(deployOptions, stepGlobal, { ...io, env });
    const timing = rehearsalTiming(await readResults(reportFile));
    if (global.json) io.stdout.write(`${JSON.stringify({ schemaVersion: 1, type: 'rehearsal.finished', seeded, ...timing, exitCode })}\n`);
    else io.stdout.write(`\n${formatRehearsalSummary(timing, exitCode)}`);
    return exitCode;
  } finally {
    restoreCredentials();
    await sim.close();
    await rm(folder, { recursive: true, force: true });
  }
}

const credentialVariables = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] as const;

/**
 * The SDK's credential chain reads the process environment, and a profile there (SSO, an assumed role) would be
 * resolved by calling AWS. Static keys come first in the chain, so with them set nothing is asked of AWS, and
 * the simulator accepts any key. Returns what puts the environment back.
 */
function useRehearsalCredentials(): () => void {
  const saved = credentialVariables.map((name) => [name, process.env[name]] as const);
  process.env.AWS_ACCESS_KEY_ID = 'rehearsal';
  process.env.AWS_SECRET_ACCESS_KEY = 'rehearsal';
  delete process.env.AWS_SESSION_TOKEN;
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

function refuseAwsFlags(flags: readonly string[]): void {
  if (flags.length === 0) return;
  throw new GitmoxiError('E_USAGE', `gitmoxi rehearse takes no ${flags.join(' or ')}: a rehearsal runs against its own simulator and never reaches AWS`, {
    hint: `Drop ${flags.join(' and ')}; to deploy for real, run gitmoxi deploy with the same range.`,
  });
}

/** The units as they were at `from`, rendered as the deploy of `from` alone would render them. */
async function planBaseline(from: string, prefixes: string[], global: GlobalOptions, io: CommandIo): Promise<RehearsedUnit[]> {
  const { after } = await makePlan({ ...makePlanOptions({ from: NO_COMMIT, to: from, unit: prefixes }, global, io), identityCheck: false });
  return definedUnits(after.values());
}

function definedUnits(rendered: Iterable<{ prefix: string; definitions: RehearsedUnit['definitions'] | null }>): RehearsedUnit[] {
  return [...rendered].flatMap((unit) => (unit.definitions === null ? [] : [{ prefix: unit.prefix, definitions: unit.definitions }]));
}

/** Seeded without faults: they apply to the rehearsed deployment only, not to the baseline before it. */
async function startSeeded(seeded: Scenario): Promise<Simulator> {
  const { startSimulator, VirtualClock } = await loadSimulator();
  try {
    return await startSimulator({ clock: new VirtualClock(rehearsalTimeScale), scenario: seeded });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new GitmoxiError('E_SCENARIO_INVALID', `the simulator could not be seeded with what the definitions and the scenario file name: ${message}`, {
      hint: 'Check the resources named above in the scenario file (docs/rehearse.md says what a rehearsal seeds by itself).',
    });
  }
}

function rehearsalGlobal(global: GlobalOptions, sim: Simulator, region: string): GlobalOptions {
  const { profile: _profile, ...rest } = global;
  return { ...rest, region, endpointUrl: sim.endpoint };
}

/**
 * Deploys the baseline quietly: its output is shown only when it did not end with 0, because a rehearsal
 * built on a broken baseline is not the update the team is about to run.
 */
async function deployBaseline(
  from: string,
  units: RehearsedUnit[],
  options: RehearseOptions,
  global: GlobalOptions,
  io: CommandIo,
  folder: string,
): Promise<string> {
  const captured: Buffer[] = [];
  const quiet = new PassThrough();
  quiet.on('data', (chunk: Buffer) => captured.push(chunk));
  const reportFile = join(folder, 'baseline.json');
  const baselineOptions: DeployOptions = {
    from: NO_COMMIT,
    to: from,
    unit: units.map((u) => u.prefix),
    concurrency: options.concurrency,
    report: reportFile,
    busyTimeout: 0,
  };
  const code = await deploy(
    baselineOptions,
    { ...global, json: false, color: false },
    { ...io, stdout: quiet, stderr: quiet, workflowCommand: () => undefined },
  );
  const timing = rehearsalTiming(await readResults(reportFile));
  const head = `baseline: ${units.length} unit${units.length === 1 ? '' : 's'} deployed as at ${from.slice(0, 7)} first, without faults (simulated ${simulatedDuration(timing.totalMs)})`;
  if (code === 0) return head;
  return `${head}\nbaseline: the deploy of ${from.slice(0, 7)} ended with exit code ${code}; its output:\n${Buffer.concat(captured).toString('utf8')}`;
}

async function readResults(reportFile: string): Promise<DeployReport['results']> {
  try {
    return (JSON.parse(await readFile(reportFile, 'utf8')) as DeployReport).results;
  } catch {
    // No report: the deploy stopped before its first unit (an invalid plan, an interrupt).
    return [];
  }
}

function rangeText(from: string | null, to: string): string {
  return from === null ? `the deploy of ${to.slice(0, 7)} (every unit new)` : `the deploy of ${from.slice(0, 7)}..${to.slice(0, 7)}`;
}
