import * as assert from 'node:assert/strict';
import { buildPrompt, choosePromptForm, contextSize, EXEMPLAR_SEPARATOR, MAX_TOKENS, systemInstruction } from '../../../src/core/completion/prompt';
import { BASE_INFO, CHAT_INFO, exemplar, FIM_INFO, settings, THINKING_CHAT_INFO } from './fakes';

const context = { before: 'We walked to the harbour before dawn, and', after: ' the boats were already out.\n\nLater that day' };
const exemplars = [exemplar('p1', 'My own earlier paragraph about the sea.'), exemplar('p2', 'Another passage I wrote.')];

describe('completion prompt forms', () => {
  it('chooses the form from what /api/show says', () => {
    assert.equal(choosePromptForm(FIM_INFO), 'fim');
    assert.equal(choosePromptForm(BASE_INFO), 'raw');
    assert.equal(choosePromptForm({ capabilities: ['completion'], template: '' }), 'raw');
    assert.equal(choosePromptForm({ capabilities: ['completion'], template: '{{- .Prompt -}}' }), 'raw');
    assert.equal(choosePromptForm(CHAT_INFO), 'chat');
    assert.equal(choosePromptForm(THINKING_CHAT_INFO), 'chat');
    assert.equal(choosePromptForm({ capabilities: ['completion'], template: '[INST] {{ .Prompt }} [/INST]' }), 'chat');
  });

  it('fill-in-the-middle sends the text after the cursor as suffix, exemplars as earlier text', () => {
    const { form, request } = buildPrompt({ info: FIM_INFO, context, exemplars, settings: settings() });
    assert.equal(form, 'fim');
    assert.equal(request.suffix, context.after);
    assert.equal(request.raw, undefined);
    assert.ok(request.prompt.endsWith(context.before));
    assert.ok(request.prompt.startsWith('My own earlier paragraph about the sea.' + EXEMPLAR_SEPARATOR));
    assert.equal(request.system, undefined);
  });

  it('base models get a raw continuation with no suffix and no system prompt', () => {
    const { form, request } = buildPrompt({ info: BASE_INFO, context, exemplars: [], settings: settings() });
    assert.equal(form, 'raw');
    assert.equal(request.raw, true);
    assert.equal(request.prompt, context.before);
    assert.equal(request.suffix, undefined);
    assert.equal(request.system, undefined);
    assert.ok(request.options?.stop?.includes('\n\n'));
  });

  it('chat models get instructions with preferences, exemplars, the text after and the text to continue last', () => {
    const prefs = { length: 'word' as const, register: 'formal' as const, notes: 'British spelling' };
    const { form, request } = buildPrompt({ info: CHAT_INFO, context, exemplars, settings: settings(prefs) });
    assert.equal(form, 'chat');
    assert.equal(request.raw, undefined);
    assert.match(request.system ?? '', /only the next word/);
    assert.match(request.system ?? '', /formal/);
    assert.match(request.system ?? '', /British spelling/);
    assert.ok(request.prompt.includes('<passage>\nAnother passage I wrote.\n</passage>'));
    assert.ok(request.prompt.includes(context.after));
    assert.ok(request.prompt.endsWith(context.before), 'the text to continue comes last');
    assert.equal(request.options?.num_predict, MAX_TOKENS.word);
  });

  it('leaves notes out when there are none, and says each length differently', () => {
    const sentence = systemInstruction({ length: 'sentence', register: 'auto', notes: ' ' });
    const paragraph = systemInstruction({ length: 'paragraph', register: 'auto', notes: '' });
    assert.doesNotMatch(sentence, /notes/);
    assert.notEqual(sentence, paragraph);
  });

  it('turns thinking off only for thinking models and passes keep_alive', () => {
    const thinking = buildPrompt({ info: THINKING_CHAT_INFO, context, exemplars: [], settings: settings({}, { keepAlive: '1h' }) }).request;
    const plain = buildPrompt({ info: CHAT_INFO, context, exemplars: [], settings: settings() }).request;
    assert.equal(thinking.think, false);
    assert.equal(thinking.keep_alive, '1h');
    assert.equal('think' in plain, false);
  });

  it('sizes num_ctx to the prompt in a few fixed steps, within the model limit', () => {
    assert.equal(contextSize(1000, 64), 2048);
    assert.equal(contextSize(9000, 64), 4096);
    assert.equal(contextSize(9000, 64, 3000), 3000);
    const long = { before: 'word '.repeat(4000), after: '' };
    const request = buildPrompt({ info: BASE_INFO, context: long, exemplars: [], settings: settings() }).request;
    assert.equal(request.options?.num_ctx, 8192);
    const short = buildPrompt({ info: BASE_INFO, context, exemplars: [], settings: settings() }).request;
    assert.equal(short.options?.num_ctx, 2048);
  });
});
