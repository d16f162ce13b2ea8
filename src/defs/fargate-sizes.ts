/**
 * The task sizes Fargate runs: task CPU units → allowed memory in MiB
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size).
 * RegisterTaskDefinition refuses any other pair with "No Fargate configuration exists for given values".
 */
const fargateSizes: ReadonlyMap<number, readonly number[]> = new Map([
  [256, [512, 1024, 2048]],
  [512, steps(1024, 4096, 1024)],
  [1024, steps(2048, 8192, 1024)],
  [2048, steps(4096, 16384, 1024)],
  [4096, steps(8192, 30720, 1024)],
  [8192, steps(16384, 61440, 4096)],
  [16384, steps(32768, 122880, 8192)],
]);

function steps(from: number, to: number, step: number): number[] {
  const values: number[] = [];
  for (let v = from; v <= to; v += step) values.push(v);
  return values;
}

/** `1024`, `1 vCPU`, `0.25 vcpu` → CPU units; undefined when unreadable. */
export function taskCpuUnits(value: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(vcpu)?\s*$/i.exec(value);
  if (!match?.[1]) return undefined;
  const amount = Number(match[1]);
  return match[2] ? Math.round(amount * 1024) : amount;
}

/** `2048`, `2 GB` → MiB; undefined when unreadable. */
export function taskMemoryMiB(value: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(gb)?\s*$/i.exec(value);
  if (!match?.[1]) return undefined;
  const amount = Number(match[1]);
  return match[2] ? Math.round(amount * 1024) : amount;
}

/** The memory sizes Fargate allows with `cpu` units, or undefined when `cpu` is not a Fargate size. */
export function fargateMemoryFor(cpu: number): readonly number[] | undefined {
  return fargateSizes.get(cpu);
}

export const fargateCpuSizes: readonly number[] = [...fargateSizes.keys()];
