import * as assert from 'node:assert/strict';
import { ContextWindows } from '../../../src/core/model/contextWindow';
import type { ChatOptions, GenerateOptions, ModelInfo } from '../../../src/core/model/modelHost';
import { buildPrompt, choosePromptForm, contextSize, EXEMPLAR_SEPARATOR, MAX_TOKENS, promptVia, systemInstruction, type ModelPrompt } from '../../../src/core/completion/prompt';
import { BASE_INFO, CHAT_INFO, exemplar, FIM_INFO, PREFILL_CHAT_INFO, settings, THINKING_CHAT_INFO } from './fakes';

const context = { before: 'We walked to the harbour before dawn, and ', after: ' the boats were already out.\n\nLater that day' };
const exemplars = [exemplar('p1', 'My own earlier paragraph about the sea.'), exemplar('p2', 'Another passage I wrote.')];
const LEGACY_INFO: ModelInfo = { name: 'legacy', capabilities: ['completion'], template: '{{ if .System }}<|system|>{{ .System }}{{ end }}<|user|>{{ .Prompt }}<|assistant|>{{ .Response }}</s>' };
const COMPLEX_INFO: ModelInfo = { name: 'complex', capabilities: ['completion'], template: '{{- range .Messages }}{{ if eq .Role "user" }}[INST] {{ .Content }} [/INST]{{ else }}{{ .Content }}</s>{{ end }}{{ end }}' };

const generate = (p: ModelPrompt): GenerateOptions => {
  assert.equal(p.endpoint, 'generate');
  return p.request as GenerateOptions;
};
const chat = (p: ModelPrompt): ChatOptions => {
  assert.equal(p.endpoint, 'chat');
  return p.request as ChatOptions;
};

/** What the model reads, in order, as one string (for generate: system, prompt, suffix; for chat: every turn). */
function flat(p: ModelPrompt): string {
  if (p.endpoint === 'chat') return (p.request.messages ?? []).map((m) => `<${m.role}>${m.content}`).join('');
  return (p.request.system ?? '') + p.request.prompt + (p.request.suffix ? `<suffix>${p.request.suffix}` : '');
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i;
}

