import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { visibleName } from '../../../src/webview/sidebar/names';
import { applyMessage, INITIAL_STATE, isMissing, modelChoices, restoreState } from '../../../src/webview/sidebar/state';

describe('sidebar webview state', () => {
  it('keeps the latest of each message and leaves the rest', () => {
    let state = applyMessage({}, { type: 'models', models: ['a:1'] });
    state = applyMessage(state, { type: 'hostStatus', status: { state: 'checking', host: 'http://h' } });
    state = applyMessage(state, { type: 'models', models: ['b:2'] });
    assert.deepEqual(state.models, ['b:2']);
    assert.equal(state.hostStatus?.state, 'checking');
    assert.equal(applyMessage(state, { type: 'suggestion', suggestion: undefined }).suggestion, undefined);
  });

  it('restores a saved state and starts afresh from a damaged one', () => {
    assert.deepEqual(restoreState(undefined), INITIAL_STATE);
    assert.deepEqual(restoreState('junk'), INITIAL_STATE);
    const restored = restoreState({ view: { models: ['m'] }, open: { why: false } });
    assert.deepEqual(restored.view, { models: ['m'] });
    assert.equal(restored.open.why, false);
    assert.equal(restored.open.model, true);
  });

  it('offers the configured model even when the host lacks it, marked as not pulled', () => {
    assert.deepEqual(modelChoices(['b:1', 'a:1'], 'c:1'), [
      { value: 'a:1', label: 'a:1' },
      { value: 'b:1', label: 'b:1' },
      { value: 'c:1', label: 'c:1 (not pulled)' },
    ]);
    assert.deepEqual(modelChoices(undefined, '', 'None'), [{ value: '', label: 'None' }]);
  });

  it('offers only the models that fit a picker, and the configured one whatever it is', () => {
    const all = ['chat:3b', 'embed:1', 'other:7b'];
    assert.deepEqual(modelChoices(all, 'chat:3b', undefined, ['chat:3b', 'other:7b']).map((c) => c.value), ['chat:3b', 'other:7b']);
    assert.deepEqual(modelChoices(all, '', 'None', ['embed:1']).map((c) => c.value), ['', 'embed:1']);
    assert.deepEqual(modelChoices(all, 'chat:3b', 'None', ['embed:1']).map((c) => c.value), ['', 'chat:3b', 'embed:1'], 'a configured misfit stays visible');
  });

  it('treats a name and its :latest as one model, and an unknown list as nothing missing', () => {
    assert.equal(isMissing(['llama3.2:latest'], 'llama3.2'), false);
    assert.equal(isMissing(['qwen'], 'qwen:latest'), false);
    assert.equal(isMissing(['qwen:3b'], 'llama3.2:3b'), true);
    assert.equal(isMissing(undefined, 'llama3.2:3b'), false);
    assert.equal(isMissing(['qwen:3b'], ''), false);
  });

  it('never builds markup from strings in the webview code', () => {
    const dir = path.join(__dirname, '../../../../src/webview/sidebar');
    // Sections may have folders of their own (yourVoice/): every file below counts.
    for (const file of fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.ts'))) {
      const source = fs.readFileSync(path.join(dir, file), 'utf8');
      assert.doesNotMatch(source, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\.on[a-z]+\s*=[^=]|setAttribute\(\s*.on/, file);
    }
  });

  it('shows direction controls in model names as code points, so a name cannot disguise itself', () => {
    const [choice] = modelChoices(['llama\u202Eexe.3'], '');
    assert.equal(choice.value, 'llama\u202Eexe.3', 'the value sent back is the name as the host gave it');
    assert.equal(choice.label, 'llama<U+202E>exe.3');
    assert.equal(visibleName('plain name.md'), 'plain name.md');
  });
});
