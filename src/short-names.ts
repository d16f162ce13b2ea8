/**
 * The short names operators use for revisions and AWS resources: `web:42` rather than the full task definition
 * ARN, `resize:7` for a Lambda version, the task id rather than the task ARN.
 */

/**
 * `arn:aws:ecs:us-east-1:123456789012:task-definition/web:42` → `web:42`;
 * `arn:aws:lambda:us-east-1:123456789012:function:resize:7` → `resize:7`; anything else unchanged.
 */
export function shortRevision(revision: string): string {
  const taskDefinition = /:task-definition\/(.+)$/.exec(revision);
  if (taskDefinition?.[1] !== undefined) return taskDefinition[1];
  const lambda = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:(.+)$/.exec(revision);
  if (lambda?.[1] !== undefined) return lambda[1];
  return revision;
}

/**
 * The last `/` segment of an ARN: the task id of a task ARN, the service name of a service ARN
 * (`arn:aws:ecs:…:service/prod/web` → `web`), the name and id of a target group.
 */
export function arnName(arn: string): string {
  const slash = arn.lastIndexOf('/');
  return slash === -1 ? arn : arn.slice(slash + 1);
}

/** `arn:aws:elasticloadbalancing:…:targetgroup/web-blue/0123abcd` → `web-blue`. */
export function targetGroupName(targetGroupArn: string): string {
  const match = /:targetgroup\/([^/]+)/.exec(targetGroupArn);
  return match?.[1] ?? targetGroupArn;
}
