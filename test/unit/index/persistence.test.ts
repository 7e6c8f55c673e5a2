import * as assert from 'node:assert/strict';
import { silentLog } from '../../../src/core/common/log';
import { Indexer } from '../../../src/core/index/indexer';
import type { PassageIndex } from '../../../src/core/index/passageIndex';
import { IndexFileError, decodeIndex, encodeIndex } from '../../../src/core/index/persistence';
import { FakeSource } from '../documents/reader.test';

// A restored index keeps its texts, terms and postings in the file's buffer and decodes them on demand: it must
// answer exactly as the index that was saved, and keep doing so through edits, compaction and another save.
const topics = ['sailing', 'baking', 'violins', 'Ünïcödé façades', 'kernels', 'gardens', 'İstanbul', 'tea 😀'];
const sentence = (topic: string, i: number) =>
  `${topic} came up ${i % 7 ? 'again' : 'first'} when I wrote note ${i}, about ${topics[(i * 3) % topics.length]} and word${i % 13}.`;
const prose = (topic: string, n: number, salt: number) => Array.from({ length: n }, (_, i) => sentence(topic, i + salt)).join(' ');
const queries = ['sailing note', 'façades word3', 'istanbul again', 'tea', 'kernels baking word12 first', 'nothing-matches-this', 'word5 word6 gardens'];

function answers(index: PassageIndex): string[] {
  return queries.map((q) => index.search(q, 10).map((r) => `${r.passage.id}:${r.score}:${r.passage.text.length}:${r.passage.features.commas}`).join('|'));
}

async function built(): Promise<{ indexer: Indexer; source: FakeSource }> {
  const source = new FakeSource();
  topics.forEach((topic, d) => source.write(`/w/${d}.md`, `# ${topic}\n\n${prose(topic, 30 + d * 5, d)}\n\n## More\n\n${prose(topic, 25, d + 1)}`));
  const indexer = new Indexer(source, { log: silentLog });
  await indexer.sync();
  return { indexer, source };
}

describe('index file: restoring without decoding', () => {
  it('answers searches, gets and statistics exactly as the saved index did', async () => {
    const { indexer } = await built();
    const restored = decodeIndex(encodeIndex(indexer.index, [])).index;
    assert.deepEqual(answers(restored), answers(indexer.index));
    assert.ok(answers(restored).filter(Boolean).length >= 5, 'the queries find passages');
    assert.equal(restored.textBytes, indexer.index.textBytes);
    assert.deepEqual(restored.all(), indexer.index.all());
  });

  it('follows edits after a restore, through compaction and a second save', async () => {
    const { indexer, source } = await built();
    const again = new Indexer(source, { log: silentLog });
    again.index = decodeIndex(encodeIndex(indexer.index, [])).index;
    for (const indexerOf of [indexer, again]) {
      source.write('/w/2.md', prose('violins and harps', 40, 9));
      source.files.delete('/w/5.md');
      await indexerOf.applyChanges({ changed: ['/w/2.md'], deleted: ['/w/5.md'] });
    }
    assert.deepEqual(answers(again.index), answers(indexer.index));
    const resaved = decodeIndex(encodeIndex(again.index, [])).index;
    indexer.index.compact();
    again.index.compact();
    assert.deepEqual(answers(again.index), answers(indexer.index));
    assert.deepEqual(answers(resaved), answers(indexer.index));
    assert.ok(indexer.index.search('harps', 5).length > 0);
  });

  it('refuses a file whose sections point outside it, even with a valid checksum', async () => {
    const { indexer } = await built();
    const bytes = encodeIndex(indexer.index, []);
    // Section 0 (metadata) starts right after the 32-byte header: claim it is longer than the whole file.
    bytes.writeUInt32LE(bytes.length, 32);
    const { crc32 } = await import('node:zlib');
    bytes.writeUInt32LE(crc32(bytes.subarray(32)), 24);
    assert.throws(() => decodeIndex(bytes), (err: unknown) => err instanceof IndexFileError && err.problem === 'corrupt');
  });
});
