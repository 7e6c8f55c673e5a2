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
  it('answers as a fresh build, hit for hit, after paragraphs are replaced, repeated, moved and given vectors, live and restarted', async () => {
    let seed = 99;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const paragraph = () => Array.from({ length: 30 + Math.floor(random() * 30) }, () => (random() < 0.4 ? words[Math.floor(random() * words.length)] : `w${Math.floor(random() * 400)}`)).join(' ') + '.';
    const source = new FakeSource();
    const docs: string[][] = [];
    for (let d = 0; d < 120; d++) {
      docs[d] = Array.from({ length: 2 + (d % 5) }, paragraph);
      source.write(`/w/${d}.md`, docs[d].join('\n\n'));
    }
    const edited = new Indexer(source, { log: silentLog });
    await edited.sync();
    for (let round = 0; round < 240; round++) {
      const d = Math.floor(random() * docs.length);
      const kind = random();
      if (kind < 0.4) docs[d][Math.floor(random() * docs[d].length)] = paragraph(); // one paragraph replaced, the others' passages stay
      else if (kind < 0.6) docs[d].push(docs[d][0]); // a paragraph repeated
      else if (kind < 0.75) docs[d].splice(0, 1);
      else if (kind < 0.85) docs[d].reverse(); // moved
      else docs[d] = Array.from({ length: 3 }, paragraph);
      if (!docs[d].length) docs[d] = [paragraph()];
      source.write(`/w/${d}.md`, docs[d].join('\n\n'));
      await edited.applyChanges({ changed: [`/w/${d}.md`] });
      // an Orama update per vector: the passage leaves and comes back with the same terms
      if (round % 7 === 0) for (const p of edited.index.withoutVectors(5)) edited.index.putVector(p.id, Array.from({ length: 16 }, (_, i) => Math.sin(i + p.text.length)));
      if (round === 120) edited.index = decodeIndex(encodeIndex(edited.index, [])).index;
    }
    const fresh = new Indexer(source, { log: silentLog });
    await fresh.sync();
    const top = (index: PassageIndex, q: string) => index.search(q, 10).map((r) => `${r.passage.id} ${Math.round(r.score * 1e9) / 1e9}`);
    for (const q of [...queries, 'w100 w200 w300 harbour', 'kernel meadow w5']) {
      assert.ok(top(fresh.index, q).length > 0, `"${q}" finds passages`);
      assert.deepEqual(top(edited.index, q), top(fresh.index, q), q);
    }
  });
});
