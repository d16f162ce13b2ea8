#!/usr/bin/env node
// Planning and start-up benchmark. Builds a repository of 2,000 units and a commit that changes 100 of them, then
// times whole processes, round-robin over several runs so that a busy machine slows every variant alike:
// (a) `gitmoxi plan` for that commit, (b) rendering all 2,000 units (a plan with no --from), (c) `gitmoxi --version`,
// and `node -e 0` as the floor. (a) and (c) run twice: the bundle users install (bin/gitmoxi.js → dist/bundle/) and
// the same code unbundled (tsc's output, one file per module), to show what the bundle saves.
// Goals: (a) at most 0.5 s; (c) at most 1.3x `node -e 0`. Usage: npm run build && node bench/plan.mjs [runs]
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, 'bench', '.work', 'plan-repo');
const bin = join(root, 'bin', 'gitmoxi.js');
const unbundled = join(root, 'bench', '.work', 'unbundled');
const runs = Number(process.argv[2] ?? 7);
const UNITS = 2000;
const CHANGED = 100;

function git(args) {
  const result = spawnSync('git', args, {
    cwd: work,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'bench',
      GIT_AUTHOR_EMAIL: 'bench@example.com',
      GIT_COMMITTER_NAME: 'bench',
      GIT_COMMITTER_EMAIL: 'bench@example.com',
    },
  });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

function write(path, text) {
  mkdirSync(dirname(join(work, path)), { recursive: true });
  writeFileSync(join(work, path), text);
}

function writeUnit(i, imageTag) {
  const group = `team${i % 20}`;
  const name = `svc${i}`;
  const dir = `services/${group}/${name}/${name}`;
  if (i % 4 === 3) {
    write(`${dir}_lambdainput.json`, JSON.stringify({ ref: { file: [`infra/${group}.json`], type: 'TERRAFORM' }, code_key: `${name}/${imageTag}.zip` }));
    write(
      `${dir}_lambdadef.json`,
      `{\n  "FunctionName": "${name}",\n  "Runtime": "python3.12",\n  "Handler": "app.handler",\n  "Role": "{{ role_arn }}",\n  "Code": { "S3Bucket": "{{ bucket }}", "S3Key": "{{ code_key }}" },\n  "MemorySize": 256\n}\n`,
    );
    write(`${dir}_lambdadepdef.json`, `{ "alias": "live", "trafficShiftingConfig": { "type": "CANARY", "percent": 10, "waitInterval": 60 } }\n`);
    return;
  }
  write(
    `${dir}_input.json`,
    JSON.stringify({
      ref: { file: [`infra/${group}.json`], type: 'TERRAFORM' },
      image: `registry.example.com/${name}:${imageTag}`,
      env: { STAGE: 'prod', NAME: name },
    }),
  );
  write(
    `${dir}_svcdef.json`,
    `{\n  "cluster": "{{ cluster }}",\n  "serviceName": "${name}",\n  "desiredCount": 2,\n  "launchType": "FARGATE",\n  "networkConfiguration": { "awsvpcConfiguration": { "subnets": {{ subnets | tojson }}, "assignPublicIp": "DISABLED" } }\n}\n`,
  );
  write(
    `${dir}_taskdef.json`,
    `{\n  "family": "${name}",\n  "networkMode": "awsvpc",\n  "requiresCompatibilities": ["FARGATE"],\n  "cpu": "256",\n  "memory": "512",\n  "executionRoleArn": "{{ role_arn }}",\n  "containerDefinitions": [{\n    "name": "app",\n    "image": "{{ image }}",\n    "environment": [{% for k, v in env.items() %}{ "name": "{{ k }}", "value": "{{ v }}" }{% if not loop.last %}, {% endif %}{% endfor %}]\n  }]\n}\n`,
  );
  write(`${dir}_depdef.json`, `{ "stabilityCheck": { "timeout": 600 }, "gmDeploymentCircuitBreaker": { "failureThreshold": 3 } }\n`);
}

