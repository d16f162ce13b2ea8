/**
 * The secrets corpus's world: values of sensitive Terraform outputs in every place a unit can put them, a simulator
 * scenario whose cluster, target groups and alarm carry those names, and the leak count over what a run printed.
 */
import * as assert from 'uvu/assert';
import type { Scenario } from '../../src/sim/types.js';
import type { CliResult } from './cli.js';
import type { FileTree } from './temp-repo.js';

export const secret = {
  cluster: 'clu-s3cr3t-7788',
  service: 'svc-s3cr3t-5566',
  goodImage: 'nginx:tok-GOODSECRET77',
  badImage: 'registry.example.com/web:tok-IMGSECRET99-bad',
  alarm: 'alm-s3cr3t-9911',
  env: 'envval-s3cr3t-3344',
  blue: 'tg-s3cr3t-blue',
  green: 'tg-s3cr3t-green',
};

const group = (name: string) => ({
  name,
  targetType: 'ip' as const,
  protocol: 'HTTP' as const,
  port: 80,
  healthCheckIntervalSeconds: 5,
  healthyThresholdCount: 2,
  deregistrationDelaySeconds: 5,
});

export const scenario: Scenario = {
  region: 'us-east-1',
  infrastructure: {
    clusters: [{ name: secret.cluster }],
    targetGroups: [secret.blue, secret.green, 'api-blue', 'api-green'].map(group),
    loadBalancers: [
      {
        name: 'demo',
        listeners: [
          { port: 80, targetGroup: secret.blue },
          { port: 8080, targetGroup: 'api-blue' },
        ],
      },
    ],
    alarms: [{ name: secret.alarm }],
  },
};

/** Every secret of a run, with the pieces gitmoxi or AWS could print on their own (an ARN's name, an image's tag). */
export function secretsOf(arns: Record<string, string>): string[] {
  return [...Object.values(secret), 'tok-GOODSECRET77', 'tok-IMGSECRET99-bad', arns[secret.blue] ?? '', arns[secret.green] ?? ''];
}

function terraformOutput(image: string, arns: Record<string, string>): string {
  const output = (value: unknown) => ({ value, type: 'string', sensitive: true });
  return `${JSON.stringify(
    {
      cluster_name: output(secret.cluster),
      service_name: output(secret.service),
      image: output(image),
      alarm_name: output(secret.alarm),
      env_value: output(secret.env),
      tg_blue: output(arns[secret.blue]),
      tg_green: output(arns[secret.green]),
      api_blue: { value: arns['api-blue'], type: 'string', sensitive: false },
      api_green: { value: arns['api-green'], type: 'string', sensitive: false },
    },
    null,
    2,
  )}\n`;
}

/** A blue/green unit whose identity, routing, image, environment and alarms all come from the Terraform file. */
function unit(name: string, values: { serviceName: string; image: string; blue: string; green: string; alarms: string }): FileTree {
  const prefix = `services/${name}/${name}`;
  return {
    [`${prefix}_input.json`]: '{ "ref": { "file": ["infra/terraform_output.json"], "type": "TERRAFORM" } }\n',
    [`${prefix}_svcdef.json`]: `{
  "cluster": "{{ cluster_name }}",
  "serviceName": "${values.serviceName}",
  "desiredCount": 2,
  "deploymentController": { "type": "EXTERNAL" },
  "launchType": "FARGATE",
  "networkConfiguration": { "awsvpcConfiguration": { "subnets": ["subnet-1"], "assignPublicIp": "DISABLED" } },
  "loadBalancers": [{ "targetGroupArn": "${values.blue}", "containerName": "app", "containerPort": 80 }]
}
`,
    [`${prefix}_taskdef.json`]: `{
  "family": "${name}",
  "networkMode": "awsvpc",
  "requiresCompatibilities": ["FARGATE"],
  "cpu": "256",
  "memory": "512",
  "containerDefinitions": [{
    "name": "app", "image": "${values.image}", "essential": true, "portMappings": [{ "containerPort": 80 }],
    "environment": [{ "name": "API_SECRET", "value": "{{ env_value }}" }]
  }]
}
`,
    [`${prefix}_depdef.json`]: `{
  "environment": { "region": "us-east-1" },
  "trafficShiftingConfig": { "type": "LINEAR", "percent": 50, "waitInterval": 10 },
  "targetGroupArnPairs": [["${values.blue}", "${values.green}"]],
  "stabilityCheck": { "pollInterval": 5, "timeout": 120 },
  "gmDeploymentCircuitBreaker": { "failureThreshold": 2 },
  "alarms": { "alarmNames": [${values.alarms}] }
}
`,
  };
}

export function repoFiles(image: string, apiImage: string, arns: Record<string, string>): FileTree {
  return {
    'infra/terraform_output.json': terraformOutput(image, arns),
    ...unit('web', { serviceName: '{{ service_name }}', image: '{{ image }}', blue: '{{ tg_blue }}', green: '{{ tg_green }}', alarms: '' }),
    ...unit('api', { serviceName: 'api', image: apiImage, blue: '{{ api_blue }}', green: '{{ api_green }}', alarms: '"{{ alarm_name }}"' }),
  };
}

export interface Channel {
  name: string;
  text: string;
}

/** Channels of one run: stdout and stderr, with `::add-mask::` lines, the one allowed place, taken out. */
export function channels(name: string, result: CliResult): Channel[] {
  const unmasked = (text: string) =>
    text
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n');
  return [
    { name: `${name} stdout`, text: unmasked(result.stdout) },
    { name: `${name} stderr`, text: unmasked(result.stderr) },
  ];
}

export function assertNoLeak(all: readonly Channel[], secrets: readonly string[]): void {
  const leaks = all.flatMap((channel) => secrets.filter((s) => s !== '' && channel.text.includes(s)).map((s) => `${s} in ${channel.name}`));
  assert.equal(leaks, [], `${leaks.length} leaks:\n${leaks.join('\n')}`);
}
