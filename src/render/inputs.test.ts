import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GitmoxiError, type ErrorCode } from '../errors.js';
import { resolveInputs, type ReadRepoFile } from './inputs.js';
import { renderTemplate } from './template.js';

/** A repository at one commit: path → text. Records which paths were read. */
function repo(files: Record<string, unknown>): ReadRepoFile & { reads: string[] } {
  const reads: string[] = [];
  const read = async (path: string): Promise<string | null> => {
    reads.push(path);
    const content = files[path];
    if (content === undefined) return null;
    return typeof content === 'string' ? content : JSON.stringify(content, null, 2);
  };
  return Object.assign(read, { reads });
}

const input = (value: unknown, path = 'apps/web/web_input.json') => ({ path, text: JSON.stringify(value, null, 2) });

async function failure(run: () => Promise<unknown>): Promise<GitmoxiError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof GitmoxiError) return error;
    throw error;
  }
  throw new Error('expected a GitmoxiError');
}

const terraformOutput = {
  cluster_name: { sensitive: false, type: 'string', value: 'gitmoxidemo' },
  private_subnets: { sensitive: false, type: ['tuple', ['string', 'string']], value: ['subnet-a', 'subnet-b'] },
  target_group_arns: { sensitive: false, type: ['object', { 'blue-tg': 'string' }], value: { 'blue-tg': 'arn:blue', 'green-tg': 'arn:green' } },
  db_password: { sensitive: true, type: 'string', value: 'hunter2-and-more' },
  db_settings: { sensitive: true, type: ['object', {}], value: { user: 'admin-user', port: 5432, tls: true, hosts: ['db-1.internal'] } },
};

test('no input file: no variables', async () => {
  assert.equal(await resolveInputs(null, repo({})), { variables: {}, sensitiveValues: [], refFiles: [], legacyKeys: [], problems: [] });
});

test('inline keys are variables; ref is not', async () => {
  const resolved = await resolveInputs(input({ image: 'nginx:1.27', replicas: 2 }), repo({}));
  assert.equal(resolved.variables, { image: 'nginx:1.27', replicas: 2 });
  assert.equal(resolved.refFiles, []);
});

test('TERRAFORM: each output is a variable with its structure; sensitive values are collected', async () => {
  const files = repo({ 'infra/terraform_output.json': terraformOutput });
  const resolved = await resolveInputs(input({ ref: { file: ['infra/terraform_output.json'], type: 'TERRAFORM' } }), files);
  assert.is(resolved.variables.cluster_name, 'gitmoxidemo');
  assert.equal(resolved.variables.private_subnets, ['subnet-a', 'subnet-b']);
  assert.equal(resolved.variables.target_group_arns, { 'blue-tg': 'arn:blue', 'green-tg': 'arn:green' });
  assert.equal(resolved.sensitiveValues.sort(), ['5432', 'admin-user', 'db-1.internal', 'hunter2-and-more']);
  assert.equal(resolved.refFiles, ['infra/terraform_output.json']);
  const rendered = renderTemplate('{"subnets": {{ private_subnets | tojson }}, "tg": "{{ target_group_arns[\'blue-tg\'] }}"}', resolved.variables, 'f');
  assert.is(rendered, '{"subnets": ["subnet-a", "subnet-b"], "tg": "arn:blue"}');
});

test('CDK: stacks with attribute access; JSON arrays and objects in outputs are decoded', async () => {
  const cdk = { NetworkStack: { VpcId: 'vpc-1', SubnetIds: '["subnet-a","subnet-b"]', Tags: '{"team": "web"}', Note: '[not json' } };
  const resolved = await resolveInputs(input({ ref: { file: 'cdk-outputs.json', type: 'CDK' } }), repo({ 'cdk-outputs.json': cdk }));
  assert.equal(resolved.variables.NetworkStack, { VpcId: 'vpc-1', SubnetIds: ['subnet-a', 'subnet-b'], Tags: { team: 'web' }, Note: '[not json' });
  assert.is(renderTemplate('{{ NetworkStack.VpcId }} {{ NetworkStack.SubnetIds | tojson }}', resolved.variables, 'f'), 'vpc-1 ["subnet-a", "subnet-b"]');
  // Printed whole, a decoded output shows its text as written, as under GitMoxi (which does not decode).
  const printed = renderTemplate('"subnets": {{ NetworkStack.SubnetIds }}, {{ NetworkStack.SubnetIds[1] }}', resolved.variables, 'f');
  assert.is(printed, '"subnets": ["subnet-a","subnet-b"], subnet-b');
  assert.equal(resolved.sensitiveValues, []);
});

