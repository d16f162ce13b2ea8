import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseDefinition } from './describe-issue.js';
import { eventSourceSchema, type EventSources } from './eventsource-schema.js';

function problems(value: unknown): string[] {
  const result = parseDefinition(eventSourceSchema, value);
  return result.ok ? [] : result.issues.map((i) => i.message);
}

function parse(value: unknown): EventSources {
  const result = parseDefinition(eventSourceSchema, value);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.data;
}

const elb = { Service: 'elasticloadbalancing.amazonaws.com', TargetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/fn/abc' };
const api = { Service: 'apigateway.amazonaws.com', ApiId: 'a1b2c3', RouteId: 'r4d5e6', AliasStageVariableName: 'lambdaAlias' };
const sqs = { EventSourceArn: 'arn:aws:sqs:us-east-1:123456789012:orders', FunctionName: 'orders', BatchSize: 10, MaximumBatchingWindowInSeconds: 60 };

const valid: [string, unknown][] = [
  ['empty', {}],
  ['an ELB target group', { PushEventSources: [elb] }],
  ['an API Gateway route', { PushEventSources: [api] }],
  ['an API Gateway route without a stage variable', { PushEventSources: [{ Service: api.Service, ApiId: 'a', RouteId: 'r' }] }],
  ['an SQS mapping', { PullEventSources: { EventSourceMapping: sqs } }],
  ['every kind together', { PushEventSources: [elb, api], PullEventSources: { EventSourceMapping: sqs } }],
  [
    'other CreateEventSourceMapping members pass through',
    { PullEventSources: { EventSourceMapping: { ...sqs, FunctionResponseTypes: ['ReportBatchItemFailures'], ScalingConfig: { MaximumConcurrency: 5 } } } },
  ],
];

for (const [name, value] of valid) {
  test(`eventsource valid: ${name}`, () => assert.equal(problems(value), []));
}

test('eventsource: the misspelt AlaisStageVariableName is read as AliasStageVariableName', () => {
  const parsed = parse({ PushEventSources: [{ Service: api.Service, ApiId: 'a', RouteId: 'r', AlaisStageVariableName: 'lambdaAlias' }] });
  assert.equal(parsed.PushEventSources, [{ Service: api.Service, ApiId: 'a', RouteId: 'r', AliasStageVariableName: 'lambdaAlias' }]);
});

test('eventsource: pull mappings keep their passthrough members', () => {
  const parsed = parse({ PullEventSources: { EventSourceMapping: { ...sqs, ScalingConfig: { MaximumConcurrency: 5 } } } });
  assert.equal(parsed.PullEventSources?.EventSourceMapping, { ...sqs, ScalingConfig: { MaximumConcurrency: 5 } });
});

const invalid: [string, unknown, string[]][] = [
  [
    'unknown service',
    { PushEventSources: [{ Service: 'sns.amazonaws.com' }] },
    ["PushEventSources[0].Service: must be one of 'elasticloadbalancing.amazonaws.com', 'apigateway.amazonaws.com', got 'sns.amazonaws.com'"],
  ],
  [
    'misspelt service',
    { PushEventSources: [{ Service: 'apigateway.amazonaws.co' }] },
    [
      "PushEventSources[0].Service: must be one of 'elasticloadbalancing.amazonaws.com', 'apigateway.amazonaws.com', got 'apigateway.amazonaws.co' (did you mean 'apigateway.amazonaws.com'?)",
    ],
  ],
  [
    'missing service',
    { PushEventSources: [{ TargetGroupArn: 'x' }] },
    ["PushEventSources[0].Service: is required (one of 'elasticloadbalancing.amazonaws.com', 'apigateway.amazonaws.com')"],
  ],
  ['ELB without a target group', { PushEventSources: [{ Service: elb.Service }] }, ['PushEventSources[0].TargetGroupArn: is required']],
  ['API Gateway without a route', { PushEventSources: [{ Service: api.Service, ApiId: 'a' }] }, ['PushEventSources[0].RouteId: is required']],
  [
    'both spellings of the stage variable',
    { PushEventSources: [{ ...api, AlaisStageVariableName: 'x' }] },
    ['PushEventSources[0].AlaisStageVariableName: is the misspelt form of AliasStageVariableName, which is also present: keep one'],
  ],
  ['a key of the other service', { PushEventSources: [{ ...elb, ApiId: 'a' }] }, ["PushEventSources[0].ApiId: unknown key 'ApiId'"]],
  ['push sources as an object', { PushEventSources: elb }, ['PushEventSources: must be a list, got an object']],
  ['pull sources without a mapping', { PullEventSources: {} }, ['PullEventSources.EventSourceMapping: is required']],
  [
    'batch size 0',
    { PullEventSources: { EventSourceMapping: { ...sqs, BatchSize: 0 } } },
    ['PullEventSources.EventSourceMapping.BatchSize: must be between 1 and 10000, got 0'],
  ],
  [
    'batching window too long',
    { PullEventSources: { EventSourceMapping: { ...sqs, MaximumBatchingWindowInSeconds: 301 } } },
    ['PullEventSources.EventSourceMapping.MaximumBatchingWindowInSeconds: must be between 0 and 300, got 301'],
  ],
  [
    'misspelt mapping member',
    { PullEventSources: { EventSourceMapping: { ...sqs, BatchSise: 5 } } },
    ["PullEventSources.EventSourceMapping.BatchSise: unknown key 'BatchSise' (did you mean 'BatchSize'?)"],
  ],
  ['misspelt top-level key', { PushEventSource: [] }, ["PushEventSource: unknown key 'PushEventSource' (did you mean 'PushEventSources'?)"]],
  [
    'bad starting position',
    { PullEventSources: { EventSourceMapping: { ...sqs, StartingPosition: 'latest' } } },
    ["PullEventSources.EventSourceMapping.StartingPosition: must be one of 'TRIM_HORIZON', 'LATEST', 'AT_TIMESTAMP', got 'latest' (did you mean 'LATEST'?)"],
  ],
];

for (const [name, value, expected] of invalid) {
  test(`eventsource invalid: ${name}`, () => assert.equal(problems(value), expected));
}

test.run();
