import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { liftInputs } from './lift-inputs.js';

const svcdef = {
  serviceName: 'web',
  networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-1'] } },
  loadBalancers: [{ targetGroupArn: 'arn:tg/web', containerName: 'app', containerPort: 80 }],
};
const taskdef = { family: 'web', executionRoleArn: 'arn:aws:iam::123456789012:role/exec', containerDefinitions: [] };

test('account-specific values become variables; the template renders back to the same JSON', () => {
  const { texts, variables } = liftInputs({ svcdef, taskdef }, 'ecs', true);
  assert.equal(variables, {
    subnets: ['subnet-a', 'subnet-b'],
    security_groups: ['sg-1'],
    target_group_arn: 'arn:tg/web',
    execution_role_arn: 'arn:aws:iam::123456789012:role/exec',
  });
  assert.match(texts.svcdef ?? '', '"subnets": {{ subnets | tojson }}');
  assert.match(texts.svcdef ?? '', '"targetGroupArn": "{{ target_group_arn }}"');
  assert.match(texts.taskdef ?? '', '"executionRoleArn": "{{ execution_role_arn }}"');
  // What Jinja would do: substitute each placeholder with its value.
  const rendered = (texts.svcdef ?? '')
    .replace(/\{\{ (\w+) \| tojson \}\}/g, (_m, name: string) => JSON.stringify(variables[name]))
    .replace(/\{\{ (\w+) \}\}/g, (_m, name: string) => String(variables[name]));
  assert.equal(JSON.parse(rendered), svcdef);
});

test('without lifting the files are plain JSON', () => {
  const { texts, variables } = liftInputs({ svcdef, depdef: null }, 'ecs', false);
  assert.equal(variables, {});
  assert.equal(JSON.parse(texts.svcdef ?? ''), svcdef);
  assert.is(texts.depdef, undefined);
});

test.run();
