import * as assert from 'node:assert/strict';
import { MemoryPassageStore } from '../../../src/core/exemplars/memoryStore';
import { DEFAULT_WEIGHTS, type ScorerWeights } from '../../../src/core/exemplars/scorer';
import { findCandidates, selectExemplars } from '../../../src/core/exemplars/select';
import type { ScoredPassage } from '../../../src/core/passages/passage';
import { passage, prose } from './passages';

const GARDEN = ['tomatoes', 'compost', 'seedlings', 'greenhouse', 'watering', 'mulch', 'harvest', 'basil', 'the', 'and', 'we'];
const OTHER = ['engine', 'gearbox', 'clutch', 'torque', 'piston', 'exhaust', 'the', 'and', 'it'];
const before = `${prose(GARDEN, 120)} This spring the tomatoes and the basil need compost and mulch.`;

/** Garden notes, each with words of its own so that no two are near-duplicates. */
const garden = (n: number, words: number) => prose([...GARDEN, ...Array.from({ length: 12 }, (_, i) => `own${n}x${i}`)], words, n);
/** Car notes that mention a garden word once, in passing. */
const cars = (n: number) => `${prose(OTHER, 200, n)} ${n === 1 ? 'Tomatoes' : 'Compost'}.`;

function gardenStore(): MemoryPassageStore {
  return new MemoryPassageStore([
    passage('g1', 'notes/garden-1.md', garden(1, 250)),
    passage('g2', 'notes/garden-2.md', garden(2, 250)),
    passage('g3', 'notes/garden-3.md', garden(3, 250)),
    passage('g4', 'notes/garden-4.md', garden(4, 80)),
    passage('c1', 'cars/car-1.md', cars(1)),
    passage('c2', 'cars/car-2.md', cars(2)),
  ]);
}

const keepAll: ScorerWeights = { ...DEFAULT_WEIGHTS, abstainBelow: -Infinity };

