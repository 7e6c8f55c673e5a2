import * as assert from 'node:assert/strict';
import { CompletionEngine, type EngineActivity } from '../../../src/core/completion/engine';
import { ModelError } from '../../../src/core/model/errors';
import type { CompletionRequest, CompletionSettings, ExemplarSource } from '../../../src/core/completion/types';
import { BASE_INFO, CHAT_INFO, exemplar, FakeHost, MemoryLog, settings } from './fakes';

const TEXT = 'We walked to the harbour before dawn, and ';

function request(text = TEXT, extra: Partial<CompletionRequest> = {}): CompletionRequest {
  return { documentId: 'doc-1', text, offset: text.length, languageId: 'markdown', cursorCount: 1, hasSelection: false, explicit: false, ...extra };
}

function engineWith(host: FakeHost, opts: { settings?: CompletionSettings; exemplars?: ExemplarSource; log?: MemoryLog; followGraceMs?: number; partialAfterMs?: number } = {}) {
  const log = opts.log ?? new MemoryLog();
  const { followGraceMs, partialAfterMs } = opts;
  const engine = new CompletionEngine({ host: () => host, log, settings: () => opts.settings ?? settings(), exemplars: opts.exemplars, followGraceMs, partialAfterMs });
  return { engine, log };
}

const never = new AbortController().signal;

