/**
 * One poll at a time per repository on one machine: an exclusive lock file in the git directory holding the
 * owner's pid. Cron can start a run while the last one is still deploying; the second run then steps aside.
 * A lock whose process is gone (a crash, a killed container) is taken over.
 */
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { recordOf } from '../../is-record.js';

interface PollLock {
  path: string;
  release(): Promise<void>;
}

export type LockAttempt = { acquired: true; lock: PollLock } | { acquired: false; path: string; ownerPid: number };

export const lockFileName = 'gitmoxi-poll.lock';

export async function acquirePollLock(gitDir: string): Promise<LockAttempt> {
  const path = join(gitDir, lockFileName);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return { acquired: true, lock: { path, release: () => rm(path, { force: true }) } };
    } catch (error) {
      if (errnoCode(error) !== 'EEXIST') throw error;
      const ownerPid = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(ownerPid) && ownerPid > 0 && processAlive(ownerPid)) return { acquired: false, path, ownerPid };
      await rm(path, { force: true });
    }
  }
  return { acquired: false, path, ownerPid: 0 };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return errnoCode(error) === 'EPERM';
  }
}

/** The errno code of a Node.js system error (`EEXIST`, `EPERM`, ...); undefined for anything else. */
function errnoCode(error: unknown): string | undefined {
  const code = recordOf(error).code;
  return typeof code === 'string' ? code : undefined;
}
