/**
 * Amazon SQS, only as far as `gitmoxi verify` reads it: GetQueueUrl over awsJson1_0 (SQS is
 * `awsQueryCompatible`: JSON answers carry the query error code in `x-amzn-query-error`), answering from the
 * queues a scenario seeds; a scenario that seeds none has every queue.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_GetQueueUrl.html
 */
import type { GetQueueUrlResult } from '@aws-sdk/client-sqs';
import { optionalString, type Input } from '../../coerce.js';
import { SimError } from '../../errors.js';
import type { OperationHandler, ServiceModule } from '../../types.js';

const getQueueUrl: OperationHandler = (input: Input, ctx): GetQueueUrlResult => {
  const name = optionalString(input, 'QueueName');
  if (name === undefined) throw new SimError('MissingParameter', 'The request must contain the parameter QueueName.');
  const owner = optionalString(input, 'QueueOwnerAWSAccountId') ?? ctx.account;
  const home = ctx.world.scenario.region;
  const seeded = ctx.world.scenario.infrastructure?.queues;
  const exists =
    seeded === undefined ||
    seeded.length === 0 ||
    seeded.some((queue) => queue.name === name && (queue.region ?? home ?? ctx.region) === ctx.region && owner === ctx.account);
  if (!exists) throw new SimError('QueueDoesNotExist', 'The specified queue does not exist.');
  return { QueueUrl: `https://sqs.${ctx.region}.amazonaws.com/${owner}/${name}` };
};

export const sqsService: ServiceModule = {
  name: 'sqs',
  protocols: ['awsJson1_0'],
  targetPrefix: 'AmazonSQS',
  signingName: 'sqs',
  awsQueryErrorCodes: { QueueDoesNotExist: 'AWS.SimpleQueueService.NonExistentQueue' },
  operations: { GetQueueUrl: getQueueUrl },
  readOnly: new Set(['GetQueueUrl']),
  createModel: () => ({ snapshot: () => ({}) }),
};
