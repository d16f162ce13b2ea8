/**
 * Roles a scenario seeds: a name or ARN (trusted by ECS tasks and Lambda alike), or `{name, trust}` naming the
 * service principals its trust policy allows. Lambda (assuming the role) and IAM (GetRole) both read them.
 */
import type { ScenarioInfrastructure } from './types.js';

export interface SeededRole {
  name: string;
  /** Service principals that may assume the role, e.g. `ecs-tasks.amazonaws.com`. */
  trust: readonly string[];
}

const defaultTrust = ['ecs-tasks.amazonaws.com', 'lambda.amazonaws.com'];

/** `arn:aws:iam::123456789012:role/path/name` or `name` → `name`. */
export function roleNameOf(reference: string): string {
  return reference.slice(reference.lastIndexOf('/') + 1);
}

export function seededRoles(infrastructure: ScenarioInfrastructure | undefined): SeededRole[] {
  return (infrastructure?.roles ?? []).map((role) =>
    typeof role === 'string' ? { name: roleNameOf(role), trust: defaultTrust } : { name: role.name, trust: role.trust ?? defaultTrust },
  );
}
