/**
 * Failures before any change exit 2 with one line saying what failed and that nothing was changed, instead of
 * every unit showing up as "FAILED — needs operator" (exit 3).
 */
import { createServer } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { deploySession } from '../fakes/deploy-session.js';
import { runCli } from '../fakes/cli.js';
import { ecsUnit, mutatingCalls, startEcsSimulator } from '../fakes/sim-fixture.js';

const session = deploySession(test, startEcsSimulator);
const { repoWith, deploy } = session;

/** A local port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

test('an unreachable endpoint: exit 2, one line naming it, no unit reported as needing an operator', async () => {
  const repo = await repoWith({ files: { ...ecsUnit({ name: 'web', image: 'nginx:1.27' }), ...ecsUnit({ name: 'api', image: 'nginx:1.27' }) } });
  const endpoint = `http://127.0.0.1:${await closedPort()}`;
  const result = await runCli(['deploy', '--endpoint-url', endpoint, '--no-color'], { cwd: repo.dir });
  assert.is(result.code, 2, result.stdout + result.stderr);
  const errorLines = result.stderr.split('\n').filter((line) => line.startsWith('error'));
  assert.equal(errorLines.length, 1, result.stderr);
  assert.match(errorLines[0] ?? '', /^error\[E_AWS_UNREACHABLE\]: cannot reach AWS in us-east-1 \(.*ECONNREFUSED.*\); nothing was changed$/);
  assert.not.match(result.stdout, /needs operator/);
});

test('a unit whose first describe fails is not-started: exit 2, nothing changed', async () => {
  const repo = await repoWith({ files: ecsUnit({ name: 'web', image: 'nginx:1.27' }) });
  session.sim.control.addFaults([{ kind: 'server-error', service: 'ecs', operation: 'DescribeServices', status: 500, count: 1000 }]);
  session.sim.control.clearCalls();
  const result = await deploy(repo);
  assert.is(result.code, 2, result.stdout + result.stderr);
  assert.match(result.stdout, /not started — nothing changed/);
  assert.not.match(result.stdout, /needs operator/);
  assert.equal(mutatingCalls(session.sim), []);
});

test.run();
