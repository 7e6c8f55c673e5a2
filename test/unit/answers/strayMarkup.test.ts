// What a server-side stop at a full stop can leave behind: an emphasis opened and never closed, a list number alone.
import * as assert from 'node:assert/strict';
import { withoutForeignMarkup } from '../../../src/core/answers/markup';
import { buildPrompt } from '../../../src/core/completion/prompt';
import { cutListMarker, stoppedAtFullStop } from '../../../src/core/completion/streamEnds';
import { BASE_INFO, settings } from '../completion/fakes';

const markdown = (before: string) => ({ language: 'markdown', before });

describe('markup a stopped stream leaves behind', () => {
  it('drops an opener the answer never closes', () => {
    assert.equal(withoutForeignMarkup(' a little girl **named Lily.', markdown('Once upon a time there was')), ' a little girl named Lily.');
    assert.equal(withoutForeignMarkup(' the _quiet harbour.', markdown('We saw')), ' the quiet harbour.');
  });

  it('keeps emphasis the answer closes, and the close of the writer\'s own', () => {
    assert.equal(withoutForeignMarkup(' a **very** small boat.', markdown('I like **bold** words and')), ' a **very** small boat.');
    assert.equal(withoutForeignMarkup(' harbour** at dawn.', markdown('We reached the **quiet')), ' harbour** at dawn.');
  });

  it('puts a full stop back only after words, not after a list number the stop cut', () => {
    const prompt = buildPrompt({ info: BASE_INFO, context: { before: 'The boats', after: '' }, exemplars: [], settings: settings() });
    assert.equal(stoppedAtFullStop(prompt, 'sentence', ' sailed out'), true);
    assert.equal(stoppedAtFullStop(prompt, 'sentence', '1'), false);
  });
});

describe('a list number the sentence stop cut', () => {
  it('is a cut list marker alone, not once words follow or for a year', () => {
    const prompt = buildPrompt({ info: BASE_INFO, context: { before: 'The boats', after: '' }, exemplars: [], settings: settings() });
    assert.equal(cutListMarker(prompt, 'sentence', '1'), true);
    assert.equal(cutListMarker(prompt, 'sentence', ' 12 boats'), false);
    assert.equal(cutListMarker(prompt, 'sentence', ' 1990'), false);
  });
});
