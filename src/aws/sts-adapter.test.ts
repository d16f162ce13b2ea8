/** The pre-flight's STS failures, each named with exit 2 and "nothing was changed". */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GitmoxiError } from '../errors.js';
import { preflightError } from './sts-adapter.js';

const named = (name: string, message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), { name, ...extra });

test('a refused connection, an unknown host and a timeout are E_AWS_UNREACHABLE', () => {
  const cases = [
    Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
    Object.assign(new Error('getaddrinfo ENOTFOUND sts.example'), { code: 'ENOTFOUND' }),
    named('TimeoutError', 'Connection timed out after 1000 ms'),
    new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:9'), { code: 'ECONNREFUSED' })], ''),
  ];
  for (const error of cases) {
    const mapped = preflightError(error, 'us-east-1') as GitmoxiError;
    assert.is(mapped.code, 'E_AWS_UNREACHABLE', error.message);
    assert.is(mapped.exitCode, 2);
    assert.match(mapped.message, /^cannot reach AWS in us-east-1 \(STS GetCallerIdentity: .*\); nothing was changed$/);
  }
});

test('AccessDenied and a disabled Region are E_AWS_REFUSED', () => {
  for (const name of ['AccessDenied', 'RegionDisabledException']) {
    const mapped = preflightError(named(name, 'no'), 'ap-east-1') as GitmoxiError;
    assert.equal([mapped.code, mapped.exitCode], ['E_AWS_REFUSED', 2]);
  }
});

test('unusable credentials keep their code and say that nothing was changed', () => {
  const mapped = preflightError(new GitmoxiError('E_AWS_CREDENTIALS', 'STS GetCallerIdentity: no usable AWS credentials (x)'), 'us-east-1') as GitmoxiError;
  assert.equal([mapped.code, mapped.message], ['E_AWS_CREDENTIALS', 'STS GetCallerIdentity: no usable AWS credentials (x) in us-east-1; nothing was changed']);
});

test('anything else passes through for the pre-flight to wrap', () => {
  const error = named('InternalFailure', 'boom');
  assert.is(preflightError(error, 'us-east-1'), error);
});

test.run();