describe('completion prompt forms', () => {
  it('chooses the form from what /api/show says', () => {
    assert.equal(choosePromptForm(FIM_INFO), 'fim');
    assert.equal(choosePromptForm(BASE_INFO), 'raw');
    assert.equal(choosePromptForm({ capabilities: ['completion'], template: '' }), 'raw');
    assert.equal(choosePromptForm({ capabilities: ['completion'], template: '{{- .Prompt -}}' }), 'raw');
    assert.equal(choosePromptForm(CHAT_INFO), 'chat');
    assert.equal(choosePromptForm(THINKING_CHAT_INFO), 'chat');
    assert.equal(choosePromptForm({ capabilities: ['completion'], template: '[INST] {{ .Prompt }} [/INST]' }), 'chat');
    assert.equal(choosePromptForm({ capabilities: ['completion'], template: '{{ .Prompt }}', renderer: 'qwen3-coder' }), 'chat');
  });

  it('gives chat models the start of their answer where the template allows it, else the template rendered open, else instructions', () => {
    assert.equal(promptVia(PREFILL_CHAT_INFO), 'prefill', 'a .Messages template that closes an assistant turn only if not $last');
    assert.equal(promptVia(LEGACY_INFO), 'prefill', 'Ollama cuts a .Prompt/.Response template after .Response');
    assert.equal(promptVia(CHAT_INFO), 'openTurn', 'a simple range template is rendered here, its last turn left open');
    assert.equal(promptVia(COMPLEX_INFO), 'instruction');
    assert.equal(promptVia({ ...PREFILL_CHAT_INFO, renderer: 'gpt-oss' }), 'instruction', 'a Go renderer cannot be read from /api/show');
    assert.equal(promptVia(THINKING_CHAT_INFO), 'instruction');
  });

  it('prefill: the system text, exemplars and the text after come first; the writer\'s text is the assistant\'s answer begun', () => {
    const prefs = { length: 'word' as const, register: 'formal' as const, notes: 'British spelling' };
    const prompt = buildPrompt({ info: PREFILL_CHAT_INFO, context, exemplars, settings: settings(prefs) });
    assert.equal(prompt.form, 'prefill');
    const messages = chat(prompt).messages ?? [];
    assert.deepEqual(messages.map((m) => m.role), ['system', 'user', 'assistant']);
    assert.match(messages[0].content, /only the next word/);
    assert.match(messages[0].content, /formal/);
    assert.match(messages[0].content, /British spelling/);
    assert.ok(messages[1].content.includes('<passage>\nAnother passage I wrote.\n</passage>'));
    assert.ok(messages[1].content.includes(context.after));
    assert.equal(messages[2].content, 'We walked to the harbour before dawn, and', 'the text itself, without its trailing space');
    assert.ok(chat(prompt).options?.stop?.includes('\n\n'));
    assert.equal(chat(prompt).options?.num_predict, MAX_TOKENS.word);
  });

  it('openTurn: a raw prompt in the model\'s own template whose assistant turn ends with the writer\'s words', () => {
    const request = generate(buildPrompt({ info: CHAT_INFO, context, exemplars, settings: settings() }));
    assert.equal(request.raw, true);
    assert.equal(request.system, undefined);
    assert.ok(request.prompt.startsWith('<|start_header_id|>system<|end_header_id|>\n\n'));
    assert.ok(request.prompt.endsWith('<|start_header_id|>assistant<|end_header_id|>\n\nWe walked to the harbour before dawn, and'));
    assert.ok(!request.prompt.endsWith('<|eot_id|>'));
  });

  it('instructions, for chat models that cannot be handed their answer, keep the text to continue last', () => {
    const request = generate(buildPrompt({ info: COMPLEX_INFO, context, exemplars, settings: settings() }));
    assert.match(request.system ?? '', /continuation only/);
    assert.ok(request.prompt.endsWith(context.before));
    assert.ok(request.prompt.indexOf('Another passage') < request.prompt.indexOf(context.after));
  });

  it('fill-in-the-middle sends the text after the cursor as suffix, exemplars as earlier text', () => {
    const prompt = buildPrompt({ info: FIM_INFO, context, exemplars, settings: settings() });
    const request = generate(prompt);
    assert.equal(prompt.form, 'fim');
    assert.equal(request.suffix, ' the boats were already out.', 'a suffix read after the prompt is cut to its paragraph');
    assert.equal(request.raw, undefined);
    assert.ok(request.prompt.endsWith(context.before.trimEnd()));
    assert.ok(request.prompt.startsWith('My own earlier paragraph about the sea.' + EXEMPLAR_SEPARATOR));
    const suffixFirst = { ...FIM_INFO, template: '<SUF>{{ .Suffix }}<PRE>{{ .Prompt }}<MID>' };
    assert.equal(generate(buildPrompt({ info: suffixFirst, context, exemplars, settings: settings() })).suffix, context.after);
  });

  it('base models get a raw continuation with no suffix and no system prompt', () => {
    const prompt = buildPrompt({ info: BASE_INFO, context, exemplars: [], settings: settings() });
    const request = generate(prompt);
    assert.equal(prompt.form, 'raw');
    assert.equal(request.raw, true);
    assert.equal(request.prompt, context.before.trimEnd());
    assert.equal(request.suffix, undefined);
    assert.equal(request.system, undefined);
    assert.deepEqual(request.options?.stop, ['. ', '.\n'], 'a sentence ends at its full stop, server-side');
    const paragraph = generate(buildPrompt({ info: BASE_INFO, context, exemplars: [], settings: settings({ length: 'paragraph' }) }));
    assert.ok(paragraph.options?.stop?.includes('\n\n'));
  });

  for (const info of [PREFILL_CHAT_INFO, CHAT_INFO, COMPLEX_INFO, FIM_INFO, BASE_INFO]) {
    it(`${info.name}: typing on changes only the end of what the model reads`, () => {
      const windows = new ContextWindows();
      const first = buildPrompt({ info, context, exemplars, settings: settings(), contextWindows: windows });
      const typed = { ...context, before: context.before + 'the gulls were loud. ' };
      const second = buildPrompt({ info, context: typed, exemplars, settings: settings(), contextWindows: windows });
      const [a, b] = [flat(first), flat(second)];
      const changed = a.length - commonPrefix(a, b);
      const suffix = first.endpoint === 'generate' ? (first.request.suffix ?? '') : '';
      assert.ok(changed <= suffix.length + '<suffix>'.length, `${changed} characters differ before the end`);
      assert.equal(first.request.options?.num_ctx, second.request.options?.num_ctx);
    });
  }

  it('leaves notes out when there are none, and says each length differently', () => {
    const sentence = systemInstruction({ length: 'sentence', register: 'auto', notes: ' ' });
    const paragraph = systemInstruction({ length: 'paragraph', register: 'auto', notes: '' });
    assert.doesNotMatch(sentence, /notes/);
    assert.notEqual(sentence, paragraph);
  });

  it('puts a stable preamble right after the system instruction', () => {
    const prompt = buildPrompt({ info: PREFILL_CHAT_INFO, context, exemplars, settings: settings(), preamble: ['How I write: short sentences.'] });
    assert.match(chat(prompt).messages?.[0].content ?? '', /\n\nHow I write: short sentences\.$/);
  });

  it('turns thinking off only for thinking models and passes keep_alive', () => {
    const thinking = buildPrompt({ info: THINKING_CHAT_INFO, context, exemplars: [], settings: settings({}, { keepAlive: '1h' }) }).request;
    const plain = buildPrompt({ info: CHAT_INFO, context, exemplars: [], settings: settings() }).request;
    assert.equal(thinking.think, false);
    assert.equal(thinking.keep_alive, '1h');
    assert.equal('think' in plain, false);
  });

  it('without shared windows sizes num_ctx to the prompt in a few fixed steps, within the model limit', () => {
    assert.equal(contextSize(1000, 64), 2048);
    assert.equal(contextSize(9000, 64), 4096);
    assert.equal(contextSize(9000, 64, 3000), 3000);
    const long = { before: 'word '.repeat(4000), after: '' };
    assert.equal(buildPrompt({ info: BASE_INFO, context: long, exemplars: [], settings: settings() }).request.options?.num_ctx, 8192);
    assert.equal(buildPrompt({ info: BASE_INFO, context, exemplars: [], settings: settings() }).request.options?.num_ctx, 2048);
  });

  it('with shared windows chooses num_ctx once for what the settings allow, grows it and never shrinks it', () => {
    const windows = new ContextWindows();
    const size = (before: string, ex = exemplars) => buildPrompt({ info: BASE_INFO, context: { before, after: '' }, exemplars: ex, settings: settings(), contextWindows: windows }).request.options?.num_ctx;
    const first = size('Short.');
    assert.equal(size('word '.repeat(600)), first, 'a fuller window within the budget asks for the same size');
    const huge = [exemplar('big', 'sentence of mine. '.repeat(1500))];
    const grown = size('Short.', huge);
    assert.ok((grown ?? 0) > (first ?? 0));
    assert.equal(size('Short.'), grown, 'never shrunk back');
  });
});
