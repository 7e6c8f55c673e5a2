import * as assert from 'node:assert/strict';
import { cursorContext, cutAfter, cutBefore } from '../../../src/core/completion/context';

const para = (n: number, words = 40) => Array.from({ length: words }, (_, i) => `w${n}x${i}`).join(' ') + '.';

describe('completion context', () => {
  it('keeps short text whole on both sides', () => {
    const text = 'First paragraph.\n\nSecond one, and';
    assert.deepEqual(cursorContext(text + ' more after.', text.length, 1000, 1000), { before: text, after: ' more after.' });
  });

  it('cuts the text before the cursor at a paragraph start within the budget', () => {
    const before = [para(1), para(2), para(3)].join('\n\n') + '\n\nThe current line';
    const cut = cutBefore(before, 500);
    assert.ok(cut.length <= 500);
    assert.ok(cut.startsWith('w2x0') || cut.startsWith('w3x0'), cut.slice(0, 20));
    assert.ok(cut.endsWith('The current line'));
  });

  it('falls back to a sentence start, then a word start, when no paragraph break is near', () => {
    const sentences = Array.from({ length: 30 }, (_, i) => `Sentence number ${i} goes on a little.`).join(' ');
    const cut = cutBefore(sentences, 200);
    assert.match(cut, /^Sentence number \d+/);
    const words = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    assert.match(cutBefore(words, 100), /^word\d+ /);
  });

  it('cuts the text after the cursor at a paragraph or sentence end', () => {
    const after = ' ends here. ' + para(4) + '\n\n' + para(5);
    const cut = cutAfter(after, 300);
    assert.ok(cut.length <= 300);
    assert.ok(cut.endsWith('.'), cut.slice(-20));
  });
});
