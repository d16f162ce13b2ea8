/**
 * Waits, in real time, until `condition` holds: for a test that acts on a gitmoxi process at a given moment
 * (kill it once UpdateService went out). The limit only keeps a broken test from hanging the suite: it is minutes,
 * so that a process that starts slowly on a busy machine is still waited for.
 */
import { setTimeout as delay } from 'node:timers/promises';

const LIMIT_MS = 180_000;
const EVERY_MS = 10;

export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + LIMIT_MS;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await delay(EVERY_MS);
  }
  throw new Error(`gave up waiting for ${what} after ${LIMIT_MS / 1000} s`);
}
