import * as assert from 'node:assert/strict';
import type { VoiceProfile } from '../../../src/core/voice/profile';
import { parseProfile, renderProfile } from '../../../src/core/voice/profileFile';

export const PROFILE: VoiceProfile = {
  habits: [
    { key: 'spelling', label: 'Spelling', value: 'British', evidence: 'colour ×4', on: true },
    { key: 'dashes', label: 'Dashes', value: 'em dash, spaced (word — word)', evidence: '— ×9', on: false },
  ],
  ownWords: 'Dry, short, no fuss.',
  basis: { passages: 12, words: 3400, measuredAt: Date.UTC(2026, 0, 2) },
};

describe('the profile file', () => {
  it('reads back what it wrote', () => {
    const parsed = parseProfile(renderProfile(PROFILE));
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.habits, PROFILE.habits);
    assert.equal(parsed.ownWords, PROFILE.ownWords);
  });

  it('reads a hand edit: a ticked box, new words, a habit of the writer\'s own, loose spacing', () => {
    const edited = renderProfile(PROFILE)
      .replace('- [ ] Dashes:', '* [X]   dashes :')
      .replace('Spelling: British', 'Spelling: American, always')
      .replace('## In my own words', '- [x] Tone: dry, never gushing\n\n## In my own words');
    const parsed = parseProfile(edited);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.habits.map((h) => [h.key, h.value, h.on]), [
      ['spelling', 'American, always', true],
      ['dashes', 'em dash, spaced (word — word)', true],
      ['own:Tone', 'dry, never gushing', true],
    ]);
  });

  it('refuses a file that is not a profile, with a reason', () => {
    const noHabits = parseProfile('# Shopping list\n\n- eggs\n');
    assert.deepEqual(noHabits, { ok: false, reason: 'it has no "Habits" section' });
    assert.equal(parseProfile('\u0000\u0001binary').ok, false);
    assert.equal(parseProfile('x'.repeat(300 * 1024)).ok, false);
  });

  it('an empty own-words section is empty, not its placeholder', () => {
    const parsed = parseProfile(renderProfile({ ...PROFILE, ownWords: '' }));
    assert.ok(parsed.ok);
    assert.equal(parsed.ownWords, '');
  });
});
