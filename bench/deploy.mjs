#!/usr/bin/env node
// Deployment benchmark, whole processes against `gitmoxi sim` running as its own process.
// (a) a rolling update of one service (2 tasks behind a load balancer): gitmoxi's wall time divided by the
//     physical minimum, i.e. the simulator's own time from UpdateService until ECS completes the deployment
//     (task start, health checks, draining), read from its call log and service events. Goal <= 1.05.
//     Then the same against the simulator's virtual clock: gitmoxi's span (first AWS call to last) over the same
//     minimum, both in simulated time, exact and identical in every run whatever the load.
// (b) the AWS calls of one rolling update, by operation, from the simulator's call log.
// (c) 100 new services in one run (--concurrency 20): total time against the bound the client-side rate limits
//     set (RegisterTaskDefinition 1/s, CreateService 5/s), and peak RSS (goal < 200 MB).
// Usage: npm run build && node bench/deploy.mjs [runs=3] [timeScale=5]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { control, exactOrSpread, git, root, simulatedSpanMs, startSim as startSimulator, stats, timedDeploy } from './lib/harness.mjs';

const work = join(root, 'bench', '.work', 'deploy');
const runs = Number(process.argv[2] ?? 3);
const scale = Number(process.argv[3] ?? 5);

const scenario = {
  region: 'us-east-1',
  infrastructure: {
    clusters: [{ name: 'bench' }],
    targetGroups: [
      { name: 'web', targetType: 'ip', protocol: 'HTTP', port: 80, healthCheckIntervalSeconds: 10, healthyThresholdCount: 2, deregistrationDelaySeconds: 10 },
    ],
    loadBalancers: [{ name: 'bench', listeners: [{ port: 80, targetGroup: 'web' }] }],
  },
};

function unitFiles(dir, name, image, targetGroupArn) {
  const prefix = join(dir, 'services', name, name);
  mkdirSync(dirname(prefix), { recursive: true });
  writeFileSync(
    `${prefix}_svcdef.json`,
    JSON.stringify({
      cluster: 'bench',
      serviceName: name,
      desiredCount: 2,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } },
      ...(targetGroupArn ? { loadBalancers: [{ targetGroupArn, containerName: 'app', containerPort: 80 }] } : {}),
    }),
  );
  writeFileSync(
    `${prefix}_taskdef.json`,
    JSON.stringify({
      family: name,
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'app', image, portMappings: [{ containerPort: 80 }] }],
    }),
  );
  writeFileSync(`${prefix}_depdef.json`, JSON.stringify({ environment: { region: 'us-east-1' }, gmDeploymentCircuitBreaker: { failureThreshold: 3 } }));
}

const startSim = (clock) => startSimulator({ work, scenario, scale, clock });

async function rollingUpdate(run, clock = 'scaled') {
  const sim = await startSim(clock);
  try {
    const state = JSON.stringify(await control(sim.endpoint, 'state'));
    const tg = /arn:aws:elasticloadbalancing:[^"]*:targetgroup\/web\/[0-9a-f]+/.exec(state)[0];
    const dir = join(work, `rolling-${run}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    git(dir, ['init', '-q', '-b', 'main']);
    unitFiles(dir, 'web', 'nginx:1.27', tg);
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-q', '-m', 'one']);
    timedDeploy(dir, sim.endpoint);
    unitFiles(dir, 'web', 'nginx:1.28', tg);
    git(dir, ['commit', '-qam', 'two']);
    await control(sim.endpoint, 'calls', 'DELETE');
    const { ms } = timedDeploy(dir, sim.endpoint, ['--from', 'HEAD~1']);
    const { calls } = await control(sim.endpoint, 'calls');
    const update = calls.find((c) => c.operation === 'UpdateService');
    const state2 = await control(sim.endpoint, 'state');
    const ecs = Object.values(state2.accounts)[0]['us-east-1'].ecs;
    const events = ecs.services.find((svc) => svc.serviceName === 'web').events;
    const times = events
      .filter((e) => /deployment completed/.test(e.message))
      .map((e) => new Date(e.createdAt).getTime())
      .filter((t) => t >= update.time);
    const simulatedMinimumMs = Math.min(...times) - update.time;
    const minimumMs = simulatedMinimumMs / scale;
    const byOperation = {};
    for (const c of calls) byOperation[`${c.service}:${c.operation}`] = (byOperation[`${c.service}:${c.operation}`] ?? 0) + 1;
    return { ms, minimumMs, byOperation, calls: calls.length, simulatedSpanMs: simulatedSpanMs(calls), simulatedMinimumMs };
  } finally {
    sim.stop();
  }
}

async function hundredUnits() {
  const sim = await startSim();
  try {
    const dir = join(work, 'hundred');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    git(dir, ['init', '-q', '-b', 'main']);
    for (let i = 0; i < 100; i++) unitFiles(dir, `svc${i}`, 'nginx:1.27');
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-q', '-m', 'hundred']);
    const result = timedDeploy(dir, sim.endpoint, ['--concurrency', '20']);
    // The client-side limits alone: 100 registrations at 1/s after a burst of 1, 100 creates at 5/s after 5, per
    // simulated second (the simulator names its scale and the buckets follow it): real time is that over the scale.
    const boundMs = (Math.max((100 - 1) / 1, (100 - 5) / 5) * 1000) / scale;
    return { ...result, boundMs };
  } finally {
    sim.stop();
  }
}

const rolling = [];
for (let i = 0; i < runs; i++) rolling.push(await rollingUpdate(i));
const ratio = stats(rolling.map((r) => r.ms / r.minimumMs));
console.log(`node ${process.version}, simulator time scale ${scale}x, ${runs} runs`);
console.log(
  `(a) rolling update: gitmoxi ${stats(rolling.map((r) => r.ms)).median.toFixed(0)} ms, physical minimum ${stats(rolling.map((r) => r.minimumMs)).median.toFixed(0)} ms`,
);
console.log(`    ratio median ${ratio.median.toFixed(3)} (min ${ratio.min.toFixed(3)}, max ${ratio.max.toFixed(3)}); goal <= 1.05`);
const virtual = [];
for (let i = 0; i < runs; i++) virtual.push(await rollingUpdate(`virtual-${i}`, 'virtual'));
const seconds = (key) =>
  exactOrSpread(
    virtual.map((r) => r[key] / 1000),
    1,
    ' s',
  );
console.log(`    virtual clock: gitmoxi's span ${seconds('simulatedSpanMs')}, physical minimum ${seconds('simulatedMinimumMs')} (simulated)`);
console.log(`    ratio to the physical minimum in simulated time: ${exactOrSpread(virtual.map((r) => r.simulatedSpanMs / r.simulatedMinimumMs))}`);
console.log(`(b) AWS calls in one rolling update (${rolling[0].calls} in all):`);
for (const [op, n] of Object.entries(rolling[0].byOperation).sort((a, b) => b[1] - a[1])) console.log(`    ${String(n).padStart(4)} ${op}`);
const hundred = await hundredUnits();
console.log(
  `(c) 100 new services, concurrency 20: ${(hundred.ms / 1000).toFixed(1)} s; rate-limit bound ${(hundred.boundMs / 1000).toFixed(1)} s (ratio ${(hundred.ms / hundred.boundMs).toFixed(2)}); peak RSS ${hundred.rssMb.toFixed(0)} MB (goal < 200 MB)`,
);
