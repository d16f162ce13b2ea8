/** Credential failures become E_AWS_CREDENTIALS; the SDK error's name and request id stay reachable. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ExitCode, GitmoxiError } from '../errors.js';
import { PortError, isTransient } from '../deploy/port-error.js';
import { callAws, classifyAwsError, findAwsErrorDetails, isCredentialsError, toPortError } from './call-aws.js';
import { startTestAws } from './test-simulator.js';

function sdkError(name: string, message: string, requestId = 'req-1'): Error {
  return Object.assign(new Error(message), { name, $metadata: { requestId, httpStatusCode: 400 } });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

test('a rejected security token becomes E_AWS_CREDENTIALS with the SDK error as cause', async () => {
  const cause = sdkError('UnrecognizedClientException', 'The security token included in the request is invalid.');
  const error = await failure(callAws('ECS DescribeServices', () => Promise.reject(cause)));
  assert.instance(error, GitmoxiError);
  const gitmoxiError = error as GitmoxiError;
  assert.is(gitmoxiError.code, 'E_AWS_CREDENTIALS');
  assert.is(gitmoxiError.exitCode, ExitCode.Invalid);
  assert.is(gitmoxiError.cause, cause);
  assert.match(gitmoxiError.message, /ECS DescribeServices.*UnrecognizedClientException/);
  assert.match(gitmoxiError.hint, /AWS_PROFILE/);
  assert.equal(findAwsErrorDetails(gitmoxiError), { name: 'UnrecognizedClientException', requestId: 'req-1', httpStatusCode: 400 });
});

test('expired tokens and an empty provider chain are credential failures; access denied is not', () => {
  assert.ok(isCredentialsError(sdkError('ExpiredTokenException', 'expired')));
  assert.ok(isCredentialsError(sdkError('InvalidClientTokenId', 'unknown key')));
  assert.ok(isCredentialsError(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' })));
  assert.not.ok(isCredentialsError(sdkError('AccessDeniedException', 'not authorized')));
  assert.not.ok(isCredentialsError('UnrecognizedClientException'));
});

test('other AWS errors become one PortError whose kind says what they mean, the AWS code kept as its name', async () => {
  const cause = sdkError('ServiceNotFoundException', 'Service not found.');
  const error = await failure(callAws('ECS UpdateService', () => Promise.reject(cause)));
  assert.instance(error, PortError);
  assert.equal(
    [(error as PortError).kind, (error as PortError).name, (error as PortError).operation, (error as PortError).requestId],
    ['not-found', 'ServiceNotFoundException', 'ECS UpdateService', 'req-1'],
  );
  assert.is((error as PortError).cause, cause);
  assert.is(await callAws('STS GetCallerIdentity', async () => 'ok'), 'ok');
  const plain = new Error('a bug, not AWS');
  assert.is(await failure(callAws('ECS UpdateService', () => Promise.reject(plain))), plain);
});

const kinds: [string, number, string][] = [
  ['ThrottlingException', 400, 'throttled'],
  ['Throttling', 400, 'throttled'],
  ['TooManyRequestsException', 429, 'throttled'],
  ['ThrottledException', 400, 'throttled'],
  ['ServerException', 500, 'unavailable'],
  ['ServiceUnavailable', 503, 'unavailable'],
  ['InternalServiceFault', 500, 'unavailable'],
  ['SomethingNew', 502, 'unavailable'],
  ['ResourceConflictException', 409, 'conflict'],
  ['ResourceNotFoundException', 404, 'not-found'],
  ['ListenerNotFound', 400, 'not-found'],
  ['AccessDeniedException', 403, 'denied'],
  ['AccessDenied', 403, 'denied'],
  ['InvalidParameterException', 400, 'other'],
];

for (const [name, httpStatusCode, kind] of kinds) {
  test(`${name} (${httpStatusCode}) is ${kind}`, () => {
    assert.is(classifyAwsError({ name, httpStatusCode }), kind);
    const error = Object.assign(new Error('m'), { name, $metadata: { httpStatusCode } });
    assert.is(isTransient(toPortError('X', error)), kind === 'throttled' || kind === 'unavailable');
  });
}

test('a connection the network dropped is unavailable', () => {
  const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
  assert.is((toPortError('ECS DescribeServices', reset) as PortError).kind, 'unavailable');
});

test('the request id of an error the simulator answered is reachable', async () => {
  const aws = await startTestAws();
  try {
    const error = await failure(aws.ports.ecs.updateService({ cluster: 'prod', service: 'ghost', desiredCount: 1 }));
    const details = findAwsErrorDetails(error);
    assert.is(details?.name, 'ServiceNotFoundException');
    assert.is(details?.httpStatusCode, 400);
    assert.match(details?.requestId ?? '', /^[0-9a-f-]{36}$/);
  } finally {
    await aws.close();
  }
});

test('an error without AWS metadata has no details', () => {
  assert.is(findAwsErrorDetails(new Error('boom')), undefined);
  assert.is(findAwsErrorDetails(undefined), undefined);
});

test.run();
