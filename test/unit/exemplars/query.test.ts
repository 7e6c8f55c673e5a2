import * as assert from 'node:assert/strict';
import { salientTerms } from '../../../src/core/exemplars/query';

describe('salientTerms', () => {
  it('keeps content words, never common ones, with weights summing to one', () => {
    const terms = salientTerms('I think that the glacier was really melting, and the glacier guides said so.');
    const words = terms.map((t) => t.term);
    assert.equal(words[0], 'glacier');
    for (const common of ['the', 'that', 'think', 'really', 'and', 'so']) assert.ok(!words.includes(common), common);
    assert.ok(Math.abs(terms.reduce((s, t) => s + t.weight, 0) - 1) < 1e-12);
  });

  it('weighs words near the cursor above the same count far back', () => {
    const far = 'volcano '.concat('filler '.repeat(0));
    const text = `${far} ${Array.from({ length: 400 }, (_, i) => `w${i}x`).join(' ')} tsunami`;
    const terms = salientTerms(text, 400);
    const weight = (w: string) => terms.find((t) => t.term === w)?.weight ?? 0;
    assert.ok(weight('tsunami') > weight('volcano'));
  });
});