test('JSON: each key of the object is a variable', async () => {
  const files = repo({ 'shared/values.json': { a: 1, b: { c: [true] } } });
  const resolved = await resolveInputs(input({ ref: { file: ['shared/values.json'], type: 'JSON' } }), files);
  assert.equal(resolved.variables, { a: 1, b: { c: [true] } });
});

test('a single string file is accepted', async () => {
  const resolved = await resolveInputs(input({ ref: { file: 'v.json', type: 'JSON' } }), repo({ 'v.json': { a: 1 } }));
  assert.equal(resolved.variables, { a: 1 });
  assert.equal(resolved.refFiles, ['v.json']);
});

test('several files merge in order (later wins); inline keys win over every ref', async () => {
  const files = repo({ 'one.json': { region: 'us-east-1', a: 'one', b: 'one' }, 'two.json': { a: 'two', c: 'two' } });
  const resolved = await resolveInputs(input({ ref: { file: ['one.json', 'two.json'], type: 'JSON' }, b: 'inline', region: 'eu-west-1' }), files);
  assert.equal(resolved.variables, { region: 'eu-west-1', a: 'two', b: 'inline', c: 'two' });
  assert.equal(files.reads, ['one.json', 'two.json']);
  assert.equal(resolved.refFiles, ['one.json', 'two.json']);
});

test('ref paths are normalised before they are read', async () => {
  const files = repo({ 'infra/out.json': { a: 1 } });
  const resolved = await resolveInputs(input({ ref: { file: ['./infra//out.json', 'apps/../infra/./out.json'], type: 'JSON' } }), files);
  // Both spellings are one file, read and parsed once.
  assert.equal(files.reads, ['infra/out.json']);
  assert.equal(resolved.refFiles, ['infra/out.json']);
});

test('a ref cache shared across units parses each ref file once per commit', async () => {
  const files = repo({ 'tf.json': { subnet: { value: 'subnet-1', type: 'string', sensitive: false } } });
  const cache = new Map();
  const refInput = input({ ref: { file: 'tf.json', type: 'TERRAFORM' }, image: 'x' });
  const first = await resolveInputs(refInput, files, cache);
  const second = await resolveInputs(refInput, files, cache);
  assert.equal(files.reads, ['tf.json']);
  assert.equal(second.variables, first.variables);
  assert.equal(second.variables, { subnet: 'subnet-1', image: 'x' });
});

for (const path of ['../secrets.json', 'a/../../b.json', '/etc/passwd', 'infra/../../../x.json', '\\\\server\\share.json', 'C:/x.json']) {
  test(`a path that leaves the repository is refused: ${path}`, async () => {
    const files = repo({});
    const error = await failure(() => resolveInputs(input({ ref: { file: ['ok.json', path], type: 'JSON' } }), files));
    assert.is(error.code, 'E_INPUT_REF_ESCAPES_REPO');
    assert.ok(error.message.includes(path) && error.message.includes('apps/web/web_input.json'), error.message);
    assert.is(error.location?.file, 'apps/web/web_input.json');
    assert.is(error.location?.line, 5);
  });
}

test('a missing ref file names itself and the input file', async () => {
  const error = await failure(() => resolveInputs(input({ ref: { file: ['infra/missing.json'], type: 'TERRAFORM' } }), repo({})));
  assert.is(error.code, 'E_INPUT_REF_MISSING');
  assert.match(error.message, /infra\/missing\.json.*apps\/web\/web_input\.json/);
  assert.is(error.location?.file, 'apps/web/web_input.json');
});

