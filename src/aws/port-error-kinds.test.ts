/**
 * Each PortError kind from a real SDK error: the unmodified SDK clients call the in-process simulator, which answers
 * as AWS does, and the ports turn the failure into one PortError (kind, AWS name, request id).
 */
import { DescribeTargetGroupsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PortError } from '../deploy/port-error.js';
import { MAX_ATTEMPTS } from './clients.js';
import { ACCOUNT, REGION, scenario, startTestAws, type TestAws } from './test-simulator.js';

let aws: TestAws;

test.before.each(async () => {
  aws = await startTestAws({
    infrastructure: { ...scenario.infrastructure, targetGroups: [...(scenario.infrastructure?.targetGroups ?? []), { name: 'fn', targetType: 'lambda' }] },
  });
});

test.after.each(async () => {
  await aws.close();
});

async function portError(call: Promise<unknown>): Promise<PortError> {
  const error = await call.then(
    () => new Error('expected the call to fail'),
    (failure: unknown) => failure,
  );
  if (!(error instanceof PortError)) throw new Error(`expected a PortError, got ${String(error)}`);
  return error;
}

function seen(error: PortError): [string, string, boolean] {
  return [error.kind, error.awsName, /^[0-9a-f-]{36}$/.test(error.requestId ?? '')];
}

test('not-found: UpdateService of a service that does not exist', async () => {
  const error = await portError(aws.ports.ecs.updateService({ cluster: 'prod', service: 'ghost', desiredCount: 1 }));
  assert.equal(seen(error), ['not-found', 'ServiceNotFoundException', true]);
  assert.is(error.operation, 'ECS UpdateService');
  assert.is(error.name, error.awsName);
});

test('throttled: DescribeServices throttled on every attempt the SDK makes', async () => {
  aws.sim.control.addFaults([{ kind: 'throttle', service: 'ecs', count: MAX_ATTEMPTS }]);
  const error = await portError(aws.ports.ecs.describeService('prod', 'web'));
  assert.equal(seen(error), ['throttled', 'ThrottlingException', true]);
});

test('unavailable: a 503 on every attempt', async () => {
  aws.sim.control.addFaults([{ kind: 'server-error', service: 'cloudwatch', status: 503, count: MAX_ATTEMPTS }]);
  const error = await portError(aws.ports.alarms.firingAlarms(['web-5xx']));
  assert.is(error.kind, 'unavailable');
  assert.is(error.httpStatusCode, 503);
});

test('conflict: CreateAlias of an alias that exists', async () => {
  await aws.ports.lambda.createFunction({
    FunctionName: 'api',
    Runtime: 'nodejs20.x',
    Handler: 'index.handler',
    Role: `arn:aws:iam::${ACCOUNT}:role/exec`,
    Code: { S3Bucket: 'artifacts', S3Key: 'api.zip' },
  });
  await aws.ports.lambda.createAlias('api', 'live', '$LATEST');
  const error = await portError(aws.ports.lambda.createAlias('api', 'live', '$LATEST'));
  assert.equal(seen(error), ['conflict', 'ResourceConflictException', true]);
});

test('denied: RegisterTargets of a function whose policy does not let ELB invoke it', async () => {
  const groups = await aws.clients.elbv2.send(new DescribeTargetGroupsCommand({ Names: ['fn'] }));
  const targetGroupArn = groups.TargetGroups?.[0]?.TargetGroupArn ?? '';
  const functionArn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:api`;
  const error = await portError(aws.ports.loadBalancing.registerLambdaTarget(targetGroupArn, functionArn));
  assert.equal(seen(error), ['denied', 'AccessDenied', true]);
});

test('other: RegisterTaskDefinition that ECS refuses', async () => {
  const error = await portError(aws.ports.ecs.registerTaskDefinition({ family: 'web', containerDefinitions: [] }, {}));
  assert.equal(seen(error), ['other', 'ClientException', true]);
  assert.is(error.message, 'Container list cannot be empty.');
});

test.run();
