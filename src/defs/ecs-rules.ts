/** ECS rules (run by rules.ts): what a svcdef, taskdef and depdef must agree on before anything is deployed. */
import type { EcsDepdef } from './depdef-schema.js';
import { ecsContainerRules } from './ecs-container-rules.js';
import { ecsNativeRules } from './ecs-native-rules.js';
import { finding, type EcsRuleInput, type Rule, type RuleFinding } from './rule.js';
import type { Svcdef } from './svcdef-schema.js';
import type { Taskdef } from './taskdef-schema.js';

type EcsRule = Rule<EcsRuleInput>;

function isBlueGreen(svcdef: Svcdef): boolean {
  return svcdef.deploymentController?.type === 'EXTERNAL';
}

/** The depdef's pairs in either spelling (GitMoxi's older targetGroupArns is one pair); undefined when neither is set. */
function targetGroupPairs(depdef: EcsDepdef | undefined): readonly (readonly string[])[] | undefined {
  return depdef?.targetGroupArnPairs ?? (depdef?.targetGroupArns === undefined ? undefined : [depdef.targetGroupArns]);
}

const controllerPath = ['deploymentController', 'type'];

export const codeDeployUnsupported: EcsRule = {
  name: 'code-deploy-unsupported',
  reads: [],
  check: ({ svcdef }) =>
    svcdef.deploymentController?.type !== 'CODE_DEPLOY'
      ? []
      : [
          finding(
            'svcdef',
            controllerPath,
            'CODE_DEPLOY services are deployed by AWS CodeDeploy, which gitmoxi does not drive',
            'Use EXTERNAL for gitmoxi blue/green (with targetGroupArnPairs in the depdef), or ECS (or no deploymentController) for rolling updates.',
          ),
        ],
};

export const launchTypeOrCapacityProviders: EcsRule = {
  name: 'launch-type-or-capacity-providers',
  reads: [],
  check: ({ svcdef }) =>
    svcdef.launchType === undefined || svcdef.capacityProviderStrategy === undefined
      ? []
      : [
          finding(
            'svcdef',
            ['capacityProviderStrategy'],
            'cannot be combined with launchType: ECS accepts one or the other',
            'Remove launchType to place tasks by capacity provider, or remove capacityProviderStrategy.',
          ),
        ],
};

export const blueGreenNeedsPairs: EcsRule = {
  name: 'blue-green-needs-pairs',
  reads: ['depdef'],
  check: ({ svcdef, depdef }) => {
    if (!isBlueGreen(svcdef)) return [];
    const pairs = targetGroupPairs(depdef);
    if (pairs !== undefined && pairs.length > 0) return [];
    const hint = 'Add "targetGroupArnPairs": [["<live target group ARN>", "<its partner ARN>"]] to the depdef.';
    if (depdef === undefined) {
      return [finding('svcdef', controllerPath, 'blue/green (EXTERNAL) needs targetGroupArnPairs, but the unit has no _depdef.json', hint)];
    }
    const reason = "the svcdef's deploymentController is EXTERNAL (blue/green)";
    if (pairs === undefined) return [finding('depdef', [], `targetGroupArnPairs is missing: ${reason}`, hint)];
    return [finding('depdef', ['targetGroupArnPairs'], `must not be empty: ${reason}`, hint)];
  },
};

export const blueGreenNeedsLoadBalancer: EcsRule = {
  name: 'blue-green-needs-load-balancer',
  reads: [],
  check: ({ svcdef }) =>
    !isBlueGreen(svcdef) || (svcdef.loadBalancers?.length ?? 0) > 0
      ? []
      : [
          finding(
            'svcdef',
            controllerPath,
            'blue/green (EXTERNAL) shifts traffic between target groups, but loadBalancers is empty',
            'Add the live target group to loadBalancers, or use ECS for a rolling update.',
          ),
        ],
};

export const loadBalancersInPairs: EcsRule = {
  name: 'load-balancers-in-pairs',
  reads: ['depdef'],
  check: ({ svcdef, depdef }) => {
    const pairs = targetGroupPairs(depdef) ?? [];
    if (!isBlueGreen(svcdef) || pairs.length === 0) return [];
    const paired = new Set(pairs.flat());
    return (svcdef.loadBalancers ?? []).flatMap((lb, index) =>
      lb.targetGroupArn === undefined || paired.has(lb.targetGroupArn)
        ? []
        : [
            finding(
              'svcdef',
              ['loadBalancers', index, 'targetGroupArn'],
              "is in none of the depdef's targetGroupArnPairs, so blue/green has no partner to shift it to",
              'Add a pair [this target group, its partner] to targetGroupArnPairs.',
            ),
          ],
    );
  },
};

export const taskDefinitionSource: EcsRule = {
  name: 'task-definition-source',
  reads: ['taskdef'],
  check: ({ svcdef, taskdef }) =>
    taskdef !== undefined || svcdef.taskDefinition !== undefined
      ? []
      : [
          finding(
            'svcdef',
            [],
            'the svcdef has no taskDefinition and the unit has no _taskdef.json',
            'Add a _taskdef.json beside the svcdef, or set taskDefinition to an existing family:revision or ARN.',
          ),
        ],
};

/** `family`, `family:3` or `arn:aws:ecs:…:task-definition/family:3` → family. */
export function taskDefinitionFamily(reference: string): string {
  const name = reference.includes(':task-definition/') ? reference.slice(reference.indexOf(':task-definition/') + 17) : reference;
  return name.replace(/:\d+$/, '');
}

