import * as assert from 'node:assert/strict';
import { CompletionEngine } from '../../../src/core/completion/engine';
import type { CompletionRequest, ExemplarSource } from '../../../src/core/completion/types';
import { exemplar, FakeHost, MemoryLog, settings } from './fakes';

const TEXT = 'We walked to the harbour before dawn, and ';

function request(text = TEXT, documentId = 'doc-1'): CompletionRequest {
  return { documentId, text, offset: text.length, languageId: 'markdown', cursorCount: 1, hasSelection: false, explicit: false };
}

const exemplars: ExemplarSource = async () => ({ exemplars: [exemplar('p1', 'An old paragraph of mine, about boats.', 0.9)] });
const never = new AbortController().signal;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function engineWith(host: FakeHost): CompletionEngine {
  return new CompletionEngine({ host: () => host, log: new MemoryLog(), settings: () => settings(), exemplars });
}

describe('reading a document ahead', () => {
  it('sends the prompt a suggestion would, for one token, once per document the model did not read last', async () => {
    const host = new FakeHost([' the boats were out.']);
    const engine = engineWith(host);
    await engine.readAhead(request());
    await engine.readAhead(request());
    assert.equal(host.requestCount, 1, 'the model already holds this document');
    const ahead = host.requests[0];
    assert.equal(ahead.options?.num_predict, 1);
    assert.ok(ahead.prompt?.includes('An old paragraph of mine'), 'exemplars are part of what is read ahead');
    await engine.complete(request(TEXT + 'the tide '), never);
    const first = host.requests[1];
    assert.ok(first.prompt?.startsWith(ahead.prompt!.trimEnd()), 'the first suggestion only adds what was typed since');
    assert.equal(first.options?.num_ctx, ahead.options?.num_ctx, 'no reload between them');
    assert.notEqual(first.options?.num_predict, 1);
    await engine.readAhead(request('Another document, its own text. ', 'doc-2'));
    await engine.readAhead(request());
    assert.equal(host.requestCount, 4, 'each switch of document is read again');
  });

  it('reads the document again after a rewrite had the same model read its own prompt, and not after another model', async () => {
    const host = new FakeHost([' the boats were out.']);
    const engine = engineWith(host);
    await engine.readAhead(request());
    engine.modelReadElsewhere('another-model');
    await engine.readAhead(request());
    assert.equal(host.requestCount, 1, 'a rewrite with another model leaves this one holding the document');
    engine.modelReadElsewhere(settings().model);
    await engine.readAhead(request());
    assert.equal(host.requestCount, 2, 'a rewrite with this model replaced what it held');
  });

  it('typing does not abort it, and a suggestion asked meanwhile waits its turn behind it', async () => {
    const host = new FakeHost([' the', ' boats', ' were', ' out.'], undefined, 50);
    const engine = engineWith(host);
    const ahead = engine.readAhead(request());
    await sleep(10);
    const typedOver = new AbortController();
    const abandoned = engine.complete(request(TEXT + 't'), typedOver.signal);
    await sleep(10);
    typedOver.abort();
    assert.equal(await abandoned, undefined);
    const paused = engine.complete(request(TEXT + 'the '), never);
    await ahead;
    assert.equal(host.aborted, 0, 'the read-ahead ran to its end');
    const result = await paused;
    assert.ok(result?.text);
    assert.ok(result.ownMs < 150, `the ~180 ms spent behind the read-ahead is the model's queue, not own time (${result.ownMs} ms)`);
    assert.equal(host.requestCount, 2, 'the typed-over request never reached the model');
    assert.equal(host.maxInFlight, 1);
  });

  it('a reset (new model or host) stops it and forgets what the model read', async () => {
    const host = new FakeHost([' the', ' boats', ' were', ' out.'], undefined, 30);
    const engine = engineWith(host);
    const ahead = engine.readAhead(request());
    await sleep(40);
    engine.reset();
    await ahead;
    assert.equal(host.aborted, 1);
    await engine.readAhead(request());
    assert.equal(host.requestCount, 2);
  });
});
