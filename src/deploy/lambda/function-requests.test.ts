import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Lambdadef } from '../../defs/lambdadef-schema.js';
import type { LambdaFunctionState } from '../ports/lambda-port.js';
import { codeChanged, configurationChanged, createFunctionRequest, matches, updateCodeRequest, updateConfigurationRequest } from './function-requests.js';

function live(configuration: Record<string, unknown>, extra: Partial<LambdaFunctionState> = {}): LambdaFunctionState {
  return {
    functionName: 'hello',
    functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:hello',
    state: 'Active',
    packageType: 'Zip',
    codeSha256: 'abc=',
    configuration,
    tags: {},
    ...extra,
  };
}

const lambdadef: Lambdadef = {
  FunctionName: 'hello',
  Runtime: 'python3.12',
  Handler: 'app.handler',
  Role: 'arn:aws:iam::123456789012:role/x',
  Code: { S3Bucket: 'b', S3Key: 'k.zip' },
  MemorySize: 256,
  Environment: { Variables: { A: '1' } },
  VpcConfig: { SubnetIds: ['subnet-2', 'subnet-1'], SecurityGroupIds: ['sg-1'] },
  Layers: ['arn:aws:lambda:us-east-1:123456789012:layer:x:1'],
  Publish: true,
  Tags: { team: 'a' },
};

const running = {
  Runtime: 'python3.12',
  Handler: 'app.handler',
  Role: 'arn:aws:iam::123456789012:role/x',
  MemorySize: 256,
  Timeout: 3,
  Environment: { Variables: { A: '1' } },
  VpcConfig: { SubnetIds: ['subnet-1', 'subnet-2'], SecurityGroupIds: ['sg-1'], VpcId: 'vpc-1', Ipv6AllowedForDualStack: false },
  Layers: [{ Arn: 'arn:aws:lambda:us-east-1:123456789012:layer:x:1', CodeSize: 10 }],
  LoggingConfig: { LogFormat: 'Text', LogGroup: '/aws/lambda/hello' },
};

test('defaults AWS adds and reordered lists are not changes', () => {
  assert.not.ok(configurationChanged(updateConfigurationRequest(lambdadef, live(running)), live(running)));
});

test('a changed member, an added variable and a dropped variable are changes', () => {
  assert.ok(configurationChanged(updateConfigurationRequest({ ...lambdadef, MemorySize: 512 }, live(running)), live(running)));
  const more = { ...lambdadef, Environment: { Variables: { A: '1', B: '2' } } };
  assert.ok(configurationChanged(updateConfigurationRequest(more, live(running)), live(running)));
  const { Environment: _dropped, ...without } = lambdadef;
  const request = updateConfigurationRequest(without, live(running));
  assert.equal(request.Environment, { Variables: {} });
  assert.ok(configurationChanged(request, live(running)));
});

test('code: a packaged zip and an image compare with what runs; S3 is always sent', () => {
  const packaged = { path: 'src', bytes: new Uint8Array([1]), sha256: 'abc=' };
  assert.not.ok(codeChanged({ ...lambdadef, Code: { ZipFile: 'src' } }, packaged, live(running)));
  assert.ok(codeChanged({ ...lambdadef, Code: { ZipFile: 'src' } }, { ...packaged, sha256: 'def=' }, live(running)));
  const image: Lambdadef = { ...lambdadef, PackageType: 'Image', Code: { ImageUri: 'repo:1' } };
  assert.not.ok(codeChanged(image, undefined, live(running, { imageUri: 'repo:1' })));
  assert.ok(codeChanged(image, undefined, live(running, { imageUri: 'repo:2' })));
  assert.ok(codeChanged(lambdadef, undefined, live(running)));
  assert.ok(codeChanged({ ...lambdadef, Architectures: ['arm64'], Code: { ZipFile: 'src' } }, packaged, live({ ...running, Architectures: ['x86_64'] })));
});

test('requests: CreateFunction without Publish and with the packaged bytes; UpdateFunctionCode with the source only', () => {
  const packaged = { path: 'src', bytes: new Uint8Array([1, 2]), sha256: 'x' };
  const create = createFunctionRequest({ ...lambdadef, Code: { ZipFile: 'src' } }, packaged);
  assert.equal([create.Publish, create.Code, create.Tags], [undefined, { ZipFile: packaged.bytes }, { team: 'a' }]);
  assert.equal(updateCodeRequest(lambdadef, undefined), { FunctionName: 'hello', S3Bucket: 'b', S3Key: 'k.zip' });
});

test('matches: subsets of objects, exact maps of variables, lists of strings in any order', () => {
  assert.ok(matches({ Mode: 'Active' }, { Mode: 'Active', Extra: 1 }));
  assert.not.ok(matches({ Variables: { A: '1' } }, { Variables: { A: '1', B: '2' } }));
  assert.ok(matches(['a', 'b'], ['b', 'a']));
  assert.not.ok(matches(['a'], ['a', 'b']));
  assert.not.ok(matches(3, undefined));
});

test.run();
