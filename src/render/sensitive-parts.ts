/**
 * The pieces of a sensitive ARN or image reference that gitmoxi (or AWS) prints on their own: the short name of
 * a target group or cluster taken from its ARN, an image's tag in a stopped task's reason. Each is as secret as
 * the whole value. Pieces shorter than 6 characters, and the structural words of ARNs and image references
 * (partition, service, Region, account, `cluster`, `targetgroup`, `latest`, an image's registry and repository), are left out:
 * hiding every `us-east-1` or `service` would make the output unreadable while hiding nothing.
 */
const minimumPartLength = 6;

const structuralWords = new Set([
  'cluster',
  'service',
  'task',
  'task-definition',
  'task-set',
  'container-instance',
  'capacity-provider',
  'targetgroup',
  'loadbalancer',
  'listener',
  'listener-rule',
  'function',
  'alarm',
  'layer',
  'role',
  'secret',
  'parameter',
  'latest',
  'stable',
  'library',
]);

export function sensitiveParts(value: string): string[] {
  const parts = value.startsWith('arn:') ? arnParts(value) : imageParts(value);
  return [...new Set(parts)].filter((part) => part !== value && part.length >= minimumPartLength && !structuralWords.has(part.toLowerCase()));
}

/** `arn:partition:service:region:account:resource`: the pieces of the resource. */
function arnParts(arn: string): string[] {
  const fields = arn.split(':');
  if (fields.length < 6) return [];
  const resource = fields.slice(5).join(':');
  return [resource, ...resource.split(/[/:]/)];
}

/**
 * `registry/path/name:tag@sha256:digest`: the tag and the digest. The repository is left out: it is usually
 * named like the service and its unit, which would then read `(sensitive)` everywhere.
 */
function imageParts(image: string): string[] {
  if (/\s/.test(image) || image.includes('://') || !/[:@]/.test(image)) return [];
  const [name = '', digest] = image.split('@');
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const parts = colon > slash ? [name.slice(colon + 1)] : [];
  if (digest !== undefined) parts.push(digest, digest.slice(digest.indexOf(':') + 1));
  return parts;
}
