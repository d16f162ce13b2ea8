import {
  CloudWatchClient,
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  PutMetricAlarmCommand,
  SetAlarmStateCommand,
  type PutMetricAlarmCommandInput,
} from '@aws-sdk/client-cloudwatch';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ManualClock } from '../../../clock.js';
import { decodeCbor, encodeCbor } from '../../codecs/cbor.js';
import { startSimulator, type Simulator } from '../../server.js';
import { rejection } from '../../../../test/fakes/rejection.js';

const clock = new ManualClock(Date.UTC(2026, 0, 1));
let sim: Simulator;
let cloudwatch: CloudWatchClient;

const alarm = (name: string, extra: Partial<PutMetricAlarmCommandInput> = {}): PutMetricAlarmCommandInput => ({
  AlarmName: name,
  MetricName: 'HTTPCode_Target_5XX_Count',
  Namespace: 'AWS/ApplicationELB',
  Statistic: 'Sum',
  Period: 60,
  EvaluationPeriods: 2,
  Threshold: 5,
  ComparisonOperator: 'GreaterThanOrEqualToThreshold',
  Dimensions: [{ Name: 'LoadBalancer', Value: 'app/web/123' }],
  ...extra,
});

test.before.each(async () => {
  sim = await startSimulator({ clock });
  cloudwatch = new CloudWatchClient({
    endpoint: sim.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIDSIMULATOR', secretAccessKey: 'secret' },
    maxAttempts: 1,
  });
});

test.after.each(async () => {
  cloudwatch.destroy();
  await sim.close();
});

test('PutMetricAlarm creates an alarm in INSUFFICIENT_DATA that DescribeAlarms returns in full', async () => {
  await cloudwatch.send(new PutMetricAlarmCommand(alarm('web-5xx', { AlarmActions: ['arn:aws:sns:eu-west-1:123456789012:ops'] })));
  const { MetricAlarms } = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['web-5xx'] }));
  assert.is(MetricAlarms?.length, 1);
  const found = MetricAlarms![0]!;
  assert.is(found.AlarmArn, 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:web-5xx');
  assert.is(found.StateValue, 'INSUFFICIENT_DATA');
  assert.is(found.ActionsEnabled, true);
  assert.equal(found.AlarmActions, ['arn:aws:sns:eu-west-1:123456789012:ops']);
  assert.equal(found.Dimensions, [{ Name: 'LoadBalancer', Value: 'app/web/123' }]);
  assert.is(found.Threshold, 5);
  assert.is(found.EvaluationPeriods, 2);
  assert.equal(found.StateUpdatedTimestamp, new Date(clock.now()));
  assert.equal(found.AlarmConfigurationUpdatedTimestamp, new Date(clock.now()));
});

test('updating an alarm keeps its state and replaces its configuration', async () => {
  await cloudwatch.send(new PutMetricAlarmCommand(alarm('web-5xx')));
  await cloudwatch.send(new SetAlarmStateCommand({ AlarmName: 'web-5xx', StateValue: 'ALARM', StateReason: 'test' }));
  await cloudwatch.send(new PutMetricAlarmCommand(alarm('web-5xx', { Threshold: 9, ActionsEnabled: false })));
  const [found] = (await cloudwatch.send(new DescribeAlarmsCommand({}))).MetricAlarms ?? [];
  assert.is(found?.StateValue, 'ALARM');
  assert.is(found?.Threshold, 9);
  assert.is(found?.ActionsEnabled, false);
});

test('SetAlarmState moves StateTransitionedTimestamp only when the state changes', async () => {
  await cloudwatch.send(new PutMetricAlarmCommand(alarm('api')));
  const created = clock.now();
  clock.advance(60_000);
  await cloudwatch.send(new SetAlarmStateCommand({ AlarmName: 'api', StateValue: 'OK', StateReason: 'fine', StateReasonData: '{"a":1}' }));
  clock.advance(60_000);
  await cloudwatch.send(new SetAlarmStateCommand({ AlarmName: 'api', StateValue: 'OK', StateReason: 'still fine' }));
  const [found] = (await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['api'] }))).MetricAlarms ?? [];
  assert.is(found?.StateReason, 'still fine');
  assert.is(found?.StateReasonData, undefined);
  assert.equal(found?.StateUpdatedTimestamp, new Date(created + 120_000));
  assert.equal(found?.StateTransitionedTimestamp, new Date(created + 60_000));
});

