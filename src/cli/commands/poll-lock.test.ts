import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { acquirePollLock, lockFileName } from './poll-lock.js';

test('one holder at a time; released, it can be taken again', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gitmoxi-lock-'));
  try {
    const first = await acquirePollLock(dir);
    assert.ok(first.acquired);
    assert.is((await readFile(join(dir, lockFileName), 'utf8')).trim(), String(process.pid));
    const second = await acquirePollLock(dir);
    assert.equal(second.acquired ? null : second.ownerPid, process.pid);
    if (first.acquired) await first.lock.release();
    const third = await acquirePollLock(dir);
    assert.ok(third.acquired);
    if (third.acquired) await third.lock.release();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a lock left by a process that is gone is taken over', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gitmoxi-lock-'));
  try {
    await writeFile(join(dir, lockFileName), '999999\n');
    const attempt = await acquirePollLock(dir);
    assert.ok(attempt.acquired);
    if (attempt.acquired) await attempt.lock.release();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
