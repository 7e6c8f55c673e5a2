import * as assert from 'node:assert/strict';
import { CompletionEngine } from '../../../src/core/completion/engine';
import { rewriteSelection } from '../../../src/core/rewrite/rewriter';
import type { PromptVoice } from '../../../src/core/voice';
import { ContextWindows } from '../../../src/core/model/contextWindow';
import { sharedModel } from '../../../src/core/model/sharedModel';
import { describeVoice } from '../../../src/core/voice/describe';
import { CHAT_INFO, FakeHost, MemoryLog, settings } from '../completion/fakes';

const VOICE: PromptVoice = { instruction: 'The writer\'s habits, measured in their own writing: spelling: British.', form: { spelling: 'British', quotes: { curly: true, primary: 'double' } } };
const never = new AbortController().signal;

describe('the profile reaches suggestions and rewrites', () => {
  it('a raw model\'s suggestion comes out in the writer\'s form', async () => {
    const host = new FakeHost([' the "blue" color', ' of the sea.']);
    const engine = new CompletionEngine({ host: () => host, log: new MemoryLog(), settings: () => settings({ voice: VOICE }) });
    const text = 'We walked to the harbour and saw ';
    const result = await engine.complete({ documentId: 'd', text, offset: text.length, languageId: 'markdown', cursorCount: 1, hasSelection: false, explicit: false }, never);
    assert.equal(result?.text, 'the “blue” colour of the sea.');
  });

  it('a chat prompt carries the profile in its system instruction', async () => {
    const host = new FakeHost([' more.'], CHAT_INFO);
    const engine = new CompletionEngine({ host: () => host, log: new MemoryLog(), settings: () => settings({ voice: VOICE }) });
    const text = 'We walked to the harbour and saw ';
    await engine.complete({ documentId: 'd', text, offset: text.length, languageId: 'markdown', cursorCount: 1, hasSelection: false, explicit: false }, never);
    // Before the writer's text, in the part every request shares (a system field, or the head of the rendered chat).
    const sent = host.requests[0];
    const whole = (sent.system ?? '') + sent.prompt;
    assert.ok(whole.indexOf(VOICE.instruction) >= 0 && whole.indexOf(VOICE.instruction) < whole.indexOf('We walked to the harbour'));
  });

  it('a rewrite comes out in the writer\'s form, and its prompt carries the profile', async () => {
    const host = new FakeHost(['The "new" color changed.'], CHAT_INFO);
    const text = 'The colour changed.';
    const template = { name: 'voice', description: '', system: 'Rewrite.', prompt: '{{preferences}}\n{{selection}}' };
    const rewritten = await rewriteSelection(
      { template, subject: { text, start: 0, end: text.length, docId: 'd', format: 'markdown', formatName: 'Markdown' }, instruction: '', preferences: { register: 'auto', notes: '', voice: VOICE }, settings: { keepAlive: '5m', temperature: 0.2 } },
      { host, model: 'chat', log: new MemoryLog() },
      never,
      () => undefined,
    );
    assert.equal(rewritten, 'The “new” colour changed.');
    assert.ok(host.requests[0].prompt.includes(VOICE.instruction));
  });
});

describe('a description of the voice in words', () => {
  it('asks the given host\'s model about the sample, and keeps only the description', async () => {
    const host = new FakeHost(['Sure! Here is a description:\n\n', 'Dry and short, with long dashes.'], CHAT_INFO);
    const text = await describeVoice(host, 'chat', ['The harbour was quiet.', 'We walked — slowly.']);
    assert.equal(text, 'Dry and short, with long dashes.');
    assert.equal(host.requests.length, 1);
    assert.match(host.requests[0].prompt, /<passage>\nThe harbour was quiet.\n<\/passage>\n<passage>\nWe walked — slowly.\n<\/passage>/);
    assert.match(host.requests[0].prompt, /not the topics/);
  });

  it("uses the completions' num_ctx for the model, and tells completions the model read another prompt", async () => {
    const host = new FakeHost(['Dry and short.'], CHAT_INFO);
    const windows = new ContextWindows();
    windows.sizeFor('chat', 5000);
    const read: string[] = [];
    await describeVoice(host, 'chat', ['The harbour was quiet.'], undefined, sharedModel(windows, (model) => read.push(model)));
    assert.equal(host.requests[0].options?.num_ctx, windows.current('chat'), 'another num_ctx would reload the model');
    assert.deepEqual(read, ['chat']);
  });
});
