import * as assert from 'node:assert/strict';
import { abstainRate, authorShare, meanOverAuthors, percentile95, spearman, spearmanWithinAuthors } from '../../../src/core/eval/metrics';

describe('evaluation metrics', () => {
  it('averages per author first, so a prolific author counts once', () => {
    const values = [
      { author: 'ann', value: 1 },
      { author: 'ann', value: 0 },
      { author: 'ann', value: 0 },
      { author: 'ann', value: 0 },
      { author: 'bob', value: 1 },
    ];
    // ann 0.25, bob 1 → 0.625 (a plain mean would say 0.4)
    assert.equal(meanOverAuthors(values), 0.625);
  });

  it('counts the share of five exemplars written by the author, empty sets scoring zero', () => {
    assert.equal(authorShare(['ann', 'bob', 'ann', 'cy', 'ann'], 'ann'), 0.6);
    assert.equal(authorShare(['ann', 'ann'], 'ann'), 0.4);
    assert.equal(authorShare([], 'ann'), 0);
  });

  it('ranks with Spearman, averaging tied ranks', () => {
    assert.equal(spearman([1, 2, 3, 4], [1, 4, 9, 16]), 1);
    assert.equal(spearman([1, 2, 3, 4], [8, 4, 2, 1]), -1);
    // x ranks 1, 2.5, 2.5, 4 against 1, 2, 3, 4: cov 4.5, var 4.5 and 5
    assert.ok(Math.abs((spearman([1, 2, 2, 3], [10, 20, 30, 40]) ?? NaN) - 4.5 / Math.sqrt(4.5 * 5)) < 1e-12);
  });

  it('has no Spearman correlation without spread or pairs', () => {
    assert.equal(spearman([1, 1, 1], [1, 2, 3]), null);
    assert.equal(spearman([1], [2]), null);
  });

  it('counts abstentions and takes the 95th percentile by nearest rank', () => {
    assert.equal(abstainRate([0, 2, 0, 1]), 0.5);
    assert.equal(percentile95(Array.from({ length: 20 }, (_, i) => 20 - i)), 19);
    assert.equal(percentile95([]), 0);
  });

  it('ranks within each author: two writers on different scales each ranked right score 1, pooled they do not', () => {
    // ann's predictions run 0.1–1.0, bob's 2.0–2.9, but bob's realised gains are all below ann's
    const ann = Array.from({ length: 10 }, (_, i) => ({ author: 'ann', predicted: 0.1 * (i + 1), gain: 10 + i }));
    const bob = Array.from({ length: 10 }, (_, i) => ({ author: 'bob', predicted: 2 + 0.1 * i, gain: i }));
    const all = [...ann, ...bob];
    assert.ok(Math.abs((spearmanWithinAuthors(all) ?? 0) - 1) < 1e-12);
    assert.ok((spearman(all.map((o) => o.predicted), all.map((o) => o.gain)) ?? 1) < 0.5);
    // an author with too few pairs is left out rather than counted as noise
    assert.equal(spearmanWithinAuthors(ann.slice(0, 9)), null);
  });
});
