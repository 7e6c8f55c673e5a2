import * as assert from 'node:assert/strict';
import { abstainRate, authorShare, meanOverAuthors, percentile95, spearman } from '../../../src/core/eval/metrics';

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
});
