import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatJsonPath, parseDefinition } from './describe-issue.js';
import { awsvpcHostPorts, fargateSizePair, knownLogDriver } from './ecs-container-rules.js';
import type { EcsRuleInput, Rule } from './rule.js';
import { svcdefSchema } from './svcdef-schema.js';
import { taskdefSchema } from './taskdef-schema.js';

const container = { name: 'web', image: 'nginx', portMappings: [{ containerPort: 80 }] };
const taskdef = { family: 'web', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512', containerDefinitions: [container] };

function input(changes: object): EcsRuleInput {
  const svcdef = parseDefinition(svcdefSchema, { serviceName: 'web', launchType: 'FARGATE' });
  const task = parseDefinition(taskdefSchema, { ...taskdef, ...changes });
  if (!svcdef.ok || !task.ok) throw new Error('fixture does not parse');
  return { svcdef: svcdef.data, taskdef: task.data };
}

function run(rule: Rule<EcsRuleInput>, changes: object): string[] {
  return rule.check(input(changes)).map((f) => `${formatJsonPath(f.path)}: ${f.message}`);
}

test('Fargate cpu/memory pairs outside the size table are refused', () => {
  assert.equal(run(fargateSizePair, {}), []);
  assert.equal(run(fargateSizePair, { cpu: '1 vCPU', memory: '2 GB' }), []);
  assert.equal(run(fargateSizePair, { cpu: '256', memory: '4096' }), ["memory: '4096' is not a Fargate memory size for cpu '256'"]);
  assert.equal(run(fargateSizePair, { cpu: '300' }), ["cpu: '300' is not a Fargate task size"]);
  assert.equal(run(fargateSizePair, { cpu: 1024, memory: 2048 }), []);
});

test('hostPort must equal containerPort under awsvpc', () => {
  assert.equal(run(awsvpcHostPorts, {}), []);
  const mismatch = { containerDefinitions: [{ ...container, portMappings: [{ containerPort: 80, hostPort: 8080 }] }] };
  assert.equal(run(awsvpcHostPorts, mismatch), [
    'containerDefinitions[0].portMappings[0].hostPort: 8080 differs from containerPort 80: under awsvpc they must match',
  ]);
  const same = { containerDefinitions: [{ ...container, portMappings: [{ containerPort: 80, hostPort: 80 }] }] };
  assert.equal(run(awsvpcHostPorts, same), []);
});

test('log drivers must be ECS drivers, and Fargate ones on Fargate', () => {
  const driver = (logDriver: string) => ({ containerDefinitions: [{ ...container, logConfiguration: { logDriver } }] });
  assert.equal(run(knownLogDriver, driver('awslogs')), []);
  assert.equal(run(knownLogDriver, driver('aws-logs')), ["containerDefinitions[0].logConfiguration.logDriver: 'aws-logs' is not an ECS log driver"]);
  assert.equal(run(knownLogDriver, driver('syslog')), ["containerDefinitions[0].logConfiguration.logDriver: 'syslog' does not run on Fargate"]);
});

test.run();
