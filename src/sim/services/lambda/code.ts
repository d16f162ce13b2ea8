/**
 * Deployment packages: a .zip uploaded inline (`ZipFile`), a .zip in S3 (`S3Bucket`/`S3Key`) or a container
 * image in ECR (`ImageUri`). https://docs.aws.amazon.com/lambda/latest/api/API_FunctionCode.html
 */
import { createHash } from 'node:crypto';
import type { FunctionCodeLocation } from '@aws-sdk/client-lambda';
import { invalidParameter } from './errors.js';
import type { CodeInfo, LambdaModel } from './model.js';

export interface CodeSource {
  ZipFile?: Uint8Array | undefined;
  S3Bucket?: string | undefined;
  S3Key?: string | undefined;
  S3ObjectVersion?: string | undefined;
  ImageUri?: string | undefined;
}

// An S3 object the scenario does not describe still needs a size; any plausible one will do.
const unknownObjectSize = 1024;

/** Resolves the package of a function whose package type is `packageType`; `updating` picks Lambda's wording. */
export function resolveCode(model: LambdaModel, source: CodeSource, packageType: 'Zip' | 'Image', updating: boolean): CodeInfo {
  const { ZipFile: zip, ImageUri: image } = source;
  const hasZip = zip !== undefined;
  const hasS3 = source.S3Bucket !== undefined || source.S3Key !== undefined;
  const hasImage = image !== undefined;
  if (!hasZip && !hasS3 && !hasImage) throw invalidParameter('Please provide a source for function code.');
  if (packageType === 'Zip' && hasImage) {
    throw invalidParameter(
      updating
        ? "Please don't provide ImageUri when updating a function with packageType Zip."
        : 'Please provide a source for function code: ImageUri is only valid with PackageType Image.',
    );
  }
  if (packageType === 'Image') {
    if (!hasImage || hasZip || hasS3) {
      throw invalidParameter(
        updating
          ? 'Please provide ImageUri when updating a function with packageType Image.'
          : 'Please provide ImageUri when creating a function with packageType Image.',
      );
    }
    return imageCode(image);
  }
  if (hasZip && hasS3) throw invalidParameter('Please do not provide other FunctionCode parameters when providing a ZipFile.');
  return hasZip ? zipCode(zip) : s3Code(model, source);
}

/** CodeSha256 of a .zip is the base64 SHA-256 of its bytes, CodeSize its length. */
function zipCode(bytes: Uint8Array): CodeInfo {
  // Lambda unzips the package on upload and refuses anything that is not a zip archive.
  if (!looksLikeZip(bytes)) {
    throw invalidParameter('Could not unzip uploaded file. Please check your file, then try to upload again.');
  }
  return { packageType: 'Zip', sha256: createHash('sha256').update(bytes).digest('base64'), size: bytes.length };
}

/** A local file header (`PK\3\4`) or, for an empty archive, an end-of-central-directory record (`PK\5\6`). */
function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);
}

/**
 * When the scenario lists code objects, the object must be one of them, as Lambda reads it from S3 at
 * creation; a scenario that lists none accepts any bucket and key.
 */
function s3Code(model: LambdaModel, source: CodeSource): CodeInfo {
  const bucket = source.S3Bucket ?? '';
  const key = source.S3Key ?? '';
  const objects = model.world.scenario.infrastructure?.codeObjects ?? [];
  const object = objects.find((candidate) => candidate.bucket === bucket && candidate.key === key);
  if (objects.length > 0 && object === undefined) {
    const bucketKnown = objects.some((candidate) => candidate.bucket === bucket);
    throw invalidParameter(
      bucketKnown
        ? 'Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist.'
        : 'Error occurred while GetObject. S3 Error Code: NoSuchBucket. S3 Error Message: The specified bucket does not exist',
    );
  }
  const version = source.S3ObjectVersion;
  const sha256 =
    object?.sha256 !== undefined
      ? asBase64Sha256(object.sha256)
      : createHash('sha256')
          .update(`s3://${bucket}/${key}#${version ?? ''}`)
          .digest('base64');
  const s3 = version === undefined ? { bucket, key } : { bucket, key, objectVersion: version };
  return { packageType: 'Zip', sha256, size: object?.size ?? unknownObjectSize, s3 };
}

/** Scenarios may give the object's SHA-256 in hex (as `sha256sum` prints it) or base64 (as Lambda does). */
function asBase64Sha256(value: string): string {
  return /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex').toString('base64') : value;
}

// An ECR image URI: ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPOSITORY(:TAG|@sha256:DIGEST).
const ecrImagePattern = /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/[a-z0-9._/-]+(:[\w.-]+|@sha256:[0-9a-f]{64})?$/;

/** For an image, CodeSha256 is the image manifest's digest, and ResolvedImageUri pins the tag to it. */
function imageCode(imageUri: string): CodeInfo {
  if (!ecrImagePattern.test(imageUri)) {
    throw invalidParameter(`Source image ${imageUri} is not valid. Provide a valid source image.`);
  }
  const pinned = /@sha256:([0-9a-f]{64})$/.exec(imageUri)?.[1];
  const digest = pinned ?? createHash('sha256').update(imageUri).digest('hex');
  const repository = imageUri.replace(/@sha256:[0-9a-f]{64}$/, '').replace(/:[\w.-]+$/, '');
  return {
    packageType: 'Image',
    sha256: digest,
    size: 0,
    imageUri,
    resolvedImageUri: `${repository}@sha256:${digest}`,
  };
}

/** GetFunction's `Code`: a presigned download link for a .zip, the image for a container. */
export function codeLocation(model: LambdaModel, functionName: string, code: CodeInfo): FunctionCodeLocation {
  if (code.packageType === 'Image') {
    return { RepositoryType: 'ECR', ImageUri: code.imageUri, ResolvedImageUri: code.resolvedImageUri };
  }
  const digest = Buffer.from(code.sha256, 'base64').toString('hex').slice(0, 16);
  return {
    RepositoryType: 'S3',
    Location: `https://awslambda-${model.region}-tasks.s3.${model.region}.amazonaws.com/snapshots/${model.account}/${functionName}-${digest}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=600`,
  };
}
