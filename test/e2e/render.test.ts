/**
 * `gitmoxi render`: files that do not parse are still shown, `--json` prints exactly one document, runaway
 * templates stop with the file named, warnings are shown.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../fakes/cli.js';
import { makeRepo, type FileTree } from '../fakes/temp-repo.js';

const secret = 'pg-Secret-7f3a9c';
const terraform = JSON.stringify({
  image: { value: 'nginx:1.27', type: 'string', sensitive: false },
  db_password: { value: secret, type: 'string', sensitive: true },
  role_arn: { value: 'arn:aws:iam::123456789012:role/api-exec', type: 'string', sensitive: false },
});

const svcdef = `{
  "cluster": "main",
  "serviceName": "api",
  "desiredCount": 1,
  "launchType": "FARGATE",
  "networkConfiguration": { "awsvpcConfiguration": { "subnets": ["subnet-a"] } }
}`;

/** A task definition whose fourth line is given by the test. */
const taskdef = (line4: string) => `{
  "family": "api",
  "cpu": "256",
${line4}
  "memory": "512",
  "requiresCompatibilities": ["FARGATE"],
  "networkMode": "awsvpc",
  "containerDefinitions": [{ "name": "api", "image": "{{ image }}", "essential": true,
    "environment": [{ "name": "DB_PASSWORD", "value": "{{ db_password }}" }] }]
}`;

const repoWith = (line4: string): FileTree => ({
  'infra/outputs.json': terraform,
  'apps/api_input.json': '{ "ref": { "file": ["infra/outputs.json"], "type": "TERRAFORM" } }',
  'apps/api_svcdef.json': svcdef,
  'apps/api_taskdef.json': taskdef(line4),
});

interface RenderDocument {
  files: { path: string; kind: string; json: boolean; text: string }[];
  problems: { code: string; location: { file: string; line?: number }; text: string }[];
  warnings: string[];
}

async function inRepo(files: FileTree, body: (dir: string) => Promise<void>): Promise<void> {
  const repo = await makeRepo([{ files }]);
  try {
    await body(repo.dir);
  } finally {
    await repo.cleanup();
  }
}

// A comma missing on a line that holds the secret: the JSON error quotes that line.
const brokenLine = `  "runtimePlatform": { "operatingSystemFamily": "LINUX" } "pidMode": "{{ db_password }}",`;

test('render --json prints one document holding the file that is not JSON and its problem (exit 2)', async () => {
  await inRepo(repoWith(brokenLine), async (dir) => {
    const result = await runCli(['render', 'apps/api', '--json'], { cwd: dir });
    assert.is(result.code, 2, result.stderr);
    const document = JSON.parse(result.stdout) as RenderDocument;
    assert.equal(
      document.files.map((f) => [f.path, f.json]),
      [
        ['apps/api_svcdef.json', true],
        ['apps/api_taskdef.json', false],
      ],
    );
    const taskdefText = document.files[1]?.text ?? '';
    assert.match(taskdefText, '"pidMode": "(sensitive)"');
    assert.equal(
      document.problems.map((p) => [p.code, p.location.file, p.location.line]),
      [['E_JSON_INVALID', 'apps/api_taskdef.json', 4]],
    );
    assert.match(result.stderr, 'apps/api_taskdef.json:4');
    for (const output of [result.stdout, result.stderr]) assert.not.ok(output.includes(secret), 'the secret was printed');
  });
});

test('render prints the text of a file that is not JSON, then its problem (exit 2)', async () => {
  await inRepo(repoWith(brokenLine), async (dir) => {
    const result = await runCli(['render', 'apps/api'], { cwd: dir });
    assert.is(result.code, 2, result.stderr);
    assert.match(result.stdout, '==> apps/api_taskdef.json <==\n{\n  "family": "api",');
    assert.match(result.stdout, '"operatingSystemFamily": "LINUX" } "pidMode": "(sensitive)",');
    assert.match(result.stderr, 'apps/api_taskdef.json:4:');
    assert.match(result.stderr, "invalid JSON: ',' expected");
    for (const output of [result.stdout, result.stderr]) assert.not.ok(output.includes(secret), 'the secret was printed');
  });
});

test('a runaway loop stops with exit 2, naming the file and line, in render and plan', async () => {
  await inRepo(repoWith('  "tags": [{% for i in range(100000000) %}"{{ i }}",{% endfor %}],'), async (dir) => {
    for (const args of [['render', 'apps/api'], ['render', 'apps/api', '--json'], ['plan']]) {
      const result = await runCli(args, { cwd: dir });
      assert.is(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, 'apps/api_taskdef.json:4:');
      assert.match(result.stderr, 'range() of 100,000,000 items');
    }
  });
});

test('nested loops that would run for hours stop at the step budget with exit 2, naming the file and line', async () => {
  await inRepo(repoWith('  "tags": [{% for i in range(100000) %}{% for j in range(100000) %}"{{ j }}",{% endfor %}{% endfor %}],'), async (dir) => {
    const result = await runCli(['render', 'apps/api', '--json'], { cwd: dir });
    assert.is(result.code, 2, result.stderr);
    const document = JSON.parse(result.stdout) as RenderDocument;
    assert.equal(
      document.problems.map((p) => [p.code, p.location.file, p.location.line]),
      [['E_RENDER_LIMIT', 'apps/api_taskdef.json', 4]],
    );
    assert.match(result.stderr, 'template takes more than 2,000,000 evaluation steps to render');
  });
});

test('a placeholder left in a value is a warning in render and render --json, exit 0', async () => {
  await inRepo(repoWith('  "executionRoleArn": "{execution_role_arn}}",'), async (dir) => {
    const warning = "apps/api_taskdef.json:4:3: executionRoleArn still holds '}}' after rendering";
    const text = await runCli(['render', 'apps/api'], { cwd: dir });
    assert.is(text.code, 0, text.stderr);
    assert.match(text.stderr, `warning: ${warning}`);
    const json = await runCli(['render', 'apps/api', '--json'], { cwd: dir });
    assert.is(json.code, 0, json.stderr);
    const document = JSON.parse(json.stdout) as RenderDocument;
    assert.is(document.warnings.length, 1);
    assert.match(document.warnings[0] ?? '', warning);
  });
});

test('a valid unit renders as JSON files with no problems (exit 0)', async () => {
  await inRepo(repoWith('  "executionRoleArn": "{{ role_arn }}",'), async (dir) => {
    const result = await runCli(['render', 'apps/api', '--json'], { cwd: dir });
    assert.is(result.code, 0, result.stderr);
    const document = JSON.parse(result.stdout) as RenderDocument;
    assert.equal(
      document.files.map((f) => [f.path, f.kind, f.json]),
      [
        ['apps/api_svcdef.json', 'svcdef', true],
        ['apps/api_taskdef.json', 'taskdef', true],
      ],
    );
    assert.equal([document.problems, document.warnings], [[], []]);
    assert.match(document.files[1]?.text ?? '', '"executionRoleArn": "arn:aws:iam::123456789012:role/api-exec"');
    assert.is(result.stderr, '');
  });
});

test.run();