function buildRepo() {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  git(['init', '-q', '-b', 'main']);
  for (let g = 0; g < 20; g++) {
    const out = (value) => ({ value, type: 'string', sensitive: false });
    write(
      `infra/team${g}.json`,
      JSON.stringify({
        cluster: out(`cluster-${g}`),
        subnets: { value: ['subnet-1', 'subnet-2'], type: ['list', 'string'], sensitive: false },
        role_arn: out(`arn:aws:iam::123456789012:role/team${g}`),
        bucket: out(`artifacts-${g}`),
      }),
    );
  }
  for (let i = 0; i < UNITS; i++) writeUnit(i, '1.0.0');
  git(['add', '-A']);
  git(['commit', '-q', '-m', 'base']);
  for (let i = 0; i < CHANGED; i++) writeUnit(i * Math.floor(UNITS / CHANGED), '1.0.1');
  git(['add', '-A']);
  git(['commit', '-q', '-m', `change ${CHANGED} units`]);
}

/** Every variant once per round, `runs` rounds; the first run of each is checked, all are timed. */
function timeAll(variants) {
  const samples = new Map(variants.map((v) => [v.name, []]));
  for (let round = 0; round < runs; round++) {
    for (const { name, command, args, check } of variants) {
      const start = process.hrtime.bigint();
      const result = spawnSync(command, args, {
        cwd: work,
        encoding: 'utf8',
        maxBuffer: 512 * 1024 * 1024,
        env: { ...process.env, GITHUB_ACTIONS: '', GITLAB_CI: '', CI: '' },
      });
      samples.get(name).push(Number(process.hrtime.bigint() - start) / 1e6);
      if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
      if (check && round === 0) check(result.stdout);
    }
  }
  return new Map(
    [...samples].map(([name, list]) => {
      const sorted = [...list].sort((a, b) => a - b);
      return [name, { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted[sorted.length - 1] }];
    }),
  );
}

const planUnits = (expected) => (stdout) => {
  const count = JSON.parse(stdout).units.length;
  if (count !== expected) throw new Error(`expected ${expected} units in the plan, got ${count}`);
};

buildRepo();
// The same sources as separate modules: what bin/gitmoxi.js ran before the bundle.
const tsc = spawnSync('npx', ['tsc', '-p', join(root, 'tsconfig.json'), '--outDir', unbundled], { cwd: root, encoding: 'utf8' });
if (tsc.status !== 0) throw new Error(`tsc: ${tsc.stdout}${tsc.stderr}`);
const unbundledCli = join(unbundled, 'cli.js');
const changedPlan = ['plan', '--json', '--from', 'HEAD~1', '--to', 'HEAD'];
const results = timeAll([
  { name: 'plan (100 of 2,000 changed)', command: 'node', args: [bin, ...changedPlan], check: planUnits(CHANGED) },
  { name: 'plan, unbundled', command: 'node', args: [unbundledCli, ...changedPlan], check: planUnits(CHANGED) },
  { name: 'render all 2,000 units', command: 'node', args: [bin, 'plan', '--json', '--to', 'HEAD'], check: planUnits(UNITS) },
  { name: 'gitmoxi --version', command: 'node', args: [bin, '--version'] },
  { name: '--version, unbundled', command: 'node', args: [unbundledCli, '--version'] },
  { name: 'node -e 0', command: 'node', args: ['-e', '0'] },
]);
const fmt = (ms) => `${ms.toFixed(0).padStart(6)} ms`;
console.log(`runs: ${runs}, node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(2)}`);
for (const [name, r] of results) console.log(`${name.padEnd(30)} median ${fmt(r.median)}   spread ${fmt(r.min)} to ${fmt(r.max)}`);
const median = (name) => results.get(name).median;
const floor = median('node -e 0');
console.log(
  `plan: ${median('plan (100 of 2,000 changed)').toFixed(0)} ms (goal <= 500 ms; unbundled ${median('plan, unbundled').toFixed(0)} ms); plan / render-all ${(median('plan (100 of 2,000 changed)') / median('render all 2,000 units')).toFixed(2)}`,
);
console.log(
  `--version / node -e 0: ${(median('gitmoxi --version') / floor).toFixed(2)}x (goal <= 1.3x; unbundled ${(median('--version, unbundled') / floor).toFixed(2)}x)`,
);
