import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type Log, silentLog } from '../../../src/core/common/log';
import { type EmbedFunction, PassageEmbedder } from '../../../src/core/index/embedding';
import { Indexer } from '../../../src/core/index/indexer';
import { decodeIndex, encodeIndex } from '../../../src/core/index/persistence';
import { WritingIndex } from '../../../src/core/index/writingIndex';
import { ModelHost } from '../../../src/core/model/modelHost';
import { selectExemplars } from '../../../src/core/exemplars/select';
import { FakeSource } from '../documents/reader.test';
import { useStandin } from '../standin/support';

const MODEL = 'stories-embed:260k';
const TOPICS = ['sailing boats', 'baking bread', 'violin practice', 'garden tomatoes', 'mountain walks', 'old letters'];
const prose = (topic: string, n: number) =>
  Array.from({ length: n }, (_, i) => `I wrote about ${topic} on day ${i}, and the ${topic} stayed with me ${i % 3 ? 'all week' : 'for a while'}.`).join(' ');

function recordingLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  return { lines, trace: () => {}, info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(String(m)) };
}

describe('index: embedding passages through the stand-in', function () {
  this.timeout(60_000);
  const standin = useStandin({ models: [
    { name: MODEL, form: 'embed', installed: true },
    { name: 'other-embed:260k', form: 'embed', installed: true },
  ] });

  async function indexed(embed: (host: ModelHost) => EmbedFunction, model = MODEL, storagePath?: string) {
    const source = new FakeSource();
    TOPICS.forEach((topic, d) => source.write(`/w/${d}.md`, `# ${topic}\n\n${prose(topic, 12)}\n\n## More\n\n${prose(topic, 9)}`));
    const log = recordingLog();
    const embedder = new PassageEmbedder(model, embed(new ModelHost(standin().url)), log, 4);
    const indexer = new Indexer(source, { log, embedder, storagePath });
    await indexer.sync();
    return { indexer, embedder, log, source };
  }
  const through = (model: string) => (host: ModelHost): EmbedFunction => (inputs, signal) => host.embed(model, inputs, signal);

  it('stores a vector per passage, finds a passage first by its own text, and keeps the vectors through save and restore', async () => {
    const { indexer } = await indexed(through(MODEL));
    const total = indexer.index.size;
    assert.equal(await indexer.embed(), total);
    assert.deepEqual(indexer.stats().embedding, { model: MODEL, embedded: total, total });
    assert.equal(indexer.index.dimension, 64);
    const host = new ModelHost(standin().url);
    const target = indexer.index.all()[3];
    const [query] = await host.embed(MODEL, [target.text]);
    const hits = await indexer.index.vectorSearch(query, 5);
    assert.equal(hits[0].passage.id, target.id);
    assert.ok(hits[0].score > 0.999 && hits[0].score >= hits[1].score);

    const restored = decodeIndex(encodeIndex(indexer.index, [])).index;
    assert.equal(restored.vectorModel, MODEL);
    assert.equal(restored.embeddedCount, total);
    assert.deepEqual((await restored.vectorSearch(query, 5)).map((h) => h.passage.id), hits.map((h) => h.passage.id));
    assert.equal(await new PassageEmbedder(MODEL, through(MODEL)(host), recordingLog()).run(() => restored, () => {}), 0, 'nothing left to embed');
  });

  it('resumes a cancelled pass where it stopped, across a save and restore', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ownvoice-embed-'));
    try {
      const storagePath = path.join(dir, 'index.ovx');
      const controller = new AbortController();
      let calls = 0;
      const { indexer, source } = await indexed((host) => (inputs, signal) => (++calls === 2 && controller.abort(), host.embed(MODEL, inputs, signal)), MODEL, storagePath);
      const first = await indexer.embed({ signal: controller.signal });
      assert.ok(first > 0 && first < indexer.index.size, `${first} of ${indexer.index.size} before the cancel`);
      await indexer.save();

      const log = recordingLog();
      const again = new Indexer(source, { log, storagePath, embedder: new PassageEmbedder(MODEL, through(MODEL)(new ModelHost(standin().url)), log, 4) });
      assert.equal(await again.restore(), true);
      assert.equal(again.stats().embedding?.embedded, first);
      assert.equal(await again.embed(), again.index.size - first, 'only the rest is embedded');
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('re-embeds everything when the model changes', async () => {
    const { indexer } = await indexed(through(MODEL));
    await indexer.embed();
    const restored = decodeIndex(encodeIndex(indexer.index, [])).index;
    const other = new PassageEmbedder('other-embed:260k', through('other-embed:260k')(new ModelHost(standin().url)), recordingLog(), 8);
    assert.equal(await other.run(() => restored, () => {}), restored.size);
    assert.deepEqual(other.stats(restored), { model: 'other-embed:260k', embedded: restored.size, total: restored.size });
  });

  it('gives a reason for a missing model or an unreachable host, and word matching still works', async () => {
    const { indexer, log } = await indexed(through('no-such-embed:1b'), 'no-such-embed:1b');
    assert.equal(await indexer.embed(), 0);
    assert.match(indexer.stats().embedding?.problem ?? '', /not available/);
    assert.ok(log.lines.some((l) => /Embedding stopped/.test(l)));
    assert.ok(indexer.index.search('violin', 5).length > 0);

    const down = await indexed(() => (inputs, signal) => new ModelHost('http://127.0.0.1:9').embed(MODEL, inputs, signal));
    assert.equal(await down.indexer.embed(), 0);
    assert.match(down.indexer.stats().embedding?.problem ?? '', /not reachable/);
  });

  it('refuses vectors of another dimension than the index holds, with a reason', async () => {
    let shorten = false;
    const { indexer } = await indexed((host) => async (inputs, signal) => (await host.embed(MODEL, inputs, signal)).map((v) => (shorten ? v.slice(0, 32) : v)));
    assert.equal(await indexer.embed(), indexer.index.size);
    shorten = true;
    indexer.indexDocument({ path: '/w/late.md', text: prose('late arrivals', 10), format: 'markdown', contentHash: 'y', size: 10, modifiedAt: 0 });
    assert.equal(await indexer.embed(), 0);
    assert.match(indexer.stats().embedding?.problem ?? '', /returned 32 dimensions; the index holds 64/);
    assert.ok(indexer.index.search('late arrivals', 5).length > 0, 'the new passage is found by its words');
  });

  it('selects exemplars with dense candidates merged in', async () => {
    const { indexer, embedder } = await indexed(through(MODEL));
    await indexer.embed();
    const selection = await selectExemplars(indexer.index, { before: `${prose('violin practice', 3)} Today the` }, {
      fixedCount: 3,
      embedQuery: (text) => embedder.embedQuery(text, indexer.index.dimension, 5000),
    });
    assert.equal(selection.exemplars.length, 3);
    assert.ok(selection.exemplars.some((e) => e.passage.text.includes('violin')));
  });
});

describe('index worker: vectors', function () {
  this.timeout(60_000);
  const standin = useStandin();
  const WORKER = path.join(__dirname, '../../../src/core/index/worker/indexWorker.js');
  let dir: string;
  let folder: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ownvoice-worker-embed-'));
    folder = path.join(dir, 'writing');
    await fs.mkdir(folder, { recursive: true });
    await Promise.all(TOPICS.map((topic, d) => fs.writeFile(path.join(folder, `${d}.md`), `# ${topic}\n\n${prose(topic, 12)}`)));
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  const open = (model: string) =>
    WritingIndex.open(WORKER, { source: { kind: 'folders', rules: { folders: [folder] } }, storagePath: path.join(dir, 'index.ovx'), embedding: { host: standin().url, model } }, silentLog);

  it('embeds after indexing, searches and selects with the vectors, and keeps them across a restart', async () => {
    const { index } = await open(MODEL);
    try {
      const synced = await index.sync();
      const stats = await index.embed();
      assert.deepEqual(stats.embedding, { model: MODEL, embedded: synced.passages, total: synced.passages });
      const [target] = await index.lexicalSearch('violin practice', 1);
      const [query] = await new ModelHost(standin().url).embed(MODEL, [target.passage.text]);
      assert.equal((await index.vectorSearch(query, 3))[0].passage.id, target.passage.id);
      const selection = await index.selectExemplars({ before: `${prose('garden tomatoes', 2)} Then the` }, { fixedCount: 2 });
      assert.equal(selection.exemplars.length, 2);
    } finally {
      index.dispose();
    }
    const { index: again, restored } = await open(MODEL);
    try {
      assert.equal(restored, true);
      const stats = await again.stats();
      assert.equal(stats.embedding?.embedded, stats.passages);
    } finally {
      again.dispose();
    }
  });

  it('names a missing model in the statistics and keeps word matching', async () => {
    const { index } = await open('no-such-embed:1b');
    try {
      await index.sync();
      const stats = await index.embed();
      assert.match(stats.embedding?.problem ?? '', /not available/);
      assert.equal(stats.embedding?.embedded, 0);
      assert.ok((await index.lexicalSearch('violin', 3)).length > 0);
      assert.ok((await index.selectExemplars({ before: prose('violin practice', 2) }, { fixedCount: 1 })).exemplars.length === 1);
    } finally {
      index.dispose();
    }
  });
});