const wrongShapes: [string, 'TERRAFORM' | 'CDK' | 'JSON', unknown, RegExp][] = [
  ['a CDK file declared TERRAFORM', 'TERRAFORM', { Stack: { Out: 'x' } }, /output 'Stack'.*CDK/],
  ['a list declared TERRAFORM', 'TERRAFORM', ['x'], /an array/],
  ['a non-boolean sensitive flag', 'TERRAFORM', { a: { value: 1, sensitive: 'yes' } }, /"sensitive" of output 'a'/],
  ['a TERRAFORM file declared CDK', 'CDK', terraformOutput, /output 'sensitive' of stack 'cluster_name' is a boolean.*TERRAFORM/],
  ['a stack that is not an object', 'CDK', { Stack: 'x' }, /stack 'Stack' must be an object/],
  ['a list declared JSON', 'JSON', [1, 2], /expected an object/],
];
for (const [name, type, content, message] of wrongShapes) {
  test(`wrong shape for the declared type: ${name}`, async () => {
    const error = await failure(() => resolveInputs(input({ ref: { file: ['infra/ref.json'], type } }), repo({ 'infra/ref.json': content })));
    assert.is(error.code, 'E_INPUT_REF_TYPE');
    assert.is(error.location?.file, 'infra/ref.json');
    assert.match(error.message, /^infra\/ref\.json is not a/);
    assert.match(error.message, message);
  });
}

test('a ref file that is not JSON is E_INPUT_REF_TYPE at its line', async () => {
  const error = await failure(() => resolveInputs(input({ ref: { file: ['out.json'], type: 'JSON' } }), repo({ 'out.json': '{\n  "a": 1,\n}' })));
  assert.is(error.code, 'E_INPUT_REF_TYPE');
  assert.equal([error.location?.file, error.location?.line], ['out.json', 3]);
});

const invalidInputs: [string, unknown, ErrorCode, RegExp][] = [
  ['a misspelt ref key', { ref: { files: ['a.json'], type: 'JSON' } }, 'E_INPUT_INVALID', /files/],
  ['an unknown ref type', { ref: { file: ['a.json'], type: 'YAML' } }, 'E_INPUT_INVALID', /ref\.type/],
  ['an empty file list', { ref: { file: [], type: 'JSON' } }, 'E_INPUT_INVALID', /ref\.file/],
  ['an empty path', { ref: { file: [''], type: 'JSON' } }, 'E_INPUT_INVALID', /ref\.file/],
  ['a ref that is not an object', { ref: 'a.json' }, 'E_INPUT_INVALID', /ref/],
  ['an input that is a list', ['a'], 'E_INPUT_INVALID', /object/],
];
for (const [name, value, code, message] of invalidInputs) {
  test(`invalid input file: ${name}`, async () => {
    const error = await failure(() => resolveInputs(input(value), repo({ 'a.json': {} })));
    assert.is(error.code, code);
    assert.is(error.location?.file, 'apps/web/web_input.json');
    assert.match([error.message, ...error.problems.map((p) => p.message)].join('\n'), message);
  });
}

test('an input file that is not JSON is E_INPUT_INVALID with line and column', async () => {
  const error = await failure(() => resolveInputs({ path: 'in.json', text: '{"a": 1,,}' }, repo({})));
  assert.is(error.code, 'E_INPUT_INVALID');
  assert.equal(error.location, { file: 'in.json', line: 1, column: 9 });
});

test('a key named __proto__ is an ordinary variable', async () => {
  const resolved = await resolveInputs({ path: 'in.json', text: '{"__proto__": {"polluted": true}, "a": 1}' }, repo({}));
  assert.equal(Object.keys(resolved.variables), ['__proto__', 'a']);
  assert.is((resolved.variables as { polluted?: unknown }).polluted, undefined);
});

