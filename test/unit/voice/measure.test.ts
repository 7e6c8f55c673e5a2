import * as assert from 'node:assert/strict';
import { measureVoice } from '../../../src/core/voice/measure';

function habit(profile: ReturnType<typeof measureVoice>, key: string): string | undefined {
  return profile.habits.find((h) => h.key === key)?.value;
}

const BRITISH = 'I’m sure the colour of the harbour — grey, blue, and green — is what I’ll remember. We organised a walk; it’s “lovely” there. ';
const AMERICAN = "We think the color of the harbor -- gray, blue and green -- is what we'll remember! We organized a walk, and it's \"lovely\" there. ";

describe('measuring a voice', () => {
  it('finds a British writer\'s habits, each with its evidence', () => {
    const profile = measureVoice(Array.from({ length: 40 }, (_, i) => ({ text: BRITISH + `Passage ${i} ends here.`, headings: [`A walk to the harbour number ${i}`] })));
    assert.equal(habit(profile, 'spelling'), 'British');
    assert.match(habit(profile, 'quotes') ?? '', /curly double/);
    assert.match(habit(profile, 'apostrophes') ?? '', /curly/);
    assert.match(habit(profile, 'dashes') ?? '', /em dash, spaced/);
    assert.match(habit(profile, 'oxfordComma') ?? '', /^yes/);
    assert.match(habit(profile, 'person') ?? '', /\(I\)/);
    assert.equal(habit(profile, 'contractions'), 'often (don’t, it’s)', 'the example in the writer’s own apostrophe');
    assert.match(habit(profile, 'headings') ?? '', /sentence case/);
    assert.equal(habit(profile, 'exclamations'), 'never');
    assert.match(profile.habits.find((h) => h.key === 'spelling')!.evidence, /colour ×40/);
    assert.equal(profile.basis.passages, 40);
  });

  it('finds an American writer\'s different habits', () => {
    const profile = measureVoice(Array.from({ length: 40 }, () => ({ text: AMERICAN })));
    assert.equal(habit(profile, 'spelling'), 'American');
    assert.match(habit(profile, 'quotes') ?? '', /straight double/);
    assert.match(habit(profile, 'dashes') ?? '', /double hyphen/);
    assert.match(habit(profile, 'oxfordComma') ?? '', /^no/);
    assert.match(habit(profile, 'person') ?? '', /\(we\)/);
    assert.notEqual(habit(profile, 'exclamations'), 'never');
  });

  it('says nothing where there is too little evidence', () => {
    const profile = measureVoice([{ text: 'The colour was fine.' }]);
    assert.equal(habit(profile, 'spelling'), undefined);
    assert.equal(habit(profile, 'neverWords'), undefined);
    assert.equal(habit(profile, 'exclamations'), undefined);
  });

  it('names distinctive phrases against everyday English, and model-favoured words the writer never uses', () => {
    const text = 'The goroutine scheduler parks the goroutine while the channel waits. I delve into nothing. ';
    const profile = measureVoice(Array.from({ length: 120 }, (_, i) => ({ text: text + `Some plain words follow here, number ${i}, as they do in any ordinary text about things. `.repeat(2) })));
    assert.match(habit(profile, 'phrases') ?? '', /goroutine/);
    const never = habit(profile, 'neverWords') ?? '';
    assert.match(never, /tapestry/);
    assert.doesNotMatch(never, /delve/, 'the writer does use "delve"');
  });
});