describe('completion engine', () => {
  it('streams, stops at the end of the sentence and aborts the rest', async () => {
    const host = new FakeHost([' the', ' boats', ' were', ' out.', ' Then', ' we', ' slept.']);
    const { engine } = engineWith(host);
    const result = await engine.complete(request(), never);
    assert.equal(result?.text, 'the boats were out.');
    assert.equal(result?.source, 'model');
    assert.equal(result?.form, 'raw');
    assert.equal(host.aborted, 1, 'the unread rest of the stream was abandoned');
  });

  it('does not ask the model where the trigger rules say no', async () => {
    const host = new FakeHost([' x.']);
    const { engine, log } = engineWith(host);
    assert.equal(await engine.complete(request('Some `code|` here', { offset: 11 }), never), undefined);
    assert.equal(await engine.complete(request(TEXT, { cursorCount: 3 }), never), undefined);
    assert.equal(host.requestCount, 0);
    assert.ok(log.lines.some((l) => l.includes('severalCursors')));
  });

  it('passes exemplars to the prompt and reports them with the result', async () => {
    const host = new FakeHost([' the boats were out.'], CHAT_INFO);
    const seen: string[] = [];
    const exemplars: ExemplarSource = async (context) => {
      seen.push(context.before);
      return { exemplars: [exemplar('p1', 'An old paragraph of mine.', 0.9), exemplar('p2', 'Another.'), exemplar('p3', 'Third.'), exemplar('p4', 'Fourth.')] };
    };
    const { engine } = engineWith(host, { exemplars, settings: settings({}, { maxExemplars: 2 }) });
    const result = await engine.complete(request(), never);
    assert.deepEqual(seen, [TEXT]);
    assert.deepEqual(result?.exemplars.map((e) => e.passageId), ['p1', 'p2']);
    assert.ok(host.requests[0].prompt.includes('An old paragraph of mine.'));
    assert.ok(!host.requests[0].prompt.includes('Third.'));
  });

  it('still suggests when the exemplar source fails, and logs why', async () => {
    const host = new FakeHost([' the boats were out.']);
    const failing: ExemplarSource = async () => {
      throw new Error('index not ready');
    };
    const { engine, log } = engineWith(host, { exemplars: failing });
    assert.equal((await engine.complete(request(), never))?.text, 'the boats were out.');
    assert.ok(log.lines.some((l) => l.startsWith('warn') && l.includes('index not ready')));
  });

  it('serves the same place again from the cache without a request', async () => {
    const host = new FakeHost([' the boats were out.']);
    const { engine } = engineWith(host);
    const first = await engine.complete(request(), never);
    const second = await engine.complete(request(), never);
    assert.equal(host.requestCount, 1);
    assert.equal(second?.source, 'cache');
    assert.equal(second?.text, first?.text);
    assert.notEqual(second?.id, first?.id);
  });

  it('remembers places with nothing to say, unless the writer asks explicitly', async () => {
    const host = new FakeHost(['...']);
    const { engine } = engineWith(host);
    assert.equal(await engine.complete(request(), never), undefined);
    assert.equal(await engine.complete(request(), never), undefined);
    assert.equal(host.requestCount, 1);
    await engine.complete(request(TEXT, { explicit: true }), never);
    assert.equal(host.requestCount, 2);
  });

  it('offers the rest of a suggestion as the writer types through it, with no request', async () => {
    const host = new FakeHost([' the boats were out.']);
    const { engine } = engineWith(host);
    const first = await engine.complete(request(), never);
    const typed = await engine.complete(request(TEXT + 'the bo'), never);
    assert.equal(typed?.text, 'ats were out.');
    assert.equal(typed?.source, 'typedThrough');
    assert.equal(typed?.id, first?.id, 'same suggestion, so its outcome counts once');
    assert.equal(host.requestCount, 1);
    await engine.complete(request(TEXT + 'the cat'), never);
    assert.equal(host.requestCount, 2, 'typing something else asks again');
  });

  it('keeps typing through the suggestion on screen when an older one is recorded as rejected', async () => {
    const host = new FakeHost([' the boats were out.']);
    const { engine } = engineWith(host);
    const older = await engine.complete(request('Elsewhere. '), never);
    const shown = await engine.complete(request(), never);
    engine.recordOutcome(older!.id, 'rejected');
    assert.equal(engine.recall(request(TEXT + 'the'))?.id, shown?.id, 'the suggestion on screen is still remembered');
    engine.recordOutcome(shown!.id, 'rejected');
    assert.equal(engine.recall(request(TEXT + 'the')), undefined, 'rejecting it forgets it');
  });

  it('recalls typed-through and cached suggestions synchronously, without a request', async () => {
    const host = new FakeHost([' the boats were out.']);
    const { engine } = engineWith(host);
    assert.equal(engine.recall(request()), undefined, 'nothing known yet');
    const first = await engine.complete(request(), never);
    const typedThrough = engine.recall(request(TEXT + 'the'));
    assert.equal(typedThrough?.text, ' boats were out.');
    assert.equal(typedThrough?.id, first?.id);
    assert.equal(engine.recall(request())?.source, 'cache');
    assert.equal(engine.recall(request(TEXT, { hasSelection: true })), undefined, 'trigger rules still apply');
    assert.equal(host.requestCount, 1);
  });

  it('a new request aborts the one in flight: never two at once', async () => {
    const host = new FakeHost([' the', ' boats', ' were', ' out.'], undefined, 30);
    const { engine } = engineWith(host);
    const first = engine.complete(request(), never);
    await new Promise((r) => setTimeout(r, 40));
    const second = engine.complete(request(TEXT + 'then '), never);
    assert.equal(await first, undefined);
    assert.equal((await second)?.text, 'the boats were out.');
    assert.equal(host.maxInFlight, 1);
    assert.equal(host.aborted, 1);
  });

  it('sends the next request only once the aborted stream has closed', async () => {
    const host = new FakeHost([' the', ' boats', ' were', ' out.'], undefined, 30, false, 40);
    const { engine } = engineWith(host);
    const first = engine.complete(request(), never);
    await new Promise((r) => setTimeout(r, 40));
    const second = engine.complete(request(TEXT + 'then '), never);
    await Promise.all([first, second]);
    assert.equal(host.requestCount, 2);
    assert.equal(host.maxInFlight, 1);
  });

  it('a retriever that ignores cancellation does not hold up the next request', async () => {
    const host = new FakeHost([' the boats were out.']);
    let calls = 0;
    const stuckOnce: ExemplarSource = () => (calls++ === 0 ? new Promise(() => undefined) : Promise.resolve({ exemplars: [] }));
    const { engine } = engineWith(host, { exemplars: stuckOnce });
    const first = engine.complete(request(), never);
    await new Promise((r) => setTimeout(r, 10));
    const second = await engine.complete(request(TEXT + 'then '), never);
    assert.equal(await first, undefined);
    assert.equal(second?.text, 'the boats were out.');
  });

  it("the editor's cancellation aborts the stream once no later keystroke takes it over", async () => {
    const host = new FakeHost([' the'], undefined, 5, true);
    const { engine } = engineWith(host, { followGraceMs: 40 });
    const cancel = new AbortController();
    const pending = engine.complete(request(), cancel.signal);
    await new Promise((r) => setTimeout(r, 30));
    const started = Date.now();
    cancel.abort();
    assert.equal(await pending, undefined, 'the caller is let go at once');
    assert.ok(Date.now() - started < 20);
    await new Promise((r) => setTimeout(r, 80));
    assert.equal(host.inFlight, 0, 'the stream is closed after the grace');
    assert.equal(host.aborted, 1);
  });

  it('a keystroke that types what the stream is producing follows it instead of a new request', async () => {
    const host = new FakeHost([' the', ' boats', ' were', ' out.'], undefined, 30);
    const { engine } = engineWith(host);
    const first = new AbortController();
    const pending = engine.complete(request(), first.signal);
    await new Promise((r) => setTimeout(r, 45));
    first.abort();
    const next = new AbortController();
    const typed = request(TEXT + 'the b');
    assert.equal(engine.follows(typed, next.signal), true);
    const result = await engine.complete(typed, next.signal);
    assert.equal(await pending, undefined);
    assert.equal(result?.text, 'oats were out.');
    assert.equal(result?.source, 'followed');
    assert.equal(host.requestCount, 1, 'no second request');
  });

  it('typing something else than the stream produces aborts it and asks anew', async () => {
    const host = new FakeHost([' the', ' boats', ' were', ' out.'], undefined, 30);
    const { engine } = engineWith(host);
    const first = new AbortController();
    void engine.complete(request(), first.signal);
    await new Promise((r) => setTimeout(r, 45));
    first.abort();
    const typed = request(TEXT + 'a cat ');
    assert.equal(engine.follows(typed, new AbortController().signal), false);
    const result = await engine.complete(typed, never);
    assert.equal(host.requestCount, 2);
    assert.equal(host.maxInFlight, 1);
    assert.equal(result?.source, 'model');
  });

  it('a slow stream shows its whole words by the deadline', async () => {
    const host = new FakeHost([' the', ' boats', ' were', ' already', ' out', ' and', ' gone.'], undefined, 25);
    const { engine } = engineWith(host, { partialAfterMs: 60 });
    const result = await engine.complete(request(), never);
    assert.ok(result && result.text.split(' ').length >= 3 && result.text.split(' ').length < 7, `partial: ${result?.text}`);
    assert.ok(!result.text.endsWith(' '), 'cut at a whole word');
    assert.ok('the boats were already out and gone.'.startsWith(result.text));
  });

  it('logs what the final chunk says the request cost, and which form the model gets', async () => {
    // As Ollama sends it when the model meets the stop sequence '. ': the full stop is left out, the final chunk comes.
    const host = new FakeHost([' the', ' boats', ' were', ' out'], CHAT_INFO);
    host.usage = { promptTokens: 812, cachedTokens: 790, promptMs: 640, generatedTokens: 7, generationMs: 610, doneReason: 'stop' };
    const { engine, log } = engineWith(host);
    const result = await engine.complete(request(), never);
    assert.equal(result?.text, 'the boats were out.', 'the full stop the stop sequence took is put back');
    assert.deepEqual(result?.usage, host.usage);
    assert.equal(result?.via, 'openTurn');
    assert.ok(log.lines.some((l) => l.startsWith('info') && /prompt 812 tokens, cached 790, prompt time 640 ms, generation 7 tokens in 610 ms/.test(l)), log.lines.join('\n'));
    assert.ok(log.lines.some((l) => /chat-model|own chat template/.test(l)));
    host.usage = { promptTokens: 20, doneReason: 'length' };
    const cut = await engine.complete(request(TEXT + 'then '), never);
    assert.equal(cut?.text, 'the boats were out', 'no full stop where the model ran out of tokens');
    assert.ok(log.lines.some((l) => /prompt 20 tokens, cached unknown, prompt time unknown/.test(l)), 'absent fields read as unknown');
  });

  it('reports model problems once, logged, and never cancellations', async () => {
    const host = new FakeHost([]);
    host.generate = async function* () {
      yield* [];
      throw new ModelError({ kind: 'modelMissing', model: 'test-model', detail: "model 'test-model' not found" });
    };
    const { engine, log } = engineWith(host);
    const problems: ModelError[] = [];
    engine.onModelProblem((p) => problems.push(p));
    assert.equal(await engine.complete(request(), never), undefined);
    assert.deepEqual(problems.map((p) => p.problem.kind), ['modelMissing']);
    assert.ok(log.lines.some((l) => l.startsWith('warn') && l.includes('not available')));
  });

  it('shows a loading state when the first token is slow, and idles after', async () => {
    const host = new FakeHost([' the boats were out.'], undefined, 60);
    const log = new MemoryLog();
    const engine = new CompletionEngine({ host: () => host, log, settings: () => settings(), slowAfterMs: 20 });
    const states: EngineActivity['state'][] = [];
    engine.onDidChangeActivity((a) => states.push(a.state));
    await engine.complete(request(), never);
    assert.deepEqual(states, ['waiting', 'loading', 'idle']);
  });

  it('asks /api/show once per model and measures its own time apart from the model', async () => {
    const host = new FakeHost([' the', ' boats', ' were', ' out.'], undefined, 20);
    const { engine } = engineWith(host);
    const result = await engine.complete(request(), never);
    await engine.complete(request(TEXT + 'x '), never);
    assert.equal(host.shows, 1);
    assert.ok(result && result.modelMs >= 60, `model time ${result?.modelMs}`);
    assert.ok(result && result.ownMs < result.modelMs, `own ${result?.ownMs} vs model ${result?.modelMs}`);
  });

  it('counts the wait for the final chunk after the last words as the model\'s time, not its own', async () => {
    const host = new FakeHost([' the', ' boats', ' were', ' out'], BASE_INFO);
    host.usage = { promptTokens: 20, cachedTokens: 18, generatedTokens: 6, doneReason: 'stop' };
    host.finalChunkDelayMs = 200;
    const { engine } = engineWith(host);
    const result = await engine.complete(request(), never);
    assert.equal(result?.text, 'the boats were out.');
    assert.ok(result.modelMs >= 190, `model ${result.modelMs} ms`);
    assert.ok(result.ownMs < 150, `own ${result.ownMs} ms`);
  });

  it('records outcomes once per suggestion with the exemplars behind it', async () => {
    const host = new FakeHost([' the boats were out.']);
    const exemplars: ExemplarSource = async () => ({ exemplars: [exemplar('p1', 'Mine.')] });
    const { engine } = engineWith(host, { exemplars });
    const result = await engine.complete(request(), never);
    assert.ok(result);
    engine.recordOutcome(result.id, 'shown');
    engine.recordOutcome(result.id, 'shown');
    engine.recordOutcome(result.id, 'accepted');
    const snapshot = engine.outcomes.snapshot();
    assert.deepEqual(snapshot.counts, { shown: 1, accepted: 1, rejected: 0 });
    assert.deepEqual(snapshot.byPassage.p1, { shown: 1, accepted: 1, rejected: 0 });
    assert.equal(engine.outcomes.why(result.id)?.exemplars[0].docId, 'p1.md');
  });
});
