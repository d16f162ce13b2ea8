#!/usr/bin/env node
// Deployment benchmark, whole processes against `gitmoxi sim` running as its own process.
// (a) a rolling update of one service (2 tasks behind a load balancer): gitmoxi's wall time divided by the
//     physical minimum, i.e. the simulator's own time from UpdateService until ECS completes the deployment
//     (task start, health checks, draining), read from its call log and service events. Goal <= 1.05.
//     Then the same against the simulator's virtual clock: gitmoxi's span (first AWS call to last) over the same
//     minimum, both in simulated time, exact and identical in every run whatever the load.
// (b) the AWS calls of one rolling update, by operation, from the simulator's call log.
// (c) 100 new services in one run (--concurrency 20): total time against the lower bound that the client-side rate
//     limits (RegisterTaskDefinition 1/s, CreateService 5/s) and the concurrency set, and peak RSS (goal < 200 MB);
//     then on the virtual clock, in simulated time.
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

/**
 * 100 new services at --concurrency 20. What no client could beat with the same limits: a unit takes a slot (20),
 * then a registration token (1/s after a burst of 1) and a create token (5/s after 5), then holds its slot until
 * its service is stable. With the fastest stabilization of the run (CreateService to the service's first steady
 * state, read from the simulator) for every unit, the last one ends at the bound, in simulated time.
 */
function hundredBoundMs(stableMs, units = 100, concurrency = 20) {
  const registered = [];
  const createdAt = [];
  const ends = [];
  for (let k = 0; k < units; k++) {
    const slot = k < concurrency ? 0 : ends[k - concurrency];
    // A bucket of burst 1 spaces registrations a second apart; one of burst 5 lets 5 creates through a second.
    registered.push(Math.max(slot, k < 1 ? 0 : registered[k - 1] + 1000));
    createdAt.push(Math.max(registered[k], k < 5 ? 0 : createdAt[k - 5] + 1000));
    ends.push(createdAt[k] + stableMs);
  }
  return Math.max(...ends);
}

async function hundredUnits(clock = 'scaled') {
  const sim = await startSim(clock);
  try {
    const dir = join(work, `hundred-${clock}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    git(dir, ['init', '-q', '-b', 'main']);
    for (let i = 0; i < 100; i++) unitFiles(dir, `svc${i}`, 'nginx:1.27');
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-q', '-m', 'hundred']);
    const result = timedDeploy(dir, sim.endpoint, ['--concurrency', '20']);
    const { calls } = await control(sim.endpoint, 'calls');
    const state = await control(sim.endpoint, 'state');
    const services = Object.values(state.accounts)[0]['us-east-1'].ecs.services;
    const created = new Map(calls.filter((c) => c.operation === 'CreateService').map((c) => [c.params.serviceName, c.time]));
    const stabilizations = services.map((svc) => {
      const steady = svc.events.filter((e) => /has reached a steady state/.test(e.message)).map((e) => new Date(e.createdAt).getTime());
      return Math.min(...steady) - created.get(svc.serviceName);
    });
    const stableMs = Math.min(...stabilizations);
    return { ...result, stableMs, boundSimulatedMs: hundredBoundMs(stableMs), simulatedSpanMs: simulatedSpanMs(calls) };
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
const hundredVirtual = await hundredUnits('virtual');
const sec = (ms) => `${(ms / 1000).toFixed(1)} s`;
console.log(
  `(c) 100 new services, concurrency 20: ${sec(hundred.ms)} wall at ${scale}x, peak RSS ${hundred.rssMb.toFixed(0)} MB (goal < 200 MB); ` +
    `bound ${sec(hundred.boundSimulatedMs / scale)} (ratio ${(hundred.ms / (hundred.boundSimulatedMs / scale)).toFixed(2)})`,
);
console.log(
  `    virtual clock: span ${sec(hundredVirtual.simulatedSpanMs)} simulated, bound ${sec(hundredVirtual.boundSimulatedMs)} ` +
    `(stabilization ${sec(hundredVirtual.stableMs)}), ratio ${(hundredVirtual.simulatedSpanMs / hundredVirtual.boundSimulatedMs).toFixed(4)}`,
);
