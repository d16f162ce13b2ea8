/**
 * Containers whose command is a shell told to `exit N`: the way GitMoxi's own failure tests make a task fail
 * (entryPoint `["/bin/sh", "-c"]`, command `["exit 1"]`). The simulator runs no container, so it reads the
 * command: such an essential container stops as soon as it starts, with that exit code, and so does its task
 * ("Essential container in task exited").
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/stopped-task-error-codes.html
 */
import type { ContainerDefinition, TaskDefinition } from '@aws-sdk/client-ecs';

const shells = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);

/**
 * The exit code of a container that does nothing but exit, or undefined. Docker appends the command to the
 * entry point; only a shell running `-c SCRIPT` with SCRIPT `exit [N]` counts (anything else might run for ever).
 */
export function immediateExitCode(container: ContainerDefinition): number | undefined {
  const argv = [...(container.entryPoint ?? []), ...(container.command ?? [])];
  const [program, flag, script] = argv;
  if (program === undefined || flag === undefined || script === undefined) return undefined;
  if (!shells.has(program.slice(program.lastIndexOf('/') + 1)) || !/^-[a-z]*c$/.test(flag)) return undefined;
  const match = /^\s*exit(?:\s+(\d+))?\s*;?\s*$/.exec(script);
  if (match === null) return undefined;
  // A shell's exit status is the argument modulo 256.
  return Number(match[1] ?? '0') % 256;
}

/** The first essential container that exits as soon as it starts, with its exit code, if there is one. */
export function immediateExit(definition: TaskDefinition): { containerName: string; exitCode: number } | undefined {
  for (const container of definition.containerDefinitions ?? []) {
    if (container.essential === false) continue;
    const exitCode = immediateExitCode(container);
    if (exitCode !== undefined) return { containerName: container.name ?? '', exitCode };
  }
  return undefined;
}
