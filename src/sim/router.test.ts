import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readCredentialScope, routeRequest, unknownOperationError } from './router.js';
import { cloudwatchModule } from './services/cloudwatch/module.js';
import { stsModule } from './services/sts/module.js';

const modules = [cloudwatchModule, stsModule];
const auth = (scope: string) => `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/${scope}/aws4_request, SignedHeaders=host, Signature=abc`;

test('the credential scope gives access key, region and signing name; the region defaults to us-east-1', () => {
  assert.equal(readCredentialScope({ authorization: auth('ap-south-1/monitoring') }, new URLSearchParams()), {
    accessKeyId: 'AKIDEXAMPLE',
    region: 'ap-south-1',
    signingName: 'monitoring',
  });
  assert.equal(readCredentialScope({}, new URLSearchParams('X-Amz-Credential=AK%2F20260101%2Feu-north-1%2Fsts%2Faws4_request')), {
    accessKeyId: 'AK',
    region: 'eu-north-1',
    signingName: 'sts',
  });
  assert.equal(readCredentialScope({}, new URLSearchParams()), { region: 'us-east-1' });
});

test('X-Amz-Target picks the JSON service and operation', () => {
  const routed = routeRequest(modules, {
    method: 'POST',
    url: '/',
    headers: {
      'x-amz-target': 'GraniteServiceVersion20100801.DescribeAlarms',
      'content-type': 'application/x-amz-json-1.0',
      authorization: auth('eu-west-1/monitoring'),
    },
    body: Buffer.from('{"MaxRecords":5}'),
  });
  assert.equal([routed.module?.name, routed.operation, routed.protocol, routed.region], ['cloudwatch', 'DescribeAlarms', 'awsJson1_0', 'eu-west-1']);
  assert.equal(routed.decode(), { MaxRecords: 5 });
  const error = routed.encodeError(unknownOperationError(routed), 'r');
  assert.is(error.headers['x-amzn-query-error'], 'UnknownOperationException;Sender');
});

test('a form Action with the signing name picks the query service; Action and Version are not input', () => {
  const routed = routeRequest(modules, {
    method: 'POST',
    url: '/',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth('us-east-1/monitoring') },
    body: Buffer.from('Action=DeleteAlarms&Version=2010-08-01&AlarmNames.member.1=a'),
  });
  assert.equal([routed.module?.name, routed.operation, routed.protocol], ['cloudwatch', 'DeleteAlarms', 'awsQuery']);
  assert.equal(routed.decode(), { AlarmNames: ['a'] });
});

test('malformed JSON is a SerializationException when decoded', () => {
  const routed = routeRequest(modules, {
    method: 'POST',
    url: '/',
    headers: { 'x-amz-target': 'GraniteServiceVersion20100801.DescribeAlarms' },
    body: Buffer.from('{'),
  });
  assert.throws(
    () => routed.decode(),
    (error: Error) => error.name === 'SerializationException',
  );
});

test('a form without Action is MissingAction', () => {
  const routed = routeRequest(modules, {
    method: 'POST',
    url: '/',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth('us-east-1/sts') },
    body: Buffer.from('Version=2011-06-15'),
  });
  assert.is(unknownOperationError(routed).code, 'MissingAction');
});

test.run();
