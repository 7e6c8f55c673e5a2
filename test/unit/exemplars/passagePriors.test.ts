import * as assert from 'node:assert/strict';
import { MemoryPassageStore } from '../../../src/core/exemplars/memoryStore';
import { DEFAULT_WEIGHTS } from '../../../src/core/exemplars/scorer';
import { selectExemplars } from '../../../src/core/exemplars/select';
import { MAX_PASSAGE_PRIOR } from '../../../src/core/memory/passagePriors';
import { passage, prose } from './passages';

const GARDEN = ['tomatoes', 'compost', 'seedlings', 'greenhouse', 'watering', 'mulch', 'harvest', 'basil', 'the', 'and', 'we'];
const before = `${prose(GARDEN, 120)} This spring the tomatoes and the basil need compost and mulch.`;
const note = (n: number) => prose([...GARDEN, ...Array.from({ length: 12 }, (_, i) => `own${n}x${i}`)], 200, n);

describe('passage priors in selection', () => {
  const store = () => new MemoryPassageStore([1, 2, 3, 4].map((n) => passage(`g${n}`, `notes/garden-${n}.md`, note(n))));

  it('lets the writer\'s reactions reorder passages the scorer finds alike', async () => {
    const plain = await selectExemplars(store(), { before }, { fixedCount: 4, weights: DEFAULT_WEIGHTS });
    const last = plain.exemplars.at(-1)!.passage.id;
    const favoured = await selectExemplars(store(), { before }, { fixedCount: 4, weights: DEFAULT_WEIGHTS, passagePriors: { [last]: MAX_PASSAGE_PRIOR } });
    const gap = plain.exemplars[0].score - plain.exemplars.at(-1)!.score;
    // the prior moves the passage by exactly its size, so it overtakes only rivals nearer than that
    const moved = favoured.exemplars.find((e) => e.passage.id === last)!;
    assert.ok(Math.abs(moved.score - plain.exemplars.at(-1)!.score - MAX_PASSAGE_PRIOR) < 1e-12);
    if (gap < MAX_PASSAGE_PRIOR) assert.equal(favoured.exemplars[0].passage.id, last);
  });

  it('bounds a prior however large it claims to be', async () => {
    const plain = await selectExemplars(store(), { before }, { fixedCount: 4 });
    const id = plain.exemplars[0].passage.id;
    const pushed = await selectExemplars(store(), { before }, { fixedCount: 4, passagePriors: { [id]: -1000 } });
    const score = pushed.exemplars.find((e) => e.passage.id === id)!.score;
    assert.ok(Math.abs(score - (plain.exemplars[0].score - MAX_PASSAGE_PRIOR)) < 1e-12);
  });
});
