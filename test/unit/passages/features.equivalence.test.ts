import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { readCorpusFile } from '../../../src/core/documents/corpusFile';
import { computeStyleFeatures } from '../../../src/core/style/features';
import { computeStyleFeaturesByRegex } from './featuresDefinition';

// The passages' features are computed by a one-pass scanner for speed; the retriever's trained weights depend on
// them, so they must stay exactly what the regex definition gives, to the last bit.
const same = (text: string) =>
  assert.deepEqual(computeStyleFeatures(text), computeStyleFeaturesByRegex(text), `features differ for ${JSON.stringify(text.slice(0, 200))}`);

describe('style features of passages (fast scanner = regex definition)', () => {
  it('agrees on edge cases: dashes, sentence ends, apostrophes, case, astral and lone surrogates', () => {
    for (const text of [
      '', '...', '?!', ' - - ', 'a. . .b', 'end. - next', 'x\u2028. y', '\ud800 lone \udc00',
      "I'm here. - Really?! Yes -- no --- maybe. ", "don't can't I'd MY Me mine MYSELF 'quoted' it's",
      'ΟΔΟΣ ΣΟΦΟΣ. İstanbul\'u gördüm... ok', '😀 Hello\'World x.y. z!\u00a0A', 'Ünïcödé ÀÉ 𝐀𝐁 a\u2014b\u2013c (see) a;b:c,d',
    ]) same(text);
  });

  it('agrees on random strings over a troublesome alphabet', () => {
    const alphabet = [...'aZ0 .!?\'-—–,;:()\n\t\u00a0İıΣσςÉé'].concat(['😀', '𝐀', '\ud800', '\udc00', ' - ', '--', 'the ', 'I ', "don't "]);
    let seed = 1;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 3000; n++) {
      let text = '';
      for (let k = Math.floor(random() * 60); k > 0; k--) text += alphabet[Math.floor(random() * alphabet.length)];
      same(text);
    }
  });

  it('agrees on paragraphs of the shared corpora', async function () {
    const corpora = ['kernel-docs.jsonl', 'techwriters-dev.jsonl', 'blogs-dev.jsonl'].map((f) => path.join(__dirname, '../../../../../shared/corpora', f));
    const present = corpora.filter((f) => existsSync(f));
    if (!present.length) {
      console.log('    (../shared/corpora absent: corpus comparison skipped)');
      return this.skip();
    }
    for (const file of present) {
      let docs = 0;
      for await (const doc of readCorpusFile(file)) {
        if (++docs > 300) break;
        for (const paragraph of doc.text.split(/\n\s*\n/)) same(paragraph);
      }
    }
  });
});
