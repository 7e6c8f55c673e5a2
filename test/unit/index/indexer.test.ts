import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Log } from '../../../src/core/common/log';
import { Indexer } from '../../../src/core/index/indexer';
import { INDEX_FORMAT_VERSION } from '../../../src/core/index/persistence';
import { FakeSource } from '../documents/reader.test';

const prose = (topic: string, n = 40) =>
  Array.from({ length: n }, (_, i) => `${topic} appears in sentence ${i} which I wrote about ${topic}.`).join(' ');

function recordingLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  return { lines, trace: () => {}, info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(String(m)) };
}

describe('indexer: incremental updates', () => {
  it('follows adds, edits, renames and deletes without ghost passages', async () => {
    const source = new FakeSource();
    source.write('/w/a.md', `# Gardens\n\n${prose('tomatoes')}`);
    source.write('/w/b.txt', prose('violins'));
    const indexer = new Indexer(source, { log: recordingLog() });
    await indexer.sync();
    assert.equal(indexer.stats().documents, 2);
    assert.ok(indexer.index.search('tomatoes', 5).length > 0);

    source.write('/w/a.md', `# Gardens\n\n${prose('cucumbers')}`);
    await indexer.applyChanges({ changed: ['/w/a.md'] });
    assert.equal(indexer.index.search('tomatoes', 5).length, 0, 'old content of an edited file is gone');
    assert.ok(indexer.index.search('cucumbers', 5).length > 0);

    source.files.set('/w/c.txt', source.files.get('/w/b.txt')!);
    source.files.delete('/w/b.txt');
    await indexer.applyChanges({ added: ['/w/c.txt'], deleted: ['/w/b.txt'] });
    const hits = indexer.index.search('violins', 50);
    assert.ok(hits.length > 0);
    assert.ok(hits.every((h) => h.passage.docId === '/w/c.txt'), 'a renamed file leaves nothing under its old name');

    source.files.delete('/w/c.txt');
    await indexer.sync();
    assert.equal(indexer.index.search('violins', 50).length, 0);
    assert.equal(indexer.stats().documents, 1);
    assert.equal(indexer.index.size, indexer.stats().passages);
  });

  it('does not re-index a file whose content hash is unchanged', async () => {
    const source = new FakeSource();
    source.write('/w/a.md', prose('kites'), 1);
    const indexer = new Indexer(source, { log: recordingLog() });
    await indexer.sync();
    const updated = indexer.stats().lastUpdatedAt;
    const id = indexer.index.search('kites', 1)[0].passage.id;
    source.write('/w/a.md', prose('kites'), 2);
    await new Promise((r) => setTimeout(r, 5));
    await indexer.sync();
    assert.equal(indexer.stats().lastUpdatedAt, updated);
    assert.equal(indexer.index.search('kites', 1)[0].passage.id, id);
  });

  it('lists skipped files with reasons, and drops the passages of a file that turned binary', async () => {
    const source = new FakeSource();
    source.write('/w/ok.md', prose('rivers'));
    source.write('/w/big.txt', 'x '.repeat(2000));
    source.write('/w/bad.txt', new Uint8Array([0xff, 0xfe, 0x41]));
    const indexer = new Indexer(source, { log: recordingLog(), maxFileBytes: 3000 });
    await indexer.sync();
    source.write('/w/ok.md', new Uint8Array([1, 0, 2]));
    await indexer.applyChanges({ changed: ['/w/ok.md'] });
    const reasons = Object.fromEntries(indexer.stats().skipped.map((s) => [s.path, s.reason]));
    assert.deepEqual(reasons, { '/w/big.txt': 'too-large', '/w/bad.txt': 'invalid-utf8', '/w/ok.md': 'binary' });
    assert.equal(indexer.index.search('rivers', 5).length, 0);
  });

  it('compacts removed passages away and still finds the same passages, scored the same', async () => {
    const source = new FakeSource();
    for (let i = 0; i < 60; i++) source.write(`/w/${i}.txt`, prose(`topic${i}`, 60));
    const indexer = new Indexer(source, { log: recordingLog() });
    await indexer.sync();
    const target = indexer.index.search('topic59', 1)[0].passage;
    indexer.index.compact();
    for (let i = 0; i < 50; i++) indexer.index.removeDocument(`/w/${i}.txt`);
    const before = indexer.index.search('topic59 sentence', 5);
    indexer.index.compact();
    assert.deepEqual(indexer.index.search('topic59', 1)[0].passage, target);
    assert.deepEqual(indexer.index.search('topic59 sentence', 5), before);
    assert.equal(indexer.index.search('topic3', 5).length, 0);
  });

  it('forgets the ids of passages gone when it compacts: per-passage tables stay the size of the index, vectors and scores kept', async () => {
    const source = new FakeSource();
    for (let i = 0; i < 20; i++) source.write(`/w/${i}.txt`, prose(`topic${i}`, 60));
    const indexer = new Indexer(source, { log: recordingLog() });
    await indexer.sync();
    const index = indexer.index;
    index.useVectorModel('test');
    const vectorOf = (text: string) => Array.from({ length: 32 }, (_, i) => Math.sin(i * 0.7 + text.length * 0.13 + text.charCodeAt(i % text.length)));
    for (let round = 0; round < 30; round++) {
      for (let i = 0; i < 20; i += 3) source.write(`/w/${i}.txt`, prose(`topic${i} edit${round}`, 60));
      await indexer.applyChanges({ changed: Array.from({ length: 7 }, (_, k) => `/w/${k * 3}.txt`) });
      for (const p of index.withoutVectors(1000)) index.putVector(p.id, vectorOf(p.text));
    }
    const ids = () => (index.save() as unknown as { internalDocumentIDStore: { internalIdToId: string[] } }).internalDocumentIDStore.internalIdToId.length;
    assert.ok(ids() > index.size * 2, `${ids()} ids for ${index.size} passages before compacting`);
    const query = index.search('topic4 sentence', 1)[0].passage;
    const words = index.search('topic4 sentence edit29', 10);
    const near = index.searchVectors(vectorOf(query.text), 10);
    const embedded = index.embeddedCount;
    index.compact();
    assert.equal(ids(), index.size);
    assert.equal(index.embeddedCount, embedded);
    assert.deepEqual(index.search('topic4 sentence edit29', 10), words);
    assert.deepEqual(index.searchVectors(vectorOf(query.text), 10).map((h) => [h.passage.id, h.score.toFixed(6)]), near.map((h) => [h.passage.id, h.score.toFixed(6)]));
    assert.equal(near[0].passage.id, query.id);
  });

  it('cancels between batches and keeps what was indexed', async () => {
    const source = new FakeSource();
    for (let i = 0; i < 100; i++) source.write(`/w/${i}.txt`, prose(`thing${i}`));
    const indexer = new Indexer(source, { log: recordingLog(), batchSize: 10 });
    const controller = new AbortController();
    const done = indexer.sync({ signal: controller.signal, onProgress: (p) => p.phase === 'reading' && p.done >= 30 && controller.abort() });
    await assert.rejects(done, { name: 'AbortError' });
    const documents = indexer.stats().documents;
    assert.ok(documents >= 30 && documents < 100, `${documents} documents`);
  });
});