describe('selectExemplars', () => {
  it('stays within the word budget', async () => {
    const selection = await selectExemplars(gardenStore(), { before }, { wordBudget: 600, weights: keepAll });
    const words = selection.exemplars.reduce((n, e) => n + e.passage.wordCount, 0);
    assert.ok(words <= 600, `${words} words`);
    assert.ok(selection.exemplars.length >= 2);
    assert.ok(selection.exemplars.every((e, i, all) => i === 0 || all[i - 1].score >= e.score));
  });

  it('prefers passages on the subject being written', async () => {
    const selection = await selectExemplars(gardenStore(), { before }, { fixedCount: 3 });
    assert.deepEqual(selection.exemplars.map((e) => e.passage.id).filter((id) => id.startsWith('c')), []);
  });

  it('never shows two near-duplicate exemplars', async () => {
    const text = prose(GARDEN, 150, 5);
    const store = new MemoryPassageStore([passage('d1', 'a.md', text), passage('d2', 'b.md', `${text} Again.`), passage('g1', 'c.md', prose(GARDEN.slice(0, 6), 150, 1))]);
    const selection = await selectExemplars(store, { before }, { weights: keepAll });
    const ids = selection.exemplars.map((e) => e.passage.id);
    assert.ok(!(ids.includes('d1') && ids.includes('d2')), ids.join(','));
  });

  it('abstains when nothing is predicted to help, and says so', async () => {
    const selection = await selectExemplars(gardenStore(), { before }, { weights: { ...DEFAULT_WEIGHTS, abstainBelow: 10 } });
    assert.deepEqual(selection.exemplars, []);
    assert.equal(selection.abstained, true);
    assert.equal(selection.predictedBenefit, 0);
  });

  it('abstains when no passage shares a word with the text', async () => {
    const selection = await selectExemplars(gardenStore(), { before: 'Quantum chromodynamics lattice gluon.' });
    assert.equal(selection.abstained, true);
  });

  it('returns exactly the fixed count whatever the predictions, near-duplicates only to make up the count', async () => {
    const selection = await selectExemplars(gardenStore(), { before }, { fixedCount: 5, weights: { ...DEFAULT_WEIGHTS, abstainBelow: 10 } });
    assert.equal(selection.exemplars.length, 5);
    const text = garden(1, 150);
    const twins = new MemoryPassageStore([passage('t1', 'a.md', text), passage('t2', 'b.md', text)]);
    assert.equal((await selectExemplars(twins, { before }, { fixedCount: 2 })).exemplars.length, 2);
  });

  it('leaves out excluded documents and the passage being written', async () => {
    const store = gardenStore();
    store.add(passage('self', 'draft.md', before));
    const selection = await selectExemplars(store, { before, docId: 'draft.md' }, { excludeDocIds: new Set(['notes/garden-1.md']), weights: keepAll });
    const ids = selection.exemplars.map((e) => e.passage.id);
    assert.ok(!ids.includes('g1') && !ids.includes('self'), ids.join(','));
  });

  it('never offers the passage being rewritten, or one overlapping the selection, as its own exemplar', async () => {
    const paragraphs = [1, 2, 3, 4, 5].map((n) => garden(10 + n, 90));
    const store = gardenStore();
    paragraphs.forEach((text, i) => store.add(passage(`j${i}`, 'journal.md', text, { position: i })));
    const whole = paragraphs.join('\n\n');
    const selected = paragraphs[2];
    const start = whole.indexOf(selected);
    const context = { before: whole.slice(0, start + selected.length), after: whole.slice(start + selected.length), docId: 'journal.md' };
    const asWriting = await findCandidates(store, context);
    assert.ok(asWriting.some((c) => c.passage.id === 'j2'), 'without a selection the window alone does not rule it out');
    const rewriting = await findCandidates(store, { ...context, selection: selected.slice(0, Math.floor(selected.length * 0.7)) });
    const ids = rewriting.map((c) => c.passage.id);
    assert.ok(!ids.includes('j2'), ids.join(','));
    assert.ok(ids.includes('j0') && ids.includes('g1'), 'other passages of the document and of other documents stay: ' + ids.join(','));
  });

  it('gives each exemplar readable reasons, the same folder among them when it counts', async () => {
    const weights: ScorerWeights = { ...keepAll, weights: { ...DEFAULT_WEIGHTS.weights, sameFolder: 1 } };
    const selection = await selectExemplars(gardenStore(), { before, docId: 'notes/today.md' }, { weights, maxExemplars: 2 });
    assert.ok(selection.exemplars.length > 0);
    for (const e of selection.exemplars) assert.equal(e.reasons.includes('same folder'), e.passage.docId.startsWith('notes/'), e.reasons.join('; '));
  });

  it('puts a pinned document first', async () => {
    const selection = await selectExemplars(gardenStore(), { before }, { fixedCount: 1, preferDocIds: new Set(['notes/garden-4.md']), weights: { ...keepAll, weights: { ...DEFAULT_WEIGHTS.weights, preferred: 5 } } });
    assert.equal(selection.exemplars[0].passage.id, 'g4');
  });

  it('predicts more benefit from passages on the subject than from ones sharing a stray word', async () => {
    const onSubject = await selectExemplars(gardenStore(), { before }, { weights: keepAll });
    const carStore = new MemoryPassageStore([passage('c1', 'cars/car-1.md', cars(1)), passage('c2', 'cars/car-2.md', cars(2))]);
    const offSubject = await selectExemplars(carStore, { before }, { weights: keepAll });
    assert.ok(onSubject.predictedBenefit > offSubject.predictedBenefit, `${onSubject.predictedBenefit} vs ${offSubject.predictedBenefit}`);
  });
});

describe('selectExemplars with vectors', () => {
  /** The garden store, plus a vector search that finds only a passage sharing no word with the writing. */
  function denseStore(): MemoryPassageStore & { vectorSearch: () => Promise<ScoredPassage[]> } {
    const store = gardenStore() as MemoryPassageStore & { vectorSearch: () => Promise<ScoredPassage[]> };
    const kin = passage('v1', 'notes/allotment.md', prose(['allotment', 'trowel', 'spade', 'weeds', 'rows', 'the', 'and', 'we'], 200));
    store.vectorSearch = async () => [{ passage: kin, score: 0.9 }];
    return store;
  }

  it('merges dense candidates with the lexical fallback score, and keeps lexical ones as they were', async () => {
    const lexical = await findCandidates(gardenStore(), { before });
    const merged = await findCandidates(denseStore(), { before }, { embedQuery: async () => [1, 0] });
    assert.deepEqual(merged.slice(0, lexical.length).map((c) => c.passage.id), lexical.map((c) => c.passage.id));
    assert.deepEqual(merged.slice(lexical.length).map((c) => c.passage.id), ['v1']);
    const selection = await selectExemplars(denseStore(), { before }, { fixedCount: 7, embedQuery: async () => [1, 0] });
    assert.ok(selection.exemplars.some((e) => e.passage.id === 'v1'));
  });

  it('falls back to word matching when the writing cannot be embedded', async () => {
    const merged = await findCandidates(denseStore(), { before }, { embedQuery: async () => undefined });
    assert.ok(!merged.some((c) => c.passage.id === 'v1'));
  });
});