test('SetAlarmState on a missing alarm is ResourceNotFound (404); bad reason data is InvalidFormat', async () => {
  const missing = await rejection(cloudwatch.send(new SetAlarmStateCommand({ AlarmName: 'nope', StateValue: 'OK', StateReason: 'r' })));
  assert.is(missing.name, 'ResourceNotFound');
  assert.is(missing.$metadata.httpStatusCode, 404);
  await cloudwatch.send(new PutMetricAlarmCommand(alarm('api')));
  const format = await rejection(cloudwatch.send(new SetAlarmStateCommand({ AlarmName: 'api', StateValue: 'OK', StateReason: 'r', StateReasonData: '{no' })));
  assert.is(format.name, 'InvalidFormatFault');
  assert.is(format.Code, 'InvalidFormat');
});

test('DescribeAlarms filters by names, prefix and state', async () => {
  for (const name of ['web-5xx', 'web-latency', 'worker-errors']) await cloudwatch.send(new PutMetricAlarmCommand(alarm(name)));
  await cloudwatch.send(new SetAlarmStateCommand({ AlarmName: 'web-latency', StateValue: 'ALARM', StateReason: 'slow' }));
  const names = async (input: object) => ((await cloudwatch.send(new DescribeAlarmsCommand(input))).MetricAlarms ?? []).map((a) => a.AlarmName);
  assert.equal(await names({}), ['web-5xx', 'web-latency', 'worker-errors']);
  assert.equal(await names({ AlarmNames: ['worker-errors', 'absent'] }), ['worker-errors']);
  assert.equal(await names({ AlarmNamePrefix: 'web-' }), ['web-5xx', 'web-latency']);
  assert.equal(await names({ StateValue: 'ALARM' }), ['web-latency']);
  assert.equal(await names({ AlarmTypes: ['CompositeAlarm'] }), []);
  const both = await rejection(cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['a'], AlarmNamePrefix: 'a' })));
  assert.is(both.name, 'InvalidParameterCombinationException');
});

test('DescribeAlarms pages with MaxRecords and NextToken', async () => {
  for (let i = 1; i <= 5; i++) await cloudwatch.send(new PutMetricAlarmCommand(alarm(`alarm-${i}`)));
  const seen: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await cloudwatch.send(new DescribeAlarmsCommand({ MaxRecords: 2, ...(token ? { NextToken: token } : {}) }));
    seen.push(...(page.MetricAlarms ?? []).map((a) => a.AlarmName!));
    token = page.NextToken;
    pages++;
  } while (token);
  assert.is(pages, 3);
  assert.equal(seen, ['alarm-1', 'alarm-2', 'alarm-3', 'alarm-4', 'alarm-5']);
  const bad = await rejection(cloudwatch.send(new DescribeAlarmsCommand({ NextToken: 'garbage' })));
  assert.is(bad.name, 'InvalidNextToken');
  const tooMany = await rejection(cloudwatch.send(new DescribeAlarmsCommand({ MaxRecords: 101 })));
  assert.is(tooMany.name, 'InvalidParameterValueException');
});

test('DeleteAlarms deletes the named alarms and ignores unknown names', async () => {
  await cloudwatch.send(new PutMetricAlarmCommand(alarm('a')));
  await cloudwatch.send(new PutMetricAlarmCommand(alarm('b')));
  await cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: ['a', 'never-existed'] }));
  const left = (await cloudwatch.send(new DescribeAlarmsCommand({}))).MetricAlarms ?? [];
  assert.equal(
    left.map((a) => a.AlarmName),
    ['b'],
  );
});

