import * as assert from 'node:assert/strict';
import { planSelection, splitParagraphs } from '../../../src/core/rewrite/budget';

const paragraph = (words: number, word = 'word') => Array.from({ length: words }, () => word).join(' ');

describe('rewrite budget', () => {
  it('sends a selection that fits in one piece', () => {
    const plan = planSelection('One paragraph.\n\nAnother one.', 4096, 400);
    assert.ok(plan.fits);
    assert.deepEqual(plan.pieces, [{ text: 'One paragraph.\n\nAnother one.', separatorAfter: '' }]);
  });

  it('goes paragraph by paragraph when the whole does not fit, and the pieces rebuild the selection', () => {
    const selection = [paragraph(150), paragraph(150), paragraph(150)].join('\n\n') + '\n';
    const plan = planSelection(selection, 1024, 200);
    assert.ok(plan.fits);
    assert.equal(plan.pieces.length, 3);
    assert.equal(plan.pieces.map((p) => p.text + p.separatorAfter).join(''), selection);
  });

  it('says how large the largest paragraph is when one paragraph alone is too big', () => {
    const plan = planSelection(`short\n\n${paragraph(900)}`, 1024, 200);
    assert.ok(!plan.fits);
    assert.equal(plan.largestParagraphWords, 900);
    assert.ok(plan.roomWords > 0 && plan.roomWords < 900);
  });

  it('keeps a fenced code block whole across its blank lines', () => {
    const text = 'Intro\n\n```\ncode\n\nmore code\n```\n\nOutro';
    const pieces = splitParagraphs(text);
    assert.deepEqual(pieces.map((p) => p.text), ['Intro', '```\ncode\n\nmore code\n```', 'Outro']);
    assert.equal(pieces.map((p) => p.text + p.separatorAfter).join(''), text);
  });

  it('still gives tiny models a quarter of their context for the passage', () => {
    const plan = planSelection('A short sentence to rewrite.', 512, 600);
    assert.ok(plan.fits);
  });
});
