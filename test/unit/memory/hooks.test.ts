import * as assert from 'node:assert/strict';
import { CompletionEngine } from '../../../src/core/completion/engine';
import type { CompletionRequest } from '../../../src/core/completion/types';
import { WriterMemory } from '../../../src/core/memory/writerMemory';
import { render } from '../../../src/core/rewrite/prompt';
import { builtInPreset } from '../../../src/core/rewrite/presets';
import { CHAT_INFO, FakeHost, MemoryLog, settings } from '../completion/fakes';

const TEXT = 'In the garden tool shed we keep the rakes, and ';
const request = (text = TEXT): CompletionRequest => ({ documentId: 'doc', text, offset: text.length, languageId: 'markdown', cursorCount: 1, hasSelection: false, explicit: true });
const never = new AbortController().signal;

/** A memory that has learned "utilize" → "use" from two accepted suggestions the writer corrected. */
function taught(): WriterMemory {
  const memory = new WriterMemory();
  for (const id of ['a', 'b']) memory.corrected({ id, text: 'we utilize the rakes', before: 'The garden tool shed.', passageIds: [] }, 'we use the rakes');
  return memory;
}

describe('what the memory changes in suggestions and rewrites', () => {
  it('a suggestion that would say "utilize" says "use"', async () => {
    const host = new FakeHost([' we', ' utilize', ' them', ' daily.']);
    const engine = new CompletionEngine({ host: () => host, log: new MemoryLog(), settings: () => settings(), memory: taught() });
    assert.equal((await engine.complete(request(), never))?.text, 'we use them daily.');
  });

  it('chat prompts carry the corrections close to the text as notes, the same from one request to the next', async () => {
    const host = new FakeHost(['They', ' rake.'], CHAT_INFO);
    const engine = new CompletionEngine({ host: () => host, log: new MemoryLog(), settings: () => settings(), memory: taught() });
    await engine.complete(request(), never);
    engine.reset();
    await engine.complete(request(TEXT + 'the '), never);
    const [first, second] = host.requests.filter((r) => r.prompt).map((r) => r.prompt.slice(0, r.prompt.indexOf('In the garden tool shed')));
    assert.match(first, /They write "use" rather than "utilize"\./);
    assert.equal(second, first);
  });

  it('raw prompts carry no notes (a base model would continue them as text)', async () => {
    const host = new FakeHost([' we', ' rake.']);
    const engine = new CompletionEngine({ host: () => host, log: new MemoryLog(), settings: () => settings(), memory: taught() });
    await engine.complete(request(), never);
    assert.doesNotMatch(host.requests[0].prompt, /rather than/);
  });

  it('a rewrite prompt carries the last picks as preferred-over examples', () => {
    const memory = new WriterMemory();
    memory.chose({ presetId: 'builtin:voice', presetName: 'In my voice', instruction: '', chosen: 'Short and plain.', rejected: 'Elaborate and ornate prose.' });
    const template = builtInPreset('builtin:voice')!.template;
    const input = { selection: 'x', before: '', after: '', language: 'Markdown', exemplars: [], preferences: { register: 'auto' as const, notes: '' }, instruction: '', choices: memory.choiceExamples() };
    const { system, prompt } = render(template, input);
    assert.match(system + prompt, /<preferred>\nShort and plain\.\n<\/preferred>\n<passed-over>\nElaborate and ornate prose\.\n<\/passed-over>/);
    assert.doesNotMatch(Object.values(render(template, { ...input, choices: '' })).join(''), /preferred/);
  });
});
