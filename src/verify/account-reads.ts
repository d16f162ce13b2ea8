/**
 * What `gitmoxi verify` reads from an account, named by intent. Every member only reads; the adapter
 * (src/aws/account-reads-adapter.ts) names the AWS operations, which are the extra IAM permissions verify needs.
 */
interface ClusterFacts {
  status: string;
  capacityProviders: string[];
}

interface TargetGroupFacts {
  targetType: string | undefined;
  protocol: string | undefined;
  port: number | undefined;
  /** The load balancers whose listeners or rules forward to it; empty when nothing does. */
  loadBalancerArns: string[];
}

export interface RoleFacts {
  /** Service principals the trust policy lets assume the role (`ecs-tasks.amazonaws.com`). */
  trustedServices: string[];
}

export type ImageFacts = 'found' | 'no-image' | 'no-repository';

/** The configuration a published version runs with: what a weighted alias needs both versions to share. */
export interface VersionFacts {
  version: string;
  role: string | undefined;
  deadLetterTarget: string | undefined;
}

export interface AccountReads {
  cluster(name: string): Promise<ClusterFacts | null>;
  targetGroup(targetGroupArn: string): Promise<TargetGroupFacts | null>;
  logGroupExists(name: string): Promise<boolean>;
  /** By role ARN or name; null when IAM has no such role. */
  role(roleArn: string): Promise<RoleFacts | null>;
  /** An ECR image URI (`ACCOUNT.dkr.ecr.REGION.amazonaws.com/repo:tag` or `@sha256:…`), in its own region. */
  image(uri: string): Promise<ImageFacts>;
  /** The names among `alarmNames` CloudWatch does not have. */
  missingAlarms(alarmNames: readonly string[]): Promise<string[]>;
  /** Whether the queue, stream or table of a pull event source exists; null for sources verify cannot read. */
  eventSourceExists(eventSourceArn: string): Promise<boolean | null>;
  /** Whether a layer version (`arn:…:layer:NAME:VERSION`) exists and can be read. */
  layerExists(layerVersionArn: string): Promise<boolean>;
  /** The version an existing alias points at, with its role and dead-letter target; null when there is none. */
  aliasVersion(functionName: string, alias: string): Promise<VersionFacts | null>;
  /** Closes the clients this reader made (their keep-alive sockets). */
  close(): void;
}

/** `ACCOUNT.dkr.ecr.REGION.amazonaws.com/repo[:tag|@digest]` → its parts; null for images outside ECR. */
export function parseEcrImage(uri: string): { registryId: string; region: string; repository: string; tag?: string; digest?: string } | null {
  const match = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)(?::([^@]+))?(?:@(sha256:[0-9a-f]{64}))?$/.exec(uri);
  if (!match) return null;
  const [, registryId = '', region = '', repository = '', tag, digest] = match;
  const image = { registryId, region, repository };
  if (digest !== undefined) return { ...image, digest };
  return { ...image, tag: tag ?? 'latest' };
}
