#!/usr/bin/env node
// Blue/green benchmark, whole processes against `gitmoxi sim` running as its own process.
// One EXTERNAL service (2 tasks, a listener and a path rule forwarding to its target group) is updated with
// LINEAR 20% every 60 s: 5 steps, 5 waits. For each run:
//   gitmoxi's wall time (the `gitmoxi deploy` process, start to exit), divided by
//   the physical minimum: 5 × 60 s of waits plus the simulator's own time for the new task set to start and pass
//   its health checks (CreateTaskSet until ECS reports that task set steady), read from its call log and events.
//   A second ratio also counts the old task set's connection draining (the target group's deregistration delay),
//   which gitmoxi must wait out before it deletes the old task set.
// The same update is then run against the simulator's virtual clock, where time moves only while gitmoxi waits:
// there the ratio of gitmoxi's span (first AWS call to last, in simulated time) to the same physical minimum is
// exact, the same in every run whatever the machine's load: what gitmoxi's polling costs, with no CPU noise.
// And the AWS calls the deployment made, by operation, from the simulator's call log.
// Usage: npm run build && node bench/bluegreen.mjs [runs=3] [timeScale=5]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { control, exactOrSpread, git, root, simulatedSpanMs, startSim as startSimulator, stats, timedDeploy } from './lib/harness.mjs';

const work = join(root, 'bench', '.work', 'bluegreen');
const runs = Number(process.argv[2] ?? 3);
const scale = Number(process.argv[3] ?? 5);
const waitSeconds = 60;
const steps = 5;
const deregistrationDelaySeconds = 5;

const group = (name) => ({
  name,
  targetType: 'ip',
  protocol: 'HTTP',
  port: 80,
  healthCheckIntervalSeconds: 10,
  healthyThresholdCount: 2,
  deregistrationDelaySeconds,
});
const scenario = {
  region: 'us-east-1',
  infrastructure: {
    clusters: [{ name: 'bench' }],
    targetGroups: [group('web-blue'), group('web-green')],
    loadBalancers: [
      { name: 'bench', listeners: [{ port: 80, targetGroup: 'web-blue', rules: [{ priority: 10, pathPattern: '/api/*', targetGroup: 'web-blue' }] }] },
    ],
    alarms: [{ name: 'web-5xx' }],
  },
};

function unitFiles(dir, image, blue, green) {
  const prefix = join(dir, 'services', 'web', 'web');
  mkdirSync(dirname(prefix), { recursive: true });
  writeFileSync(
    `${prefix}_svcdef.json`,
    JSON.stringify({
      cluster: 'bench',
      serviceName: 'web',
      desiredCount: 2,
      deploymentController: { type: 'EXTERNAL' },
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } },
      loadBalancers: [{ targetGroupArn: blue, containerName: 'app', containerPort: 80 }],
    }),
  );
  writeFileSync(
    `${prefix}_taskdef.json`,
    JSON.stringify({
      family: 'web',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'app', image, portMappings: [{ containerPort: 80 }] }],
    }),
  );
  writeFileSync(
    `${prefix}_depdef.json`,
    JSON.stringify({
      environment: { region: 'us-east-1' },
      trafficShiftingConfig: { type: 'LINEAR', percent: 100 / steps, waitInterval: waitSeconds },
      targetGroupArnPairs: [[blue, green]],
      stabilityCheck: { pollInterval: 5, timeout: 300 },
      gmDeploymentCircuitBreaker: { failureThreshold: 2 },
      alarms: { alarmNames: ['web-5xx'] },
    }),
  );
}

const startSim = (clock) => startSimulator({ work, scenario, scale, clock });

