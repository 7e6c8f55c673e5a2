import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomically } from '../../../src/core/common/atomicFile';
import { saveProblemOf } from '../../../src/editor/index/saveProblem';

describe('saveProblemOf: why the index file could not be kept', () => {
  it('reads the file system code that leads the worker\'s message', () => {
    assert.equal(saveProblemOf(new Error('ENOSPC: no space left on device, write')), 'disk-full');
    assert.equal(saveProblemOf(new Error("EACCES: permission denied, open '/s/index/passages.ovx.1.tmp'")), 'read-only');
    assert.equal(saveProblemOf(new Error("EROFS: read-only file system, open '/s/x'")), 'read-only');
    assert.equal(saveProblemOf(new Error("EISDIR: illegal operation on a directory, rename '/s/a.tmp' -> '/s/a'")), 'folder-in-the-way');
  });

  it('says nothing of other failures (a cancelled run, a worker that stopped, a code in the middle of a sentence)', () => {
    assert.equal(saveProblemOf(new Error('The index operation was cancelled')), undefined);
    assert.equal(saveProblemOf(new Error('the index worker stopped (exit code 1)')), undefined);
    assert.equal(saveProblemOf(new Error('could not read notes: ENOSPC: no space left')), undefined);
    assert.equal(saveProblemOf(new Error('ECONNREFUSED: the host refused')), undefined);
    assert.equal(saveProblemOf('ENOSPC: as a string'), 'disk-full');
  });

  it('knows the error a real save gets when a folder stands where the index file goes', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ownvoice-save-problem-'));
    try {
      const file = path.join(dir, 'passages.ovx');
      await fs.mkdir(file);
      await fs.writeFile(path.join(file, 'inside'), 'x');
      const error = await writeFileAtomically(file, new Uint8Array([1, 2, 3])).then(() => undefined, (e: unknown) => e);
      assert.ok(error, 'the save failed');
      // Passed through the worker as its message only, as WritingIndex does.
      assert.equal(saveProblemOf(new Error((error as Error).message)), 'folder-in-the-way', (error as Error).message);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
