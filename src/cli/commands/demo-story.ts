/**
 * What `gitmoxi demo` sets up: the simulated infrastructure (what Terraform would have created) and the three
 * commits it deploys, based on examples/ecs-rolling.
 */
import type { Scenario } from '../../sim/types.js';

export const demoRegion = 'us-east-1';
export const demoUnit = 'services/web/web';
export const goodImage = 'public.ecr.aws/nginx/nginx:1.27';
export const nextImage = 'public.ecr.aws/nginx/nginx:1.27.4';
/** An image tag that does not exist: every task of that revision fails to start, as on ECS. */
export const missingImage = 'public.ecr.aws/nginx/nginx:1.99-does-not-exist';

export const demoScenario: Scenario = {
  region: demoRegion,
  infrastructure: {
    clusters: [{ name: 'demo' }],
    targetGroups: [
      { name: 'demo-web', targetType: 'ip', protocol: 'HTTP', port: 80, healthCheckIntervalSeconds: 10, healthyThresholdCount: 2, deregistrationDelaySeconds: 30 },
    ],
    loadBalancers: [{ name: 'demo', listeners: [{ port: 80, targetGroup: 'demo-web' }] }],
    logGroups: [{ name: '/ecs/demo/web' }],
    roles: ['arn:aws:iam::123456789012:role/demo-ecs-execution', 'arn:aws:iam::123456789012:role/demo-web-task'],
  },
  faults: [{ kind: 'task-fails-to-start', match: { image: missingImage }, reason: 'CannotPullContainerError' }],
};

export interface DemoStep {
  title: string;
  image: string;
  expectedExitCode: number;
  explain: string;
}

export const demoSteps: DemoStep[] = [
  {
    title: 'Step 1 of 3: the first deployment creates the service',
    image: goodImage,
    expectedExitCode: 0,
    explain: 'Every unit is new: gitmoxi registered the task definition, created the service and waited until its tasks were healthy behind the load balancer.',
  },
  {
    title: 'Step 2 of 3: a commit changes the image; gitmoxi rolls it out',
    image: nextImage,
    expectedExitCode: 0,
    explain: 'Only the changed unit was deployed: a new task definition revision, a rolling update, healthy targets, then the commit recorded on the service.',
  },
  {
    title: 'Step 3 of 3: a commit names an image that does not exist',
    image: missingImage,
    expectedExitCode: 1,
    explain: 'The new tasks could not pull their image, the circuit breaker tripped once 3 of them had failed, and gitmoxi put the service back on the previous revision: exit code 1 tells CI the deploy failed and production is healthy.',
  },
];
