import { CloudWatchClient, DescribeAlarmsCommand, ListMetricsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { scaledClock } from '../clock.js';
import { SimError } from './errors.js';
import { redactBlobs, startSimulator, type Simulator } from './server.js';
import { cloudwatchModule } from './services/cloudwatch/module.js';
import { lambdaService } from './services/lambda/service.js';
import { stsModule } from './services/sts/module.js';
import type { ServiceModule } from './types.js';
import { rejection } from '../../test/fakes/rejection.js';

/** Response bodies of the control endpoints and test fakes, read loosely. */
async function json(response: Response | Promise<Response>): Promise<any> {
  return (await response).json();
}

let sim: Simulator;
const credentials = { accessKeyId: 'AKIDSIMULATOR', secretAccessKey: 'secret' };
const cloudwatch = (maxAttempts = 1) => new CloudWatchClient({ endpoint: sim.endpoint, region: 'us-west-2', credentials, maxAttempts });
const sts = () => new STSClient({ endpoint: sim.endpoint, region: 'us-west-2', credentials, maxAttempts: 1 });

const alarmInput = {
  AlarmName: 'a',
  MetricName: 'M',
  Namespace: 'N',
  Statistic: 'Sum' as const,
  Period: 60,
  EvaluationPeriods: 1,
  Threshold: 1,
  ComparisonOperator: 'GreaterThanThreshold' as const,
};

/** Only the framework's own services, whatever else is registered. */
const modules = [cloudwatchModule, stsModule];

test.before.each(async () => {
  sim = await startSimulator({ modules });
});

test.after.each(async () => {
  await sim.close();
});

test('throttle faults answer each protocol’s throttling error and are used up by count', async () => {
  await sim.control.loadScenario({
    faults: [
      { kind: 'throttle', service: 'cloudwatch', operation: 'DescribeAlarms', count: 2 },
      { kind: 'throttle', service: 'sts', count: 1 },
    ],
  });
  const json = await rejection(cloudwatch().send(new DescribeAlarmsCommand({})));
  assert.is(json.$metadata.httpStatusCode, 400);
  assert.is(json.Code, 'Throttling');
  await cloudwatch().send(new PutMetricAlarmCommand(alarmInput));
  const query = await rejection(sts().send(new GetCallerIdentityCommand({})));
  assert.is(query.name, 'Throttling');
  assert.is(query.$metadata.httpStatusCode, 400);
  await sts().send(new GetCallerIdentityCommand({}));
  // The second throttle is left; the SDK's standard retry treats it as throttling and succeeds on attempt 2.
  const retried = await cloudwatch(3).send(new DescribeAlarmsCommand({}));
  assert.is(retried.$metadata.attempts, 2);
  const outcomes = sim.control.calls().map((c) => `${c.operation}:${c.outcome}:${c.status}`);
  assert.equal(outcomes, [
    'DescribeAlarms:ThrottlingException:400',
    'PutMetricAlarm:ok:200',
    'GetCallerIdentity:Throttling:400',
    'GetCallerIdentity:ok:200',
    'DescribeAlarms:ThrottlingException:400',
    'DescribeAlarms:ok:200',
  ]);
});

test('server-error faults answer the service’s internal error with the given status', async () => {
  await sim.control.loadScenario({
    faults: [
      { kind: 'server-error', service: 'cloudwatch', count: 1 },
      { kind: 'server-error', service: 'sts', status: 503, count: 1 },
    ],
  });
  const internal = await rejection(cloudwatch().send(new DescribeAlarmsCommand({})));
  assert.is(internal.$metadata.httpStatusCode, 500);
  assert.is(internal.Code, 'InternalServiceError');
  const unavailable = await rejection(sts().send(new GetCallerIdentityCommand({})));
  assert.is(unavailable.$metadata.httpStatusCode, 503);
  assert.is(unavailable.name, 'ServiceUnavailable');
  await cloudwatch().send(new DescribeAlarmsCommand({}));
});

test('latency faults delay matching requests in real time', async () => {
  // A delay long enough that no load on the machine can make the undelayed call the slower one.
  await sim.control.loadScenario({ faults: [{ kind: 'latency', service: 'sts', ms: 3_000 }] });
  const started = performance.now();
  let stsDone = false;
  const delayed = sts()
    .send(new GetCallerIdentityCommand({}))
    .then(() => (stsDone = true));
  await cloudwatch().send(new DescribeAlarmsCommand({}));
  assert.is(stsDone, false, 'cloudwatch was not delayed: it answered while sts still waited');
  await delayed;
  assert.ok(performance.now() - started >= 2_900, 'sts was delayed');
});

test('unknown operations answer AWS-shaped errors naming the operation', async () => {
  const sdk = await rejection(cloudwatch().send(new ListMetricsCommand({})));
  assert.is(sdk.$metadata.httpStatusCode, 400);
  assert.match(sdk.message, 'ListMetrics');
  const unknownTarget = await fetch(`${sim.endpoint}/`, {
    method: 'POST',
    headers: { 'x-amz-target': 'Nope_20200101.DoThing', 'content-type': 'application/x-amz-json-1.1' },
    body: '{}',
  });
  assert.is(unknownTarget.status, 400);
  assert.equal(await json(unknownTarget), { __type: 'UnknownOperationException', message: 'Unknown operation Nope_20200101.DoThing.' });
  const query = await fetch(`${sim.endpoint}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/sts/aws4_request, Signature=0',
    },
    body: 'Action=GetSessionToken&Version=2011-06-15',
  });
  assert.is(query.status, 400);
  assert.match(await query.text(), '<Code>InvalidAction</Code><Message>The action GetSessionToken is not valid');
  const rest = await fetch(`${sim.endpoint}/2015-03-31/functions/`);
  assert.is(rest.status, 404);
  assert.is(rest.headers.get('x-amzn-errortype'), 'UnknownOperationException');
  const logged = sim.control.calls().map((c) => [c.service, c.operation, c.outcome]);
  assert.equal(logged, [
    ['cloudwatch', 'ListMetrics', 'UnknownOperationException'],
    ['unknown', 'Nope_20200101.DoThing', 'UnknownOperationException'],
    ['sts', 'GetSessionToken', 'InvalidAction'],
    ['unknown', 'GET /2015-03-31/functions/', 'UnknownOperationException'],
  ]);
});

test('unsigned query requests find their service by API version and default to us-east-1', async () => {
  const answer = await fetch(`${sim.endpoint}/?Action=GetCallerIdentity&Version=2011-06-15`);
  assert.is(answer.status, 200);
  assert.match(await answer.text(), '<GetCallerIdentityResult><UserId>AIDA');
  const [call] = sim.control.calls();
  assert.equal([call?.service, call?.region, call?.mutating], ['sts', 'us-east-1', false]);
});

test('every answer tells the clock’s time scale', async () => {
  const scaled = await startSimulator({ clock: scaledClock(20), modules });
  try {
    const aws = await fetch(`${scaled.endpoint}/?Action=GetCallerIdentity&Version=2011-06-15`);
    assert.is(aws.headers.get('x-gitmoxi-sim-time-scale'), '20');
    const control = await fetch(`${scaled.endpoint}/_sim/clock`);
    assert.is(control.headers.get('x-gitmoxi-sim-time-scale'), '20');
    assert.equal((await json(control)).scale, 20);
  } finally {
    await scaled.close();
  }
  const plain = await fetch(`${sim.endpoint}/_sim/clock`);
  assert.is(plain.headers.get('x-gitmoxi-sim-time-scale'), '1');
});

/** A restJson1 service shaped like Lambda, to exercise the REST path without the real Lambda module's handlers. */
const fakeLambda: ServiceModule = {
  ...lambdaService,
  protocols: ['restJson1'],
  signingName: 'lambda',
  routes: [{ method: 'POST', path: '/2015-03-31/functions', operation: 'CreateFunction', successStatus: 201 }],
  operations: {
    CreateFunction: (input: { FunctionName?: string }) => {
      if (input.FunctionName === 'boom') throw new Error('handler bug');
      if (!input.FunctionName) throw new SimError('InvalidParameterValueException', 'FunctionName is required');
      return { FunctionName: input.FunctionName, LastModified: '2026-01-01T00:00:00.000+0000' };
    },
  },
  readOnly: new Set(),
};

test('restJson1: routes, success status, 429 throttling, blobs logged by size, handler bugs as 500', async () => {
  const rest = await startSimulator({ modules: [...modules, fakeLambda] });
  const post = (body: object) =>
    fetch(`${rest.endpoint}/2015-03-31/functions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-central-1/lambda/aws4_request' },
      body: JSON.stringify(body),
    });
  try {
    const created = await post({ FunctionName: 'web', Code: { ZipFile: Buffer.from('0123456789').toString('base64') } });
    assert.is(created.status, 201);
    assert.is((await json(created)).FunctionName, 'web');
    assert.equal(rest.control.calls()[0]?.params, { FunctionName: 'web', Code: { ZipFile: 10 } });
    assert.is(rest.control.calls()[0]?.region, 'eu-central-1');
    const invalid = await post({});
    assert.is(invalid.status, 400);
    assert.is(invalid.headers.get('x-amzn-errortype'), 'InvalidParameterValueException');
    const bug = await post({ FunctionName: 'boom' });
    assert.is(bug.status, 500);
    assert.match((await json(bug)).message, 'handler bug');
    await rest.control.loadScenario({ faults: [{ kind: 'throttle', service: 'lambda', count: 1 }] });
    const throttled = await post({ FunctionName: 'web' });
    assert.is(throttled.status, 429);
    assert.is(throttled.headers.get('x-amzn-errortype'), 'TooManyRequestsException');
  } finally {
    await rest.close();
  }
});

test('redactBlobs replaces byte arrays and base64 ZipFile members by their size', () => {
  assert.equal(redactBlobs({ Payload: new Uint8Array(7), Code: { ZipFile: 'AAAA' }, Tags: [{ Key: 'k' }] }), {
    Payload: 7,
    Code: { ZipFile: 3 },
    Tags: [{ Key: 'k' }],
  });
});

test.run();
