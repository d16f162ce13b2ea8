/**
 * `_lambdadef.json`: a Lambda CreateFunction request body (docs/design.md#lambda). Typed where gitmoxi reads it; the
 * other members of the AWS model (2015-03-31) pass through; keys outside it are errors. Relations between
 * fields (Runtime and Handler unless PackageType is Image, one code source) are rules, in lambda-rules.ts.
 */
import { z } from 'zod';
import { awsObject, matching, numberBetween } from './custom-issues.js';

export const createFunctionKeys = [
  'FunctionName',
  'Runtime',
  'Role',
  'Handler',
  'Code',
  'Description',
  'Timeout',
  'MemorySize',
  'Publish',
  'VpcConfig',
  'PackageType',
  'DeadLetterConfig',
  'Environment',
  'KMSKeyArn',
  'TracingConfig',
  'Tags',
  'Layers',
  'FileSystemConfigs',
  'ImageConfig',
  'CodeSigningConfigArn',
  'Architectures',
  'EphemeralStorage',
  'SnapStart',
  'LoggingConfig',
  'CapacityProviderConfig',
  'PublishTo',
  'DurableConfig',
  'TenancyConfig',
] as const;

/** Limits of functions without Lambda Managed Instances (CapacityProviderConfig), which allow more. */
export const standardLambdaLimits = { memorySize: 10240, timeout: 900 } as const;

const codeSchema = awsObject(
  {
    S3Bucket: z.string().min(3).max(63).optional(),
    S3Key: z.string().min(1).max(1024).optional(),
    S3ObjectVersion: z.string().min(1).max(1024).optional(),
    ImageUri: z.string().min(1).optional(),
    // Extension: a zip file or a folder in the repository, which gitmoxi zips (AWS takes the bytes themselves).
    ZipFile: z.string().min(1).optional(),
  },
  ['ZipFile', 'S3Bucket', 'S3Key', 'S3ObjectVersion', 'ImageUri', 'SourceKMSKeyArn', 'S3ObjectStorageMode'],
);

export const lambdadefSchema = awsObject(
  {
    // A plain function name: gitmoxi creates the function, so ARNs and qualifiers have no place here.
    FunctionName: matching(/^[A-Za-z0-9_-]{1,64}$/, 'a function name of up to 64 letters, digits, hyphens and underscores'),
    Role: matching(/^arn:aws[a-zA-Z-]*:iam::\d{12}:role\/\S+$/, 'an IAM role ARN (arn:aws:iam::123456789012:role/name)'),
    Runtime: z.string().min(1).optional(),
    Handler: z.string().min(1).max(128).optional(),
    Code: codeSchema,
    PackageType: z.enum(['Zip', 'Image']).optional(),
    // The model's bounds, which include Lambda Managed Instances; lambda-rules.ts applies the standard limits.
    MemorySize: numberBetween(128, 32768, { integer: true }).optional(),
    Timeout: numberBetween(1, 5400, { integer: true }).optional(),
    Environment: awsObject({ Variables: z.record(z.string(), z.string()).optional() }, ['Variables']).optional(),
    Tags: z.record(z.string(), z.string()).optional(),
    Architectures: z
      .array(z.enum(['x86_64', 'arm64']))
      .min(1)
      .max(1)
      .optional(),
    Layers: z.array(z.string().min(1)).optional(),
    Description: z.string().max(256).optional(),
  },
  createFunctionKeys,
  {
    FunctionArn: 'FunctionArn is an output of get-function, not part of CreateFunction; remove it.',
    Version: 'Version is an output of get-function; gitmoxi publishes versions itself. Remove it.',
    LastModified: 'LastModified is an output of get-function, not part of CreateFunction; remove it.',
    CodeSha256: 'CodeSha256 is an output of get-function, not part of CreateFunction; remove it.',
    State: 'State is an output of get-function, not part of CreateFunction; remove it.',
  },
);

export type Lambdadef = z.output<typeof lambdadefSchema>;
