/**
 * Webhook notifications as CI sees them: the CLI as a subprocess against the simulator, a webhook receiver on
 * 127.0.0.1 recording every POST, the depdef's `webhooks` (GitMoxi's Slack-style payload_template) and the
 * run-wide --notify URL (gitmoxi's own JSON).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../fakes/cli.js';
import { deploySession } from '../fakes/deploy-session.js';
import { aliasOf, lambdaUnit, liveFunction } from '../fakes/lambda-fixture.js';
import { ecsUnit, liveService, startEcsSimulator } from '../fakes/sim-fixture.js';
import { cloneRepo } from '../fakes/temp-repo.js';
import { refusingUrl, startWebhookServer, type WebhookServer } from '../fakes/webhook-server.js';

const session = deploySession(test, startEcsSimulator);
const { repoWith, deploy } = session;

let hooks: WebhookServer;
test.before.each(async () => {
  hooks = await startWebhookServer((path) => (path.startsWith('/fails/') ? 500 : 200));
});
test.after.each(async () => {
  await hooks.close();
});

const slackTemplate = { text: '[{stage}] {message}', channel: '#deploys', fields: { unit: '{unit}', commit: '{commit}', other: '{not_a_placeholder}' } };

/** A depdef's `webhooks` with one URL on the receiver; a null template: gitmoxi's own JSON. */
function webhooks(path: string, template: unknown = slackTemplate) {
  return { webhooks: [{ name: 'team-slack', urls: [hooks.url(path)], ...(template === null ? {} : { payload_template: template }) }] };
}

/** The `[stage]` prefix of each Slack-style text posted to `path`. */
function stagesAt(path: string): string[] {
  return hooks.bodies(path).map((body) => /^\[(\w+)\]/.exec(String(body.text))?.[1] ?? `?${String(body.text)}`);
}

test("a rolling deploy posts start and success: the unit's template filled, gitmoxi's own JSON to --notify", async () => {
  const repo = await repoWith({ files: ecsUnit({ name: 'web', image: 'nginx:1.27', depdef: webhooks('/services/T1/B1/unit-token') }) });
  const result = await deploy(repo, '--notify', hooks.url('/global/run-token'));
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.equal((await liveService(session.sim, 'web'))?.taskDefinition, 'web:1');

  assert.equal(stagesAt('/services/T1/B1/unit-token'), ['start', 'success']);
  const [start, success] = hooks.bodies('/services/T1/B1/unit-token');
  assert.equal(start, {
    text: `[start] deploying services/web/web (ecs-rolling) at ${repo.shas[0]?.slice(0, 12)}`,
    channel: '#deploys',
    fields: { unit: 'services/web/web', commit: repo.shas[0], other: '{not_a_placeholder}' },
  });
  assert.match(String(success?.text), /^\[success\] services\/web\/web deployed [0-9a-f]{12} \(web:1\)$/);

  const own = hooks.bodies('/global/run-token');
  assert.equal(
    own.map((b) => [b.schemaVersion, b.source, b.unit, b.stage, b.commit, b.outcome]),
    [
      [1, 'gitmoxi', 'services/web/web', 'start', repo.shas[0], null],
      [1, 'gitmoxi', 'services/web/web', 'success', repo.shas[0], 'deployed'],
    ],
  );
  assert.ok(own.every((b) => b.text === b.message && !Number.isNaN(Date.parse(String(b.time)))));
  assert.not.match(result.stderr, /warning/);
});

test('a failed deployment posts start, rollback and failure; the exit code is still the deployment’s', async () => {
  session.sim.control.addFaults([{ kind: 'task-fails-to-start', match: { image: 'nginx:broken' }, reason: 'CannotPullContainerError' }]);
  const hook = webhooks('/services/T1/B1/unit-token');
  const repo = await repoWith(
    { files: ecsUnit({ name: 'web', image: 'nginx:1.27', depdef: hook }) },
    { files: ecsUnit({ name: 'web', image: 'nginx:broken', depdef: hook }) },
  );
  assert.is((await deploy(repo, '--to', 'HEAD~1')).code, 0);
  hooks.posts.length = 0;

  const result = await deploy(repo, '--from', 'HEAD~1', '--notify', hooks.url('/global/run-token'));
  assert.is(result.code, 1, result.stdout + result.stderr);
  assert.equal((await liveService(session.sim, 'web'))?.taskDefinition, 'web:1');
  assert.equal(stagesAt('/services/T1/B1/unit-token'), ['start', 'rollback', 'failure']);
  const [, rollback, failure] = hooks.bodies('/services/T1/B1/unit-token');
  assert.match(String(rollback?.text), /^\[rollback\] services\/web\/web rolled back \(circuit breaker tripped.*\): web:1 runs again$/);
  assert.match(String(failure?.text), /failed: circuit breaker tripped.*the previous version was restored/);
  const own = hooks.bodies('/global/run-token');
  assert.equal(
    own.map((b) => [b.stage, b.outcome]),
    [
      ['start', null],
      ['rollback', null],
      ['failure', 'rolled-back'],
    ],
  );
});

