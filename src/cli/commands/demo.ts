import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGit } from '../../git/git.js';
import { packageRoot } from '../../package-root.js';
import type { Simulator } from '../../sim/server.js';
import type { CommandIo, GlobalOptions } from '../io.js';
import { loadSimulator } from '../load-simulator.js';
import { deploy } from './deploy.js';
import { demoFunctionUnit, demoRegion, demoScenario, demoSteps, demoUnit, type DemoChange } from './demo-story.js';

export interface DemoOptions {
  timeScale: number;
  keep?: boolean;
}

const examples = join(packageRoot(), 'examples');

/**
 * `gitmoxi demo`: the deploy job end to end, with no AWS account. Starts the simulator in-process, makes a git
 * repository from examples/ecs-rolling and examples/lambda-canary, and deploys four commits: a create of both,
 * an image update, a Lambda canary, and an image that cannot be pulled (breaker, rollback, exit 1). Exits 0 when
 * every step ended as the story says.
 */
export async function demo(options: DemoOptions, global: GlobalOptions, io: CommandIo): Promise<number> {
  const say = (text = '') => io.stdout.write(`${text}\n`);
  // The failing step is part of the story: under GitHub Actions it must not annotate the job or fill its summary.
  const { GITHUB_ACTIONS: _actions, GITHUB_STEP_SUMMARY: _summary, ...env } = io.env;
  const stepIo: CommandIo = { ...io, env };
  // Virtual time: each deploy waits on the simulator's clock, which jumps as soon as it waits, so the story takes
  // as long as its computation whatever the load; the scale only paces the moments between deploys.
  const { startSimulator, VirtualClock } = await loadSimulator();
  const sim = await startSimulator({ clock: new VirtualClock(options.timeScale), scenario: demoScenario });
  const repo = await mkdtemp(join(tmpdir(), 'gitmoxi-demo-'));
  try {
    say(
      `gitmoxi demo: deploying examples/ecs-rolling and examples/lambda-canary to a simulated AWS at ${sim.endpoint} (virtual time: waits take no real time)`,
    );
    say(`repository: ${repo}`);
    await prepareRepository(repo, sim);
    const results: number[] = [];
    for (const [index, step] of demoSteps.entries()) {
      if (io.signal.aborted) break;
      say();
      say(`== ${step.title}`);
      await commitChange(repo, step.change);
      const stepGlobal: GlobalOptions = { ...global, repo, region: demoRegion, endpointUrl: sim.endpoint };
      const code = await deploy({ concurrency: 2, ...(index > 0 ? { from: 'HEAD~1' } : {}) }, stepGlobal, stepIo);
      results.push(code);
      say(`exit code ${code}: ${step.explain}`);
    }
    const asExpected = results.length === demoSteps.length && results.every((code, i) => code === demoSteps[i]?.expectedExitCode);
    say();
    say(asExpected ? 'Every step ended as expected.' : `Unexpected exit codes: ${results.join(', ')}`);
    say('To do the same against AWS: put GitMoxi-format files in a repository (see examples/), install gitmoxi');
    say('(README: Install; in GitHub Actions the action in action.yml, see examples/ci/), then in CI run');
    say('  gitmoxi plan     # what would change, with the rendered diff');
    say('  gitmoxi deploy   # with AWS credentials (e.g. GitHub OIDC) and fetch-depth: 0 on checkout');
    return asExpected ? 0 : 1;
  } finally {
    await sim.close();
    if (options.keep) say(`kept ${repo}`);
    else await rm(repo, { recursive: true, force: true });
  }
}

/**
 * Both example repositories in one, their Terraform outputs merged into one file and pointing at the simulated
 * target groups, committed.
 */
async function prepareRepository(repo: string, sim: Simulator): Promise<void> {
  await cp(join(examples, 'ecs-rolling'), repo, { recursive: true });
  await cp(join(examples, 'lambda-canary', 'functions'), join(repo, 'functions'), { recursive: true });
  const outputsPath = join(repo, 'infra/terraform_output.json');
  const ecsOutputs = JSON.parse(await readFile(outputsPath, 'utf8')) as Record<string, { value: unknown }>;
  const lambdaOutputs = JSON.parse(await readFile(join(examples, 'lambda-canary', 'infra/terraform_output.json'), 'utf8')) as Record<
    string,
    { value: unknown }
  >;
  const outputs = { ...ecsOutputs, ...lambdaOutputs };
  outputs.web_target_group_arn = { ...outputs.web_target_group_arn, value: seededTargetGroupArn(sim, 'demo-web') };
  outputs.hello_target_group_arn = { ...outputs.hello_target_group_arn, value: seededTargetGroupArn(sim, 'hello-lambda') };
  await writeFile(outputsPath, `${JSON.stringify(outputs, null, 2)}\n`);
  await git(repo, ['init', '-q', '-b', 'main']);
  await git(repo, ['add', '-A']);
  await git(repo, ['commit', '-q', '-m', 'Add the web service and the hello function']);
}

async function commitChange(repo: string, change: DemoChange): Promise<void> {
  switch (change.kind) {
    case 'none':
      return;
    case 'image':
      await editInput(join(repo, `${demoUnit}_input.json`), 'image', change.image);
      await git(repo, ['commit', '-q', '-am', `web: ${change.image}`]);
      return;
    case 'lambda-code':
      await editInput(join(repo, `${demoFunctionUnit}_lambdainput.json`), 'code_key', change.key);
      await git(repo, ['commit', '-q', '-am', `hello: ${change.key}`]);
      return;
    default: {
      const never: never = change;
      return never;
    }
  }
}

async function editInput(path: string, key: string, value: string): Promise<void> {
  const input = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  input[key] = value;
  await writeFile(path, `${JSON.stringify(input, null, 2)}\n`);
}

function seededTargetGroupArn(sim: Simulator, name: string): string {
  const state = JSON.stringify(sim.control.state());
  const match = new RegExp(`arn:aws:elasticloadbalancing:[^"]*:targetgroup/${name}/[0-9a-f]+`).exec(state);
  if (match === null) throw new Error(`the simulator has no target group ${name}`);
  return match[0];
}

function git(repo: string, args: string[]): Promise<string> {
  return runGit(repo, ['-c', 'user.name=gitmoxi demo', '-c', 'user.email=demo@gitmoxi.invalid', '-c', 'commit.gpgsign=false', ...args]);
}
