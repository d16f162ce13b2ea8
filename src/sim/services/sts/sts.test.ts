import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ManualClock } from '../../../clock.js';
import { startSimulator, type Simulator } from '../../server.js';
import { rejection } from '../../../../test/fakes/rejection.js';

const clock = new ManualClock(Date.UTC(2026, 0, 1));
let sim: Simulator;

function client(credentials = { accessKeyId: 'AKIDSIMULATOR', secretAccessKey: 'secret' }): STSClient {
  return new STSClient({ endpoint: sim.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
}

test.before.each(async () => {
  sim = await startSimulator({ clock, account: '111122223333' });
});

test.after.each(async () => {
  await sim.close();
});

test('GetCallerIdentity answers with the simulator user of the account', async () => {
  const identity = await client().send(new GetCallerIdentityCommand({}));
  assert.is(identity.Account, '111122223333');
  assert.is(identity.Arn, 'arn:aws:iam::111122223333:user/gitmoxi-sim');
  assert.match(identity.UserId ?? '', /^AIDA[A-Z2-7]{17}$/);
});

test('AssumeRole returns session credentials that GetCallerIdentity recognises', async () => {
  const assumed = await client().send(
    new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::444455556666:role/ci/deployer', RoleSessionName: 'gitmoxi-ci', DurationSeconds: 900 }),
  );
  const credentials = assumed.Credentials!;
  assert.match(credentials.AccessKeyId ?? '', /^ASIA[A-Z2-7]{16}$/);
  assert.is(credentials.SecretAccessKey?.length, 40);
  assert.ok(credentials.SessionToken);
  assert.equal(credentials.Expiration, new Date(clock.now() + 900_000));
  assert.is(assumed.AssumedRoleUser?.Arn, 'arn:aws:sts::444455556666:assumed-role/deployer/gitmoxi-ci');
  assert.match(assumed.AssumedRoleUser?.AssumedRoleId ?? '', /^AROA[A-Z2-7]{17}:gitmoxi-ci$/);
  const session = client({
    accessKeyId: credentials.AccessKeyId!,
    secretAccessKey: credentials.SecretAccessKey!,
    sessionToken: credentials.SessionToken!,
  } as never);
  const identity = await session.send(new GetCallerIdentityCommand({}));
  assert.is(identity.Account, '444455556666');
  assert.is(identity.Arn, 'arn:aws:sts::444455556666:assumed-role/deployer/gitmoxi-ci');
  assert.is(identity.UserId, assumed.AssumedRoleUser?.AssumedRoleId);
});

test('AssumeRole validates the role ARN, session name and duration', async () => {
  const sts = client();
  const badArn = await rejection(sts.send(new AssumeRoleCommand({ RoleArn: 'deployer', RoleSessionName: 'ci' })));
  assert.is(badArn.name, 'ValidationError');
  assert.is(badArn.$metadata.httpStatusCode, 400);
  assert.match(badArn.message, "at 'roleArn'");
  const badName = await rejection(sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/r', RoleSessionName: 'has space' })));
  assert.match(badName.message, "at 'roleSessionName'");
  const tooShort = await rejection(
    sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/r', RoleSessionName: 'ci', DurationSeconds: 60 })),
  );
  assert.match(tooShort.message, "at 'durationSeconds'");
  const missing = await rejection(sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/r' } as never)));
  assert.match(missing.message, "Value null at 'roleSessionName'");
});

test('STS calls are logged; GetCallerIdentity is read-only, AssumeRole mutating', async () => {
  const sts = client();
  await sts.send(new GetCallerIdentityCommand({}));
  await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/r', RoleSessionName: 'ci' }));
  const calls = sim.control.calls().map((c) => [c.service, c.operation, c.mutating, c.outcome]);
  assert.equal(calls, [
    ['sts', 'GetCallerIdentity', false, 'ok'],
    ['sts', 'AssumeRole', true, 'ok'],
  ]);
});

test.run();
