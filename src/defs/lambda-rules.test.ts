import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { z } from 'zod';
import { formatJsonPath, parseDefinition } from './describe-issue.js';
import { eventSourceSchema } from './eventsource-schema.js';
import * as rules from './lambda-rules.js';
import { lambdadefSchema } from './lambdadef-schema.js';
import { lambdaDepdefSchema } from './lambdadepdef-schema.js';
import type { LambdaRuleInput, Rule } from './rule.js';
import { checkLambdaRules } from './rules.js';

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = parseDefinition(schema, value);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.data;
}

const base = {
  FunctionName: 'orders',
  Role: 'arn:aws:iam::123456789012:role/orders',
  Runtime: 'nodejs22.x',
  Handler: 'index.handler',
  Code: { S3Bucket: 'artifacts', S3Key: 'orders.zip' },
};
const image = { FunctionName: 'orders', Role: base.Role, PackageType: 'Image', Code: { ImageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:1' } };
const elb = { Service: 'elasticloadbalancing.amazonaws.com', TargetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders/1' };

/** An input from plain JSON values: the lambdadef replaces `base` keys; undefined values drop them. */
function input(lambdadef: object, extra: { depdef?: object; eventSources?: object } = {}): LambdaRuleInput {
  const merged: unknown = JSON.parse(JSON.stringify({ ...base, ...lambdadef }));
  const result: LambdaRuleInput = { lambdadef: parse(lambdadefSchema, merged) };
  if (extra.depdef !== undefined) result.depdef = parse(lambdaDepdefSchema, extra.depdef);
  if (extra.eventSources !== undefined) result.eventSources = parse(eventSourceSchema, extra.eventSources);
  return result;
}

function run(rule: Rule<LambdaRuleInput>, value: LambdaRuleInput): string[] {
  return rule.check(value).map((f) => `${f.kind}:${formatJsonPath(f.path) || '(root)'}: ${f.message}`);
}

const cases: [string, Rule<LambdaRuleInput>, LambdaRuleInput, string[]][] = [
  [
    'zip without Runtime and Handler',
    rules.runtimeAndHandler,
    input({ Runtime: undefined, Handler: undefined }),
    ['lambdadef:Runtime: is required for a .zip package', 'lambdadef:Handler: is required for a .zip package'],
  ],
  ['zip with both', rules.runtimeAndHandler, input({}), []],
  ['an image needs neither', rules.runtimeAndHandler, { lambdadef: parse(lambdadefSchema, image) }, []],
  ['no code source', rules.oneCodeSource, input({ Code: {} }), ['lambdadef:Code: names no code: give S3Bucket and S3Key, ImageUri, or ZipFile']],
  [
    'two code sources',
    rules.oneCodeSource,
    input({ Code: { ...base.Code, ZipFile: 'functions/orders' } }),
    ['lambdadef:Code: names more than one code source (S3Bucket/S3Key, ZipFile): keep one'],
  ],
  [
    'a bucket without a key',
    rules.oneCodeSource,
    input({ Code: { S3Bucket: 'artifacts' } }),
    ['lambdadef:Code.S3Key: is required: S3Bucket and S3Key go together'],
  ],
  [
    'a key without a bucket',
    rules.oneCodeSource,
    input({ Code: { S3Key: 'orders.zip' } }),
    ['lambdadef:Code.S3Bucket: is required: S3Bucket and S3Key go together'],
  ],
  ['a repository zip', rules.oneCodeSource, input({ Code: { ZipFile: 'functions/orders' } }), []],
  [
    'an image URI in a zip package',
    rules.imageNeedsPackageType,
    input({ Code: { ImageUri: image.Code.ImageUri } }),
    ['lambdadef:Code.ImageUri: needs "PackageType": "Image" (the default package type is Zip)'],
  ],
  [
    'an image package without an image',
    rules.imageNeedsPackageType,
    input({ PackageType: 'Image' }),
    ['lambdadef:PackageType: is Image, but Code has no ImageUri'],
  ],
  ['an image package with an image', rules.imageNeedsPackageType, { lambdadef: parse(lambdadefSchema, image) }, []],
  [
    'memory and timeout past the standard limits',
    rules.standardLimits,
    input({ MemorySize: 10241, Timeout: 901 }),
    ['lambdadef:MemorySize: must be at most 10240, got 10241', 'lambdadef:Timeout: must be at most 900, got 901'],
  ],
  ['the standard limits themselves', rules.standardLimits, input({ MemorySize: 10240, Timeout: 900 }), []],
  [
    'Managed Instances allow more',
    rules.standardLimits,
    input({ MemorySize: 32768, Timeout: 5400, CapacityProviderConfig: { LambdaManagedInstancesCapacityProviderConfig: { CapacityProviderArn: 'arn:x' } } }),
    [],
  ],
  [
    'push sources without an alias',
    rules.pushSourcesNeedAlias,
    input({}, { eventSources: { PushEventSources: [elb] } }),
    ['eventsourcedef:PushEventSources: invoke the function through its alias, but the unit has no _lambdadepdef.json naming one'],
  ],
  ['push sources with an alias', rules.pushSourcesNeedAlias, input({}, { eventSources: { PushEventSources: [elb] }, depdef: { alias: 'live' } }), []],
  [
    'pull sources need no alias',
    rules.pushSourcesNeedAlias,
    input({}, { eventSources: { PullEventSources: { EventSourceMapping: { EventSourceArn: 'arn:aws:sqs:us-east-1:123456789012:q' } } } }),
    [],
  ],
  [
    'a mapping for another function',
    rules.mappingNamesTheFunction,
    input({}, { eventSources: { PullEventSources: { EventSourceMapping: { FunctionName: 'billing' } } } }),
    ["eventsourcedef:PullEventSources.EventSourceMapping.FunctionName: names 'billing', but the unit's function is 'orders'"],
  ],
  [
    'a mapping for the function by ARN and alias',
    rules.mappingNamesTheFunction,
    input({}, { eventSources: { PullEventSources: { EventSourceMapping: { FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:orders:live' } } } }),
    [],
  ],
  ['a mapping without a function name', rules.mappingNamesTheFunction, input({}, { eventSources: { PullEventSources: { EventSourceMapping: {} } } }), []],
];

for (const [name, rule, value, expected] of cases) {
  test(`${rule.name}: ${name}`, () => assert.equal(run(rule, value), expected));
}

const names: [string, string][] = [
  ['orders', 'orders'],
  ['orders:live', 'orders'],
  ['arn:aws:lambda:us-east-1:123456789012:function:orders', 'orders'],
  ['arn:aws:lambda:us-east-1:123456789012:function:orders:7', 'orders'],
  ['123456789012:function:orders', 'orders'],
];

for (const [reference, name] of names) {
  test(`functionNameOf(${reference}) = ${name}`, () => assert.is(rules.functionNameOf(reference), name));
}

test('checkLambdaRules: a valid unit has no findings; an invalid lambdadepdef silences the rules reading it', () => {
  assert.equal(checkLambdaRules(input({}, { depdef: { alias: 'live' }, eventSources: { PushEventSources: [elb] } })), []);
  const withoutDepdef = input({}, { eventSources: { PushEventSources: [elb] } });
  assert.equal(checkLambdaRules(withoutDepdef).length, 1);
  assert.equal(checkLambdaRules(withoutDepdef, new Set(['lambdadepdef'])), []);
});

test.run();
