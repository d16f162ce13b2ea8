/**
 * What `plan` shows of an ECS-native deployment (svcdef deploymentConfiguration.strategy): the production
 * weights ECS will write, the stages in order with the hooks that run at each, and the bake times. Pure.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/blue-green-deployment-how-it-works.html
 */
import type { TrafficPlan } from './types.js';

/** ECS's stages, with PRE_PRODUCTION_TRAFFIC_SHIFT: a stage hooks can name, run just before production's first shift. */
const nativeStages: readonly string[] = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRE_PRODUCTION_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
  'CLEAN_UP',
];

interface NativeConfig {
  strategy?: unknown;
  bakeTimeInMinutes?: unknown;
  linearConfiguration?: { stepPercent?: unknown; stepBakeTimeInMinutes?: unknown };
  canaryConfiguration?: { canaryPercent?: unknown; canaryBakeTimeInMinutes?: unknown };
  lifecycleHooks?: { targetType?: unknown; hookTargetArn?: unknown; lifecycleStages?: unknown }[];
}

const num = (value: unknown, fallback: number) => (typeof value === 'number' ? value : fallback);

/** Green's production share after each step; ECS's defaults are stepPercent 10, canaryPercent 5, step bake 6 / 10 min. */
function nativePercents(config: NativeConfig): number[] {
  if (config.strategy === 'CANARY') return [num(config.canaryConfiguration?.canaryPercent, 5), 100];
  if (config.strategy !== 'LINEAR') return [100];
  const step = num(config.linearConfiguration?.stepPercent, 10);
  const percents: number[] = [];
  for (let weight = step; weight < 100; weight += step) percents.push(Math.round(weight * 10) / 10);
  return [...percents, 100];
}

export function nativeTrafficPlan(config: NativeConfig): TrafficPlan {
  const percents = nativePercents(config);
  const bake = num(config.bakeTimeInMinutes, 0);
  const [type, percent, stepMinutes] =
    config.strategy === 'LINEAR'
      ? (['LINEAR', num(config.linearConfiguration?.stepPercent, 10), num(config.linearConfiguration?.stepBakeTimeInMinutes, 6)] as const)
      : config.strategy === 'CANARY'
        ? (['CANARY', num(config.canaryConfiguration?.canaryPercent, 5), num(config.canaryConfiguration?.canaryBakeTimeInMinutes, 10)] as const)
        : (['ALL_AT_ONCE', 100, 0] as const);
  const steps = type === 'ALL_AT_ONCE' ? 'ECS BLUE_GREEN, all at once' : `ECS ${type} ${percent}% every ${stepMinutes} min`;
  const text = `${steps}: ${percents.join(', ')}; bake ${bake} min; stages ${stageText(config)}`;
  return { type, percent, waitInterval: stepMinutes * 60, percents, text };
}

/** The stages in order, each hooked one followed by its hook functions' names. */
function stageText(config: NativeConfig): string {
  const hooks = config.lifecycleHooks ?? [];
  return nativeStages
    .map((stage) => {
      const names = hooks
        .filter((hook) => Array.isArray(hook.lifecycleStages) && hook.lifecycleStages.includes(stage))
        .map((hook) =>
          hook.targetType === 'PAUSE'
            ? 'PAUSE'
            : (String(hook.hookTargetArn ?? '')
                .split(':')
                .at(-1) ?? ''),
        );
      if (names.length > 0) return `${stage} (hook ${names.join(', ')})`;
      return stage === 'PRE_PRODUCTION_TRAFFIC_SHIFT' ? '' : stage;
    })
    .filter((stage) => stage !== '')
    .join(' → ');
}
