import * as assert from 'node:assert/strict';
import { exemplarsToShow, type ExemplarChoice } from '../../../src/core/completion/shownExemplars';
import { StickyExemplars } from '../../../src/core/completion/stickyExemplars';
import type { CompletionRequest, Exemplar, ExemplarSource } from '../../../src/core/completion/types';
import { exemplar, MemoryLog } from './fakes';

const PARAGRAPH = 'The sea was calm that morning and the boats went out early';

function request(text: string): CompletionRequest {
  return { documentId: 'doc', text, offset: text.length, languageId: 'markdown', cursorCount: 1, hasSelection: false, explicit: false };
}

/** A retriever that answers each call with the next set, after `delayMs` (or that call's own delay). */
function retriever(sets: Exemplar[][], delayMs: number | number[]): { source: ExemplarSource; calls: () => number } {
  let calls = 0;
  const source: ExemplarSource = async () => {
    const call = calls++;
    const set = sets[Math.min(call, sets.length - 1)];
    await new Promise((resolve) => setTimeout(resolve, Array.isArray(delayMs) ? delayMs[call] : delayMs));
    return { exemplars: set };
  };
  return { source, calls: () => calls };
}

const ids = (set: readonly Exemplar[]) => set.map((e) => e.passage.id);
const weak = [exemplar('weak', 'An old passage.', 0.1)];
const strong = [exemplar('strong', 'A much better passage.', 1)];

describe('exemplars shown without waiting on a slow retriever', () => {
  const show = (choice: ExemplarChoice, text: string) => exemplarsToShow(choice, request(text), { before: text, after: '' }, 3, new AbortController().signal);

  it('shows the held set at once within its paragraph; a late, clearly better choice takes the next request', async () => {
    const slow = retriever([weak, strong, strong], 40);
    const choice: ExemplarChoice = { source: slow.source, sticky: new StickyExemplars(), log: new MemoryLog(), freshWaitMs: 5 };
    assert.deepEqual(ids(await show(choice, PARAGRAPH)), ['weak'], 'the first choice is waited for');
    const started = Date.now();
    assert.deepEqual(ids(await show(choice, `${PARAGRAPH} and`)), ['weak'], 'the held set, not the late better one');
    assert.ok(Date.now() - started < 30, `waited ${Date.now() - started} ms for a retriever that takes 40`);
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.deepEqual(ids(await show(choice, `${PARAGRAPH} and then`)), ['strong'], 'the late choice decided this request');
  });

  it('lets a quick retriever decide the request it was asked for', async () => {
    const quick = retriever([weak, strong], 0);
    const choice: ExemplarChoice = { source: quick.source, sticky: new StickyExemplars(), log: new MemoryLog(), freshWaitMs: 50 };
    await show(choice, PARAGRAPH);
    assert.deepEqual(ids(await show(choice, `${PARAGRAPH} and`)), ['strong']);
  });

  it('waits for the fresh choice at a new paragraph, and drops a late one for a paragraph left behind', async () => {
    const slow = retriever([weak, strong, weak, weak], [0, 60, 0, 0]);
    const choice: ExemplarChoice = { source: slow.source, sticky: new StickyExemplars(), log: new MemoryLog(), freshWaitMs: 5 };
    await show(choice, PARAGRAPH);
    const late = show(choice, `${PARAGRAPH} and`); // its fresh set (strong) arrives after the writer starts a paragraph
    assert.deepEqual(ids(await late), ['weak']);
    const next = `${PARAGRAPH} and.\n\nA new paragraph`;
    assert.deepEqual(ids(await show(choice, next)), ['weak'], 'the new paragraph waited for its own choice');
    await new Promise((resolve) => setTimeout(resolve, 80));
    assert.deepEqual(ids(await show(choice, `${next} goes`)), ['weak'], 'the late answer for the old paragraph changed nothing');
    assert.equal(slow.calls(), 4);
  });
});
