/**
 * The Lambda model of one account and region: functions (with $LATEST, published versions, aliases and
 * resource policies) and event source mappings. State only; the rules live beside it, one file per noun
 * (functions.ts, versions.ts, aliases.ts, policy.ts, event-source-mappings.ts, tags.ts), and time-driven
 * transitions in lifecycle.ts. Nothing here knows HTTP.
 */
import type { AliasConfiguration, EventSourceMappingConfiguration, FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { InvokePermissions, ServiceModel, SimWorld } from '../../types.js';
import { advanceLambda } from './lifecycle.js';
import { functionArn } from './names.js';
import { invokeAllowed } from './policy.js';

/** Where the deployment package of a version comes from; GetFunction's `Code` is derived from it. */
export interface CodeInfo {
  packageType: 'Zip' | 'Image';
  /** Base64 SHA-256 of the package for Zip, the image digest (hex) for Image, as Lambda reports CodeSha256. */
  sha256: string;
  size: number;
  s3?: { bucket: string; key: string; objectVersion?: string };
  imageUri?: string;
  resolvedImageUri?: string;
}

/** One statement of a resource-based policy, as GetPolicy prints it. */
export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Principal: string | Record<string, string>;
  Action: string;
  Resource: string;
  Condition?: Record<string, Record<string, string>>;
}

/** $LATEST or one published version. */
export interface VersionRecord {
  /** What GetFunctionConfiguration answers for this version. */
  config: FunctionConfiguration;
  code: CodeInfo;
  /**
   * Published versions: fingerprint of $LATEST when it was published. PublishVersion returns the last version
   * again while $LATEST's code and configuration still match it.
   */
  fingerprint?: string;
  /** When a Pending version settles (Active, or Failed under a lambda-not-ready fault). */
  settlesAt?: number;
  /** Set by a lambda-not-ready fault: the version stays Pending, then goes Failed instead of Active. */
  notReady?: boolean;
  /** When an in-progress update of $LATEST finishes (`LastUpdateStatus` Successful). */
  updateDoneAt?: number;
  policy: PolicyStatement[];
}

export interface AliasRecord {
  config: AliasConfiguration;
  policy: PolicyStatement[];
}

export interface FunctionRecord {
  name: string;
  /** Unqualified ARN. */
  arn: string;
  latest: VersionRecord;
  /** Published versions by number ("1", "2", ...). */
  versions: Map<string, VersionRecord>;
  /** Highest version number ever assigned: Lambda never reuses a number, even after the version is deleted. */
  lastVersionNumber: number;
  aliases: Map<string, AliasRecord>;
  tags: Record<string, string>;
}

/** Transitional states of a mapping and the state each settles into. */
export type MappingTransition = 'Creating' | 'Updating' | 'Enabling' | 'Disabling' | 'Deleting';

export interface MappingRecord {
  config: EventSourceMappingConfiguration;
  /** The owning function, by name (mappings outlive their function, as in AWS). */
  functionName: string;
  /** When the transitional `State` settles (or, for Deleting, when the mapping disappears). */
  settlesAt?: number;
  /** State after the transition: Enabled or Disabled. */
  enabled: boolean;
  tags: Record<string, string>;
}

export class LambdaModel implements ServiceModel, InvokePermissions {
  readonly functions = new Map<string, FunctionRecord>();
  readonly mappings = new Map<string, MappingRecord>();

  constructor(
    readonly world: SimWorld,
    readonly account: string,
    readonly region: string,
  ) {}

  now(): number {
    return this.world.clock.now();
  }

  /** `arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]` in this model's account and region. */
  functionArn(name: string, qualifier?: string): string {
    return functionArn(this.region, this.account, name, qualifier);
  }

  advance(now: number): void {
    advanceLambda(this, now);
  }

  invokeAllowed(functionArn: string, principal: string, sourceArn: string): boolean {
    return invokeAllowed(this, functionArn, principal, sourceArn);
  }

  snapshot(): LambdaSnapshot {
    return {
      functions: [...this.functions.values()].map((fn) => ({
        name: fn.name,
        arn: fn.arn,
        configuration: fn.latest.config,
        versions: [...fn.versions.values()].map((version) => version.config),
        aliases: [...fn.aliases.values()].map((alias) => alias.config),
        policies: policiesOf(fn),
        tags: fn.tags,
      })),
      eventSourceMappings: [...this.mappings.values()].map((mapping) => mapping.config),
    };
  }
}

export interface LambdaSnapshot {
  functions: {
    name: string;
    arn: string;
    configuration: FunctionConfiguration;
    versions: FunctionConfiguration[];
    aliases: AliasConfiguration[];
    /** Resource policies by qualifier: '' is the function's own, then versions and aliases that have one. */
    policies: Record<string, PolicyStatement[]>;
    tags: Record<string, string>;
  }[];
  eventSourceMappings: EventSourceMappingConfiguration[];
}

function policiesOf(fn: FunctionRecord): Record<string, PolicyStatement[]> {
  const policies: Record<string, PolicyStatement[]> = {};
  if (fn.latest.policy.length > 0) policies[''] = fn.latest.policy;
  for (const [number, version] of fn.versions) if (version.policy.length > 0) policies[number] = version.policy;
  for (const [name, alias] of fn.aliases) if (alias.policy.length > 0) policies[name] = alias.policy;
  return policies;
}