export const taskDefinitionMatchesFamily: EcsRule = {
  name: 'task-definition-matches-family',
  reads: ['taskdef'],
  check: ({ svcdef, taskdef }) => {
    if (taskdef === undefined || svcdef.taskDefinition === undefined) return [];
    if (taskDefinitionFamily(svcdef.taskDefinition) === taskdef.family) return [];
    return [
      finding(
        'svcdef',
        ['taskDefinition'],
        `names '${svcdef.taskDefinition}', but the unit's taskdef registers family '${taskdef.family}'`,
        'Remove taskDefinition (gitmoxi fills in the revision it registers), or make it name the same family.',
      ),
    ];
  },
};

export const fallbackNeedsSpot: EcsRule = {
  name: 'fallback-needs-spot',
  reads: ['depdef'],
  check: ({ svcdef, depdef }) => {
    if ((depdef?.fallbackCapacityProviderStrategy?.length ?? 0) === 0) return [];
    if (svcdef.capacityProviderStrategy?.some((item) => item.capacityProvider === 'FARGATE_SPOT') === true) return [];
    return [
      finding(
        'depdef',
        ['fallbackCapacityProviderStrategy'],
        "is only used when the svcdef's capacityProviderStrategy places tasks on FARGATE_SPOT, and it does not",
        'Use "capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT", "weight": 1}] in the svcdef, or remove the fallback.',
      ),
    ];
  },
};

function runsOnFargate(svcdef: Svcdef, taskdef: Taskdef | undefined): boolean {
  return (
    svcdef.launchType === 'FARGATE' ||
    svcdef.capacityProviderStrategy?.some((item) => item.capacityProvider.startsWith('FARGATE')) === true ||
    taskdef?.requiresCompatibilities?.includes('FARGATE') === true
  );
}

export const fargateTaskSize: EcsRule = {
  name: 'fargate-task-size',
  reads: ['taskdef'],
  check: ({ svcdef, taskdef }) => {
    if (taskdef === undefined || !runsOnFargate(svcdef, taskdef)) return [];
    const findings: RuleFinding[] = [];
    for (const field of ['cpu', 'memory'] as const) {
      if (taskdef[field] !== undefined) continue;
      findings.push(finding('taskdef', [field], 'is required: Fargate tasks need a task-level cpu and memory', 'For example "cpu": "256", "memory": "512".'));
    }
    if (taskdef.networkMode === undefined) {
      findings.push(finding('taskdef', ['networkMode'], 'is required: Fargate tasks need "networkMode": "awsvpc"'));
    } else if (taskdef.networkMode !== 'awsvpc') {
      findings.push(finding('taskdef', ['networkMode'], `must be 'awsvpc' on Fargate, got '${taskdef.networkMode}'`));
    }
    return findings;
  },
};

export const awsvpcNeedsNetworkConfiguration: EcsRule = {
  name: 'awsvpc-needs-network-configuration',
  reads: ['taskdef'],
  check: ({ svcdef, taskdef }) => {
    const awsvpc = taskdef?.networkMode === 'awsvpc' || runsOnFargate(svcdef, taskdef);
    if (!awsvpc || svcdef.networkConfiguration?.awsvpcConfiguration !== undefined) return [];
    return [
      finding(
        'svcdef',
        ['networkConfiguration'],
        'networkConfiguration.awsvpcConfiguration is required: the tasks use awsvpc networking',
        'Add "networkConfiguration": {"awsvpcConfiguration": {"subnets": [...], "securityGroups": [...]}}.',
      ),
    ];
  },
};

export const loadBalancerContainers: EcsRule = {
  name: 'load-balancer-containers',
  reads: ['taskdef'],
  check: ({ svcdef, taskdef }) => {
    if (taskdef === undefined) return [];
    return (svcdef.loadBalancers ?? []).flatMap((lb, index) => {
      const container = taskdef.containerDefinitions.find((c) => c.name === lb.containerName);
      const names = taskdef.containerDefinitions.map((c) => `'${c.name}'`).join(', ');
      if (container === undefined) {
        return [finding('svcdef', ['loadBalancers', index, 'containerName'], `'${lb.containerName}' is not a container of the taskdef (${names})`)];
      }
      const ports = (container.portMappings ?? []).flatMap((m) => (m.containerPort === undefined ? [] : [m.containerPort]));
      if (ports.length === 0 || ports.includes(lb.containerPort)) return [];
      const message = `${lb.containerPort} is not a containerPort of '${lb.containerName}' (${ports.join(', ')})`;
      return [finding('svcdef', ['loadBalancers', index, 'containerPort'], message)];
    });
  },
};

export const uniqueContainerNames: EcsRule = {
  name: 'unique-container-names',
  reads: ['taskdef'],
  check: ({ taskdef }) =>
    (taskdef?.containerDefinitions ?? []).flatMap((container, index, all) =>
      all.findIndex((c) => c.name === container.name) === index
        ? []
        : [finding('taskdef', ['containerDefinitions', index, 'name'], `'${container.name}' is already the name of another container`)],
    ),
};

export const ecsRules: readonly EcsRule[] = [
  codeDeployUnsupported,
  ...ecsNativeRules,
  launchTypeOrCapacityProviders,
  blueGreenNeedsPairs,
  blueGreenNeedsLoadBalancer,
  loadBalancersInPairs,
  taskDefinitionSource,
  taskDefinitionMatchesFamily,
  fallbackNeedsSpot,
  fargateTaskSize,
  awsvpcNeedsNetworkConfiguration,
  loadBalancerContainers,
  uniqueContainerNames,
  ...ecsContainerRules,
];
