/** Client configuration, the shared credential chain with its dummy fallback, and the rate-limit middleware. */
import { RegisterTaskDefinitionCommand, type RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ManualClock } from '../clock.js';
import { PortError } from '../deploy/port-error.js';
import { GitmoxiError } from '../errors.js';
import { startSimulator, type Simulator } from '../sim/server.js';
import { MAX_ATTEMPTS, createRegionClients, regionClients } from './clients.js';
import { createRegionPorts, releaseRegionPorts } from './region-ports.js';
import { DUMMY_CREDENTIALS } from './shared-credentials.js';
import { REGION, scenario, webTaskDefinition } from './test-simulator.js';

const CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_EC2_METADATA_DISABLED',
];

let sim: Simulator;
let home: string;
let savedEnv: Record<string, string | undefined>;

/** A machine with no credentials anywhere: no keys, no config files, no instance metadata. */
test.before.each(async () => {
  savedEnv = Object.fromEntries(CREDENTIAL_VARIABLES.map((name) => [name, process.env[name]]));
  for (const name of CREDENTIAL_VARIABLES) delete process.env[name];
  home = mkdtempSync(join(tmpdir(), 'gitmoxi-aws-'));
  process.env['AWS_CONFIG_FILE'] = join(home, 'config');
  process.env['AWS_SHARED_CREDENTIALS_FILE'] = join(home, 'credentials');
  process.env['AWS_EC2_METADATA_DISABLED'] = 'true';
  sim = await startSimulator({ scenario });
});

test.after.each(async () => {
  releaseRegionPorts();
  await sim.close();
  rmSync(home, { recursive: true, force: true });
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

test('the SDK tries a throttled call MAX_ATTEMPTS times at once, then the port error says throttled', async () => {
  const clients = regionClients({ region: REGION, endpointUrl: sim.endpoint });
  assert.is(await clients.ecs.config.maxAttempts(), MAX_ATTEMPTS);
  // The SDK types its region provider loosely; Promise.resolve makes the await plain to the linter either way.
  assert.is(await Promise.resolve(clients.cloudwatch.config.region()), REGION);
  assert.is(clients.ecs, clients.ecs);
  assert.is(regionClients({ region: REGION, endpointUrl: sim.endpoint }), clients);
  assert.is.not(regionClients({ region: 'eu-west-1', endpointUrl: sim.endpoint }), clients);

  const ports = createRegionPorts({ region: REGION, endpointUrl: sim.endpoint });
  sim.control.addFaults([{ kind: 'throttle', service: 'ecs', count: MAX_ATTEMPTS }]);
  const error = await ports.ecs.describeService('prod', 'web').then(
    () => null,
    (failure: unknown) => failure,
  );
  assert.instance(error, PortError);
  assert.equal([(error as PortError).kind, (error as PortError).name], ['throttled', 'ThrottlingException']);
  assert.is(sim.control.calls().filter((call) => call.operation === 'DescribeServices').length, MAX_ATTEMPTS);
  // One throttle fewer than the attempts: the SDK's own retry answers.
  sim.control.addFaults([{ kind: 'throttle', service: 'ecs', count: MAX_ATTEMPTS - 1 }]);
  assert.is(await ports.ecs.describeService('prod', 'web'), null);
});

test('with an endpoint and no credentials anywhere, the dummy test/test keys are used', async () => {
  const ports = createRegionPorts({ region: REGION, endpointUrl: sim.endpoint });
  assert.is(await ports.identity.callerAccount(), '123456789012');
  const credentials = await regionClients({ region: REGION, endpointUrl: sim.endpoint }).ecs.config.credentials();
  assert.is(credentials.accessKeyId, DUMMY_CREDENTIALS.accessKeyId);
});

test('credentials in the environment win over the dummy keys', async () => {
  process.env['AWS_ACCESS_KEY_ID'] = 'AKIDFROMENVIRONMENT';
  process.env['AWS_SECRET_ACCESS_KEY'] = 'secret';
  const clients = regionClients({ region: REGION, endpointUrl: sim.endpoint });
  assert.is((await clients.sts.config.credentials()).accessKeyId, 'AKIDFROMENVIRONMENT');
  assert.is((await clients.ecs.config.credentials()).accessKeyId, 'AKIDFROMENVIRONMENT');
});

test('the connection profile picks the profile of the shared credentials file', async () => {
  writeFileSync(join(home, 'credentials'), '[ci]\naws_access_key_id = AKIDFROMPROFILE\naws_secret_access_key = secret\n');
  const clients = regionClients({ region: REGION, profile: 'ci', endpointUrl: sim.endpoint });
  assert.is((await clients.elbv2.config.credentials()).accessKeyId, 'AKIDFROMPROFILE');
});

test('without an endpoint and without credentials, the first call fails with E_AWS_CREDENTIALS', async () => {
  const ports = createRegionPorts({ region: REGION });
  let caught: unknown;
  try {
    await ports.identity.callerAccount();
  } catch (error) {
    caught = error;
  }
  assert.instance(caught, GitmoxiError);
  assert.is((caught as GitmoxiError).code, 'E_AWS_CREDENTIALS');
  assert.is(((caught as GitmoxiError).cause as Error).name, 'CredentialsProviderError');
});

test('every request waits for a token of its API group', async () => {
  const clock = new ManualClock();
  const clients = createRegionClients({ region: REGION, endpointUrl: sim.endpoint }, { rateLimitClock: clock });
  const registered = () => sim.control.calls().filter((call) => call.operation === 'RegisterTaskDefinition').length;
  const input = webTaskDefinition() as unknown as RegisterTaskDefinitionCommandInput;
  const sends = [1, 2, 3].map(() => clients.ecs.send(new RegisterTaskDefinitionCommand(input)));
  await waitUntil(() => registered() === 1 && clock.waiting === 2);
  clock.advance(1000);
  await waitUntil(() => registered() === 2 && clock.waiting === 1);
  clock.advance(1000);
  const revisions = (await Promise.all(sends)).map((output) => output.taskDefinition?.revision);
  assert.equal(revisions.sort(), [1, 2, 3]);
  clients.destroy();
});

/** Polls real time until the condition holds (requests travel over real sockets). */
async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

test.run();
