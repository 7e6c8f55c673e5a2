import * as assert from 'node:assert/strict';
import { BackgroundModel, continuationGain, gainOfTexts, tokenCounts } from '../../../src/core/exemplars/benefit';
import { tokenize } from '../../../src/core/exemplars/text';

describe('tokenize', () => {
  it('keeps lower-cased runs of letters, digits and apostrophes', () => {
    assert.deepEqual(tokenize("Don't STOP, it's 2024 — naïve!"), ["don't", 'stop', "it's", '2024', 'naïve']);
  });
});

describe('continuationGain', () => {
  // background "a a b" + "b c": counts a 2, b 2, c 1; 5 tokens, 3 types; add-one: P(a) = P(b) = 3/8, P(c) = 2/8
  const background = new BackgroundModel(['a a b', 'b c']);

  it('smooths the background with add-one over the vocabulary', () => {
    assert.equal(background.probability('a'), 3 / 8);
    assert.equal(background.probability('c'), 2 / 8);
    assert.equal(background.probability('zzz'), 1 / 8);
  });

  it('is the mean of log P(w|E) − log P_bg(w) with Dirichlet μ = 2000', () => {
    // E = "a c": c(a) = c(c) = 1, |E| = 2. P(c|E) = (1 + 2000·2/8) / 2002, P(a|E) = (1 + 2000·3/8) / 2002
    const expected = (Math.log(501 / 2002 / (2 / 8)) + Math.log(751 / 2002 / (3 / 8))) / 2;
    assert.ok(Math.abs(gainOfTexts(['c', 'a'], ['a c'], background) - expected) < 1e-12);
  });

  it('is negative when the exemplars miss every word of the continuation', () => {
    // P(b|E) = 2000·3/8 / 2002 < P_bg(b): exemplar words that do not come up dilute the model
    assert.ok(Math.abs(gainOfTexts(['b'], ['a c'], background) - Math.log(2000 / 2002)) < 1e-12);
  });

  it('is zero with no exemplars', () => {
    assert.equal(continuationGain(['a', 'b'], tokenCounts([]), 0, background), 0);
    assert.equal(gainOfTexts(['a'], [], background), 0);
  });
});
