import { execa } from 'execa';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { memoryStream } from '../../test/fixtures/events/replay.js';
import { GitmoxiError } from '../errors.js';
import { safeOutput } from '../report/safe-output.js';
import { completionScript } from './completion.js';
import { buildProgram } from './program.js';

function program() {
  const io = safeOutput({ stdout: memoryStream(), stderr: memoryStream(), env: {}, cwd: '.', signal: new AbortController().signal }, { maskTo: 'stdout' });
  return buildProgram(io, '0.0.0', { exitCode: 0 });
}

/** What bash offers for the words typed so far (the last one being completed), with the script sourced. */
async function bashCompletes(...words: string[]): Promise<string[]> {
  const script = `${completionScript('bash', program())}
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _gitmoxi; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const result = await execa('bash', ['--noprofile', '--norc', '-c', script]);
  return String(result.stdout)
    .split('\n')
    .filter((line) => line !== '');
}

test("bash: command names, then that command's flags and the global ones", async () => {
  assert.equal(await bashCompletes('gitmoxi', 'pl'), ['plan']);
  assert.equal(await bashCompletes('gitmoxi', 'deploy', '--con'), ['--concurrency', '--config']);
  assert.equal(await bashCompletes('gitmoxi', 'status', '--end'), ['--endpoint-url']);
  assert.equal(await bashCompletes('gitmoxi', 'completion', '--he'), ['--help']);
});

test("bash: a global flag's value is not taken for the command", async () => {
  assert.equal(await bashCompletes('gitmoxi', '--repo', 'x', 'ro'), ['rollback']);
  assert.equal(await bashCompletes('gitmoxi', '--repo', ''), []);
});

test('zsh and fish: every command and its flags are in the script', () => {
  for (const shell of ['zsh', 'fish']) {
    const script = completionScript(shell, program());
    for (const name of ['plan', 'deploy', 'rehearse', 'render', 'status', 'diff', 'init', 'verify', 'poll', 'rollback', 'sim', 'demo', 'completion'])
      assert.ok(script.includes(name), `${shell}: ${name}`);
    assert.ok(script.includes(shell === 'zsh' ? "'--busy-timeout[" : '-l busy-timeout -r'), `${shell}: deploy's --busy-timeout`);
  }
});

test('an unknown shell is a usage error naming the shells', () => {
  try {
    completionScript('powershell', program());
    assert.unreachable();
  } catch (error) {
    assert.instance(error, GitmoxiError);
    assert.is((error as GitmoxiError).code, 'E_USAGE');
    assert.match((error as GitmoxiError).hint, 'bash, zsh, fish');
  }
});

test("every command's help lists the global options, examples and exit codes", async () => {
  const root = program();
  for (const command of root.commands) {
    const out = memoryStream();
    command.configureOutput({ writeOut: (s) => out.write(s) });
    command.outputHelp();
    const text = out.text();
    for (const wanted of ['Global Options:', '--endpoint-url', '--json', '--repo', 'Examples:', 'Exit codes:']) {
      assert.ok(text.includes(wanted), `${command.name()} --help lacks ${wanted}`);
    }
  }
});

test.run();
