import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatJsonPath, parseDefinition } from './describe-issue.js';
import { parseJsonSource } from './json-source.js';
import { deprecatedRuntimeWarning, environmentVariableNames, handlerWithoutSpaces, knownRuntime } from './lambda-config-rules.js';
import { lambdadefSchema } from './lambdadef-schema.js';
import type { LambdaRuleInput, Rule } from './rule.js';

const base = {
  FunctionName: 'orders',
  Role: 'arn:aws:iam::123456789012:role/orders',
  Runtime: 'nodejs22.x',
  Handler: 'index.handler',
  Code: { S3Bucket: 'artifacts', S3Key: 'orders.zip' },
};

function run(rule: Rule<LambdaRuleInput>, changes: object): string[] {
  const parsed = parseDefinition(lambdadefSchema, { ...base, ...changes });
  if (!parsed.ok) throw new Error('fixture does not parse');
  return rule.check({ lambdadef: parsed.data }).map((f) => `${formatJsonPath(f.path)}: ${f.message}`);
}

test('Runtime must be in the model enum and not retired', () => {
  assert.equal(run(knownRuntime, {}), []);
  assert.equal(run(knownRuntime, { Runtime: 'foo' }), ["Runtime: 'foo' is not a Lambda runtime"]);
  assert.equal(run(knownRuntime, { Runtime: 'nodejs22' }), ["Runtime: 'nodejs22' is not a Lambda runtime (did you mean 'nodejs22.x'?)"]);
  assert.equal(run(knownRuntime, { Runtime: 'python2.7' }), ["Runtime: 'python2.7' is retired: Lambda no longer creates or updates functions with it"]);
});

test('Handler must have no whitespace', () => {
  assert.equal(run(handlerWithoutSpaces, { Handler: 'index handler' }), ['Handler: must not contain whitespace']);
});

test('environment variable names follow the model pattern and avoid reserved names', () => {
  const vars = (Variables: Record<string, string>) => ({ Environment: { Variables } });
  assert.equal(run(environmentVariableNames, vars({ TABLE_NAME: 'x', a1: 'y' })), []);
  const bad = run(environmentVariableNames, vars({ A: 'x', 'MY-VAR': 'y', _X: 'z', AWS_REGION: 'w' }));
  assert.is(bad.length, 4);
  for (const [i, name] of ['A', 'MY-VAR', '_X', 'AWS_REGION'].entries()) assert.ok(bad[i]?.includes(name), bad[i]);
  assert.match(bad[3] ?? '', /is reserved/);
});

test('a deprecated runtime is a warning at its line', () => {
  const source = parseJsonSource(JSON.stringify({ ...base, Runtime: 'python3.9' }, null, 2), 'f_lambdadef.json');
  const warning = deprecatedRuntimeWarning({ kind: 'lambdadef', source });
  assert.match(warning ?? '', /f_lambdadef.json:4:\d+: Runtime: 'python3.9' is deprecated/);
  assert.is(deprecatedRuntimeWarning({ kind: 'lambdadef', source: parseJsonSource(JSON.stringify(base), 'f_lambdadef.json') }), null);
});

test.run();
