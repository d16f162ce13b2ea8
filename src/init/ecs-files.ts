/**
 * `gitmoxi init --service`: a live ECS service and its task definition as GitMoxi files. Server-generated
 * members (ARNs, status, counts, events, deployments, registration metadata) are left out; the depdef has
 * every default written out so the file says what gitmoxi will do.
 */
import { createServiceKeys } from '../defs/svcdef-schema.js';
import { registerTaskDefinitionKeys } from '../defs/taskdef-schema.js';
import { dropEmpty, isOwnTag, lastSegment, pickMembers } from './clean.js';
import { isRecord, recordOf, recordsOf } from '../is-record.js';

export interface EcsInitInput {
  region: string;
  service: Record<string, unknown>;
  taskDefinition: Record<string, unknown>;
  /** Blue/green: each live target group with its partner (given, or found from the listeners that forward to both). */
  targetGroupPairs: [string, string][];
}

export interface EcsInitFiles {
  svcdef: Record<string, unknown>;
  taskdef: Record<string, unknown>;
  depdef: Record<string, unknown>;
}

/** Members ECS fills in that a CreateService body need not repeat. */
const serviceDefaults = {
  schedulingStrategy: 'REPLICA',
  enableECSManagedTags: false,
  enableExecuteCommand: false,
  propagateTags: 'NONE',
  healthCheckGracePeriodSeconds: 0,
  platformVersion: 'LATEST',
  deploymentController: { type: 'ECS' },
  availabilityZoneRebalancing: 'DISABLED',
};

const taskSetMembers = ['launchType', 'capacityProviderStrategy', 'platformVersion', 'networkConfiguration', 'loadBalancers', 'serviceRegistries'];

export function ecsInitFiles(input: EcsInitInput): EcsInitFiles {
  const service = { ...input.service };
  const blueGreen = recordOf(service.deploymentController).type === 'EXTERNAL';
  if (blueGreen) {
    // An EXTERNAL service keeps these on its task sets; the primary one is what runs.
    const primary = recordsOf(service.taskSets).find((set) => set.status === 'PRIMARY') ?? {};
    for (const key of taskSetMembers) service[key] = primary[key];
  }
  const tags = recordsOf(service.tags).filter((tag) => typeof tag.key === 'string' && !isOwnTag(tag.key));
  const body = {
    ...service,
    cluster: lastSegment(String(service.clusterArn ?? 'default')),
    role: undefined,
    tags,
    // gitmoxi registers the task definition from the taskdef: the svcdef names none.
    taskDefinition: undefined,
    loadBalancers: recordsOf(service.loadBalancers).map(({ loadBalancerName: _name, ...lb }) => lb),
    deploymentConfiguration: deploymentConfiguration(service.deploymentConfiguration, blueGreen),
  };
  const svcdef = pickMembers(body, createServiceKeys, serviceDefaults);
  if (svcdef.capacityProviderStrategy !== undefined) delete svcdef.launchType;
  if (blueGreen) svcdef.deploymentController = { type: 'EXTERNAL' };
  return { svcdef, taskdef: taskdefOf(input.taskDefinition), depdef: depdefOf(input.region, blueGreen, input.targetGroupPairs) };
}

/** Task sets have no deployment configuration; a rolling service keeps the percents it runs with. */
function deploymentConfiguration(value: unknown, blueGreen: boolean): unknown {
  if (blueGreen || !isRecord(value)) return undefined;
  const { maximumPercent, minimumHealthyPercent } = value;
  return { maximumPercent, minimumHealthyPercent };
}

function taskdefOf(registration: Record<string, unknown>): Record<string, unknown> {
  const taskdef = pickMembers(
    registration,
    registerTaskDefinitionKeys.filter((key) => key !== 'tags'),
  );
  const containers = recordsOf(registration.containerDefinitions).map((container) => {
    // ECS answers cpu 0 and hostPort = containerPort under awsvpc for containers that set neither.
    const { cpu, ...rest } = container;
    const cleaned = recordOf(dropEmpty(cpu === 0 ? rest : container));
    if (Array.isArray(cleaned.portMappings)) {
      const awsvpc = registration.networkMode === 'awsvpc';
      cleaned.portMappings = recordsOf(cleaned.portMappings).map(({ hostPort, protocol, ...mapping }) => ({
        ...mapping,
        ...(awsvpc && hostPort === mapping.containerPort ? {} : hostPort === undefined ? {} : { hostPort }),
        ...(protocol === 'tcp' || protocol === undefined ? {} : { protocol }),
      }));
    }
    return cleaned;
  });
  taskdef.containerDefinitions = containers;
  return taskdef;
}

function depdefOf(region: string, blueGreen: boolean, pairs: [string, string][]): Record<string, unknown> {
  // gitmoxi's defaults, written out (docs/init.md); the circuit breaker stays off, as it is when absent.
  return {
    environment: { region },
    trafficShiftingConfig: { type: 'CANARY', percent: 20, waitInterval: 60 },
    ...(blueGreen ? { targetGroupArnPairs: pairs } : {}),
    stabilityCheck: { pollInterval: 30, timeout: 300 },
    alarms: { alarmNames: [] },
  };
}
