/**
 * A Lambda unit whose FunctionName changes replaces the function: the new one with its alias and event sources
 * first, then the old one goes, so the load balancer's target group invokes only the new alias.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { deploySession } from '../fakes/deploy-session.js';
import { aliasOf, lambdaTargets, lambdaUnit, liveFunction, startLambdaSimulator } from '../fakes/lambda-fixture.js';
import { seededTargetGroupArn } from '../fakes/sim-fixture.js';
import type { FileTree } from '../fakes/temp-repo.js';

const session = deploySession(test, startLambdaSimulator);
const { repoWith, deploy } = session;

/** The unit `functions/hello/hello` deploying the function `name`. */
function helloAs(name: string, sources: Record<string, unknown>): FileTree {
  const files = lambdaUnit({ name: 'hello', eventSources: sources });
  const path = 'functions/hello/hello_lambdadef.json';
  return { ...files, [path]: JSON.stringify({ ...(JSON.parse(String(files[path])) as object), FunctionName: name }, null, 2) };
}

test('a renamed function: the new alias takes the target group, the old function is deleted, exit 0', async () => {
  const sources = { PushEventSources: [{ Service: 'elasticloadbalancing.amazonaws.com', TargetGroupArn: seededTargetGroupArn(session.sim, 'hello-lambda') }] };
  const repo = await repoWith({ files: helloAs('hello', sources) }, { files: helloAs('hello-v2', sources) });
  assert.is((await deploy(repo, '--to', 'HEAD~1')).code, 0);
  assert.equal(lambdaTargets(session.sim, 'hello-lambda'), ['arn:aws:lambda:us-east-1:123456789012:function:hello:live']);

  const result = await deploy(repo, '--from', 'HEAD~1');
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /retired function hello/);
  assert.is(liveFunction(session.sim, 'hello'), null);
  const fresh = liveFunction(session.sim, 'hello-v2');
  assert.equal(aliasOf(fresh), { version: '1', weights: {} });
  assert.is(fresh?.tags['gitmoxi:unit'], 'functions/hello/hello');
  assert.equal(lambdaTargets(session.sim, 'hello-lambda'), ['arn:aws:lambda:us-east-1:123456789012:function:hello-v2:live']);
});

test('a renamed function that fails after taking the target group over: the old alias is registered again, exit 1', async () => {
  const sources = { PushEventSources: [{ Service: 'elasticloadbalancing.amazonaws.com', TargetGroupArn: seededTargetGroupArn(session.sim, 'hello-lambda') }] };
  const repo = await repoWith({ files: helloAs('hello', sources) }, { files: helloAs('hello-v2', sources) });
  assert.is((await deploy(repo, '--to', 'HEAD~1')).code, 0);
  // The last step of a new function, its tags, keeps failing: the new function is rolled back.
  session.sim.control.addFaults([{ kind: 'server-error', service: 'lambda', operation: 'TagResource', status: 500, count: 1000 }]);

  const result = await deploy(repo, '--from', 'HEAD~1');
  assert.is(result.code, 1, result.stdout + result.stderr);
  assert.is(liveFunction(session.sim, 'hello-v2'), null);
  assert.equal(aliasOf(liveFunction(session.sim, 'hello')), { version: '1', weights: {} });
  assert.equal(lambdaTargets(session.sim, 'hello-lambda'), ['arn:aws:lambda:us-east-1:123456789012:function:hello:live']);
});

test.run();
