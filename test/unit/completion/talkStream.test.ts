import * as assert from 'node:assert/strict';
import { CompletionEngine } from '../../../src/core/completion/engine';
import type { CompletionRequest, LengthUnit } from '../../../src/core/completion/types';
import { CHAT_INFO, exemplar, FakeHost, MemoryLog, settings } from './fakes';
import { promptParts } from './promptParts';

const never = new AbortController().signal;

function request(before: string, languageId = 'markdown'): CompletionRequest {
  return { documentId: 'doc', text: before, offset: before.length, languageId, cursorCount: 1, hasSelection: false, explicit: true };
}

function engineFor(host: FakeHost, length: LengthUnit = 'sentence', withExemplars = false) {
  const log = new MemoryLog();
  const exemplars = withExemplars ? async () => ({ exemplars: [exemplar('e1', 'I walk to the harbour most mornings.')] }) : undefined;
  const engine = new CompletionEngine({ host: () => host, log, settings: () => settings({ length }), exemplars });
  return { engine, log };
}

describe('the stream stopper reads talk as it arrives', () => {
  it('aborts a refusal at once, shows nothing, and counts and logs the dropped answer', async () => {
    const host = new FakeHost(["I'm sorry,", ' but I', " can't continue", ' this text.', ' However,', ' I can', ' help', ' with', ' other', ' things.'], CHAT_INFO);
    const { engine, log } = engineFor(host, 'paragraph');
    assert.equal(await engine.complete(request('The minutes record that'), never), undefined);
    assert.equal(host.aborted, 1, 'the stream was closed before its end');
    assert.deepEqual(engine.talk.counts('test-model'), { answers: 1, whole: 0, cut: 0, dropped: 1, kinds: { refusal: 1 } });
    assert.ok(log.lines.some((l) => /^info .*test-model answered only talk \(refusal\).*1 of 1 answers dropped/.test(l)), log.lines.join('\n'));
  });

  it('drops an answer that is only a preamble when the stream ends', async () => {
    const host = new FakeHost(['Sure!', ' Here is', ' the continuation', ' of your text:'], CHAT_INFO);
    const { engine } = engineFor(host);
    assert.equal(await engine.complete(request('We sat down and'), never), undefined);
    assert.equal(engine.talk.counts('test-model').dropped, 1);
  });

  it('skips a preamble and shows the words after it, counted as cut', async () => {
    const host = new FakeHost(['Sure', '! Here', ' is the', ' continuation:', '\n\n', 'the boats', ' were out', '.', ' More', ' text'], CHAT_INFO);
    const { engine } = engineFor(host);
    assert.equal((await engine.complete(request('We went down and'), never))?.text, ' the boats were out.');
    assert.equal(engine.talk.counts('test-model').cut, 1);
  });

  it('ends a paragraph at the first talk after the writer\'s words and closes the stream there', async () => {
    const host = new FakeHost([' the boats', ' were out.', ' Gulls', ' circled.', ' I hope', ' this helps', '!', ' Let me', ' know', ' if you', ' want', ' more', '.', '\n\n'], CHAT_INFO);
    const { engine } = engineFor(host, 'paragraph');
    assert.equal((await engine.complete(request('We went down and'), never))?.text, ' the boats were out. Gulls circled.');
    assert.equal(host.aborted, 1, 'the sign-off ended the stream');
    assert.equal(engine.talk.counts('test-model').cut, 1);
  });

  it('counts an answer without talk as shown whole', async () => {
    const host = new FakeHost([' the boats', ' were out.', ' Then'], CHAT_INFO);
    const { engine } = engineFor(host);
    assert.equal((await engine.complete(request('We went down and'), never))?.text, ' the boats were out.');
    assert.deepEqual(engine.talk.counts('test-model'), { answers: 1, whole: 1, cut: 0, dropped: 0, kinds: {} });
  });

  it('recognises an echo of the prompt it sent, whatever the prompt says', async () => {
    const probe = new FakeHost(['x'], CHAT_INFO);
    await engineFor(probe, 'sentence', true).engine.complete(request('This morning I walked down and'), never);
    const sent = promptParts(probe.requests[0]).join('\n').replace(/<\|[^|>\s]*\|>/g, '\n').split('\n').filter((l) => /\p{L}.*\s.*\s.*\p{L}/u.test(l) && !l.includes('walk'));
    assert.ok(sent.length > 0);
    const host = new FakeHost([`${sent[sent.length - 1]}\n`, 'watched', ' the boats.'], CHAT_INFO);
    const { engine } = engineFor(host, 'sentence', true);
    assert.equal((await engine.complete(request('This morning I walked down and'), never))?.text, ' watched the boats.');
  });

  it('shows nothing when the answer copies an exemplar passage it was shown', async () => {
    const host = new FakeHost(['I walk to', ' the harbour', ' most mornings.'], CHAT_INFO);
    const { engine } = engineFor(host, 'sentence', true);
    assert.equal(await engine.complete(request('Every day'), never), undefined);
  });

  it('removes bold a plain-text document would not have, and joins with a space', async () => {
    const host = new FakeHost([' **found', ' the room', ' empty.**'], CHAT_INFO);
    const { engine } = engineFor(host);
    assert.equal((await engine.complete(request('She opened the door and', 'plaintext'), never))?.text, ' found the room empty.');
  });
});
