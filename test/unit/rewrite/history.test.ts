import * as assert from 'node:assert/strict';
import { mkdtemp, rm, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PreferencePairFile, rememberInstruction, type PreferencePair } from '../../../src/core/rewrite/history';

const pair = (chosen: string): PreferencePair => ({
  at: '2026-01-01T00:00:00.000Z', presetId: 'builtin:shorter', instruction: '', model: 'm', format: 'markdown',
  original: 'The original.', chosen, rejected: 'The other.',
});

describe('rewrite history', () => {
  it('puts the latest instruction first without duplicates and keeps a bounded list', () => {
    let recent: string[] = [];
    for (const i of ['a', 'b', 'c', 'B ', 'd']) recent = rememberInstruction(recent, i, 3);
    assert.deepEqual(recent, ['d', 'B', 'c']);
    assert.deepEqual(rememberInstruction(recent, '   '), recent);
  });

  describe('preference pairs', () => {
    let dir: string;
    beforeEach(async () => (dir = await mkdtemp(path.join(tmpdir(), 'ownvoice-pairs-'))));
    afterEach(() => rm(dir, { recursive: true, force: true }));

    it('records pairs one a line and reads them back, skipping a damaged line', async () => {
      const file = new PreferencePairFile(path.join(dir, 'nested', 'pairs.jsonl'));
      assert.deepEqual(await file.readAll(), []);
      await file.record(pair('First pick.'));
      await appendFile(file.file, '{"broken\n');
      await file.record(pair('Second pick.'));
      assert.deepEqual((await file.readAll()).map((p) => p.chosen), ['First pick.', 'Second pick.']);
    });

    it('starts a new line after a write that was cut short, so the next pair is not lost with it', async () => {
      const file = new PreferencePairFile(path.join(dir, 'pairs.jsonl'));
      await file.record(pair('First pick.'));
      await appendFile(file.file, JSON.stringify(pair('Cut short.')).slice(0, 40)); // a crash or a full disk mid-write
      await file.record(pair('After the crash.'));
      assert.deepEqual((await file.readAll()).map((p) => p.chosen), ['First pick.', 'After the crash.']);
    });

    it('reads back only whole pairs: a damaged line that is still JSON (a number, null, a partial record) is skipped', async () => {
      const file = new PreferencePairFile(path.join(dir, 'pairs.jsonl'));
      await file.record(pair('Kept.'));
      await appendFile(file.file, '5\nnull\n"text"\n{"chosen":"no other fields"}\n');
      assert.deepEqual((await file.readAll()).map((p) => p.chosen), ['Kept.']);
    });
  });
});
