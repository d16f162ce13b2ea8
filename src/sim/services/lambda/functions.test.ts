import { createHash } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  createFunction,
  deleteFunction,
  getFunction,
  getFunctionConfiguration,
  listFunctions,
  updateFunctionCode,
  updateFunctionConfiguration,
} from './functions.js';
import { FUNCTION_CREATE_MS, FUNCTION_UPDATE_MS } from './lifecycle.js';
import { createAlias } from './aliases.js';
import { publishVersion } from './versions.js';
import { listTags, tagResource, untagResource } from './tags.js';
import { TEST_ROLE, createTestWorld, expectSimError, fakeZip, zipFunction } from './test-world.js';

test('CreateFunction answers Pending, then the function becomes Active with a successful last update', () => {
  const { model, tick } = createTestWorld();
  const created = createFunction(model, zipFunction('web'));
  assert.is(created.FunctionArn, 'arn:aws:lambda:us-east-1:123456789012:function:web');
  assert.is(created.Version, '$LATEST');
  assert.is(created.State, 'Pending');
  assert.is(created.StateReasonCode, 'Creating');
  assert.is(created.StateReason, 'The function is being created.');
  assert.is(created.LastUpdateStatus, undefined);
  assert.match(created.RevisionId ?? '', /^[0-9a-f-]{36}$/);
  assert.match(created.LastModified ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
  tick(FUNCTION_CREATE_MS - 1);
  assert.is(getFunctionConfiguration(model, { FunctionName: 'web' }).State, 'Pending');
  tick(1);
  const active = getFunctionConfiguration(model, { FunctionName: 'web' });
  assert.is(active.State, 'Active');
  assert.is(active.LastUpdateStatus, 'Successful');
  assert.is(active.StateReasonCode, undefined);
});

test('a ZipFile gives CodeSha256 = base64 SHA-256 of the bytes and CodeSize = their length', () => {
  const { model } = createTestWorld();
  const zip = fakeZip('hello');
  const created = createFunction(model, { ...zipFunction('web'), Code: { ZipFile: zip } });
  assert.is(created.CodeSha256, createHash('sha256').update(zip).digest('base64'));
  assert.is(created.CodeSize, zip.length);
  assert.is(created.PackageType, 'Zip');
  expectSimError(
    () => createFunction(model, { ...zipFunction('bad'), Code: { ZipFile: new Uint8Array([1, 2, 3, 4]) } }),
    'InvalidParameterValueException',
    /Could not unzip uploaded file/,
  );
});

test('S3 code must exist when the scenario lists code objects', () => {
  const sha = createHash('sha256').update('pkg').digest('hex');
  const { model } = createTestWorld({
    infrastructure: { codeObjects: [{ bucket: 'artifacts', key: 'web/v1.zip', sha256: sha, size: 2048 }] },
  });
  const base = { ...zipFunction('web') };
  const created = createFunction(model, { ...base, Code: { S3Bucket: 'artifacts', S3Key: 'web/v1.zip' } });
  assert.is(created.CodeSha256, Buffer.from(sha, 'hex').toString('base64'));
  assert.is(created.CodeSize, 2048);
  expectSimError(
    () => createFunction(model, { ...base, FunctionName: 'api', Code: { S3Bucket: 'artifacts', S3Key: 'nope.zip' } }),
    'InvalidParameterValueException',
    'Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist.',
  );
  expectSimError(
    () => createFunction(model, { ...base, FunctionName: 'api', Code: { S3Bucket: 'other', S3Key: 'x.zip' } }),
    'InvalidParameterValueException',
    /S3 Error Code: NoSuchBucket/,
  );
});

test('S3 code is accepted as is when the scenario lists no code objects', () => {
  const { model } = createTestWorld();
  const created = createFunction(model, { ...zipFunction('web'), Code: { S3Bucket: 'any', S3Key: 'thing.zip' } });
  assert.is(created.CodeSize, 1024);
  assert.ok(created.CodeSha256);
  const code = getFunction(model, { FunctionName: 'web' }).Code;
  assert.is(code?.RepositoryType, 'S3');
});

test('an image function has PackageType Image and reports its image', () => {
  const { model } = createTestWorld();
  const imageUri = '123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.0';
  const created = createFunction(model, {
    FunctionName: 'img',
    Role: TEST_ROLE,
    PackageType: 'Image',
    Code: { ImageUri: imageUri },
  });
  assert.is(created.PackageType, 'Image');
  const code = getFunction(model, { FunctionName: 'img' }).Code;
  assert.is(code?.RepositoryType, 'ECR');
  assert.is(code?.ImageUri, imageUri);
  assert.match(code?.ResolvedImageUri ?? '', /^123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\/web@sha256:[0-9a-f]{64}$/);
  expectSimError(
    () => createFunction(model, { FunctionName: 'x', Role: TEST_ROLE, PackageType: 'Image', Code: { ImageUri: 'nginx:latest' } }),
    'InvalidParameterValueException',
    /Source image nginx:latest is not valid/,
  );
});

test('CreateFunction validates like Lambda: role format, seeded roles, runtime and handler, duplicates', () => {
  const { model } = createTestWorld({ infrastructure: { roles: ['lambda-exec'] } });
  expectSimError(() => createFunction(model, { ...zipFunction('a'), Role: 'lambda-exec' }), 'ValidationException', /at 'role'/);
  expectSimError(
    () => createFunction(model, { ...zipFunction('a'), Role: 'arn:aws:iam::123456789012:role/other' }),
    'InvalidParameterValueException',
    'The role defined for the function cannot be assumed by Lambda.',
  );
  const { Handler: _handler, ...noHandler } = zipFunction('a');
  expectSimError(() => createFunction(model, noHandler), 'InvalidParameterValueException', /Runtime and Handler are mandatory/);
  expectSimError(
    () => createFunction(model, { ...zipFunction('a'), Code: {} }),
    'InvalidParameterValueException',
    'Please provide a source for function code.',
  );
  expectSimError(() => createFunction(model, { ...zipFunction('a'), Timeout: 901 }), 'ValidationException', /at 'timeout'/);
  createFunction(model, zipFunction('a'));
  expectSimError(() => createFunction(model, zipFunction('a')), 'ResourceConflictException', 'Function already exist: a');
});

test('updates go InProgress, refuse to overlap, and finish after a few seconds', () => {
  const { model, tick } = createTestWorld();
  createFunction(model, zipFunction('web'));
  expectSimError(
    () => updateFunctionCode(model, { FunctionName: 'web', ZipFile: fakeZip('v2') }),
    'ResourceConflictException',
    'The operation cannot be performed at this time. The function is currently in the following state: Pending',
  );
  tick(FUNCTION_CREATE_MS);
  const before = getFunctionConfiguration(model, { FunctionName: 'web' });
  const updated = updateFunctionCode(model, { FunctionName: 'web', ZipFile: fakeZip('v2') });
  assert.is(updated.LastUpdateStatus, 'InProgress');
  assert.is(updated.LastUpdateStatusReasonCode, 'Creating');
  assert.is.not(updated.RevisionId, before.RevisionId);
  assert.is.not(updated.CodeSha256, before.CodeSha256);
  expectSimError(
    () => updateFunctionConfiguration(model, { FunctionName: 'web', MemorySize: 256 }),
    'ResourceConflictException',
    'The operation cannot be performed at this time. An update is in progress for resource: arn:aws:lambda:us-east-1:123456789012:function:web',
  );
  tick(FUNCTION_UPDATE_MS);
  assert.is(getFunctionConfiguration(model, { FunctionName: 'web' }).LastUpdateStatus, 'Successful');
  const configured = updateFunctionConfiguration(model, {
    FunctionName: 'web',
    MemorySize: 256,
    Environment: { Variables: { STAGE: 'prod' } },
  });
  assert.is(configured.MemorySize, 256);
  assert.equal(configured.Environment, { Variables: { STAGE: 'prod' } });
  assert.is(configured.LastUpdateStatus, 'InProgress');
});

test('a stale RevisionId fails the precondition', () => {
  const { model, tick } = createTestWorld();
  const created = createFunction(model, zipFunction('web'));
  tick(FUNCTION_CREATE_MS);
  updateFunctionConfiguration(model, { FunctionName: 'web', Description: 'one' });
  tick(FUNCTION_UPDATE_MS);
  expectSimError(
    () => updateFunctionCode(model, { FunctionName: 'web', ZipFile: fakeZip('x'), RevisionId: created.RevisionId }),
    'PreconditionFailedException',
    /does not match the latest Revision Id/,
  );
});

test('reserved environment variables and images on a zip function are refused', () => {
  const { model, tick } = createTestWorld();
  createFunction(model, zipFunction('web'));
  tick(FUNCTION_CREATE_MS);
  expectSimError(
    () => updateFunctionConfiguration(model, { FunctionName: 'web', Environment: { Variables: { AWS_REGION: 'x' } } }),
    'InvalidParameterValueException',
    /Reserved keys used in this request: AWS_REGION/,
  );
  expectSimError(
    () => updateFunctionCode(model, { FunctionName: 'web', ImageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/web:2' }),
    'InvalidParameterValueException',
    "Please don't provide ImageUri when updating a function with packageType Zip.",
  );
});

test('tags: on create, TagResource, UntagResource, ListTags; not on versions', () => {
  const { model } = createTestWorld();
  const arn = createFunction(model, { ...zipFunction('web'), Tags: { team: 'a' } }).FunctionArn as string;
  tagResource(model, arn, { 'gitmoxi:commit': 'abc' });
  assert.equal(listTags(model, arn).Tags, { team: 'a', 'gitmoxi:commit': 'abc' });
  untagResource(model, arn, ['team']);
  assert.equal(getFunction(model, { FunctionName: 'web' }).Tags, { 'gitmoxi:commit': 'abc' });
  expectSimError(() => tagResource(model, `${arn}:1`, { a: 'b' }), 'InvalidParameterValueException', /aliases and versions/);
  expectSimError(() => listTags(model, arn.replace('web', 'nope')), 'ResourceNotFoundException', /Function not found/);
});

test('GetFunction through an alias reports the version under the alias ARN', () => {
  const { model, tick } = createTestWorld();
  createFunction(model, { ...zipFunction('web'), Publish: true });
  tick(FUNCTION_CREATE_MS);
  createAlias(model, { FunctionName: 'web', Name: 'live', FunctionVersion: '1' });
  const config = getFunction(model, { FunctionName: 'web:live' }).Configuration;
  assert.is(config?.Version, '1');
  assert.is(config?.FunctionArn, 'arn:aws:lambda:us-east-1:123456789012:function:web:live');
  expectSimError(() => getFunction(model, { FunctionName: 'web:live', Qualifier: '1' }), 'InvalidParameterValueException', /derived qualifier/);
  expectSimError(
    () => getFunction(model, { FunctionName: 'web', Qualifier: 'nope' }),
    'ResourceNotFoundException',
    'Function not found: arn:aws:lambda:us-east-1:123456789012:function:web:nope',
  );
});

test('DeleteFunction without qualifier removes the function with its versions and aliases', () => {
  const { model, tick } = createTestWorld();
  createFunction(model, zipFunction('web'));
  tick(FUNCTION_CREATE_MS);
  publishVersion(model, { FunctionName: 'web' });
  createAlias(model, { FunctionName: 'web', Name: 'live', FunctionVersion: '1' });
  deleteFunction(model, { FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:web' });
  assert.is(model.functions.size, 0);
  expectSimError(() => getFunction(model, { FunctionName: 'web' }), 'ResourceNotFoundException');
});

test('ListFunctions lists $LATEST, or every version with FunctionVersion ALL, in pages', () => {
  const { model, tick } = createTestWorld();
  for (const name of ['a', 'b', 'c']) createFunction(model, zipFunction(name));
  tick(FUNCTION_CREATE_MS);
  publishVersion(model, { FunctionName: 'b' });
  const first = listFunctions(model, { MaxItems: 2 });
  assert.equal(
    first.Functions?.map((f) => f.FunctionName),
    ['a', 'b'],
  );
  const second = listFunctions(model, { MaxItems: 2, Marker: first.NextMarker });
  assert.equal(
    second.Functions?.map((f) => f.FunctionName),
    ['c'],
  );
  assert.is(second.NextMarker, undefined);
  const all = listFunctions(model, { FunctionVersion: 'ALL' });
  assert.equal(
    all.Functions?.map((f) => `${f.FunctionName}:${f.Version}`),
    ['a:$LATEST', 'b:$LATEST', 'b:1', 'c:$LATEST'],
  );
});

test.run();
