import * as assert from 'node:assert/strict';
import { applyMessage } from '../../../src/webview/sidebar/state';
import { isToSidebar, parseFromSidebar } from '../../../src/shared/sidebarProtocol';

describe('"Your voice" messages', () => {
  it('accepts the sidebar\'s voice messages and nothing malformed', () => {
    assert.deepEqual(parseFromSidebar({ type: 'setHabit', key: 'spelling', on: false }), { type: 'setHabit', key: 'spelling', on: false });
    assert.deepEqual(parseFromSidebar({ type: 'editVoice' }), { type: 'editVoice' });
    assert.equal(parseFromSidebar({ type: 'setHabit', key: 'spelling', on: 'no' }), undefined);
    assert.equal(parseFromSidebar({ type: 'setHabit', key: '', on: true }), undefined);
    assert.equal(parseFromSidebar({ type: 'measureVoice', extra: 1 }), undefined);
  });

  it('keeps the profile the host sent in the view state', () => {
    const voice = { habits: [{ key: 'spelling', label: 'Spelling', value: 'British', evidence: 'colour ×3', on: true }], ownWords: '', passages: 3, words: 900, learning: true };
    const message = { type: 'voice', voice };
    assert.ok(isToSidebar(message));
    assert.deepEqual(applyMessage({}, message).voice, voice);
  });
});
