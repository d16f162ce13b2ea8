/**
 * Runs the composite action at the repository root (action.yml) the way the GitHub runner does: inputs from
 * `with:` over the action's defaults, `${{ inputs.* }}` evaluated in each step's env and working-directory, each
 * `run` written to a file and started as `bash --noprofile --norc -eo pipefail FILE`, with GITHUB_ACTION_PATH,
 * GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and GITHUB_EVENT_PATH set; then the action's outputs from the steps' outputs.
 * https://docs.github.com/en/actions/sharing-automations/creating-actions/metadata-syntax-for-github-actions
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { parse } from 'yaml';
import { projectRoot } from './cli.js';

interface ActionStep {
  id?: string;
  shell: string;
  run: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}

interface ActionFile {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

export interface ActionRun {
  /** The action's outputs, as a later step reads them with steps.ID.outputs.NAME. */
  outputs: Record<string, string>;
  summary: string;
  stdout: string;
  /** The exit code of the step that ended the action (the last one, unless an earlier one failed). */
  code: number;
}

export interface ActionRunOptions {
  workspace: string;
  eventName: string;
  event: unknown;
  env?: Record<string, string>;
}

/** The `with:` of the step that uses this action in an example workflow under examples/ci/github/. */
export async function exampleInputs(workflow: string): Promise<Record<string, string>> {
  const parsed = parse(await readFile(join(projectRoot, 'examples/ci/github', workflow), 'utf8')) as {
    jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }>;
  };
  const steps = Object.values(parsed.jobs).flatMap((job) => job.steps);
  const step = steps.find((s) => s.uses !== undefined && /\/gitmoxi@/.test(s.uses));
  if (step === undefined) throw new Error(`${workflow} has no step that uses the gitmoxi action`);
  return Object.fromEntries(Object.entries(step.with ?? {}).map(([key, value]) => [key, String(value)]));
}

export async function runAction(inputs: Record<string, string>, options: ActionRunOptions): Promise<ActionRun> {
  const action = parse(await readFile(join(projectRoot, 'action.yml'), 'utf8')) as ActionFile;
  if (action.runs.using !== 'composite') throw new Error(`action.yml: runs.using is ${action.runs.using}`);
  const unknown = Object.keys(inputs).filter((name) => !(name in action.inputs));
  if (unknown.length > 0) throw new Error(`inputs action.yml does not declare: ${unknown.join(', ')}`);
  const values = Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, inputs[name] ?? input.default ?? '']));
  const temp = await mkdtemp(join(tmpdir(), 'gitmoxi-action-'));
  const files = { output: join(temp, 'output'), summary: join(temp, 'summary.md'), event: join(temp, 'event.json') };
  await writeFile(files.event, JSON.stringify(options.event));
  await writeFile(files.summary, '');
  const stepOutputs: Record<string, Record<string, string>> = {};
  let stdout = '';
  let code = 0;
  for (const [index, step] of action.runs.steps.entries()) {
    if (step.shell !== 'bash') throw new Error(`step ${index}: shell ${step.shell}`);
    await writeFile(files.output, '');
    const script = join(temp, `step-${index}.sh`);
    await writeFile(script, step.run);
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([key, value]) => [key, evaluate(value, values, stepOutputs)]));
    const result = await execa('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: resolve(options.workspace, evaluate(step['working-directory'] ?? '.', values, stepOutputs)),
      reject: false,
      stdin: 'ignore',
      env: {
        ...githubEnvironment(options, files, temp),
        ...options.env,
        ...stepEnv,
      },
    });
    stdout += `${String(result.stdout)}\n`;
    if (step.id !== undefined) stepOutputs[step.id] = parseOutputFile(await readFile(files.output, 'utf8'));
    code = result.exitCode ?? -1;
    if (code !== 0) break;
  }
  const outputs = Object.fromEntries(Object.entries(action.outputs).map(([name, output]) => [name, evaluate(output.value, values, stepOutputs)]));
  return { outputs, summary: await readFile(files.summary, 'utf8'), stdout, code };
}

function githubEnvironment(
  options: ActionRunOptions,
  files: { output: string; summary: string; event: string },
  temp: string,
): Record<string, string | undefined> {
  return {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION_PATH: projectRoot.replace(/\/$/, ''),
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_ATTEMPT: '1',
    RUNNER_TEMP: temp,
    // What the machine running the tests has set must not leak in.
    GITMOXI_CONFIG: undefined,
    AWS_PROFILE: undefined,
    AWS_DEFAULT_REGION: undefined,
    NO_COLOR: undefined,
    FORCE_COLOR: undefined,
  };
}

/** `${{ inputs.NAME }}` and `${{ steps.ID.outputs.NAME }}`: the only expressions action.yml may use. */
function evaluate(text: string, inputs: Record<string, string>, steps: Record<string, Record<string, string>>): string {
  return text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expression: string) => {
    const input = /^inputs\.([\w-]+)$/.exec(expression);
    if (input) return inputs[input[1] ?? ''] ?? '';
    const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
    if (output) return steps[output[1] ?? '']?.[output[2] ?? ''] ?? '';
    throw new Error(`action.yml: expression the test runner does not evaluate: ${expression}`);
  });
}

/** `name=value` lines (the multi-line `name<<DELIMITER` form is not used by the action). */
function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) outputs[line.slice(0, at)] = line.slice(at + 1);
  }
  return outputs;
}