async function blueGreenUpdate(run, clock = 'scaled') {
  const sim = await startSim(clock);
  try {
    const state = JSON.stringify(await control(sim.endpoint, 'state'));
    const arn = (name) => new RegExp(`arn:aws:elasticloadbalancing:[^"]*:targetgroup/${name}/[0-9a-f]+`).exec(state)[0];
    const dir = join(work, `run-${run}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    git(dir, ['init', '-q', '-b', 'main']);
    unitFiles(dir, 'nginx:1.27', arn('web-blue'), arn('web-green'));
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-q', '-m', 'one']);
    timedDeploy(dir, sim.endpoint);
    unitFiles(dir, 'nginx:1.28', arn('web-blue'), arn('web-green'));
    git(dir, ['commit', '-qam', 'two']);
    await control(sim.endpoint, 'calls', 'DELETE');
    const { ms } = timedDeploy(dir, sim.endpoint, ['--from', 'HEAD~1']);
    const { calls } = await control(sim.endpoint, 'calls');
    const created = calls.find((c) => c.operation === 'CreateTaskSet' && c.outcome === 'ok');
    const ecs = Object.values((await control(sim.endpoint, 'state')).accounts)[0]['us-east-1'].ecs;
    const events = ecs.services.find((svc) => svc.serviceName === 'web').events;
    const steady = events
      .filter((e) => /taskSet .*has reached a steady state/.test(e.message))
      .map((e) => new Date(e.createdAt).getTime())
      .filter((t) => t >= created.time);
    const startAndHealthMs = Math.min(...steady) - created.time;
    const simulatedMinimumMs = startAndHealthMs + steps * waitSeconds * 1000;
    const minimumMs = simulatedMinimumMs / scale;
    const withDrainMs = minimumMs + (deregistrationDelaySeconds * 1000) / scale;
    const byOperation = {};
    for (const c of calls) byOperation[`${c.service}:${c.operation}`] = (byOperation[`${c.service}:${c.operation}`] ?? 0) + 1;
    return { ms, minimumMs, withDrainMs, startAndHealthMs, byOperation, calls: calls.length, simulatedSpanMs: simulatedSpanMs(calls), simulatedMinimumMs };
  } finally {
    sim.stop();
  }
}

const results = [];
for (let i = 0; i < runs; i++) results.push(await blueGreenUpdate(i));
const ratio = stats(results.map((r) => r.ms / r.minimumMs));
const ratioWithDrain = stats(results.map((r) => r.ms / r.withDrainMs));
console.log(`node ${process.version}, simulator time scale ${scale}x, ${runs} runs, LINEAR ${100 / steps}% every ${waitSeconds} s`);
console.log(
  `gitmoxi deploy: median ${stats(results.map((r) => r.ms)).median.toFixed(0)} ms (min ${stats(results.map((r) => r.ms)).min.toFixed(0)}, max ${stats(results.map((r) => r.ms)).max.toFixed(0)})`,
);
console.log(
  `physical minimum: ${steps} × ${waitSeconds} s + task start and health ${(stats(results.map((r) => r.startAndHealthMs)).median / 1000).toFixed(1)} s (simulated) = ${stats(results.map((r) => r.minimumMs)).median.toFixed(0)} ms at ${scale}x`,
);
console.log(`ratio: median ${ratio.median.toFixed(3)} (min ${ratio.min.toFixed(3)}, max ${ratio.max.toFixed(3)}); goal <= 1.05`);
console.log(
  `ratio counting the old task set's ${deregistrationDelaySeconds} s connection draining as physical too: median ${ratioWithDrain.median.toFixed(3)} (min ${ratioWithDrain.min.toFixed(3)}, max ${ratioWithDrain.max.toFixed(3)})`,
);
const virtual = [];
for (let i = 0; i < runs; i++) virtual.push(await blueGreenUpdate(`virtual-${i}`, 'virtual'));
const simulatedRatios = virtual.map((r) => r.simulatedSpanMs / r.simulatedMinimumMs);
const seconds = (key) =>
  exactOrSpread(
    virtual.map((r) => r[key] / 1000),
    1,
    ' s',
  );
console.log(`virtual clock: gitmoxi's span ${seconds('simulatedSpanMs')} of simulated time, physical minimum ${seconds('simulatedMinimumMs')}`);
console.log(`ratio to the physical minimum in simulated time: ${exactOrSpread(simulatedRatios)}`);
console.log(`AWS calls of one blue/green update (${results[0].calls} in all):`);
for (const [op, n] of Object.entries(results[0].byOperation).sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(5)} ${op}`);
