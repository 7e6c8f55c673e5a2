import * as assert from 'node:assert/strict';
import { rouge1F1, rougeLF1 } from '../../../src/core/eval/rouge';

describe('ROUGE', () => {
  it('counts shared words with multiplicity for ROUGE-1', () => {
    // the ×2, cat, on: 4 of 6 on both sides
    assert.equal(rouge1F1('the cat sat on the mat'.split(' '), 'the cat lay on the rug'.split(' ')), 2 / 3);
    assert.equal(rouge1F1(['a', 'a', 'a'], ['a']), 2 * (1 / 3) * 1 / (1 / 3 + 1));
  });

  it('rewards order with ROUGE-L: the same words reversed share one in sequence', () => {
    assert.equal(rouge1F1(['a', 'b', 'c', 'd'], ['d', 'c', 'b', 'a']), 1);
    assert.equal(rougeLF1(['a', 'b', 'c', 'd'], ['d', 'c', 'b', 'a']), 0.25);
    assert.equal(rougeLF1('the cat sat on the mat'.split(' '), 'the cat lay on the rug'.split(' ')), 2 / 3);
  });

  it('is zero for nothing in common or nothing generated', () => {
    assert.equal(rouge1F1([], ['a']), 0);
    assert.equal(rougeLF1(['x'], ['a']), 0);
  });
});
