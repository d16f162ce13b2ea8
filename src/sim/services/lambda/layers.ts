/**
 * GetLayerVersionByArn, answered from the layer versions a scenario seeds (`infrastructure.layers`); a scenario
 * that seeds none accepts any well-formed layer version ARN, as it does roles and log groups.
 * https://docs.aws.amazon.com/lambda/latest/api/API_GetLayerVersionByArn.html
 */
import type { GetLayerVersionResponse } from '@aws-sdk/client-lambda';
import { createHash } from 'node:crypto';
import type { OperationHandler } from '../../types.js';
import { resourceNotFound, validationError } from './errors.js';

const layerVersionArn = /^arn:[a-zA-Z0-9-]+:lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:\d{12}:layer:([a-zA-Z0-9-_]+):([0-9]+)$/;

export const getLayerVersionByArn: OperationHandler = (input: { Arn?: string }, ctx): GetLayerVersionResponse => {
  const arn = input.Arn ?? '';
  const match = layerVersionArn.exec(arn);
  if (!match) throw validationError('arn', arn, `Member must satisfy regular expression pattern: ${layerVersionArn.source.slice(1, -1)}`);
  const seeded = ctx.world.scenario.infrastructure?.layers;
  if (seeded !== undefined && seeded.length > 0 && !seeded.includes(arn)) throw resourceNotFound('The resource you requested does not exist.');
  const version = Number(match[6]);
  return {
    LayerArn: arn.slice(0, arn.lastIndexOf(':')),
    LayerVersionArn: arn,
    Version: version,
    Description: '',
    CreatedDate: '2024-01-01T00:00:00.000+0000',
    Content: { CodeSha256: createHash('sha256').update(arn).digest('base64'), CodeSize: 1024 },
  };
};
