/**
 * What `gitmoxi demo` sets up: the simulated infrastructure (what Terraform would have created) and the commits it
 * deploys, based on examples/ecs-rolling and examples/lambda-canary side by side in one repository.
 */
import type { Scenario } from '../../sim/types.js';

export const demoRegion = 'us-east-1';
export const demoUnit = 'services/web/web';
export const demoFunctionUnit = 'functions/hello/hello';
const nextImage = 'public.ecr.aws/nginx/nginx:1.27.4';
/** An image tag that does not exist: every task of that revision fails to start, as on ECS. */
const missingImage = 'public.ecr.aws/nginx/nginx:1.99-does-not-exist';
/** The Lambda package of the canary step (the example starts with hello/hello-1.4.0.zip). */
const nextCodeKey = 'hello/hello-1.5.0.zip';

export const demoScenario: Scenario = {
  region: demoRegion,
  infrastructure: {
    clusters: [{ name: 'demo' }],
    targetGroups: [
      {
        name: 'demo-web',
        targetType: 'ip',
        protocol: 'HTTP',
        port: 80,
        healthCheckIntervalSeconds: 10,
        healthyThresholdCount: 2,
        deregistrationDelaySeconds: 30,
      },
      { name: 'hello-lambda', targetType: 'lambda' },
    ],
    loadBalancers: [
      {
        name: 'demo',
        listeners: [
          { port: 80, targetGroup: 'demo-web' },
          { port: 8080, targetGroup: 'hello-lambda' },
        ],
      },
    ],
    logGroups: [{ name: '/ecs/demo/web' }],
    roles: [
      'arn:aws:iam::123456789012:role/demo-ecs-execution',
      'arn:aws:iam::123456789012:role/demo-web-task',
      'arn:aws:iam::123456789012:role/demo-hello-lambda',
    ],
    alarms: [{ name: 'hello-errors' }],
  },
  faults: [{ kind: 'task-fails-to-start', match: { image: missingImage }, reason: 'CannotPullContainerError' }],
};

/** What a step commits before it deploys: nothing (the first deployment), a new image, or a new Lambda package. */
export type DemoChange = { kind: 'none' } | { kind: 'image'; image: string } | { kind: 'lambda-code'; key: string };

export interface DemoStep {
  title: string;
  change: DemoChange;
  expectedExitCode: number;
  explain: string;
}

export const demoSteps: DemoStep[] = [
  {
    title: 'Step 1 of 4: the first deployment creates the service and the function',
    change: { kind: 'none' },
    expectedExitCode: 0,
    explain:
      'Both units are new: gitmoxi registered the task definition, created the service and waited for healthy tasks; it created the Lambda function, published version 1, pointed the alias live at it and registered the alias behind the load balancer.',
  },
  {
    title: `Step 2 of 4: a commit changes the image to ${nextImage}; gitmoxi rolls it out`,
    change: { kind: 'image', image: nextImage },
    expectedExitCode: 0,
    explain: 'Only the changed unit was deployed: a new task definition revision, a rolling update, healthy targets, then the commit recorded on the service.',
  },
  {
    title: `Step 3 of 4: a commit ships a new Lambda package (${nextCodeKey}); gitmoxi runs a canary`,
    change: { kind: 'lambda-code', key: nextCodeKey },
    expectedExitCode: 0,
    explain:
      'gitmoxi updated the code, published version 2, checked it was Active, sent 10% of the alias live to it while watching the alarm hello-errors, then moved the rest and deleted version 1.',
  },
  {
    title: `Step 4 of 4: a commit names an image that does not exist (${missingImage})`,
    change: { kind: 'image', image: missingImage },
    expectedExitCode: 1,
    explain:
      'The new tasks could not pull their image, the circuit breaker tripped once 3 of them had failed, and gitmoxi put the service back on the previous revision: exit code 1 tells CI the deploy failed and production is healthy.',
  },
];
