import * as assert from 'node:assert/strict';
import { silentLog } from '../../../src/core/common/log';
import { selectExemplars } from '../../../src/core/exemplars/select';
import { Indexer } from '../../../src/core/index/indexer';
import { detectLanguage } from '../../../src/core/index/orama/languages';
import { scopedStore } from '../../../src/core/index/scopedStore';
import { FakeSource } from '../documents/reader.test';

// Writers who do not write in English: each document is read in its own language (Orama's stemmers, stop words and
// tokenizers), and a query in the language of the text being written.
const german = {
  '/de/garten.md': 'Im Garten wachsen die Tomaten dieses Jahr besonders gut. Die Beete habe ich im Frühling neu angelegt, und die Gärten der Nachbarn sehen neidisch herüber.',
  '/de/fahrrad.md': 'Mit dem Fahrrad fahre ich jeden Morgen zur Arbeit. Die Fahrräder in unserer Stadt werden immer mehr, und die Radwege sind endlich breiter geworden.',
  '/de/kochen.md': 'Beim Kochen vergesse ich oft die Zeit. Die Suppe köchelt stundenlang, während ich die Zwiebeln schneide und das Brot backe.',
};
const japanese = {
  '/ja/neko.md': '私の家には猫が二匹います。猫たちは毎朝窓辺で日向ぼっこをして、鳥を眺めています。',
  '/ja/yama.md': '週末は友人と山に登りました。山頂からの景色は素晴らしく、富士山がはっきり見えました。',
  '/ja/ryouri.md': '昨日は初めて天ぷらを作りました。油の温度が難しくて、衣が少し焦げてしまいました。',
};
const english = { '/en/garden.md': 'The garden grows tomatoes this year, and the neighbours look over the fence with envy at the beds.' };

async function indexed(): Promise<Indexer> {
  const source = new FakeSource();
  for (const [file, text] of Object.entries({ ...german, ...japanese, ...english })) source.write(file, text);
  const indexer = new Indexer(source, { log: silentLog });
  await indexer.sync();
  return indexer;
}

describe('index: languages', () => {
  it('detects each document’s language from its script and its stop words', () => {
    assert.equal(detectLanguage(german['/de/garten.md']), 'german');
    assert.equal(detectLanguage(japanese['/ja/neko.md']), 'japanese');
    assert.equal(detectLanguage(english['/en/garden.md']), 'english');
    assert.equal(detectLanguage('Le jardin est plein de tomates et les voisins nous regardent avec envie.'), 'french');
  });

  it('reads capitals and accented words as their lower-cased forms, and stops once one language clearly leads', () => {
    assert.equal(detectLanguage(german['/de/kochen.md'].toUpperCase()), 'german');
    assert.equal(detectLanguage('ÉTÉ: les enfants sont à la plage avec leurs parents et leurs amis, et nous sommes très contents.'), 'french');
    assert.equal(detectLanguage('İstanbul est une ville où les gens vivent avec les chats et les chiens dans la rue.'), 'french');
    // English at the start, then pages of German: the first clear lead decides, as a skim of the opening would.
    const opening = 'The notes below are what I wrote on the way, and they are in the order I wrote them. ';
    assert.equal(detectLanguage(opening + german['/de/fahrrad.md'].repeat(10)), 'english');
    assert.equal(detectLanguage(german['/de/fahrrad.md'].repeat(10) + opening), 'german');
  });

  it('finds German passages by another form of the word (stemmed), in German only', async () => {
    const { index } = await indexed();
    assert.deepEqual([...index.docs.values()].map((d) => d.language).sort(), ['english', 'german', 'german', 'german', 'japanese', 'japanese', 'japanese']);
    const hits = index.search('fahrräder', 5, undefined, { language: 'german' });
    assert.equal(hits[0]?.passage.docId, '/de/fahrrad.md');
    assert.equal(index.search('gärten', 5, undefined, { language: 'german' })[0]?.passage.docId, '/de/garten.md');
  });

  it('finds Japanese passages for Japanese text, read as pairs of characters', async () => {
    const { index } = await indexed();
    assert.equal(index.search('富士山が見える山', 5, undefined, { language: 'japanese' })[0]?.passage.docId, '/ja/yama.md');
    assert.equal(index.search('猫', 5, undefined, { language: 'japanese' })[0]?.passage.docId, '/ja/neko.md');
  });

  it('reads Chinese as pairs of characters, counting repeats, with the Latin words among them', async () => {
    const source = new FakeSource();
    source.write('/zh/often.md', '内核模块在系统启动时加载。内核模块可以随时卸载，内核模块也可以在运行中更新，管理员很少需要重新启动机器。');
    source.write('/zh/once.md', '内核模块在系统启动时加载。这篇文档说明了驱动程序的配置方法。');
    source.write('/zh/memory.md', '驱动程序使用 kmalloc 分配内存，每次调用之后都需要检查返回值，否则系统可能在内存不足时崩溃。');
    const indexer = new Indexer(source, { log: silentLog });
    await indexer.sync();
    assert.deepEqual([...indexer.index.docs.values()].map((d) => d.language), ['mandarin', 'mandarin', 'mandarin']);
    const hits = indexer.index.search('内核模块', 5, undefined, { language: 'mandarin' });
    assert.deepEqual(hits.slice(0, 2).map((h) => h.passage.docId), ['/zh/often.md', '/zh/once.md']);
    assert.ok(hits[0].score > hits[1].score);
    assert.equal(indexer.index.search('kmalloc 内存', 5, undefined, { language: 'mandarin' })[0]?.passage.docId, '/zh/memory.md');
  });

  it('chooses exemplars in the language of the text being written', async () => {
    const { index } = await indexed();
    const pick = async (before: string) => {
      const selection = await selectExemplars(scopedStore(index, { writing: before }), { before, docId: '/new.md', format: 'markdown' }, { fixedCount: 1 });
      return selection.exemplars[0]?.passage.docId;
    };
    assert.equal(await pick('Morgen fahre ich wieder mit dem Fahrrad, denn die Radwege sind jetzt breiter und sicherer.'), '/de/fahrrad.md');
    assert.equal(await pick('今朝も猫が窓辺で鳥を眺めていました。'), '/ja/neko.md');
  });
});
