import * as assert from 'node:assert/strict';
import { systemInstruction } from '../../../src/core/completion/prompt';
import { formOf } from '../../../src/core/voice/form';
import type { VoiceProfile } from '../../../src/core/voice/profile';
import { voiceInstruction } from '../../../src/core/voice/promptText';

const profile = (evidence: string, on = true): VoiceProfile => ({
  habits: [
    { key: 'spelling', label: 'Spelling', value: 'British', evidence, on },
    { key: 'quotes', label: 'Quotation marks', value: 'curly double (“…”)', evidence, on: true },
    { key: 'neverWords', label: 'Words I never use', value: 'delve, tapestry', evidence, on: true },
  ],
  ownWords: 'I write short.',
  basis: { passages: 3, words: evidence.length, measuredAt: evidence.length },
});

describe('the profile in prompts', () => {
  it('is the habits\' words only: the same text whatever the evidence counts', () => {
    const a = voiceInstruction(profile('colour ×4'));
    assert.equal(a, voiceInstruction(profile('colour ×400, flavour ×3')));
    assert.match(a, /spelling: British; quotation marks: curly double/);
    assert.match(a, /never use \(do not write them\): delve, tapestry/);
    assert.match(a, /own words: I write short\./);
  });

  it('leaves out habits the writer switched off, in the text and the form', () => {
    const off = profile('x', false);
    assert.doesNotMatch(voiceInstruction(off), /spelling/);
    assert.equal(formOf(off).spelling, undefined);
    assert.deepEqual(formOf(profile('x')).quotes, { curly: true, primary: 'double' });
  });

  it('reaches the chat system instruction', () => {
    const instruction = voiceInstruction(profile('x'));
    const system = systemInstruction({ length: 'sentence', register: 'auto', notes: '', voice: { instruction, form: {} } });
    assert.ok(system.includes(instruction));
  });
});
