// The stand-in's chatty persona (test/standin/persona) through the whole completion path, offline: every answer it
// composes is streamed into the engine, and what would be shown must be the model's own words and nothing else.
import * as assert from 'node:assert/strict';
import { CompletionEngine } from '../../../src/core/completion/engine';
import { buildPrompt } from '../../../src/core/completion/prompt';
import type { LengthUnit } from '../../../src/core/completion/types';
import { chattyAnswer, DEFAULT_CHATTY } from '../../standin/persona/chatty';
import { CHAT_INFO, exemplar, FakeHost, MemoryLog, settings } from './fakes';
import { promptParts } from './promptParts';

/** Texts like the tiny model's own continuations (the persona wraps whatever the model wrote). */
const BODIES = [
  ' there was a little girl named Lily. She loved to play outside in the park. One day,',
  ' the dog ran to the big tree and barked at the bird.',
  ', and they went home together. Mom was happy.',
  ' a boy named Tim found a shiny red ball. He wanted to keep it.',
  ' the sun was warm and the sky was blue. Everyone smiled.',
];
const BEFORE = 'Notes from the week.\n\nOnce upon a time';
const EXEMPLARS = [exemplar('e1', 'I walk to the harbour most mornings.')];

const words = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

async function showAll(length: LengthUnit, count: number) {
  const request = buildPrompt({ info: CHAT_INFO, context: { before: BEFORE, after: '' }, exemplars: EXEMPLARS, settings: settings({ length }) }).request;
  const rendered = promptParts(request).join('\n');
  const host = new FakeHost([], CHAT_INFO);
  const engine = new CompletionEngine({ host: () => host, log: new MemoryLog(), settings: () => settings({ length }), exemplars: async () => ({ exemplars: EXEMPLARS }) });
  const shown: { body: string; answer: string; shapes: readonly string[]; text: string }[] = [];
  for (let n = 0; n < count; n++) {
    const body = BODIES[n % BODIES.length];
    const record = chattyAnswer(DEFAULT_CHATTY, n, body, rendered, false);
    host.pieces = record.answer.match(/[^]{1,3}/g) ?? [];
    engine.reset();
    const result = await engine.complete({ documentId: `doc${n}`, text: BEFORE, offset: BEFORE.length, languageId: n % 2 ? 'plaintext' : 'markdown', cursorCount: 1, hasSelection: false, explicit: true }, new AbortController().signal);
    shown.push({ body, answer: record.answer, shapes: record.shapes, text: result?.text ?? '' });
  }
  return { shown, counts: engine.talk.counts('test-model') };
}

describe('the chatty persona through the completion path', () => {
  for (const length of ['sentence', 'paragraph'] as const) {
    it(`${length}: nothing shown but the model's own words; refusals show nothing`, async function () {
      this.timeout(60_000);
      const { shown, counts } = await showAll(length, 150);
      const leaks = shown.filter((s) => s.text && !words(s.body).includes(words(s.text)));
      assert.deepEqual(leaks.map((s) => `${JSON.stringify(s.answer)} → ${JSON.stringify(s.text)}`), []);
      const refusals = shown.filter((s) => s.shapes.includes('refusal'));
      assert.ok(refusals.length > 5, `${refusals.length} refusals drawn`);
      assert.deepEqual(refusals.filter((s) => s.text).map((s) => s.text), []);
      const markup = shown.filter((s) => /[*_#]/.test(s.text));
      assert.deepEqual(markup.map((s) => s.text), [], 'no markup the writer did not start');
      const lost = shown.filter((s) => !s.shapes.includes('refusal') && !s.text);
      console.log(`      chatty persona, ${length}: ${counts.answers} answers; dropped ${counts.dropped} (refusals ${refusals.length}, words lost ${lost.length}), cut ${counts.cut}, shown whole ${counts.whole}; kinds ${JSON.stringify(counts.kinds)}`);
      assert.ok(lost.length <= shown.length / 10, `too many answers lost their words: ${lost.map((s) => JSON.stringify(s.answer)).join('\n')}`);
    });
  }
});
