/** Checks both platforms make: a role that exists and trusts the service, images in ECR, alarms. */
import { finding, type RuleFinding } from '../defs/rule.js';
import type { JsonPath } from '../defs/json-source.js';
import type { DefinitionKind } from '../units/suffixes.js';
import { parseEcrImage, type AccountReads } from './account-reads.js';

export async function checkRole(kind: DefinitionKind, path: JsonPath, roleArn: string, principal: string, reads: AccountReads): Promise<RuleFinding[]> {
  const role = await reads.role(roleArn);
  if (role === null) return [finding(kind, path, `role ${roleArn} does not exist`, 'Create the role, or fix the ARN.')];
  if (!role.trustedServices.includes(principal)) {
    return [finding(kind, path, `role ${roleArn} does not trust ${principal}`, `Add ${principal} as a principal of the role's trust policy (sts:AssumeRole).`)];
  }
  return [];
}

export async function checkImages(kind: DefinitionKind, images: readonly [JsonPath, string][], reads: AccountReads): Promise<RuleFinding[]> {
  const found = await Promise.all(
    images
      .filter(([, uri]) => parseEcrImage(uri) !== null)
      .map(async ([path, uri]) => {
        const state = await reads.image(uri);
        if (state === 'found') return [];
        const what = state === 'no-repository' ? `ECR repository of ${uri} does not exist` : `image ${uri} is not in ECR`;
        return [finding(kind, path, what, 'Push the image first (was the build step skipped?), or fix the tag.')];
      }),
  );
  return found.flat();
}

export async function checkAlarms(kind: 'depdef' | 'lambdadepdef', alarmNames: readonly string[], reads: AccountReads): Promise<RuleFinding[]> {
  const missing = await reads.missingAlarms(alarmNames);
  return missing.map((name) =>
    finding(
      kind,
      ['alarms', 'alarmNames', alarmNames.indexOf(name)],
      `alarm '${name}' does not exist`,
      'Create the alarm first: a deployment watching a missing alarm would never see it fire.',
    ),
  );
}
