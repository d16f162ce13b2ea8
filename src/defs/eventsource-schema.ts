/**
 * `_lambdaeventsourcedef.json` (docs/design.md#lambda): push sources (an ELB target group, an API Gateway v2 route) and
 * a pull source (a CreateEventSourceMapping body). GitMoxi's documentation spells the API Gateway key
 * `AlaisStageVariableName`; both spellings are accepted and the parsed value always says AliasStageVariableName.
 */
import { z } from 'zod';
import { awsObject, closedObject, numberBetween } from './custom-issues.js';

export const createEventSourceMappingKeys = [
  'EventSourceArn',
  'FunctionName',
  'Enabled',
  'BatchSize',
  'FilterCriteria',
  'MaximumBatchingWindowInSeconds',
  'ParallelizationFactor',
  'StartingPosition',
  'StartingPositionTimestamp',
  'DestinationConfig',
  'MaximumRecordAgeInSeconds',
  'BisectBatchOnFunctionError',
  'MaximumRetryAttempts',
  'Tags',
  'TumblingWindowInSeconds',
  'Topics',
  'Queues',
  'SourceAccessConfigurations',
  'SelfManagedEventSource',
  'FunctionResponseTypes',
  'AmazonManagedKafkaEventSourceConfig',
  'SelfManagedKafkaEventSourceConfig',
  'ScalingConfig',
  'DocumentDBEventSourceConfig',
  'KMSKeyArn',
  'MetricsConfig',
  'LoggingConfig',
  'ProvisionedPollerConfig',
] as const;

const elbSourceSchema = closedObject({
  Service: z.literal('elasticloadbalancing.amazonaws.com'),
  TargetGroupArn: z.string().min(1),
});

const apiGatewaySourceObject = closedObject({
  Service: z.literal('apigateway.amazonaws.com'),
  ApiId: z.string().min(1),
  RouteId: z.string().min(1),
  AliasStageVariableName: z.string().min(1).optional(),
  AlaisStageVariableName: z.string().min(1).optional(),
});

const apiGatewaySourceSchema = apiGatewaySourceObject
  .check((ctx) => {
    if (ctx.value.AliasStageVariableName === undefined || ctx.value.AlaisStageVariableName === undefined) return;
    ctx.issues.push({
      code: 'custom',
      input: ctx.value,
      path: ['AlaisStageVariableName'],
      message: 'is the misspelt form of AliasStageVariableName, which is also present: keep one',
    });
  })
  .transform(({ AlaisStageVariableName, AliasStageVariableName, ...source }) => {
    const name = AliasStageVariableName ?? AlaisStageVariableName;
    return name === undefined ? source : { ...source, AliasStageVariableName: name };
  });

const pushEventSourceSchema = z.discriminatedUnion('Service', [elbSourceSchema, apiGatewaySourceSchema]);

const eventSourceMappingSchema = awsObject(
  {
    EventSourceArn: z.string().min(1).optional(),
    // Optional here: gitmoxi points the mapping at the unit's function (and alias) when it is absent.
    FunctionName: z.string().min(1).max(256).optional(),
    Enabled: z.boolean().optional(),
    BatchSize: numberBetween(1, 10000, { integer: true }).optional(),
    MaximumBatchingWindowInSeconds: numberBetween(0, 300, { integer: true }).optional(),
    StartingPosition: z.enum(['TRIM_HORIZON', 'LATEST', 'AT_TIMESTAMP']).optional(),
  },
  createEventSourceMappingKeys,
);

export const eventSourceSchema = closedObject({
  PushEventSources: z.array(pushEventSourceSchema).optional(),
  PullEventSources: closedObject({ EventSourceMapping: eventSourceMappingSchema }).optional(),
});

export type PushEventSource = z.output<typeof pushEventSourceSchema>;
export type EventSourceMapping = z.output<typeof eventSourceMappingSchema>;
export type EventSources = z.output<typeof eventSourceSchema>;