test('PutMetricAlarm validates like CloudWatch', async () => {
  const missing = await rejection(cloudwatch.send(new PutMetricAlarmCommand({ ...alarm('x'), EvaluationPeriods: undefined })));
  assert.is(missing.Code, 'ValidationError');
  assert.match(missing.message, "Value null at 'evaluationPeriods'");
  const period = await rejection(cloudwatch.send(new PutMetricAlarmCommand(alarm('x', { Period: 45 }))));
  assert.is(period.name, 'InvalidParameterValueException');
  const operator = await rejection(cloudwatch.send(new PutMetricAlarmCommand(alarm('x', { ComparisonOperator: 'Bigger' as never }))));
  assert.is(operator.name, 'InvalidParameterValueException');
  const both = await rejection(cloudwatch.send(new PutMetricAlarmCommand(alarm('x', { ExtendedStatistic: 'p99' }))));
  assert.is(both.name, 'InvalidParameterCombinationException');
  const datapoints = await rejection(cloudwatch.send(new PutMetricAlarmCommand(alarm('x', { DatapointsToAlarm: 3 }))));
  assert.is(datapoints.name, 'InvalidParameterValueException');
});

/** What an older client (the AWS CLI v1, boto3 with the query protocol) sends: a signed form POST. */
function queryRequest(form: string): Promise<Response> {
  return fetch(`${sim.endpoint}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      authorization: 'AWS4-HMAC-SHA256 Credential=AKIDSIMULATOR/20260101/eu-west-1/monitoring/aws4_request, SignedHeaders=host, Signature=00',
    },
    body: form,
  });
}

test('CloudWatch also speaks awsQuery: form in, XML out, query error codes', async () => {
  const put = await queryRequest(
    'Action=PutMetricAlarm&Version=2010-08-01&AlarmName=q%26a&MetricName=Errors&Namespace=AWS%2FLambda&Statistic=Sum' +
      '&Period=60&EvaluationPeriods=1&Threshold=1.5&ComparisonOperator=GreaterThanThreshold' +
      '&Dimensions.member.1.Name=FunctionName&Dimensions.member.1.Value=web&ActionsEnabled=false',
  );
  assert.is(put.status, 200);
  assert.match(await put.text(), /^<PutMetricAlarmResponse xmlns="http:\/\/monitoring.amazonaws.com\/doc\/2010-08-01\/"><ResponseMetadata>/);
  const described = await queryRequest('Action=DescribeAlarms&Version=2010-08-01&AlarmNames.member.1=q%26a');
  const xml = await described.text();
  assert.match(xml, '<DescribeAlarmsResult><MetricAlarms><member><AlarmName>q&amp;a</AlarmName>');
  assert.match(xml, '<Threshold>1.5</Threshold>');
  assert.match(xml, '<ActionsEnabled>false</ActionsEnabled>');
  assert.match(xml, '<Dimensions><member><Name>FunctionName</Name><Value>web</Value></member></Dimensions>');
  assert.match(xml, '<StateUpdatedTimestamp>2026-');
  const failed = await queryRequest('Action=SetAlarmState&Version=2010-08-01&AlarmName=none&StateValue=OK&StateReason=r');
  assert.is(failed.status, 404);
  assert.match(await failed.text(), '<Error><Type>Sender</Type><Code>ResourceNotFound</Code>');
  const invalid = await queryRequest('Action=DescribeAlarms&Version=2010-08-01&StateValue=BAD');
  assert.match(await invalid.text(), '<Code>InvalidParameterValue</Code>');
});

test('CloudWatch also speaks Smithy RPC v2 CBOR, as botocore sends it', async () => {
  const call = (operation: string, input: object) =>
    fetch(`${sim.endpoint}/service/GraniteServiceVersion20100801/operation/${operation}`, {
      method: 'POST',
      headers: { 'smithy-protocol': 'rpc-v2-cbor', 'content-type': 'application/cbor', accept: 'application/cbor' },
      body: encodeCbor(input),
    });
  assert.is((await call('PutMetricAlarm', alarm('cbor'))).status, 200);
  const described = await call('DescribeAlarms', { AlarmNames: ['cbor'] });
  assert.is(described.headers.get('smithy-protocol'), 'rpc-v2-cbor');
  const body = decodeCbor(new Uint8Array(await described.arrayBuffer())) as { MetricAlarms: { StateUpdatedTimestamp: number }[] };
  assert.is(body.MetricAlarms[0]?.StateUpdatedTimestamp, clock.now() / 1000);
  const missing = await call('SetAlarmState', { AlarmName: 'none', StateValue: 'OK', StateReason: 'r' });
  assert.is(missing.status, 404);
  assert.is(missing.headers.get('x-amzn-query-error'), 'ResourceNotFound;Sender');
});

test.run();
