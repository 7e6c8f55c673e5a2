import * as assert from 'node:assert/strict';
import { BackgroundModel, gainOfTexts } from '../../../src/core/exemplars/benefit';
import { calibrate, cutDocuments, type Example, fitWeights } from '../../../src/core/exemplars/calibrate';
import { MemoryPassageStore } from '../../../src/core/exemplars/memoryStore';
import { selectExemplars } from '../../../src/core/exemplars/select';
import { seededRandom } from '../../../src/core/exemplars/random';
import { DEFAULT_WEIGHTS, parseWeights, type ScorerWeights, serializeWeights } from '../../../src/core/exemplars/scorer';
import { SIGNAL_NAMES } from '../../../src/core/exemplars/signals';
import type { Passage } from '../../../src/core/passages/passage';
import { passage } from './passages';

const COMMON = ['the', 'and', 'we', 'was', 'a', 'it', 'then', 'window', 'morning', 'table', 'letter', 'road'];
const TOPICS: Record<string, string[]> = {
  birds: ['heron', 'plover', 'egret', 'wren', 'finch', 'kestrel', 'osprey', 'warbler', 'bittern', 'curlew'],
  boats: ['rudder', 'tiller', 'keel', 'jib', 'mainsail', 'mooring', 'hull', 'bowsprit', 'halyard', 'cleat'],
  bread: ['sourdough', 'levain', 'crumb', 'proofing', 'rye', 'spelt', 'oven', 'crust', 'dough', 'flour'],
};

/** A writer with one folder per subject: the words that come next are the folder's words. */
function writerPassages(docsPerFolder: number): Passage[] {
  const random = seededRandom(3);
  const out: Passage[] = [];
  for (const [folder, topic] of Object.entries(TOPICS)) {
    for (let d = 0; d < docsPerFolder; d++) {
      for (let position = 0; position < 3; position++) {
        const words = Array.from({ length: 120 }, () => (random() < 0.45 ? topic : COMMON)[Math.floor(random() * 10)]);
        const text = words.map((w, i) => (i % 10 === 9 ? `${w}.` : w)).join(' ');
        out.push(passage(`${folder}-${d}-${position}`, `${folder}/note-${d}.md`, text, { position }));
      }
    }
  }
  return out;
}

describe('calibrate', function () {
  this.timeout(20000);
  const prior: ScorerWeights = DEFAULT_WEIGHTS;

  it('refits a misleading prior into weights that choose more helpful exemplars for this writer', async () => {
    const passages = writerPassages(20);
    const wrong: ScorerWeights = { ...prior, weights: { ...prior.weights, topicCoverage: -0.5, lexicalStrength: -0.1 }, abstainBelow: -Infinity };
    const calibrated = await calibrate(passages, { prior: wrong, seed: 5 });
    assert.match(calibrated.origin, /calibrated on \d+ cuts/);
    assert.ok(calibrated.weights.topicCoverage > wrong.weights.topicCoverage);
    const store = new MemoryPassageStore(passages);
    const background = new BackgroundModel(passages.map((p) => p.text));
    const realised = async (weights: ScorerWeights) => {
      let total = 0;
      const cuts = cutDocuments(passages, 30, seededRandom(99));
      for (const cut of cuts) {
        const selection = await selectExemplars(store, { before: cut.prefix, docId: cut.docId }, { weights, excludeDocIds: new Set([cut.docId]) });
        total += gainOfTexts(cut.continuation, selection.exemplars.map((e) => e.passage.text), background);
      }
      return total / cuts.length;
    };
    const [before, after] = [await realised(wrong), await realised(calibrated)];
    assert.ok(after > before, `realised benefit ${before} before, ${after} after`);
  });

  it('reports progress up to the end and stops when aborted', async () => {
    const seen: number[] = [];
    await calibrate(writerPassages(10), { prior, onProgress: (p) => seen.push(p.done / p.total) });
    assert.equal(seen[seen.length - 1], 1);
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(calibrate(writerPassages(10), { prior, signal: controller.signal }));
  });

  it('keeps the prior for a writer with too few documents to learn from', async () => {
    const { shortfall, ...weights } = await calibrate(writerPassages(1), { prior });
    assert.deepEqual(weights, prior);
    assert.deepEqual(shortfall, { passages: 9, documents: 3, usable: 3, needed: 10 }, 'says how much writing there was and how much is needed');
    assert.equal((await calibrate(writerPassages(20), { prior })).shortfall, undefined);
  });
});

describe('fitWeights', () => {
  const signals = (topic: number, length: number) => SIGNAL_NAMES.map((n) => (n === 'topicCoverage' ? topic : n === 'length' ? length : 0));

  it('recovers a linear benefit from its examples', () => {
    const random = seededRandom(9);
    const examples: Example[] = Array.from({ length: 400 }, () => {
      const topic = random();
      const length = random() - 0.5;
      return { passage: passage('x', 'x', 'x'), signals: signals(topic, length), gain: 0.3 * topic - 0.1 * length - 0.05 };
    });
    const fitted = fitWeights(examples, DEFAULT_WEIGHTS, 1e-6);
    assert.ok(Math.abs(fitted.weights.topicCoverage - 0.3) < 1e-4);
    assert.ok(Math.abs(fitted.weights.length + 0.1) < 1e-4);
    assert.ok(Math.abs(fitted.bias + 0.05) < 1e-4);
    // a signal that never varied keeps the prior's weight
    assert.equal(fitted.weights.preferred, DEFAULT_WEIGHTS.weights.preferred);
  });

  it('stays near the prior when told to trust it', () => {
    const examples: Example[] = [0, 1, 0, 1].map((t) => ({ passage: passage('x', 'x', 'x'), signals: signals(t, 0), gain: t }));
    const fitted = fitWeights(examples, DEFAULT_WEIGHTS, 1e6);
    assert.ok(Math.abs(fitted.weights.topicCoverage - DEFAULT_WEIGHTS.weights.topicCoverage) < 1e-3);
  });
});

describe('scorer weights as JSON', () => {
  it('round-trips through save and load', () => {
    assert.deepEqual(parseWeights(serializeWeights(DEFAULT_WEIGHTS)), DEFAULT_WEIGHTS);
  });

  it('refuses incomplete or non-numeric weights', () => {
    const json = JSON.parse(serializeWeights(DEFAULT_WEIGHTS)) as { weights: Record<string, unknown> };
    delete json.weights.topicCoverage;
    assert.throws(() => parseWeights(json), /topicCoverage/);
    assert.throws(() => parseWeights('{"version": 2}'), /version 1/);
  });
});
