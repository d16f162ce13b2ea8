import { utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makeRepo } from '../../test/fakes/temp-repo.js';
import { runGit } from './git.js';
import { workingTreeCommit } from './working-tree.js';

test('an edit of the same size, made in the second the index was written, is in the working-tree commit', async () => {
  const repo = await makeRepo([{ files: { 'web_input.json': '{"image":"nginx:1.27"}' } }]);
  try {
    const file = join(repo.dir, 'web_input.json');
    const then = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    // The index entry, the index file and the edited file all carry one mtime, and ctime is not compared (it cannot
    // be set): as when CI edits a file in the second of the last `git add` and plans a second later. Only git's
    // racy-entry rule can notice the edit then.
    await repo.git(['config', 'core.trustctime', 'false']);
    await utimes(file, then, then);
    await repo.git(['add', 'web_input.json']);
    await utimes(join(repo.dir, '.git', 'index'), then, then);
    await writeFile(file, '{"image":"nginx:1.28"}');
    await utimes(file, then, then);
    const commit = await workingTreeCommit(repo.dir);
    const shown = await runGit(repo.dir, ['show', `${commit}:web_input.json`]);
    assert.is(shown.trim(), '{"image":"nginx:1.28"}');
  } finally {
    await repo.cleanup();
  }
});

test.run();