test('a Lambda canary posts each traffic step with its percent', async () => {
  const depdef = webhooks('/lambda/hook', null);
  const repo = await repoWith({ files: lambdaUnit({ name: 'hello', depdef }) }, { files: lambdaUnit({ name: 'hello', s3Key: 'hello/2.zip', depdef }) });
  assert.is((await deploy(repo, '--to', 'HEAD~1')).code, 0);
  hooks.posts.length = 0;

  const result = await deploy(repo, '--from', 'HEAD~1');
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.equal(aliasOf(liveFunction(session.sim, 'hello')), { version: '2', weights: {} });
  const bodies = hooks.bodies('/lambda/hook');
  assert.equal(
    bodies.map((b) => b.stage),
    ['start', 'traffic', 'traffic', 'success'],
  );
  assert.equal(
    bodies.filter((b) => b.stage === 'traffic').map((b) => b.traffic),
    [
      { step: 1, steps: 2, percent: 10 },
      { step: 2, steps: 2, percent: 100 },
    ],
  );
});

test('a webhook answering 500 and one refusing connections: exit 0, one warning per URL, no URL path shown', async () => {
  const refused = await refusingUrl('/services/T9/B9/refused-token');
  const repo = await repoWith({ files: ecsUnit({ name: 'web', image: 'nginx:1.27', depdef: webhooks('/fails/unit-token') }) });
  const result = await deploy(repo, '--notify', refused, '--notify', hooks.url('/global/run-token'));
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.equal((await liveService(session.sim, 'web'))?.taskDefinition, 'web:1');

  const warnings = result.stderr.split('\n').filter((line) => line.includes('warning'));
  assert.is(warnings.length, 2, result.stderr);
  const origin = (url: string) => new URL(url).origin;
  assert.ok(
    warnings.some((w) => w.includes(`'team-slack' (${origin(hooks.url('/'))})`) && w.includes('HTTP 500')),
    result.stderr,
  );
  assert.ok(
    warnings.some((w) => w.includes(`'--notify' (${origin(refused)})`) && w.includes('ECONNREFUSED')),
    result.stderr,
  );
  for (const token of ['unit-token', 'refused-token', 'run-token']) assert.not.ok((result.stdout + result.stderr).includes(token), `${token} was printed`);
  // Both failing hooks were tried at every stage; the healthy one got everything.
  assert.is(hooks.bodies('/fails/unit-token').length, 2);
  assert.is(hooks.bodies('/global/run-token').length, 2);
});

test('sensitive Terraform outputs: the hook URL from one works but is never printed; the other never reaches a body', async () => {
  const grafanaToken = 'glsa_5e1f0c3b9d2a4e6f';
  const hookPath = '/services/T7/B7/sensitive-hook-token';
  const terraform = {
    hook_url: { value: hooks.url(hookPath), type: 'string', sensitive: true },
    grafana_token: { value: grafanaToken, type: 'string', sensitive: true },
  };
  const template = { text: '[{stage}] {message} <https://grafana.example.com/d/web?token={{ grafana_token }}|dashboard>' };
  const files = ecsUnit({ name: 'web', image: 'nginx:1.27', depdef: { webhooks: [{ name: 'alerts', urls: ['{{ hook_url }}'], payload_template: template }] } });
  files['services/web/web_input.json'] = JSON.stringify({ ref: { file: ['infra/terraform_output.json'], type: 'TERRAFORM' }, image: 'nginx:1.27' });
  files['infra/terraform_output.json'] = JSON.stringify(terraform);
  const repo = await repoWith({ files });

  const result = await deploy(repo, '--notify', hooks.url('/global/run-token'));
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.equal(stagesAt(hookPath), ['start', 'success']);
  assert.ok(hooks.bodies(hookPath).every((b) => String(b.text).includes('token=(sensitive)|dashboard')));
  for (const post of hooks.posts) assert.not.ok(JSON.stringify(post.body).includes(grafanaToken), `${post.path} got the secret`);
  for (const secret of [grafanaToken, 'sensitive-hook-token']) assert.not.ok((result.stdout + result.stderr).includes(secret), `${secret} was printed`);
});

