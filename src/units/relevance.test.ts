import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { FileChange } from '../git/changes.js';
import { groupUnits } from './group.js';
import { findAffectedUnits, type RelevanceInput } from './relevance.js';

const web = ['apps/web/web_svcdef.json', 'apps/web/web_taskdef.json', 'apps/web/web_depdef.json', 'apps/web/web_input.json'];
const fn = ['fns/hello/hello_lambdadef.json', 'fns/hello/hello_lambdadepdef.json', 'fns/hello/hello_lambdainput.json'];

function affected(changes: FileChange[], before: string[], after: string[], extra: Partial<RelevanceInput> = {}) {
  return findAffectedUnits({ changes, before: groupUnits(before), after: groupUnits(after), refsAfter: new Map(), ...extra }).map(
    (u) => `${u.prefix}:${u.action}:${u.reason}`,
  );
}

const cases: [string, FileChange[], string[], string[], string[]][] = [
  ['taskdef edit deploys', [{ status: 'modified', path: 'apps/web/web_taskdef.json' }], web, web, ['apps/web/web:deploy:modified']],
  ['input edit deploys', [{ status: 'modified', path: 'apps/web/web_input.json' }], web, web, ['apps/web/web:deploy:modified']],
  ['depdef alone is settings only', [{ status: 'modified', path: 'apps/web/web_depdef.json' }], web, web, ['apps/web/web:settings-only:settings-changed']],
  [
    'depdef with svcdef deploys',
    [
      { status: 'modified', path: 'apps/web/web_depdef.json' },
      { status: 'modified', path: 'apps/web/web_svcdef.json' },
    ],
    web,
    web,
    ['apps/web/web:deploy:modified'],
  ],
  [
    'lambdadepdef alone is settings only',
    [{ status: 'modified', path: 'fns/hello/hello_lambdadepdef.json' }],
    fn,
    fn,
    ['fns/hello/hello:settings-only:settings-changed'],
  ],
  ['lambdainput edit deploys', [{ status: 'modified', path: 'fns/hello/hello_lambdainput.json' }], fn, fn, ['fns/hello/hello:deploy:modified']],
  ['new unit is added', web.map((path) => ({ status: 'added' as const, path })), [], web, ['apps/web/web:deploy:added']],
  ['svcdef deleted deletes', [{ status: 'deleted', path: 'apps/web/web_svcdef.json' }], web, web.slice(1), ['apps/web/web:delete:deleted']],
  ['lambdadef deleted deletes', fn.map((path) => ({ status: 'deleted' as const, path })), fn, [], ['fns/hello/hello:delete:deleted']],
  ['depdef without svcdef is not deployable', [{ status: 'added', path: 'x/y_depdef.json' }], [], ['x/y_depdef.json'], ['x/y:not-deployable:incomplete']],
  [
    'other files are ignored',
    [
      { status: 'modified', path: 'README.md' },
      { status: 'added', path: 'a/b_svcdef.json.sample' },
    ],
    web,
    web,
    [],
  ],
  [
    'folder rename: old deleted, new added',
    web.map((path) => ({ status: 'renamed' as const, oldPath: path, path: path.replace('apps/web/', 'apps/www/') })),
    web,
    web.map((p) => p.replace('apps/web/', 'apps/www/')),
    ['apps/web/web:delete:deleted', 'apps/www/web:deploy:added'],
  ],
  [
    'depdef added to an existing unit is settings only',
    [{ status: 'added', path: 'fns/hello/hello_lambdadepdef.json' }],
    fn.filter((p) => !p.endsWith('depdef.json')),
    fn,
    ['fns/hello/hello:settings-only:settings-changed'],
  ],
];

for (const [name, changes, before, after, expected] of cases) {
  test(name, () => {
    assert.equal(affected(changes, before, after), expected);
  });
}

test('a changed ref file redeploys the units whose input reads it', () => {
  const changes: FileChange[] = [{ status: 'modified', path: 'infra/terraform_output.json' }];
  const refsAfter = new Map([
    ['apps/web/web', ['infra/terraform_output.json']],
    ['fns/hello/hello', ['infra/other.json']],
  ]);
  const result = findAffectedUnits({ changes, before: groupUnits([...web, ...fn]), after: groupUnits([...web, ...fn]), refsAfter });
  assert.equal(
    result.map((u) => [u.prefix, u.action, u.reason, u.changedRefs]),
    [['apps/web/web', 'deploy', 'ref-changed', ['infra/terraform_output.json']]],
  );
});

test('--force deploys unchanged units and never resurrects deleted ones', () => {
  const result = findAffectedUnits({
    changes: [],
    before: groupUnits([...web, ...fn]),
    after: groupUnits(web),
    refsAfter: new Map(),
    forced: new Set(['apps/web/web']),
  });
  assert.equal(
    result.map((u) => `${u.prefix}:${u.action}:${u.reason}`),
    ['apps/web/web:deploy:forced'],
  );
});

test('lambdadepdef is not mistaken for an ECS depdef', () => {
  const units = groupUnits(['f/a_lambdadepdef.json', 'f/a_lambdadef.json', 's/b_depdef.json']);
  assert.equal(units.get('f/a')?.files, { lambdadepdef: 'f/a_lambdadepdef.json', lambdadef: 'f/a_lambdadef.json' });
  assert.equal(units.get('f/a')?.platforms, ['lambda']);
  assert.equal(units.get('s/b')?.files, { depdef: 's/b_depdef.json' });
});

test.run();
