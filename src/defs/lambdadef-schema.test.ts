import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseDefinition } from './describe-issue.js';
import { createFunctionKeys, lambdadefSchema } from './lambdadef-schema.js';

function problems(value: unknown): string[] {
  const result = parseDefinition(lambdadefSchema, value);
  return result.ok ? [] : result.issues.map((i) => (i.hint === undefined ? i.message : `${i.message} (${i.hint})`));
}

const zip = {
  FunctionName: 'orders-api',
  Role: 'arn:aws:iam::123456789012:role/orders-api',
  Runtime: 'python3.12',
  Handler: 'app.handler',
  Code: { S3Bucket: 'artifacts-bucket', S3Key: 'orders/1.4.2.zip' },
  MemorySize: 512,
  Timeout: 30,
  Environment: { Variables: { TABLE: 'orders', LOG_LEVEL: 'info' } },
  Tags: { team: 'payments' },
  Architectures: ['arm64'],
};

test('lambdadef: every typed key is a CreateFunction member', () => {
  const model = new Set<string>(createFunctionKeys);
  assert.equal(
    Object.keys(lambdadefSchema.shape).filter((key) => !model.has(key)),
    [],
  );
});

const valid: [string, unknown][] = [
  ['a zip in S3', zip],
  ['an image', { FunctionName: 'img', Role: zip.Role, PackageType: 'Image', Code: { ImageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/img:1' } }],
  ['a folder in the repository (extension)', { ...zip, Code: { ZipFile: 'functions/orders' } }],
  ['model members gitmoxi does not type', { ...zip, TracingConfig: { Mode: 'Active' }, LoggingConfig: { LogFormat: 'JSON' } }],
  ['memory and timeout bounds', { ...zip, MemorySize: 128, Timeout: 1 }],
];

for (const [name, value] of valid) {
  test(`lambdadef valid: ${name}`, () => assert.equal(problems(value), []));
}

const invalid: [string, unknown, string[]][] = [
  ['missing FunctionName', { ...zip, FunctionName: undefined }, ['FunctionName: is required']],
  [
    'an ARN as FunctionName',
    { ...zip, FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:x' },
    ["FunctionName: must be a function name of up to 64 letters, digits, hyphens and underscores, got 'arn:aws:lambda:us-east-1:123456789012:function:x'"],
  ],
  ['missing Role', { ...zip, Role: undefined }, ['Role: is required']],
  ['a role name instead of an ARN', { ...zip, Role: 'orders-api' }, ["Role: must be an IAM role ARN (arn:aws:iam::123456789012:role/name), got 'orders-api'"]],
  ['missing Code', { ...zip, Code: undefined }, ['Code: is required']],
  [
    'misspelt Code member',
    { ...zip, Code: { S3Bucket: 'artifacts-bucket', S3key: 'k' } },
    ["Code.S3key: unknown key 'S3key' (did you mean 'S3Key'?) (Allowed here: the members of this AWS API structure, as the AWS API reference lists them.)"],
  ],
  ['memory below 128', { ...zip, MemorySize: 64 }, ['MemorySize: must be between 128 and 32768, got 64']],
  ['memory as a string', { ...zip, MemorySize: '512' }, ["MemorySize: must be a number, got '512'"]],
  ['zero timeout', { ...zip, Timeout: 0 }, ['Timeout: must be between 1 and 5400, got 0']],
  ['timeout past every limit', { ...zip, Timeout: 6000 }, ['Timeout: must be between 1 and 5400, got 6000']],
  ['numeric environment variable', { ...zip, Environment: { Variables: { PORT: 8080 } } }, ['Environment.Variables.PORT: must be a string, got 8080']],
  ['boolean tag value', { ...zip, Tags: { 'cost:center': true } }, ["Tags['cost:center']: must be a string, got true"]],
  ['unknown package type', { ...zip, PackageType: 'zip' }, ["PackageType: must be one of 'Zip', 'Image', got 'zip' (did you mean 'Zip'?)"]],
  ['two architectures', { ...zip, Architectures: ['arm64', 'x86_64'] }, ['Architectures: must have at most 1 item, got 2']],
  [
    'misspelt top-level member',
    { ...zip, MemorySise: 256 },
    [
      "MemorySise: unknown key 'MemorySise' (did you mean 'MemorySize'?) (Allowed here: the members of this AWS API structure, as the AWS API reference lists them.)",
    ],
  ],
  [
    'camelCase member',
    { ...zip, functionName: 'x' },
    [
      "functionName: unknown key 'functionName' (did you mean 'FunctionName'?) (Allowed here: the members of this AWS API structure, as the AWS API reference lists them.)",
    ],
  ],
];

for (const [name, value, expected] of invalid) {
  test(`lambdadef invalid: ${name}`, () => assert.equal(problems(JSON.parse(JSON.stringify(value))), expected));
}

test.run();
