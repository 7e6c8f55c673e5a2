import * as assert from 'node:assert/strict';
import type { VoiceForm } from '../../../src/core/voice/form';
import { applyVoiceForm } from '../../../src/core/voice/postProcess';

const BRITISH_CURLY: VoiceForm = { quotes: { curly: true, primary: 'double' }, apostrophes: 'curly', dash: 'emSpaced', spelling: 'British' };
const AMERICAN_STRAIGHT: VoiceForm = { quotes: { curly: false, primary: 'double' }, apostrophes: 'straight', dash: 'doubleHyphen', spelling: 'American' };

describe('voice post-processor', () => {
  it('gives a suggestion the writer\'s quotation marks, apostrophes, dashes and spelling', () => {
    assert.equal(applyVoiceForm('He called it "the color of rain"—and I don\'t disagree.', BRITISH_CURLY), 'He called it “the color of rain” — and I don’t disagree.');
    assert.equal(applyVoiceForm('We organized the center — it’s “done”.', AMERICAN_STRAIGHT), 'We organized the center -- it\'s "done".');
    assert.equal(applyVoiceForm('We organised the centre.', AMERICAN_STRAIGHT), 'We organized the center.');
    assert.equal(applyVoiceForm('We organized the center.', BRITISH_CURLY), 'We organised the centre.');
  });

  it('writes Oxford spelling as British with -ize', () => {
    assert.equal(applyVoiceForm('Colors organised', { spelling: 'Oxford' }), 'Colours organized');
  });

  it('changes nothing inside code spans, code blocks, URLs or quoted material', () => {
    const text = 'Set `color = "red"` at https://example.com/color-center then "the color -- of it" ```\nx = "center" - y\n```';
    assert.equal(applyVoiceForm(text, BRITISH_CURLY), 'Set `color = "red"` at https://example.com/color-center then “the color -- of it” ```\nx = "center" - y\n```');
    assert.equal(applyVoiceForm("She wrote 'the color of it' once.", BRITISH_CURLY), 'She wrote ‘the color of it’ once.');
  });

  it('knows from the text before when a suggestion starts inside a quotation or a code span', () => {
    assert.equal(applyVoiceForm(' color," she said. The center "is -- the center."', BRITISH_CURLY, { before: 'And "the' }), ' color,” she said. The centre “is -- the center.”');
    assert.equal(applyVoiceForm('color` and the color', BRITISH_CURLY, { before: 'Use `' }), 'color` and the colour');
    assert.equal(applyVoiceForm('color', BRITISH_CURLY, { before: '```\ncode ' }), 'color');
  });

  it('leaves ranges, hyphenated words and list items alone', () => {
    assert.equal(applyVoiceForm('In 1990–2000 a well-known man.\n- first item', BRITISH_CURLY), 'In 1990–2000 a well-known man.\n- first item');
  });

  it('without form habits returns the text untouched', () => {
    const text = 'He said "color" -- twice.';
    assert.equal(applyVoiceForm(text, {}), text);
    assert.equal(applyVoiceForm(text, undefined), text);
  });

  it('converts double quotation marks for a writer whose quotations are single', () => {
    assert.equal(applyVoiceForm('It was "fine", they said.', { quotes: { curly: true, primary: 'single' } }), 'It was ‘fine’, they said.');
  });
});
