import * as assert from 'node:assert/strict';
import { silentLog } from '../../../src/core/common/log';
import { Indexer } from '../../../src/core/index/indexer';
import type { PassageIndex } from '../../../src/core/index/passageIndex';
import { decodeIndex, encodeIndex } from '../../../src/core/index/persistence';
import { FakeSource } from '../documents/reader.test';

// An index changed in place must answer as a fresh build of the same files does: every statistic behind a score
// (live passages, document frequencies, average length) counts live passages only.
const words = ['harbour', 'lantern', 'orchard', 'granite', 'violin', 'kernel', 'meadow', 'compass', 'saffron', 'glacier', 'ember', 'quill'];
function note(seed: number, paragraphs: number): string {
  let s = seed * 7919 + 17;
  const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: paragraphs }, () =>
    Array.from({ length: 40 }, () => (next() < 0.3 ? words[Math.floor(next() * words.length)] : `w${Math.floor(next() * 300)}`)).join(' ') + '.',
  ).join('\n\n');
}
const queries = ['harbour lantern', 'violin w12 w7', 'glacier ember quill compass', 'w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 orchard', 'saffron'];

function scores(index: PassageIndex): Map<string, number>[] {
  return queries.map((q) => new Map(index.search(q, 1000).map((r) => [r.passage.id, r.score])));
}

describe('index: live statistics', () => {
  it('scores an edited, restarted index exactly as a fresh build of the same files', async () => {
    const source = new FakeSource();
    for (let d = 0; d < 60; d++) source.write(`/w/${d}.md`, note(d, 3 + (d % 4)));
    const edited = new Indexer(source, { log: silentLog });
    await edited.sync();
    for (let round = 0; round < 40; round++) {
      const d = (round * 13) % 60;
      if (round % 5 === 4) {
        source.files.delete(`/w/${d}.md`);
        await edited.applyChanges({ deleted: [`/w/${d}.md`] });
      } else {
        source.write(`/w/${d}.md`, note(1000 + round, 2 + (round % 5)));
        await edited.applyChanges({ changed: [`/w/${d}.md`] });
      }
      if (round === 20) edited.index = decodeIndex(encodeIndex(edited.index, [])).index; // a restart midway
    }
    const fresh = new Indexer(source, { log: silentLog });
    await fresh.sync();
    assert.equal(edited.index.size, fresh.index.size);
    const a = scores(edited.index);
    const b = scores(fresh.index);
    for (let q = 0; q < queries.length; q++) {
      assert.ok(b[q].size > 0, `"${queries[q]}" finds passages`);
      assert.deepEqual([...a[q].keys()].sort(), [...b[q].keys()].sort(), queries[q]);
      for (const [id, score] of b[q]) assert.ok(Math.abs(a[q].get(id)! - score) < 1e-9, `${queries[q]}: ${a[q].get(id)} vs ${score}`);
    }
  });
});
