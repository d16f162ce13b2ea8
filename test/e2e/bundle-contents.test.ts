/**
 * What the built bundles in dist/bundle/ contain (scripts/bundle.mjs): the CLI's files carry no simulator module,
 * the simulator is dist/bundle/sim.js and what only it loads, and both work as installed. Read from the shipped
 * files themselves: esbuild heads each module's code with a `// path` comment, and chunks name each other by
 * relative `import`. Needs `npm run build` first, as every e2e test does.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { execa } from 'execa';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { exampleTree, projectRoot } from '../fakes/cli.js';
import { makeRepo } from '../fakes/temp-repo.js';

const bundleDir = join(projectRoot, 'dist', 'bundle');

interface Output {
  /** Source modules whose code is in this file, as esbuild names them (`src/sim/server.ts`). */
  modules: string[];
  /** Other output files it imports, statically or with import(), relative to dist/bundle/. */
  imports: string[];
}

async function readBundle(): Promise<Map<string, Output>> {
  const files = (await readdir(bundleDir, { recursive: true })).filter((file) => file.endsWith('.js')).map((file) => file.split('\\').join('/'));
  const outputs = new Map<string, Output>();
  for (const file of files) {
    const text = await readFile(join(bundleDir, file), 'utf8');
    const modules = [...text.matchAll(/^\/\/ (\S+\.[cm]?[jt]s)$/gm)].map((match) => match[1] ?? '');
    const imports = [...text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*"(\.\.?\/[^"]+\.js)"/g)].map((match) => posix.join(posix.dirname(file), match[1] ?? ''));
    outputs.set(file, { modules, imports });
  }
  return outputs;
}

