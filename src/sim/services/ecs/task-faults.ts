/**
 * Failures decided when a task is launched: injected faults (`task-fails-to-start`, `task-crashes`) and an
 * awslogs log group that does not exist. Stop reasons are worded as ECS reports them:
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/stopped-task-error-codes.html
 */
import type { ContainerDefinition, TaskDefinition } from '@aws-sdk/client-ecs';
import { imageMatches } from '../../fault-match.js';
import type { Fault, FaultMatch, SimWorld } from '../../types.js';
import { immediateExit } from './container-exit.js';
import type { PlannedFailure } from './records.js';

const ESSENTIAL_CONTAINER_EXITED = 'Essential container in task exited';
export const MISSING_LOG_GROUP_REASON =
  'ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : exit status 1';

/** Docker's reference normalisation: `nginx` → `docker.io/library/nginx:latest`. */
function normalizeImageRef(image: string): string {
  const slash = image.indexOf('/');
  const first = slash < 0 ? '' : image.slice(0, slash);
  const hasRegistry = first.includes('.') || first.includes(':') || first === 'localhost';
  let ref = hasRegistry ? image : slash < 0 ? `docker.io/library/${image}` : `docker.io/${image}`;
  const lastPart = ref.slice(ref.lastIndexOf('/') + 1);
  if (!lastPart.includes(':') && !lastPart.includes('@')) ref += ':latest';
  return ref;
}

function pullErrorReason(image: string): string {
  const ref = normalizeImageRef(image);
  return `CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ${ref}: ${ref}: not found`;
}

/** The containers a fault's match selects (every container when it names no image); empty: no match. */
function matchingContainers(match: FaultMatch, definition: TaskDefinition, region: string): ContainerDefinition[] {
  if (match.region !== undefined && match.region !== region) return [];
  if (match.family !== undefined && match.family !== definition.family) return [];
  if (match.revision !== undefined && match.revision !== definition.revision) return [];
  const containers = definition.containerDefinitions ?? [];
  if (match.image === undefined) return containers;
  const pattern = match.image;
  return containers.filter((c) => imageMatches(pattern, c.image ?? ''));
}

/**
 * What will go wrong with a task of this definition launched now, if anything: failures to start first, then a
 * container that exits by its own command, then injected crashes. Consumes counted faults.
 */
export function planTaskFailure(world: SimWorld, region: string, definition: TaskDefinition): PlannedFailure | undefined {
  return (
    missingLogGroup(world, region, definition) ?? startFault(world, region, definition) ?? commandExit(definition) ?? crashFault(world, region, definition)
  );
}

/** A container whose command only exits stops its task as soon as it runs (see container-exit.ts). */
function commandExit(definition: TaskDefinition): PlannedFailure | undefined {
  const exit = immediateExit(definition);
  if (exit === undefined) return undefined;
  return { phase: 'running', stopCode: 'EssentialContainerExited', stoppedReason: ESSENTIAL_CONTAINER_EXITED, ...exit, afterSeconds: 0 };
}

function firstEssential(definition: TaskDefinition): ContainerDefinition | undefined {
  const containers = definition.containerDefinitions ?? [];
  return containers.find((c) => c.essential !== false) ?? containers[0];
}

function startFault(world: SimWorld, region: string, definition: TaskDefinition): PlannedFailure | undefined {
  for (const fault of world.faults('task-fails-to-start')) {
    const containers = matchingContainers(fault.match, definition, region);
    if (containers.length === 0 || !world.consumeFault(fault)) continue;
    const container = containers.find((c) => c.essential !== false) ?? containers[0] ?? firstEssential(definition);
    return startFailure(fault, container?.name ?? '', container?.image ?? '');
  }
  return undefined;
}

function startFailure(fault: Extract<Fault, { kind: 'task-fails-to-start' }>, name: string, image: string): PlannedFailure {
  switch (fault.reason) {
    case 'CannotPullContainerError': {
      const reason = pullErrorReason(image);
      return { phase: 'pending', stopCode: 'TaskFailedToStart', stoppedReason: reason, containerName: name, containerReason: reason };
    }
    case 'ResourceInitializationError':
      return { phase: 'pending', stopCode: 'TaskFailedToStart', stoppedReason: MISSING_LOG_GROUP_REASON, containerName: name };
    case 'EssentialContainerExited':
      return {
        phase: 'running',
        stopCode: 'EssentialContainerExited',
        stoppedReason: ESSENTIAL_CONTAINER_EXITED,
        containerName: name,
        exitCode: 1,
        afterSeconds: 0,
      };
    default: {
      const never: never = fault.reason;
      throw new Error(`unknown start failure ${String(never)}`);
    }
  }
}

function crashFault(world: SimWorld, region: string, definition: TaskDefinition): PlannedFailure | undefined {
  for (const fault of world.faults('task-crashes')) {
    const containers = matchingContainers(fault.match, definition, region);
    if (containers.length === 0 || !world.consumeFault(fault)) continue;
    const container = containers.find((c) => c.essential !== false) ?? firstEssential(definition);
    return {
      phase: 'running',
      stopCode: 'EssentialContainerExited',
      stoppedReason: ESSENTIAL_CONTAINER_EXITED,
      containerName: container?.name ?? '',
      exitCode: fault.exitCode ?? 1,
      afterSeconds: fault.afterSeconds,
    };
  }
  return undefined;
}

/**
 * awslogs fails task start when its log group is missing (unless `awslogs-create-group` is on). Checked only
 * when the scenario seeds log groups at all, so that plain tests need not seed any.
 */
function missingLogGroup(world: SimWorld, region: string, definition: TaskDefinition): PlannedFailure | undefined {
  const seeded = world.scenario.infrastructure?.logGroups;
  if (!seeded || seeded.length === 0) return undefined;
  for (const container of definition.containerDefinitions ?? []) {
    const log = container.logConfiguration;
    if (log?.logDriver !== 'awslogs') continue;
    const options = log.options ?? {};
    const group = options['awslogs-group'];
    if (group === undefined || options['awslogs-create-group'] === 'true') continue;
    const groupRegion = options['awslogs-region'] ?? region;
    const exists = seeded.some((g) => g.name === group && (g.region ?? world.scenario.region ?? groupRegion) === groupRegion);
    if (!exists) {
      return { phase: 'pending', stopCode: 'TaskFailedToStart', stoppedReason: MISSING_LOG_GROUP_REASON, containerName: container.name ?? '' };
    }
  }
  return undefined;
}
