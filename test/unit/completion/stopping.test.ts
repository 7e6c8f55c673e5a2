import * as assert from 'node:assert/strict';
import { unitEnd } from '../../../src/core/completion/stopping';

/** What is kept when the stream has delivered `text` so far (undefined: keep streaming). */
const kept = (text: string, unit: 'word' | 'sentence' | 'paragraph', final = false) => {
  const end = unitEnd(text, unit, final);
  return end === undefined ? undefined : text.slice(0, end);
};

describe('completion stream stopping', () => {
  it('word: waits until the word is followed by something', () => {
    assert.equal(kept(' sat', 'word'), undefined);
    assert.equal(kept(' sat on', 'word'), ' sat');
    assert.equal(kept(", don't you", 'word'), ", don't");
    assert.equal(kept(' sat', 'word', true), ' sat');
    assert.equal(kept('  ', 'word', true), undefined);
  });

  it('sentence: ends at the first sentence end after some words', () => {
    assert.equal(kept(' the boats were out', 'sentence'), undefined);
    assert.equal(kept(' the boats were out. Then', 'sentence'), ' the boats were out.');
    assert.equal(kept(' they left!" she said', 'sentence'), ' they left!"');
    assert.equal(kept(' the boats were out.', 'sentence'), ' the boats were out.');
  });

  it('sentence: does not end at abbreviations, initials or a number that may go on', () => {
    assert.equal(kept(' see e.g. the harbour', 'sentence'), undefined);
    assert.equal(kept(' Mr. Smith came', 'sentence'), undefined);
    assert.equal(kept(' J. R. R. Tolkien wrote', 'sentence'), undefined);
    assert.equal(kept(' in version 2.', 'sentence'), undefined);
    assert.equal(kept(' in version 2.5 it broke. Then', 'sentence'), ' in version 2.5 it broke.');
    assert.equal(kept(' back in 2020. Then', 'sentence'), ' back in 2020.');
    assert.equal(kept(' in version 2.', 'sentence', true), ' in version 2.');
  });

  it('sentence: a line break ends it, punctuation alone does not', () => {
    assert.equal(kept(' first item\n- second', 'sentence'), ' first item');
    assert.equal(kept('. ', 'sentence'), undefined);
    assert.equal(kept('. It was late. ', 'sentence'), '. It was late.');
  });

  it('paragraph: ends at the first blank line after text', () => {
    assert.equal(kept(' one. Two.', 'paragraph'), undefined);
    assert.equal(kept(' one. Two.\n\nThree', 'paragraph'), ' one. Two.');
    assert.equal(kept('\n\nA new paragraph.\n\nNext', 'paragraph'), '\n\nA new paragraph.');
  });
});
