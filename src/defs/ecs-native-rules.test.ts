import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { EcsDepdef } from './depdef-schema.js';
import * as rules from './ecs-native-rules.js';
import type { EcsRuleInput, Rule } from './rule.js';
import type { Svcdef } from './svcdef-schema.js';

const tg = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/a/1';
const advanced = { alternateTargetGroupArn: `${tg}b`, productionListenerRule: 'arn:rule', roleArn: 'arn:role' };

function input(svcdef: Record<string, unknown>, depdef?: Record<string, unknown>): EcsRuleInput {
  const base = {
    serviceName: 'web',
    loadBalancers: [{ targetGroupArn: tg, containerName: 'app', containerPort: 80, advancedConfiguration: advanced }],
    ...svcdef,
  };
  return depdef === undefined ? { svcdef: base as unknown as Svcdef } : { svcdef: base as unknown as Svcdef, depdef: depdef as unknown as EcsDepdef };
}

function messages(rule: Rule<EcsRuleInput>, value: EcsRuleInput): string[] {
  return rule.check(value).map((f) => `${f.kind}:${f.path.join('.')}: ${f.message}`);
}

const cases: [string, Rule<EcsRuleInput>, EcsRuleInput, string[]][] = [
  [
    'BLUE_GREEN without bakeTimeInMinutes',
    rules.nativeBakeTimes,
    input({ deploymentConfiguration: { strategy: 'BLUE_GREEN' } }),
    ['svcdef:deploymentConfiguration: bakeTimeInMinutes is missing: ECS requires it for the BLUE_GREEN strategy'],
  ],
  [
    'bake times 0–1440',
    rules.nativeBakeTimes,
    input({ deploymentConfiguration: { strategy: 'CANARY', bakeTimeInMinutes: 1441, canaryConfiguration: { canaryBakeTimeInMinutes: -1 } } }),
    [
      'svcdef:deploymentConfiguration.bakeTimeInMinutes: must be a whole number of minutes from 0 to 1440, not 1441',
      'svcdef:deploymentConfiguration.canaryConfiguration.canaryBakeTimeInMinutes: must be a whole number of minutes from 0 to 1440, not -1',
    ],
  ],
  [
    'LINEAR with a good configuration',
    rules.nativeBakeTimes,
    input({ deploymentConfiguration: { strategy: 'LINEAR', bakeTimeInMinutes: 0, linearConfiguration: { stepBakeTimeInMinutes: 1440 } } }),
    [],
  ],
  ['ROLLING is not checked', rules.nativeBakeTimes, input({ deploymentConfiguration: { strategy: 'ROLLING', bakeTimeInMinutes: 5000 } }), []],
  [
    'stepPercent below 3.0 and canaryConfiguration under LINEAR',
    rules.nativePercents,
    input({ deploymentConfiguration: { strategy: 'LINEAR', linearConfiguration: { stepPercent: 2.5 }, canaryConfiguration: { canaryPercent: 5 } } }),
    [
      'svcdef:deploymentConfiguration.linearConfiguration.stepPercent: must be a multiple of 0.1 from 3.0 to 100.0, not 2.5',
      'svcdef:deploymentConfiguration.canaryConfiguration: is only valid with the CANARY strategy',
    ],
  ],
  [
    'stepPercent in tenths',
    rules.nativePercents,
    input({ deploymentConfiguration: { strategy: 'LINEAR', linearConfiguration: { stepPercent: 12.34 } } }),
    ['svcdef:deploymentConfiguration.linearConfiguration.stepPercent: must be a multiple of 0.1 from 3.0 to 100.0, not 12.34'],
  ],
  [
    'canaryPercent 0.1 is fine',
    rules.nativePercents,
    input({ deploymentConfiguration: { strategy: 'CANARY', canaryConfiguration: { canaryPercent: 0.1 } } }),
    [],
  ],
  [
    'a load balancer without advancedConfiguration',
    rules.nativeNeedsAdvancedConfiguration,
    input({ deploymentConfiguration: { strategy: 'BLUE_GREEN' }, loadBalancers: [{ targetGroupArn: tg, containerName: 'app', containerPort: 80 }] }),
    ["svcdef:loadBalancers.0: advancedConfiguration is missing: ECS's BLUE_GREEN strategy shifts traffic between two target groups through a listener rule"],
  ],
  [
    'advancedConfiguration: null, read as missing',
    rules.nativeNeedsAdvancedConfiguration,
    input({
      deploymentConfiguration: { strategy: 'CANARY' },
      loadBalancers: [{ targetGroupArn: tg, containerName: 'app', containerPort: 80, advancedConfiguration: null }],
    }),
    ["svcdef:loadBalancers.0: advancedConfiguration is missing: ECS's CANARY strategy shifts traffic between two target groups through a listener rule"],
  ],
  [
    'advancedConfiguration without its role',
    rules.nativeNeedsAdvancedConfiguration,
    input({
      deploymentConfiguration: { strategy: 'LINEAR' },
      loadBalancers: [{ targetGroupArn: tg, containerName: 'app', containerPort: 80, advancedConfiguration: { ...advanced, roleArn: undefined } }],
    }),
    ['svcdef:loadBalancers.0.advancedConfiguration: roleArn is missing'],
  ],
  [
    'an ECS strategy under EXTERNAL',
    rules.nativeNeedsEcsController,
    input({ deploymentController: { type: 'EXTERNAL' }, deploymentConfiguration: { strategy: 'CANARY' } }),
    ['svcdef:deploymentConfiguration.strategy: CANARY is a strategy of the ECS deployment controller, not of EXTERNAL'],
  ],
  [
    'ECS controller is fine',
    rules.nativeNeedsEcsController,
    input({ deploymentController: { type: 'ECS' }, deploymentConfiguration: { strategy: 'CANARY' } }),
    [],
  ],
  [
    'depdef trafficShiftingConfig beside an ECS strategy',
    rules.nativeOrTrafficShifting,
    input({ deploymentConfiguration: { strategy: 'LINEAR' } }, { trafficShiftingConfig: { type: 'LINEAR' } }),
    ["depdef:trafficShiftingConfig: cannot be used with the svcdef's ECS LINEAR strategy: ECS shifts the traffic itself"],
  ],
  [
    'depdef gmDeploymentCircuitBreaker beside an ECS strategy',
    rules.nativeOrTrafficShifting,
    input({ deploymentConfiguration: { strategy: 'BLUE_GREEN' } }, { gmDeploymentCircuitBreaker: { failureThreshold: 2 } }),
    ["depdef:gmDeploymentCircuitBreaker: cannot be used with the svcdef's ECS BLUE_GREEN strategy: ECS starts and counts the tasks itself"],
  ],
  [
    "ECS's own breaker beside an ECS strategy is fine (AWS supports it for blue/green)",
    rules.nativeOrTrafficShifting,
    input(
      { deploymentConfiguration: { strategy: 'CANARY', deploymentCircuitBreaker: { enable: true, rollback: true } } },
      { environment: { region: 'us-east-1' } },
    ),
    [],
  ],
  [
    'a depdef without traffic settings is fine',
    rules.nativeOrTrafficShifting,
    input({ deploymentConfiguration: { strategy: 'LINEAR' } }, { environment: { region: 'us-east-1' } }),
    [],
  ],
];

for (const [name, rule, value, expected] of cases) {
  test(name, () => {
    assert.equal(messages(rule, value), expected);
  });
}

test.run();