/** Every output file `from` loads, at once or by import(), without going through `stop`. */
function reachable(outputs: Map<string, Output>, from: string, stop?: string): Set<string> {
  const seen = new Set([from]);
  const queue = [from];
  for (const file of queue) {
    for (const next of outputs.get(file)?.imports ?? []) {
      if (next === stop || seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return seen;
}

function modulesOf(outputs: Map<string, Output>, files: Iterable<string>): Set<string> {
  return new Set([...files].flatMap((file) => outputs.get(file)?.modules ?? []));
}

// The build checks this too (the next test shows it refusing); this reads the files that ship.
test('the CLI loads no simulator module, keeps the clock client, and reaches sim.js only through the loader', async () => {
  const outputs = await readBundle();
  assert.ok(outputs.has('cli.js'), 'no dist/bundle/cli.js: build first');
  assert.ok(outputs.has('sim.js'), 'no dist/bundle/sim.js: the simulator is not an entry of its own');
  const cli = modulesOf(outputs, reachable(outputs, 'cli.js', 'sim.js'));
  assert.equal(
    [...cli].filter((module) => module.startsWith('src/sim/')),
    [],
  );
  for (const client of ['src/aws/sim-participant.ts', 'src/aws/simulator-clock.ts', 'src/cli/load-simulator.ts']) {
    assert.ok(cli.has(client), `${client} is not in the CLI's files`);
  }
  const importers = [...outputs].filter(([, output]) => output.imports.includes('sim.js')).map(([file]) => file);
  assert.equal(
    importers.map((file) => outputs.get(file)?.modules.includes('src/cli/load-simulator.ts')),
    importers.map(() => true),
    `sim.js is imported by ${importers.join(', ')}`,
  );
  assert.ok(importers.length > 0, 'nothing imports sim.js');
});

test('the build refuses a CLI entry that imports a simulator value, naming the import to remove', async () => {
  const outdir = await mkdtemp(join(tmpdir(), 'gitmoxi-leaky-'));
  try {
    const built = await execa('node', ['scripts/bundle.mjs', '--cli-entry', 'test/fixtures/leaky-cli.ts', '--outdir', outdir], {
      cwd: projectRoot,
      reject: false,
    });
    assert.is(built.exitCode, 1, String(built.stderr));
    assert.match(String(built.stderr), /bundle: the CLI's files carry \d+ simulator modules: test\/fixtures\/leaky-cli\.ts imports src\/sim\/server\.ts\./);
    assert.match(String(built.stderr), 'its values come from loadSimulator()');
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
});

test('sim.js carries the whole simulator: server, services, scenarios and the virtual clock', async () => {
  const outputs = await readBundle();
  const sim = modulesOf(outputs, reachable(outputs, 'sim.js'));
  for (const module of [
    'src/sim/server.ts',
    'src/sim/scenario.ts',
    'src/sim/virtual-clock.ts',
    'src/sim/services/ecs/service.ts',
    'src/sim/services/lambda/service.ts',
  ]) {
    assert.ok(sim.has(module), `${module} is not reached from sim.js`);
  }
});

/**
 * An installed package without the simulator's files: its own bin/, package.json, and dist/bundle/ less sim.js
 * and whatever only sim.js loads; dependencies from this checkout.
 */
async function packageWithoutSimulator(): Promise<{ dir: string; removed: string[] }> {
  const outputs = await readBundle();
  const cli = reachable(outputs, 'cli.js', 'sim.js');
  const removed = [...reachable(outputs, 'sim.js')].filter((file) => !cli.has(file));
  const dir = await mkdtemp(join(tmpdir(), 'gitmoxi-nosim-'));
  await cp(join(projectRoot, 'bin'), join(dir, 'bin'), { recursive: true });
  await cp(join(projectRoot, 'package.json'), join(dir, 'package.json'));
  for (const file of cli) {
    await mkdir(dirname(join(dir, 'dist', 'bundle', file)), { recursive: true });
    await cp(join(bundleDir, file), join(dir, 'dist', 'bundle', file));
  }
  await symlink(join(projectRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { dir, removed };
}

test('without sim.js and what only it loads, plan still works and only `gitmoxi sim` fails', async () => {
  const { dir, removed } = await packageWithoutSimulator();
  const repo = await makeRepo([{ files: await exampleTree('ecs-rolling') }]);
  try {
    assert.ok(modulesOf(await readBundle(), removed).has('src/sim/server.ts'), `the files removed, ${removed.join(', ')}, do not hold the simulator`);
    const gitmoxi = (args: string[]) => execa('node', [join(dir, 'bin', 'gitmoxi.js'), ...args], { cwd: repo.dir, reject: false, stdin: 'ignore' });
    const plan = await gitmoxi(['plan', '--json']);
    assert.is(plan.exitCode, 0, String(plan.stderr));
    const units = (JSON.parse(String(plan.stdout)) as { units: { prefix: string; action: string }[] }).units;
    assert.equal(
      units.map((unit) => `${unit.prefix} ${unit.action}`),
      ['services/web/web deploy'],
    );
    const sim = await gitmoxi(['sim', '--port', '0']);
    assert.is(sim.exitCode, 3, String(sim.stdout));
    assert.match(String(sim.stderr), /this installation of gitmoxi lacks its AWS simulator: .*dist\/bundle\/sim\.js/);
    assert.match(String(sim.stderr), /Reinstall gitmoxi/);
  } finally {
    await repo.cleanup();
    await rm(dir, { recursive: true, force: true });
  }
});

test('the built `gitmoxi sim` loads sim.js, serves, and stops on SIGINT with exit 0', async () => {
  const child = execa('node', [join(projectRoot, 'bin', 'gitmoxi.js'), 'sim', '--port', '0', '--json'], { reject: false, stdin: 'ignore' });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let text = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('\n')) resolve(text.slice(0, text.indexOf('\n')));
      });
      child.once('exit', () => reject(new Error(`gitmoxi sim exited before it started: ${text}`)));
    });
    const started = JSON.parse(line) as { type: string; endpoint: string };
    assert.is(started.type, 'sim.started');
    const state = await fetch(`${started.endpoint}/_sim/state`);
    assert.is(state.status, 200);
  } finally {
    child.kill('SIGINT');
  }
  const result = await child;
  assert.is(result.exitCode, 0, String(result.stderr));
});

test.run();
