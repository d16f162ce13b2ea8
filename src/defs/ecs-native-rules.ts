/**
 * Rules for ECS's own BLUE_GREEN, LINEAR and CANARY strategies (svcdef deploymentConfiguration.strategy): the
 * combinations ECS refuses, caught before anything is deployed. Values and ranges from the ECS API reference
 * (DeploymentConfiguration, LinearConfiguration, CanaryConfiguration, AdvancedConfiguration); docs/ecs-native.md.
 */
import { finding, type EcsRuleInput, type Rule, type RuleFinding } from './rule.js';
import type { Svcdef } from './svcdef-schema.js';
import { recordOf } from '../is-record.js';

type EcsRule = Rule<EcsRuleInput>;

const NATIVE = ['BLUE_GREEN', 'LINEAR', 'CANARY'];
const MAX_BAKE_MINUTES = 1440;

function nativeStrategy(svcdef: Svcdef): string | undefined {
  const strategy = svcdef.deploymentConfiguration?.strategy;
  return strategy !== undefined && NATIVE.includes(strategy) ? strategy : undefined;
}

function configOf(svcdef: Svcdef): Record<string, unknown> {
  return recordOf(svcdef.deploymentConfiguration);
}

const strategyPath = ['deploymentConfiguration', 'strategy'];

export const nativeNeedsEcsController: EcsRule = {
  name: 'native-needs-ecs-controller',
  reads: [],
  check: ({ svcdef }) => {
    const strategy = nativeStrategy(svcdef);
    const controller = svcdef.deploymentController?.type;
    if (strategy === undefined || controller === undefined || controller === 'ECS') return [];
    return [
      finding(
        'svcdef',
        strategyPath,
        `${strategy} is a strategy of the ECS deployment controller, not of ${controller}`,
        `Remove deploymentController (or set it to ECS) to let ECS shift traffic, or remove strategy to keep gitmoxi's ${controller === 'EXTERNAL' ? 'task-set blue/green' : 'controller'}.`,
      ),
    ];
  },
};

export const nativeBakeTimes: EcsRule = {
  name: 'native-bake-times',
  reads: [],
  check: ({ svcdef }) => {
    const strategy = nativeStrategy(svcdef);
    if (strategy === undefined) return [];
    const config = configOf(svcdef);
    const found: RuleFinding[] = [];
    if (strategy === 'BLUE_GREEN' && config.bakeTimeInMinutes === undefined) {
      found.push(
        finding(
          'svcdef',
          ['deploymentConfiguration'],
          'bakeTimeInMinutes is missing: ECS requires it for the BLUE_GREEN strategy',
          'Add "bakeTimeInMinutes": 5 (0 to 1440): how long blue keeps running after production moved, for a quick rollback.',
        ),
      );
    }
    const bakes: [string[], unknown][] = [
      [['deploymentConfiguration', 'bakeTimeInMinutes'], config.bakeTimeInMinutes],
      [['deploymentConfiguration', 'linearConfiguration', 'stepBakeTimeInMinutes'], recordOf(config.linearConfiguration).stepBakeTimeInMinutes],
      [['deploymentConfiguration', 'canaryConfiguration', 'canaryBakeTimeInMinutes'], recordOf(config.canaryConfiguration).canaryBakeTimeInMinutes],
    ];
    for (const [path, value] of bakes) {
      if (value === undefined) continue;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_BAKE_MINUTES) {
        found.push(
          finding(
            'svcdef',
            path,
            `must be a whole number of minutes from 0 to ${MAX_BAKE_MINUTES}, not ${JSON.stringify(value)}`,
            'ECS accepts bake times from 0 to 1440 minutes (24 hours).',
          ),
        );
      }
    }
    return found;
  },
};

/** Percentages are multiples of 0.1: stepPercent 3.0–100.0, canaryPercent 0.1–100.0. */
function percentProblem(value: unknown, min: number): string | undefined {
  if (value === undefined) return undefined;
  const tenths = typeof value === 'number' ? value * 10 : Number.NaN;
  if (typeof value === 'number' && Number.isFinite(tenths) && Math.abs(tenths - Math.round(tenths)) < 1e-9 && value >= min && value <= 100) return undefined;
  return `must be a multiple of 0.1 from ${min.toFixed(1)} to 100.0, not ${JSON.stringify(value)}`;
}