test('floats written 1.0 in inputs and refs render as Python renders them', async () => {
  const files = repo({ 'v.json': '{"ratio": 2.0, "list": [1.0, 2]}' });
  const resolved = await resolveInputs({ path: 'in.json', text: '{"ref": {"file": "v.json", "type": "JSON"}, "cpu": 1.0}' }, files);
  assert.is(renderTemplate('{{ cpu }} {{ ratio }} {{ list }}', resolved.variables, 'f'), '1.0 2.0 [1.0, 2]');
});

const untyped: [string, unknown, string, Record<string, unknown>][] = [
  ['Terraform by its {value, type, sensitive} outputs', { cluster: { value: 'prod', type: 'string', sensitive: false } }, 'TERRAFORM', { cluster: 'prod' }],
  ['CDK by its stacks of string outputs', { Net: { VpcId: 'vpc-1', SubnetIds: '["subnet-a"]' } }, 'CDK', { Net: { VpcId: 'vpc-1', SubnetIds: ['subnet-a'] } }],
  [
    'plain JSON otherwise',
    { subnets: ['subnet-a'], execution_role_arn: 'arn:aws:iam::123456789012:role/x' },
    'JSON',
    { subnets: ['subnet-a'], execution_role_arn: 'arn:aws:iam::123456789012:role/x' },
  ],
  ['an empty object as JSON', {}, 'JSON', {}],
];
for (const [name, refFile, type, variables] of untyped) {
  test(`ref without type: ${name}, noted`, async () => {
    const resolved = await resolveInputs(input({ ref: { file: ['infra/out.json'] } }), repo({ 'infra/out.json': refFile }));
    assert.equal({ ...resolved.variables }, variables);
    assert.equal(resolved.legacyKeys, [
      { file: 'apps/web/web_input.json', key: `ref without type (infra/out.json read as ${type}, from its shape)`, modern: `"type": "${type}"` },
    ]);
  });
}

test('ref.file as a string is one file, noted; a written type is not', async () => {
  const resolved = await resolveInputs(input({ ref: { file: 'infra/out.json', type: 'JSON' } }), repo({ 'infra/out.json': { a: 1 } }));
  assert.equal(resolved.variables, { a: 1 });
  assert.equal(resolved.legacyKeys, [{ file: 'apps/web/web_input.json', key: 'ref.file as a string', modern: '"file": ["infra/out.json"]' }]);
});

test('a key written twice in an input file is refused together with its schema problems', async () => {
  const text = '{\n  "image": "nginx:1",\n  "image": "nginx:2",\n  "ref": {"file": [], "type": "JSON"}\n}';
  const error = await failure(() => resolveInputs({ path: 'apps/web/web_input.json', text }, repo({})));
  assert.is(error.code, 'E_JSON_DUPLICATE_KEY');
  assert.equal(error.location, { file: 'apps/web/web_input.json', line: 3, column: 3 });
  assert.match(error.message, "key 'image' is written twice in one object, on lines 2 and 3");
  assert.equal(
    error.problems.map((p) => p.message),
    ['ref.file: must not be empty'],
  );
});

test('keys written twice in a valid input and its ref file are problems, and the variables still resolve (the last wins)', async () => {
  const text = '{\n  "ref": {"file": ["infra/out.json"], "type": "JSON"},\n  "image": "nginx:1",\n  "image": "nginx:2"\n}';
  const cache = new Map();
  const read = repo({ 'infra/out.json': '{"a": 1,\n "a": 2}' });
  const resolved = await resolveInputs({ path: 'apps/web/web_input.json', text }, read, cache);
  assert.equal(resolved.variables, { a: 2, image: 'nginx:2' });
  const where = (r: typeof resolved) => r.problems.map((p) => `${p.code} ${p.location.file}:${p.location.line}:${p.location.column}`);
  assert.equal(where(resolved), ['E_JSON_DUPLICATE_KEY apps/web/web_input.json:4:3', 'E_JSON_DUPLICATE_KEY infra/out.json:2:2']);
  // A second unit reading the same ref file from the cache is told too.
  const again = await resolveInputs(input({ ref: { file: ['infra/out.json'], type: 'JSON' } }), read, cache);
  assert.equal(where(again), ['E_JSON_DUPLICATE_KEY infra/out.json:2:2']);
});

test.run();
