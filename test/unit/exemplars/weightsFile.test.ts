import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_WEIGHTS } from '../../../src/core/exemplars/scorer';
import { loadSavedWeights, saveWeights } from '../../../src/core/exemplars/weightsFile';

describe('saved calibration weights', () => {
  let dir: string;
  beforeEach(async () => (dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ownvoice-weights-'))));
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('reads back what was saved, and says why it cannot (never calibrated, damaged, a folder in its place)', async () => {
    const file = path.join(dir, 'exemplar-weights.json');
    assert.deepEqual(await loadSavedWeights(file), { problem: 'never-calibrated', detail: 'no saved weights' });
    await saveWeights(file, { ...DEFAULT_WEIGHTS, origin: 'mine' });
    assert.equal((await loadSavedWeights(file) as { weights: { origin: string } }).weights.origin, 'mine');
    await fs.writeFile(file, '{"version": 1, "bias": ');
    assert.equal((await loadSavedWeights(file) as { problem: string }).problem, 'damaged');
    await fs.rm(file);
    await fs.mkdir(file);
    assert.equal((await loadSavedWeights(file) as { problem: string }).problem, 'unreadable');
  });

  it('keeps the previous weights whole when the disk is full during a save (found by the soak run)', async function () {
    const mount = path.join(dir, 'full');
    await fs.mkdir(mount);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', mount], { stdio: 'ignore' });
    } catch {
      return this.skip(); // needs root to mount a small file system
    }
    try {
      const file = path.join(mount, 'exemplar-weights.json');
      await saveWeights(file, { ...DEFAULT_WEIGHTS, origin: 'before' });
      const filler = await fs.open(path.join(mount, 'filler'), 'w');
      await filler.write(Buffer.alloc(64 * 1024)).catch(() => undefined);
      await filler.close();
      await assert.rejects(saveWeights(file, { ...DEFAULT_WEIGHTS, origin: 'after'.repeat(2000) }));
      assert.equal((await loadSavedWeights(file) as { weights: { origin: string } }).weights.origin, 'before');
      assert.deepEqual((await fs.readdir(mount)).filter((n) => n.endsWith('.tmp')), [], 'no half-written temporary file left');
    } finally {
      execFileSync('umount', ['-l', mount]);
    }
  });
});
