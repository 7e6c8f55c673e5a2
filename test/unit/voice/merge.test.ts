import * as assert from 'node:assert/strict';
import { mergeMeasurement } from '../../../src/core/voice/merge';
import type { Habit, VoiceProfile } from '../../../src/core/voice/profile';

const h = (key: Habit['key'], value: string, on = true): Habit => ({ key, label: key, value, evidence: `seen for ${value}`, on });
const measuredAs = (...habits: Habit[]): VoiceProfile => ({ habits, ownWords: '', basis: { passages: 5, words: 900, measuredAt: 1 } });

describe('a new measurement meets the writer\'s edits', () => {
  const first = measuredAs(h('spelling', 'British'), h('dashes', 'em dash'), h('quotes', 'curly double'));
  const start = mergeMeasurement(first, undefined, undefined);

  it('keeps edited words, switches and own habits; follows the measurement elsewhere; deleted habits stay deleted', () => {
    const file = {
      habits: [h('spelling', 'American'), h('dashes', 'em dash', false), h('own:Tone', 'dry')],
      ownWords: 'Mine.',
    };
    const second = measuredAs(h('spelling', 'British'), h('dashes', 'en dash'), h('quotes', 'straight double'), h('emoji', 'never'));
    const { profile, memo } = mergeMeasurement(second, file, start.memo);
    assert.deepEqual(profile.habits.map((x) => [x.key, x.value, x.on]), [
      ['spelling', 'American', true],
      ['dashes', 'en dash', false],
      ['emoji', 'never', true],
      ['own:Tone', 'dry', true],
    ]);
    assert.equal(profile.ownWords, 'Mine.');
    assert.match(profile.habits[0].evidence, /you wrote this; Ownvoice measured: British/);

    // Measured again, the edit still wins, even once the measurement agrees and then moves on.
    const third = measuredAs(h('spelling', 'American'), h('dashes', 'en dash'), h('quotes', 'curly double'));
    const again = mergeMeasurement(third, profile, memo);
    const fourth = measuredAs(h('spelling', 'British'), h('dashes', 'en dash'), h('quotes', 'curly double'));
    const later = mergeMeasurement(fourth, again.profile, again.memo);
    assert.equal(later.profile.habits.find((x) => x.key === 'spelling')?.value, 'American');
    assert.equal(later.profile.habits.find((x) => x.key === 'quotes'), undefined, 'the deleted quotes habit stays deleted');
  });

  it('without a memo, a value differing from the measurement counts as the writer\'s', () => {
    const { profile } = mergeMeasurement(first, { habits: [h('spelling', 'American')], ownWords: '' }, undefined);
    assert.equal(profile.habits.find((x) => x.key === 'spelling')?.value, 'American');
    assert.equal(profile.habits.find((x) => x.key === 'dashes')?.value, 'em dash');
  });
});