export const nativePercents: EcsRule = {
  name: 'native-percents',
  reads: [],
  check: ({ svcdef }) => {
    const strategy = nativeStrategy(svcdef);
    const config = configOf(svcdef);
    const found: RuleFinding[] = [];
    const step = percentProblem(recordOf(config.linearConfiguration).stepPercent, 3);
    if (step)
      found.push(
        finding(
          'svcdef',
          ['deploymentConfiguration', 'linearConfiguration', 'stepPercent'],
          step,
          'For example "stepPercent": 10.0 shifts 10% more each step.',
        ),
      );
    const canary = percentProblem(recordOf(config.canaryConfiguration).canaryPercent, 0.1);
    if (canary)
      found.push(
        finding(
          'svcdef',
          ['deploymentConfiguration', 'canaryConfiguration', 'canaryPercent'],
          canary,
          'For example "canaryPercent": 5.0 sends 5% to the new revision first.',
        ),
      );
    if (config.linearConfiguration !== undefined && strategy !== 'LINEAR') {
      found.push(
        finding(
          'svcdef',
          ['deploymentConfiguration', 'linearConfiguration'],
          'is only valid with the LINEAR strategy',
          'Set "strategy": "LINEAR" or remove linearConfiguration.',
        ),
      );
    }
    if (config.canaryConfiguration !== undefined && strategy !== 'CANARY') {
      found.push(
        finding(
          'svcdef',
          ['deploymentConfiguration', 'canaryConfiguration'],
          'is only valid with the CANARY strategy',
          'Set "strategy": "CANARY" or remove canaryConfiguration.',
        ),
      );
    }
    return found;
  },
};

export const nativeNeedsAdvancedConfiguration: EcsRule = {
  name: 'native-needs-advanced-configuration',
  reads: [],
  check: ({ svcdef }) => {
    const strategy = nativeStrategy(svcdef);
    if (strategy === undefined) return [];
    const hint =
      'Add "advancedConfiguration": {"alternateTargetGroupArn": "<green target group>", "productionListenerRule": "<listener rule ARN>", "roleArn": "<ECS infrastructure role>"} to the load balancer.';
    return (svcdef.loadBalancers ?? []).flatMap((balancer, index) => {
      if (balancer.targetGroupArn === undefined) return [];
      // JSON's null says "not set" as much as leaving the key out does.
      if (balancer.advancedConfiguration === undefined || balancer.advancedConfiguration === null) {
        return [
          finding(
            'svcdef',
            ['loadBalancers', index],
            `advancedConfiguration is missing: ECS's ${strategy} strategy shifts traffic between two target groups through a listener rule`,
            hint,
          ),
        ];
      }
      const advanced = recordOf(balancer.advancedConfiguration);
      return ['alternateTargetGroupArn', 'productionListenerRule', 'roleArn']
        .filter((key) => typeof advanced[key] !== 'string' || advanced[key] === '')
        .map((key) => finding('svcdef', ['loadBalancers', index, 'advancedConfiguration'], `${key} is missing`, hint));
    });
  },
};

export const nativeOrTrafficShifting: EcsRule = {
  name: 'native-or-traffic-shifting',
  reads: ['depdef'],
  check: ({ svcdef, depdef }) => {
    const strategy = nativeStrategy(svcdef);
    if (strategy === undefined || depdef === undefined) return [];
    const found: RuleFinding[] = [];
    // Two traffic shifters for one service: refused rather than silently ignoring one of them.
    if (depdef.trafficShiftingConfig !== undefined) {
      found.push(
        finding(
          'depdef',
          ['trafficShiftingConfig'],
          `cannot be used with the svcdef's ECS ${strategy} strategy: ECS shifts the traffic itself`,
          "Remove trafficShiftingConfig from the depdef (steps and bake times go in the svcdef's deploymentConfiguration), or remove the svcdef's strategy.",
        ),
      );
    }
    if (depdef.targetGroupArnPairs !== undefined) {
      found.push(
        finding(
          'depdef',
          ['targetGroupArnPairs'],
          `cannot be used with the svcdef's ECS ${strategy} strategy`,
          "Name the second target group as advancedConfiguration.alternateTargetGroupArn in the svcdef's load balancer instead.",
        ),
      );
    }
    // gitmoxi does not count ECS's tasks under a strategy ECS drives; ECS's own breaker does, with the same rollback.
    if (depdef.gmDeploymentCircuitBreaker !== undefined) {
      found.push(
        finding(
          'depdef',
          ['gmDeploymentCircuitBreaker'],
          `cannot be used with the svcdef's ECS ${strategy} strategy: ECS starts and counts the tasks itself`,
          'Remove gmDeploymentCircuitBreaker from the depdef and set "deploymentCircuitBreaker": {"enable": true, "rollback": true} in the svcdef\'s deploymentConfiguration (docs/ecs-native.md).',
        ),
      );
    }
    return found;
  },
};

export const ecsNativeRules: readonly EcsRule[] = [
  nativeNeedsEcsController,
  nativeBakeTimes,
  nativePercents,
  nativeNeedsAdvancedConfiguration,
  nativeOrTrafficShifting,
];
