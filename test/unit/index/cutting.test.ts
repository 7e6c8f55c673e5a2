import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Log } from '../../../src/core/common/log';
import { inThreadCutter, WorkerCutter, type DocumentToCut } from '../../../src/core/index/cutting';
import { Indexer } from '../../../src/core/index/indexer';
import { DEFAULT_CHUNKING } from '../../../src/core/passages/chunker';
import { FakeSource } from '../documents/reader.test';

/** The compiled cutting thread (tsc puts it beside this suite's sources under out/). */
const CUTTER = path.join(__dirname, '../../../src/core/index/worker/passageCutter.js');

const essay = (topic: string) => `# On ${topic}\n\n${Array.from({ length: 60 }, (_, i) => `I wrote line ${i} about ${topic}, and *why* it mattered.`).join(' ')}\n\nA last word on ${topic}, short but mine.`;
const documents: DocumentToCut[] = ['kites', 'rivers', 'violins'].map((topic, i) => ({ path: `/w/${topic}.md`, text: essay(topic), format: 'markdown', modifiedAt: i }));

function warnings(): Log & { warned: string[] } {
  const warned: string[] = [];
  return { warned, trace: () => {}, info: () => {}, warn: (m) => warned.push(m), error: (m) => warned.push(String(m)) };
}

describe('cutting passages beside the index', () => {
  it('gives the passages the index thread would cut, features and ids alike', async () => {
    const log = warnings();
    const cutter = new WorkerCutter(CUTTER, log);
    try {
      const beside = await cutter.cut(documents, DEFAULT_CHUNKING);
      const inTurn = await inThreadCutter.cut(documents, DEFAULT_CHUNKING);
      assert.ok(inTurn.every((passages) => passages.length > 0));
      assert.deepEqual(beside, inTurn);
      assert.deepEqual(log.warned, []);
    } finally {
      cutter.dispose();
    }
  });

  it('cuts in turn, with one warning, when the thread cannot run', async () => {
    const broken = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'ownvoice-cutter-')), 'passageCutter.js');
    await fs.writeFile(broken, 'throw new Error("no cutting here");');
    const log = warnings();
    const cutter = new WorkerCutter(broken, log);
    try {
      const first = await cutter.cut(documents, DEFAULT_CHUNKING);
      const second = await cutter.cut(documents, DEFAULT_CHUNKING);
      assert.deepEqual(first, await inThreadCutter.cut(documents, DEFAULT_CHUNKING));
      assert.deepEqual(second, first);
      assert.equal(log.warned.length, 1, log.warned.join('\n'));
      assert.match(log.warned[0], /no cutting here/);
    } finally {
      cutter.dispose();
    }
  });

  it('builds the same index through the cutting thread, and follows an edit', async () => {
    const source = new FakeSource();
    for (const doc of documents) source.write(doc.path, doc.text);
    const cutter = new WorkerCutter(CUTTER, warnings());
    const beside = new Indexer(source, { log: warnings(), cutter, batchSize: 2 });
    const inTurn = new Indexer(source, { log: warnings(), batchSize: 2 });
    try {
      await beside.sync();
      await inTurn.sync();
      const ids = (indexer: Indexer) => indexer.index.all().map((p) => p.id).sort();
      assert.equal(beside.stats().documents, 3);
      assert.deepEqual(ids(beside), ids(inTurn));
      source.write('/w/kites.md', essay('lanterns'));
      await beside.applyChanges({ changed: ['/w/kites.md'] });
      assert.equal(beside.index.search('kites', 5).length, 0, 'the edited file lost its old passages');
      assert.ok(beside.index.search('lanterns', 5).length > 0);
    } finally {
      cutter.dispose();
    }
  });
});