test('the `notify` configuration key: every unit notifies it; --notify replaces it', async () => {
  const config = { 'gitmoxi.config.json': JSON.stringify({ notify: [hooks.url('/config/config-token')] }) };
  const repo = await repoWith(
    { files: { ...ecsUnit({ name: 'web', image: 'nginx:1.27' }), ...config } },
    { files: ecsUnit({ name: 'web', image: 'nginx:1.28' }) },
  );
  assert.is((await deploy(repo, '--to', 'HEAD~1')).code, 0);
  assert.equal(
    hooks.bodies('/config/config-token').map((b) => b.stage),
    ['start', 'success'],
  );
  hooks.posts.length = 0;
  const result = await deploy(repo, '--from', 'HEAD~1', '--notify', hooks.url('/flag/flag-token'));
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.equal(
    hooks.posts.map((p) => [p.path, p.body.stage]),
    [
      ['/flag/flag-token', 'start'],
      ['/flag/flag-token', 'success'],
    ],
  );
});

test('an operator rollback posts one rollback notification', async () => {
  const hook = webhooks('/services/T1/B1/unit-token', null);
  const repo = await repoWith(
    { files: ecsUnit({ name: 'web', image: 'nginx:1.27', depdef: hook }) },
    { files: ecsUnit({ name: 'web', image: 'nginx:1.28', depdef: hook }) },
  );
  assert.is((await deploy(repo, '--to', 'HEAD~1')).code, 0);
  assert.is((await deploy(repo, '--from', 'HEAD~1')).code, 0);
  hooks.posts.length = 0;
  const result = await runCli(
    ['rollback', 'services/web/web', '--yes', '--endpoint-url', session.sim.endpoint, '--no-color', '--notify', hooks.url('/global/run-token')],
    { cwd: repo.dir },
  );
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.equal((await liveService(session.sim, 'web'))?.taskDefinition, 'web:1');
  for (const path of ['/services/T1/B1/unit-token', '/global/run-token']) {
    const bodies = hooks.bodies(path);
    assert.equal(
      bodies.map((b) => [b.stage, b.commit]),
      [['rollback', repo.shas[1]]],
      path,
    );
    assert.match(String(bodies[0]?.message), /^services\/web\/web rolled back \(gitmoxi rollback by an operator\)/);
  }
});

test('poll notifies the units it deploys, with the tip it deployed', async () => {
  const upstream = await repoWith({ files: ecsUnit({ name: 'web', image: 'nginx:1.27', depdef: webhooks('/services/T1/B1/unit-token') }) });
  const clone = await cloneRepo(upstream.dir);
  try {
    const result = await runCli(['poll', '--endpoint-url', session.sim.endpoint, '--no-color', '--notify', hooks.url('/global/run-token')], { cwd: clone.dir });
    assert.is(result.code, 0, result.stdout + result.stderr);
    assert.equal(stagesAt('/services/T1/B1/unit-token'), ['start', 'success']);
    assert.equal(
      hooks.bodies('/global/run-token').map((b) => [b.stage, b.commit]),
      [
        ['start', upstream.shas[0]],
        ['success', upstream.shas[0]],
      ],
    );
  } finally {
    await clone.cleanup();
  }
});

test('plan and render show a webhook URL redacted, like a sensitive output: its path is the token', async () => {
  const repo = await repoWith({ files: ecsUnit({ name: 'web', image: 'nginx:1.27', depdef: webhooks('/services/T1/B1/unit-token') }) });
  for (const args of [['plan'], ['plan', '--json'], ['render', 'services/web/web']]) {
    const result = await runCli([...args, '--no-color'], { cwd: repo.dir });
    assert.is(result.code, 0, result.stdout + result.stderr);
    assert.ok(result.stdout.includes('"urls"') || result.stdout.includes('\\"urls\\"'), `${args.join(' ')} shows no webhooks`);
    assert.not.ok(result.stdout.includes('unit-token'), `${args.join(' ')} printed the URL`);
  }
});

test('--notify that is not an http(s) URL: exit 2 before any change, and the value is not echoed', async () => {
  const repo = await repoWith({ files: ecsUnit({ name: 'web', image: 'nginx:1.27' }) });
  const result = await deploy(repo, '--notify', 'hooks.example.com/services/T0/B0/typo-token');
  assert.is(result.code, 2, result.stdout + result.stderr);
  assert.match(result.stderr, /--notify takes an http:\/\/ or https:\/\/ URL/);
  assert.not.ok(result.stderr.includes('typo-token'));
  assert.is(await liveService(session.sim, 'web'), null);
});

test.run();