describe('indexer: persistence', () => {
  let dir: string;
  beforeEach(async () => (dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ownvoice-index-'))));
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  async function savedIndex(): Promise<{ file: string; source: FakeSource }> {
    const source = new FakeSource();
    source.write('/w/a.md', `# Sea\n\n${prose('lighthouses')}\n\n## Land\n\n${prose('meadows')}`);
    source.write('/w/b.txt', prose('bicycles'));
    source.write('/w/bin.txt', new Uint8Array([0, 1]));
    const file = path.join(dir, 'index.ovx');
    const indexer = new Indexer(source, { storagePath: file, log: recordingLog() });
    await indexer.sync();
    await indexer.save();
    return { file, source };
  }

  it('restores exactly what was saved: passages, features, search results, skipped files', async () => {
    const { file, source } = await savedIndex();
    const built = new Indexer(source, { log: recordingLog() });
    await built.sync();
    const restored = new Indexer(source, { storagePath: file, log: recordingLog() });
    assert.equal(await restored.restore(), true);
    for (const q of ['lighthouses', 'meadows bicycles']) {
      const a = built.index.search(q, 10);
      const b = restored.index.search(q, 10);
      assert.deepEqual(b.map((r) => r.passage.id), a.map((r) => r.passage.id));
      assert.deepEqual(b[0].passage.features.functionWords.map((x) => x.toFixed(5)), a[0].passage.features.functionWords.map((x) => x.toFixed(5)));
      assert.deepEqual({ ...b[0].passage, features: null }, { ...a[0].passage, features: null });
    }
    assert.deepEqual(restored.stats().skipped, [{ path: '/w/bin.txt', reason: 'binary' }]);
  });

  const damaged: [string, (bytes: Buffer) => Buffer][] = [
    ['truncated', (b) => b.subarray(0, b.length - 100)],
    ['corrupt', (b) => (b[b.length - 50] ^= 0xff, b)],
    ['old-version', (b) => (b.writeUInt32LE(INDEX_FORMAT_VERSION - 1 || 99, 8), b)],
    ['not-an-index', () => Buffer.from('{"json": true}'.repeat(10))],
  ];
  for (const [problem, damage] of damaged) {
    it(`detects a ${problem} index file, logs it, and rebuilds instead of crashing`, async () => {
      const { file, source } = await savedIndex();
      await fs.writeFile(file, damage(await fs.readFile(file)));
      const log = recordingLog();
      const indexer = new Indexer(source, { storagePath: file, log });
      assert.equal(await indexer.restore(), false);
      assert.ok(log.lines.some((l) => l.includes(problem) && l.includes('rebuilt')), log.lines.join('\n'));
      await indexer.sync();
      assert.ok(indexer.index.search('lighthouses', 1).length > 0);
    });
  }

  it('ignores and removes the temporary file of an interrupted write', async () => {
    const { file, source } = await savedIndex();
    await fs.writeFile(`${file}.123.456.tmp`, 'half a file');
    const indexer = new Indexer(source, { storagePath: file, log: recordingLog() });
    assert.equal(await indexer.restore(), true);
    assert.deepEqual(await fs.readdir(dir), ['index.ovx']);
  });
});
