import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Clock } from '../../clock.js';
import type { UnitContext, UnitEvent } from '../context.js';
import type { LambdaFunctionState, LambdaVersionState } from '../ports/lambda-port.js';
import type { RegionPorts } from '../ports/region-ports.js';
import { conflictAttempts, waitForVersionReady, withConflictRetry } from './function-waits.js';
import { PortError } from '../port-error.js';

/** A clock whose sleeps pass at once, moving its time: waits run through without real time. */
function instantClock(): Clock {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  };
}

function context(lambda: Partial<RegionPorts['lambda']>, events: UnitEvent[] = []): UnitContext {
  return {
    planned: { prefix: 'functions/hello/hello' } as UnitContext['planned'],
    commit: 'c0ffee',
    ports: { lambda } as RegionPorts,
    clock: instantClock(),
    signal: new AbortController().signal,
    emit: (event) => events.push(event),
  };
}

const active = { functionName: 'hello', state: 'Active', lastUpdateStatus: 'Successful' } as LambdaFunctionState;

function conflict(): Error {
  return new PortError('An update is in progress for resource: hello', {
    kind: 'conflict',
    operation: 'Lambda UpdateFunctionCode',
    awsName: 'ResourceConflictException',
  });
}

test('a change answered ResourceConflictException waits for the function and is tried again', async () => {
  const events: UnitEvent[] = [];
  let calls = 0;
  const ctx = context({ describeFunction: async () => active }, events);
  const result = await withConflictRetry(ctx, 'hello', async () => {
    calls += 1;
    if (calls < 3) throw conflict();
    return 'done';
  });
  assert.equal([result, calls, events.length], ['done', 3, 2]);
});

test('the retry is bounded, and other errors are not retried', async () => {
  let calls = 0;
  const ctx = context({ describeFunction: async () => active });
  try {
    await withConflictRetry(ctx, 'hello', async () => {
      calls += 1;
      throw conflict();
    });
    assert.unreachable();
  } catch (error) {
    assert.is((error as Error).name, 'ResourceConflictException');
  }
  assert.is(calls, conflictAttempts);
  calls = 0;
  try {
    await withConflictRetry(ctx, 'hello', async () => {
      calls += 1;
      throw new Error('AccessDeniedException');
    });
  } catch {
    // expected
  }
  assert.is(calls, 1);
});

test('readiness: Pending then Active is ready; Failed fails at once; still Pending at the end says how long', async () => {
  const sequence = (states: string[]) => {
    let index = 0;
    return async (): Promise<LambdaVersionState> => ({
      version: '2',
      functionArn: 'arn',
      codeSha256: 'x',
      state: states[Math.min(index++, states.length - 1)] as string,
    });
  };
  const settings = { waitInterval: 10, maxRetries: 5 };
  assert.equal(await waitForVersionReady(context({ describeVersion: sequence(['Pending', 'Pending', 'Active']) }), 'hello', '2', settings), { kind: 'ready' });
  const failed = await waitForVersionReady(context({ describeVersion: sequence(['Pending', 'Failed']) }), 'hello', '2', settings);
  assert.is(failed.kind, 'failed');
  const pending = await waitForVersionReady(context({ describeVersion: sequence(['Pending']) }), 'hello', '2', settings);
  assert.equal(pending, { kind: 'failed', reason: 'version 2 of hello was not Active after 50 s (still Pending)' });
});

test.run();
