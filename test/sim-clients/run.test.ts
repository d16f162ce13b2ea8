/**
 * Independent-client smoke tests: every `*.py` script here runs with boto3 against a fresh simulator, with the
 * endpoint as its first argument, and must exit 0. Skipped (with the reason) where boto3 is not installed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startSimulator, type Simulator } from '../../src/sim/server.js';

const here = dirname(fileURLToPath(import.meta.url));
const scripts = readdirSync(here)
  .filter((file) => file.endsWith('.py'))
  .sort();
const boto3 = spawnSync('python3', ['-c', 'import boto3'], { encoding: 'utf8' });
const skipReason = boto3.error ? `python3 is not available (${boto3.error.message})` : boto3.status !== 0 ? 'boto3 is not installed' : undefined;

/** Dummy credentials, and no shared config from the machine, so only the simulator is ever reached. */
const { AWS_PROFILE: _profile, AWS_ENDPOINT_URL: _endpoint, ...inherited } = process.env;
const clientEnv = {
  ...inherited,
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_REGION: 'us-east-1',
  AWS_CONFIG_FILE: join(here, 'no-such-aws-config'),
  AWS_SHARED_CREDENTIALS_FILE: join(here, 'no-such-aws-credentials'),
};

let sim: Simulator | undefined;

test.before(async () => {
  if (skipReason === undefined) sim = await startSimulator();
});

test.after(async () => {
  await sim?.close();
});

if (skipReason !== undefined) {
  test(`boto3 client scripts (skipped: ${skipReason})`, () => {
    console.log(`sim-clients: skipped, ${skipReason}`);
  });
}

/** Runs one script asynchronously: the simulator answers from this same process, so it must not block. */
function runScript(script: string, endpoint: string): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [join(here, script), endpoint], { env: clientEnv, timeout: 120_000 });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output: output.trim() }));
  });
}

for (const script of skipReason === undefined ? scripts : []) {
  test(`boto3: ${script}`, async () => {
    const simulator = sim as Simulator;
    simulator.control.reset();
    const run = await runScript(script, simulator.endpoint);
    assert.is(run.status, 0, `${script} failed:\n${run.output}`);
  });
}

test.run();
