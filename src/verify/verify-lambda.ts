/** Read-only pre-flight of a Lambda unit: its role, image and alarms, and what a weighted alias requires. */
import { finding, type RuleFinding } from '../defs/rule.js';
import type { LambdaUnitDefinitions } from '../defs/validate.js';
import type { AccountReads } from './account-reads.js';
import { checkAlarms, checkImages, checkRole } from './verify-shared.js';
import { recordOf } from '../is-record.js';

export async function verifyLambdaUnit(unit: LambdaUnitDefinitions, reads: AccountReads): Promise<RuleFinding[]> {
  const { lambdadef } = unit;
  const checks = await Promise.all([
    checkRole('lambdadef', ['Role'], lambdadef.Role, 'lambda.amazonaws.com', reads),
    lambdadef.Code.ImageUri === undefined ? [] : checkImages('lambdadef', [[['Code', 'ImageUri'], lambdadef.Code.ImageUri]], reads),
    checkAlarms('lambdadepdef', unit.depdef.alarmNames, reads),
    checkLayers(unit, reads),
    checkPullSource(unit, reads),
    checkTargetGroupSources(unit, reads),
    checkCanaryVersions(unit, reads),
  ]);
  return checks.flat();
}

async function checkLayers({ lambdadef }: LambdaUnitDefinitions, reads: AccountReads): Promise<RuleFinding[]> {
  const found = await Promise.all(
    (lambdadef.Layers ?? []).map(async (arn, i) =>
      (await reads.layerExists(arn))
        ? []
        : [
            finding(
              'lambdadef',
              ['Layers', i],
              `layer version ${arn} does not exist (or this account may not read it)`,
              'Publish the layer version, or fix the ARN and its version number.',
            ),
          ],
    ),
  );
  return found.flat();
}

async function checkPullSource({ eventSources }: LambdaUnitDefinitions, reads: AccountReads): Promise<RuleFinding[]> {
  const arn = eventSources?.PullEventSources?.EventSourceMapping.EventSourceArn;
  if (arn === undefined || (await reads.eventSourceExists(arn)) !== false) return [];
  return [
    finding(
      'eventsourcedef',
      ['PullEventSources', 'EventSourceMapping', 'EventSourceArn'],
      `event source ${arn} does not exist`,
      'Create the queue first, or fix the ARN (region, account, name).',
    ),
  ];
}

async function checkTargetGroupSources({ eventSources }: LambdaUnitDefinitions, reads: AccountReads): Promise<RuleFinding[]> {
  const found = await Promise.all(
    (eventSources?.PushEventSources ?? []).map(async (source, i) => {
      if (source.Service !== 'elasticloadbalancing.amazonaws.com') return [];
      const group = await reads.targetGroup(source.TargetGroupArn);
      const path = ['PushEventSources', i, 'TargetGroupArn'];
      if (group === null) return [finding('eventsourcedef', path, `target group ${source.TargetGroupArn} does not exist`)];
      if (group.targetType !== 'lambda') {
        return [finding('eventsourcedef', path, `target group ${source.TargetGroupArn} has target type '${group.targetType ?? 'unknown'}', not 'lambda'`)];
      }
      return [];
    }),
  );
  return found.flat();
}

/**
 * A canary or linear shift splits the alias between the running version and the new one; Lambda refuses the
 * split when their roles or dead-letter targets differ, halfway through a deployment.
 */
async function checkCanaryVersions({ lambdadef, depdef }: LambdaUnitDefinitions, reads: AccountReads): Promise<RuleFinding[]> {
  if (depdef.alias === null || depdef.trafficShiftingConfig.type === 'ALL_AT_ONCE') return [];
  const live = await reads.aliasVersion(lambdadef.FunctionName, depdef.alias);
  if (live === null) return [];
  const hint = 'Deploy this change with "trafficShiftingConfig": {"type": "ALL_AT_ONCE"}, then go back to shifting.';
  const findings: RuleFinding[] = [];
  if (live.role !== undefined && live.role !== lambdadef.Role) {
    findings.push(
      finding(
        'lambdadef',
        ['Role'],
        `differs from the role of version ${live.version} behind alias '${depdef.alias}' (${live.role}): Lambda refuses to split an alias between two roles`,
        hint,
      ),
    );
  }
  const target = recordOf(lambdadef.DeadLetterConfig).TargetArn;
  const deadLetter = typeof target === 'string' ? target : undefined;
  if ((live.deadLetterTarget ?? '') !== (deadLetter ?? '')) {
    findings.push(
      finding(
        'lambdadef',
        deadLetter === undefined ? [] : ['DeadLetterConfig', 'TargetArn'],
        `the dead-letter target differs from version ${live.version} behind alias '${depdef.alias}': Lambda refuses to split an alias between them`,
        hint,
      ),
    );
  }
  return findings;
}
