/** RegisterTaskDefinition inputs ECS refuses that gitmoxi's schemas also refuse, through the real SDK. */
import { ECSClient, RegisterTaskDefinitionCommand, type RegisterTaskDefinitionRequest } from '@aws-sdk/client-ecs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ManualClock } from '../../../clock.js';
import { startSimulator, type Simulator } from '../../server.js';
import { rejection } from '../../../../test/fakes/rejection.js';

let sim: Simulator;
test.before.each(async () => {
  sim = await startSimulator({ clock: new ManualClock(Date.UTC(2026, 0, 1)) });
});
test.after.each(async () => {
  await sim.close();
});

const base: RegisterTaskDefinitionRequest = {
  family: 'web',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '256',
  memory: '512',
  containerDefinitions: [{ name: 'app', image: 'nginx', portMappings: [{ containerPort: 80 }] }],
};

function register(change: Partial<RegisterTaskDefinitionRequest>) {
  const ecs = new ECSClient({ endpoint: sim.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
  return ecs.send(new RegisterTaskDefinitionCommand({ ...base, ...change }));
}

test('hostPort other than containerPort under awsvpc is a ClientException', async () => {
  const error = await rejection(register({ containerDefinitions: [{ name: 'app', image: 'nginx', portMappings: [{ containerPort: 80, hostPort: 8080 }] }] }));
  assert.is(error.name, 'ClientException');
  assert.is(error.message, 'When networkMode=awsvpc, the host ports and container ports in port mappings must match.');
  const same = await register({ containerDefinitions: [{ name: 'app', image: 'nginx', portMappings: [{ containerPort: 80, hostPort: 80 }] }] });
  assert.is(same.taskDefinition?.revision, 1);
});

test('an unknown log driver is a ClientException', async () => {
  const error = await rejection(register({ containerDefinitions: [{ name: 'app', image: 'nginx', logConfiguration: { logDriver: 'cloudwatch' as never } }] }));
  assert.is(error.name, 'ClientException');
  assert.match(error.message, 'Log driver cloudwatch is not supported');
});

test.run();
