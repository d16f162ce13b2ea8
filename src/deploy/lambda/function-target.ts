/** Which function a Lambda unit deploys, and the ARNs derived from it. Pure. */
import type { UnitContext } from '../context.js';

export interface FunctionTarget {
  functionName: string;
  /** The alias the lambdadepdef names; null when the unit has no lambdadepdef. */
  alias: string | null;
}

/** From the plan's identity (the name a rename keeps), else the lambdadef. */
export function functionTarget(ctx: UnitContext, lambdadefName: string | null, alias: string | null): FunctionTarget {
  const identity = ctx.planned.identity;
  const functionName = identity?.platform === 'lambda' ? identity.functionName : lambdadefName;
  if (functionName === null) throw new Error(`${ctx.planned.prefix}: a Lambda unit needs a function name`);
  return { functionName, alias };
}

/** The parts of `arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME`. */
export interface FunctionArnParts {
  partition: string;
  region: string;
  account: string;
  /** The unqualified ARN. */
  arn: string;
}

export function functionArnParts(functionArn: string): FunctionArnParts {
  const [, partition = 'aws', , region = '', account = ''] = functionArn.split(':');
  return { partition, region, account, arn: functionArn.split(':').slice(0, 7).join(':') };
}

/** `arn:…:function:NAME:QUALIFIER`. */
export function qualifiedArn(functionArn: string, qualifier: string): string {
  return `${functionArnParts(functionArn).arn}:${qualifier}`;
}
