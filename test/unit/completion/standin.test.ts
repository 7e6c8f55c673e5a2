import * as assert from 'node:assert/strict';
import { CompletionEngine } from '../../../src/core/completion/engine';
import type { CompletionRequest, CompletionResult } from '../../../src/core/completion/types';
import { ModelHost } from '../../../src/core/model/modelHost';
import { useStandin } from '../standin/support';
import { MemoryLog, settings } from './fakes';

const STORY = 'Once upon a time, there was a little girl named Lily. She loved to play outside in the park. One day, ';
const AFTER = '\n\nThe end.';

function request(text = STORY + AFTER, offset = STORY.length): CompletionRequest {
  return { documentId: 'story.md', text, offset, languageId: 'markdown', cursorCount: 1, hasSelection: false, explicit: false };
}

describe('completion engine against the stand-in Ollama (real tiny model)', () => {
  const standin = useStandin();

  function engineFor(model: string): CompletionEngine {
    const host = new ModelHost(standin().url);
    return new CompletionEngine({ host: () => host, log: new MemoryLog(), settings: () => settings({}, { model, temperature: 0 }) });
  }

  function generateBodies(): Record<string, unknown>[] {
    return standin()
      .stats()
      .lastRequests.filter((r) => r.path === '/api/generate')
      .map((r) => r.body as Record<string, unknown>);
  }

  it('base model: raw continuation, stopped at the end of the sentence', async () => {
    const result = await engineFor('stories:260k').complete(request(), new AbortController().signal);
    assert.ok(result?.text, 'the real model suggested something');
    assert.equal(result.form, 'raw');
    assert.match(result.text, /[.!?]["']?$/, `one sentence: ${JSON.stringify(result.text)}`);
    const [body] = generateBodies();
    assert.equal(body.raw, true);
    assert.equal(body.suffix, undefined);
    assert.equal(body.keep_alive, '30m');
    assert.equal((body.options as { num_ctx: number }).num_ctx, 2048);
  });

  it('insert model: fill-in-the-middle with the rest of the paragraph after as suffix', async () => {
    // The template reads the suffix after the prompt, so only the rest of the paragraph goes: it is read on every request.
    await engineFor('stories-fim:260k').complete(request(STORY + 'she ran home.' + AFTER, STORY.length - 1), new AbortController().signal);
    const [body] = generateBodies();
    assert.equal(body.suffix, ' she ran home.');
    assert.equal(body.raw, undefined);
  });

  it("chat model whose template closes every turn: its own template rendered raw, the answer begun with the writer's text", async () => {
    await engineFor('stories-chat:260k').complete(request(), new AbortController().signal);
    const [body] = generateBodies();
    assert.equal(body.raw, true);
    assert.equal(body.system, undefined);
    assert.match(String(body.prompt), /^<\|system\|>You write the rest of a writer's text/);
    assert.ok(String(body.prompt).endsWith(`<|assistant|>${STORY.trimEnd()}`));
    assert.match(standin().stats().lastRequests.find((r) => r.path === '/api/generate')?.renderedPrompt ?? '', /<\|system\|>/);
  });

  it('thinking model: think is turned off', async () => {
    await engineFor('stories-think:260k').complete(request(), new AbortController().signal);
    const [body] = generateBodies();
    assert.equal(body.think, false);
  });

  it('typing through the suggestion asks the server nothing more', async () => {
    const engine = engineFor('stories:260k');
    const first = await engine.complete(request(), new AbortController().signal);
    assert.ok(first?.text);
    const typed = first.text.slice(0, 3);
    const rest = await engine.complete(request(STORY + typed + AFTER, STORY.length + typed.length), new AbortController().signal);
    assert.equal(rest?.text, first.text.slice(3));
    assert.equal(standin().stats().requests['/api/generate'], 1);
  });

  it('a new request aborts the one in flight; the server never runs two', async () => {
    const engine = new CompletionEngine({
      host: () => new ModelHost(standin().url),
      log: new MemoryLog(),
      settings: () => settings({ length: 'paragraph' }, { model: 'stories:260k', temperature: 0 }),
    });
    const results: Promise<CompletionResult | undefined>[] = [];
    for (let i = 0; i < 4; i++) {
      results.push(engine.complete(request(STORY + 'x'.repeat(i) + ' ' + AFTER, STORY.length + i + 1), new AbortController().signal));
      await new Promise((r) => setTimeout(r, 20));
    }
    const settled = await Promise.all(results);
    assert.deepEqual(settled.slice(0, 3), [undefined, undefined, undefined]);
    const stats = standin().stats();
    assert.ok(stats.maxInFlight <= 1, `max in flight ${stats.maxInFlight}`);
    assert.ok(stats.aborted >= 1, `aborted ${stats.aborted}`);
  });
});
