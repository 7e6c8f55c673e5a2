import * as assert from 'node:assert/strict';
import { BackgroundModel, gainOfTexts } from '../../../src/core/exemplars/benefit';
import { tokenize } from '../../../src/core/exemplars/text';
import type { ContinuationPair, CorpusDocument } from '../../../src/core/eval/corpus';
import { pairsForDocuments, runEval } from '../../../src/core/eval/run';

const FILLER = 'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar';

function doc(author: string, docId: string, words: string, date: string): CorpusDocument {
  return { author, docId, title: '', date, text: `${FILLER} ${words}.`, format: 'plaintext' };
}

// Query words: ann's pair asks for "zebra quartz", bob's for "violin marble"; everything else is filler or stop words.
const DOCS: CorpusDocument[] = [
  doc('ann', 'ann-1', 'zebra quartz violin marble', '2020-01-01'),
  doc('ann', 'ann-2', 'zebra', '2020-03-01'),
  doc('ann', 'ann-3', 'violin', '2020-02-01'),
  doc('bob', 'bob-1', 'violin marble zebra quartz', '2021-01-01'),
  doc('bob', 'bob-2', 'quartz', '2021-02-01'),
  doc('bob', 'bob-3', 'violin', '2021-03-01'),
  doc('bob', 'bob-4', 'marble', '2021-04-01'),
];

const PAIRS: ContinuationPair[] = [
  { author: 'ann', docId: 'ann-1', prefix: 'And then the zebra and the quartz.', continuation: 'zebra bravo papa' },
  { author: 'bob', docId: 'bob-1', prefix: 'It was the violin or the marble.', continuation: 'marble quebec' },
  { author: 'cy', docId: 'cy-1', prefix: 'Not in this file.', continuation: 'none' },
];

describe('runEval on a hand-made corpus', function () {
  this.timeout(20000);

  it('evaluates only pairs whose document is in the docs file', () => {
    assert.deepEqual(pairsForDocuments(DOCS, PAIRS, undefined, 1).map((p) => p.docId), ['ann-1', 'bob-1']);
  });

  it('scores authorP5 as the author share of five, averaged per author', async () => {
    const report = await runEval(DOCS, PAIRS, { retrievers: ['bm25', 'none'], seed: 1 });
    // ann: bm25 finds ann-2 (zebra) and bob-2 (quartz): 1 of 5. bob: bob-3, ann-3 (violin), bob-4 (marble): 2 of 5.
    assert.ok(Math.abs(report.retrievers.bm25.authorP5 - (0.2 + 0.4) / 2) < 1e-12);
    assert.equal(report.retrievers.none.authorP5, 0);
    assert.equal(report.authors, 2);
    assert.equal(report.pairs, 2);
  });

  it('gives no exemplars no gain, full abstention and no calibration', async () => {
    const none = (await runEval(DOCS, PAIRS, { retrievers: ['none'], seed: 1 })).retrievers.none;
    assert.equal(none.continuationGain, 0);
    assert.equal(none.abstainRate, 1);
    assert.equal(none.calibrationSpearman, null);
    assert.equal(none.authorSpearman, null);
  });

  it('measures continuationGain against the author history without the pair document', async () => {
    const report = await runEval(DOCS, PAIRS, { retrievers: ['recency'], seed: 1 });
    const background = new BackgroundModel(DOCS.map((d) => d.text));
    const text = (id: string) => DOCS.find((d) => d.docId === id)?.text ?? '';
    // every history is short enough to fit the 600-word budget whole
    const ann = gainOfTexts(tokenize(PAIRS[0].continuation), [text('ann-2'), text('ann-3')], background);
    const bob = gainOfTexts(tokenize(PAIRS[1].continuation), [text('bob-4'), text('bob-3'), text('bob-2')], background);
    assert.ok(Math.abs(report.retrievers.recency.continuationGain - (ann + bob) / 2) < 1e-12);
    assert.equal(report.retrievers.recency.abstainRate, 0);
  });
});
