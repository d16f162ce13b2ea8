/**
 * Amazon ECR, only as far as `gitmoxi verify` reads it: DescribeImages over awsJson1_1, answering from the
 * repositories and tags the scenario seeds in the request's region (none seeded: every image exists).
 * https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_DescribeImages.html
 */
import type { DescribeImagesResponse, ImageDetail, ImageIdentifier } from '@aws-sdk/client-ecr';
import { createHash } from 'node:crypto';
import { asInput, optionalList, optionalString, type Input, type InvalidMember } from '../../coerce.js';
import { SimError } from '../../errors.js';
import type { OperationHandler, ServiceModule } from '../../types.js';

const describeImages: OperationHandler = (input: Input, ctx): DescribeImagesResponse => {
  const repositoryName = optionalString(input, 'repositoryName');
  if (repositoryName === undefined) {
    throw new SimError(
      'InvalidParameterException',
      "1 validation error detected: Value null at 'repositoryName' failed to satisfy constraint: Member must not be null",
    );
  }
  const registryId = optionalString(input, 'registryId') ?? ctx.account;
  const home = ctx.world.scenario.region;
  const seeded = ctx.world.scenario.infrastructure?.images ?? [];
  // A scenario that seeds no images has every image, as task start assumes.
  if (seeded.length === 0) {
    const ids = imageIds(input);
    return {
      imageDetails: ids.map((id) => ({
        registryId,
        repositoryName,
        imageDigest: id.imageDigest ?? digestOf(repositoryName, id.imageTag ?? 'latest'),
        imageTags: id.imageTag ? [id.imageTag] : [],
      })),
    };
  }
  const repository = seeded.find((seeded) => seeded.repository === repositoryName && (seeded.region ?? home ?? ctx.region) === ctx.region);
  if (repository === undefined || registryId !== ctx.account) {
    throw new SimError('RepositoryNotFoundException', `The repository with name '${repositoryName}' does not exist in the registry with id '${registryId}'`);
  }
  const detail = (tag: string): ImageDetail => ({
    registryId,
    repositoryName,
    imageDigest: digestOf(repositoryName, tag),
    imageTags: [tag],
    imageManifestMediaType: 'application/vnd.docker.distribution.manifest.v2+json',
  });
  const wanted = imageIds(input);
  if (wanted.length === 0) return { imageDetails: repository.tags.map(detail) };
  const found: ImageDetail[] = [];
  for (const id of wanted) {
    const tag = repository.tags.find((t) => t === id.imageTag || digestOf(repositoryName, t) === id.imageDigest);
    if (tag === undefined) {
      const shown = id.imageTag !== undefined ? `imageTag=${id.imageTag}` : `imageDigest=${id.imageDigest ?? ''}`;
      throw new SimError(
        'ImageNotFoundException',
        `The image with imageId {${shown}} does not exist within the repository with name '${repositoryName}' in the registry with id '${registryId}'`,
      );
    }
    found.push(detail(tag));
  }
  return { imageDetails: found };
};

/** ECR words a member of the wrong type as a validation error under InvalidParameterException. */
const invalidMember: InvalidMember = (member, value, expected) =>
  new SimError(
    'InvalidParameterException',
    `1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: Member must be ${expected}`,
  );

function imageIds(input: Input): ImageIdentifier[] {
  return (optionalList(input, 'imageIds', invalidMember) ?? []).map((item, index) => {
    const at = `imageIds.${index + 1}.member`;
    const invalidItem: InvalidMember = (member, value, expected) => invalidMember(`${at}.${member}`, value, expected);
    const id = asInput(item, at, invalidMember);
    const imageTag = optionalString(id, 'imageTag', invalidItem);
    const imageDigest = optionalString(id, 'imageDigest', invalidItem);
    return { ...(imageTag !== undefined && { imageTag }), ...(imageDigest !== undefined && { imageDigest }) };
  });
}

/** A stable digest per repository and tag, so two describes of the same image agree. */
function digestOf(repository: string, tag: string): string {
  return `sha256:${createHash('sha256').update(`${repository}:${tag}`).digest('hex')}`;
}

export const ecrService: ServiceModule = {
  name: 'ecr',
  protocols: ['awsJson1_1'],
  targetPrefix: 'AmazonEC2ContainerRegistry_V20150921',
  signingName: 'ecr',
  operations: { DescribeImages: describeImages },
  readOnly: new Set(['DescribeImages']),
  createModel: () => ({ snapshot: () => ({}) }),
};
