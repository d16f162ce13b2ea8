// What the deployment benchmarks share: `gitmoxi sim` as its own process, its control endpoints, git, a timed
// `gitmoxi deploy` process (wall time and peak RSS), and median/min/max of a sample.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const bin = join(root, 'bin', 'gitmoxi.js');
export const benchEnv = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', GITHUB_ACTIONS: '', GITLAB_CI: '', CI: 'true' };

/**
 * Starts `gitmoxi sim` with `scenario` at `scale`, on its scaled clock or (`clock: 'virtual'`) its virtual one;
 * resolves once it prints its endpoint.
 */
export async function startSim({ work, scenario, scale, clock = 'scaled' }) {
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'scenario.json'), JSON.stringify(scenario));
  const args = [bin, 'sim', '--port', '0', '--time-scale', String(scale), '--clock', clock, '--scenario', join(work, 'scenario.json'), '--json'];
  const child = spawn('node', args, { env: benchEnv });
  const endpoint = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (match) resolve(match[0]);
    });
    child.on('exit', (code) => reject(new Error(`sim exited ${code}: ${out}`)));
  });
  return { endpoint, stop: () => child.kill('SIGTERM') };
}

export async function control(endpoint, path, method = 'GET', body) {
  const init = body ? { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : { method };
  try {
    return await (await fetch(`${endpoint}/_sim/${path}`, init)).json();
  } catch {
    // The benches block the event loop while a deploy runs (spawnSync), so a kept-alive socket can be closed by the
    // server unnoticed; one more attempt opens a fresh connection.
    return (await fetch(`${endpoint}/_sim/${path}`, init)).json();
  }
}

export function git(dir, args) {
  const r = spawnSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', ...args], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
}

/** Runs `gitmoxi deploy` as a process; its wall time, and its peak RSS where /usr/bin/time exists. */
export function timedDeploy(dir, endpoint, extra = []) {
  const withTime = spawnSync('/usr/bin/time', ['--version'], { encoding: 'utf8' }).status === 0;
  const command = withTime ? ['/usr/bin/time', '-f', '%M', 'node'] : ['node'];
  const start = process.hrtime.bigint();
  const r = spawnSync(command[0], [...command.slice(1), bin, 'deploy', '--endpoint-url', endpoint, ...extra], {
    cwd: dir,
    env: benchEnv,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`deploy exited ${r.status}: ${r.stdout.slice(-3000)}${r.stderr.slice(-2000)}`);
  const rssMb = withTime ? Number(r.stderr.trim().split('\n').pop()) / 1024 : NaN;
  return { ms, rssMb };
}

export function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
}

/**
 * How long the deployment took in the simulator's time: from its first AWS call to its last, read from the call
 * log (times there are the simulator's). On the virtual clock this is exact: time moves only while gitmoxi waits.
 */
export function simulatedSpanMs(calls) {
  const times = calls.map((c) => c.time);
  return Math.max(...times) - Math.min(...times);
}

/** A ratio's figure, with the spread when runs differ (on the virtual clock they do not). */
export function exactOrSpread(values, digits = 4, unit = '') {
  const s = stats(values);
  const f = (x) => `${x.toFixed(digits)}${unit}`;
  return s.min === s.max ? `${f(s.median)} in every run` : `median ${f(s.median)} (min ${f(s.min)}, max ${f(s.max)})`;
}
