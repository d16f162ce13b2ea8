import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scaledClock } from '../../clock.js';
import { runGit } from '../../git/git.js';
import { startSimulator, type Simulator } from '../../sim/server.js';
import type { CommandIo, GlobalOptions } from '../io.js';
import { deploy } from './deploy.js';
import { demoRegion, demoScenario, demoSteps, demoUnit } from './demo-story.js';

export interface DemoOptions {
  timeScale: number;
  keep?: boolean;
}

const examples = fileURLToPath(new URL('../../../examples/ecs-rolling/', import.meta.url));

/**
 * `gitmoxi demo`: the deploy job end to end, with no AWS account. Starts the simulator in-process, makes a git
 * repository from examples/ecs-rolling, and deploys three commits: a create, an image update, and an image that
 * cannot be pulled (breaker, rollback, exit 1). Exits 0 when every step ended as the story says.
 */
export async function demo(options: DemoOptions, global: GlobalOptions, io: CommandIo): Promise<number> {
  const say = (text = '') => io.stdout.write(`${text}\n`);
  const sim = await startSimulator({ clock: scaledClock(options.timeScale), scenario: demoScenario });
  const repo = await mkdtemp(join(tmpdir(), 'gitmoxi-demo-'));
  try {
    say(`gitmoxi demo: deploying examples/ecs-rolling to a simulated AWS at ${sim.endpoint} (time runs ${options.timeScale}x faster)`);
    say(`repository: ${repo}`);
    await prepareRepository(repo, sim);
    const results: number[] = [];
    for (const [index, step] of demoSteps.entries()) {
      if (io.signal.aborted) break;
      say();
      say(`== ${step.title} (${step.image})`);
      if (index > 0) await commitImage(repo, step.image);
      const stepGlobal: GlobalOptions = { ...global, repo, region: demoRegion, endpointUrl: sim.endpoint };
      const code = await deploy({ concurrency: 1, ...(index > 0 ? { from: 'HEAD~1' } : {}) }, stepGlobal, io);
      results.push(code);
      say(`exit code ${code}: ${step.explain}`);
    }
    const asExpected = results.length === demoSteps.length && results.every((code, i) => code === demoSteps[i]?.expectedExitCode);
    say();
    say(asExpected ? 'Every step ended as expected.' : `Unexpected exit codes: ${results.join(', ')}`);
    say('To do the same against AWS: put GitMoxi-format files in a repository (see examples/), then in CI run');
    say('  npx gitmoxi plan     # what would change, with the rendered diff');
    say('  npx gitmoxi deploy   # with AWS credentials (e.g. GitHub OIDC) and fetch-depth: 0 on checkout');
    return asExpected ? 0 : 1;
  } finally {
    await sim.close();
    if (options.keep) say(`kept ${repo}`);
    else await rm(repo, { recursive: true, force: true });
  }
}

/** The example repository, with its Terraform outputs pointing at the simulated target group, committed. */
async function prepareRepository(repo: string, sim: Simulator): Promise<void> {
  await cp(examples, repo, { recursive: true });
  const outputsPath = join(repo, 'infra/terraform_output.json');
  const outputs = JSON.parse(await readFile(outputsPath, 'utf8')) as Record<string, { value: unknown }>;
  const targetGroupArn = seededTargetGroupArn(sim, 'demo-web');
  outputs.web_target_group_arn = { ...outputs.web_target_group_arn, value: targetGroupArn };
  await writeFile(outputsPath, `${JSON.stringify(outputs, null, 2)}\n`);
  await git(repo, ['init', '-q', '-b', 'main']);
  await git(repo, ['add', '-A']);
  await git(repo, ['commit', '-q', '-m', 'Add the web service']);
}

async function commitImage(repo: string, image: string): Promise<void> {
  const inputPath = join(repo, `${demoUnit}_input.json`);
  const input = JSON.parse(await readFile(inputPath, 'utf8')) as Record<string, unknown>;
  input.image = image;
  await writeFile(inputPath, `${JSON.stringify(input, null, 2)}\n`);
  await git(repo, ['commit', '-q', '-am', `web: ${image}`]);
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
