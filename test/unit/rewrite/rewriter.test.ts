import * as assert from 'node:assert/strict';
import { silentLog } from '../../../src/core/common/log';
import { ModelError } from '../../../src/core/model/errors';
import { keepOuterWhitespace, rewriteSelection, RewriteRefusal } from '../../../src/core/rewrite/rewriter';
import { exemplar, job, ScriptedHost } from './fakes';

describe('rewriting a selection', () => {
  it('streams the cleaned rewrite and keeps the selection\'s trailing newline', async () => {
    const host = new ScriptedHost(() => ['Sure! Here is the passage:\n', 'We went to the ', 'shops ', 'for bread.']);
    const seen: string[] = [];
    const result = await rewriteSelection(job('# T\n\nwe goes to shop\n\nEnd', 'we goes to shop\n'), { host, model: 'm', log: silentLog }, new AbortController().signal, (t) => seen.push(t));
    assert.equal(result, 'We went to the shops for bread.\n');
    assert.ok(seen.every((t) => !/Sure/.test(t)), 'the preamble never reaches the preview');
    // A reply's first few words are held back until they cannot be the start of talk; then it streams.
    assert.ok(seen.some((t) => t === 'We went to the shops\n'), `partial text is shown while streaming: ${JSON.stringify(seen)}`);
  });

  it('asks the retriever with the selection and its surroundings and sends its exemplars', async () => {
    const host = new ScriptedHost(() => ['Rewritten.']);
    let asked: { before: string; after: string; docId: string; selection?: string } | undefined;
    const exemplars = async (context: { before: string; after: string; docId: string; selection?: string }) => {
      asked = context;
      return { exemplars: [exemplar('How I really write.')] };
    };
    await rewriteSelection(job('Intro. Middle bit. Outro.', 'Middle bit.'), { host, model: 'm', log: silentLog, exemplars }, new AbortController().signal, () => {});
    assert.equal(asked?.before, 'Intro. Middle bit.');
    assert.equal(asked?.after, ' Outro.');
    assert.equal(asked?.docId, 'file:///doc.md');
    assert.equal(asked?.selection, 'Middle bit.', 'the retriever knows what is being rewritten, to leave it out');
    assert.match(host.requests[0].prompt, /How I really write\./);
  });

  it('says when an answer stopped at its length budget, and not when it ended by itself', async () => {
    let cut = 0;
    const text = 'First part here.\n\nSecond part here.';
    await rewriteSelection(job(text, text), { host: new ScriptedHost(() => ['Half of it']), model: 'm', log: silentLog }, new AbortController().signal, () => {}, () => cut++);
    assert.equal(cut, 0);
    const cutHost = new ScriptedHost(() => ['Half of it'], {}, 'length');
    await rewriteSelection(job(text, text), { host: cutHost, model: 'm', log: silentLog }, new AbortController().signal, () => {}, () => cut++);
    assert.equal(cut, 1);
  });

  it('rewrites in parts, a paragraph each, when asked, and gives a longer budget for more room', async () => {
    const host = new ScriptedHost(() => ['Done.']);
    const text = 'First part here.\n\nSecond part here.';
    const base = job(text, text);
    await rewriteSelection({ ...base, inParts: true }, { host, model: 'm', log: silentLog }, new AbortController().signal, () => {});
    assert.equal(host.requests.length, 2, 'one request a paragraph');
    const roomy = new ScriptedHost(() => ['Done.']);
    await rewriteSelection({ ...base, settings: { ...base.settings, answerRoom: 2 } }, { host: roomy, model: 'm', log: silentLog }, new AbortController().signal, () => {});
    const plain = new ScriptedHost(() => ['Done.']);
    await rewriteSelection(base, { host: plain, model: 'm', log: silentLog }, new AbortController().signal, () => {});
    assert.equal(plain.requests.length, 1, 'a small selection goes whole');
    assert.ok(roomy.requests[0].options!.num_predict! >= 2 * plain.requests[0].options!.num_predict! - 1, `${roomy.requests[0].options!.num_predict} vs ${plain.requests[0].options!.num_predict}`);
  });

  it('rewrites without exemplars when the retriever fails', async () => {
    const host = new ScriptedHost(() => ['Rewritten.']);
    const exemplars = async () => Promise.reject(new Error('index not ready'));
    const result = await rewriteSelection(job('A b c.', 'b'), { host, model: 'm', log: silentLog, exemplars }, new AbortController().signal, () => {});
    assert.equal(result, 'Rewritten.');
  });

  it('goes paragraph by paragraph on a small model and keeps the blank lines between', async () => {
    const para = (w: string) => Array.from({ length: 120 }, () => w).join(' ');
    const selection = `${para('alpha')}\n\n${para('beta')}`;
    const host = new ScriptedHost((request) => [/alpha alpha/.test(request.prompt.split('<passage>')[1]) ? 'First.' : 'Second.'], { contextLength: 1024 });
    const result = await rewriteSelection(job(selection, selection), { host, model: 'small', log: silentLog }, new AbortController().signal, () => {});
    assert.equal(host.requests.length, 2);
    assert.equal(result, 'First.\n\nSecond.');
  });

  it('refuses a paragraph larger than the model can hold, before sending anything', async () => {
    const selection = Array.from({ length: 2000 }, () => 'word').join(' ');
    const host = new ScriptedHost(() => ['x'], { contextLength: 1024 });
    await assert.rejects(
      rewriteSelection(job(selection, selection), { host, model: 'small', log: silentLog }, new AbortController().signal, () => {}),
      (error: unknown) => error instanceof RewriteRefusal && /about 2000 words/.test(error.message) && /"small"/.test(error.message),
    );
    assert.equal(host.requests.length, 0);
  });

  it('refuses an answer that is empty after cleaning', async () => {
    const host = new ScriptedHost(() => ['<think>only thinking</think>', '   ']);
    await assert.rejects(rewriteSelection(job('a b', 'b'), { host, model: 'm', log: silentLog }, new AbortController().signal, () => {}), RewriteRefusal);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const host = new ScriptedHost(() => ['one ', 'two ', 'three']);
    const pending = rewriteSelection(job('a b', 'b'), { host, model: 'm', log: silentLog }, controller.signal, () => controller.abort());
    await assert.rejects(pending, (error: unknown) => error instanceof ModelError && error.problem.kind === 'aborted');
  });

  it('keeps outer whitespace but not the model\'s', () => {
    assert.equal(keepOuterWhitespace('  indented\n', '\nNew text.  '), '  New text.\n');
    assert.equal(keepOuterWhitespace('x', ''), '');
  });
});
