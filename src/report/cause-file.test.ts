import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makeRepo } from '../../test/fakes/temp-repo.js';
import type { Plan } from '../plan/types.js';
import { causeFile, causeTargets, firstChangedLine } from './cause-file.js';

test('causeFile: the changed input before the taskdef, the taskdef before the svcdef', () => {
  const changed = (...kinds: string[]) => kinds.map((kind) => ({ path: `a/a_${kind}.json`, status: 'modified' as const, kind: kind as 'svcdef' }));
  assert.equal(causeFile({ changedFiles: changed('svcdef', 'taskdef', 'input'), changedRefs: [] }), { path: 'a/a_input.json', added: false });
  assert.equal(causeFile({ changedFiles: changed('svcdef', 'taskdef'), changedRefs: [] }), { path: 'a/a_taskdef.json', added: false });
  assert.equal(causeFile({ changedFiles: changed('svcdef'), changedRefs: ['infra/out.json'] }), { path: 'infra/out.json', added: false });
  assert.is(causeFile({ changedFiles: [], changedRefs: [] }), null);
});

test('firstChangedLine and causeTargets: the line of the image bump in the input file', async () => {
  const input = (image: string) => `{\n  "ref": {"file": ["infra/out.json"], "type": "TERRAFORM"},\n  "cpu": 256,\n  "image": "${image}"\n}\n`;
  const repo = await makeRepo([
    { files: { 'apps/web/web_input.json': input('nginx:1.26'), 'apps/web/web_svcdef.json': '{}\n' } },
    { files: { 'apps/web/web_input.json': input('nginx:1.27') } },
  ]);
  try {
    const [from, to] = repo.shas;
    assert.is(await firstChangedLine(repo.dir, from ?? '', to ?? '', 'apps/web/web_input.json'), 4);
    const plan = {
      repo: repo.dir,
      from,
      to,
      units: [{ prefix: 'apps/web/web', changedFiles: [{ path: 'apps/web/web_input.json', status: 'modified', kind: 'input' }], changedRefs: [] }],
    } as unknown as Plan;
    const targets = await causeTargets(plan, ['apps/web/web', 'apps/api/api'], new Map([['apps/api/api', ['apps/api/api_svcdef.json']]]));
    assert.equal(targets.get('apps/web/web'), { file: 'apps/web/web_input.json', line: 4 });
    assert.equal(targets.get('apps/api/api'), { file: 'apps/api/api_svcdef.json' });
  } finally {
    await repo.cleanup();
  }
});

test.run();
