import * as assert from 'node:assert/strict';
import { silentLog } from '../../../src/core/common/log';
import { rewriteSelection, RewriteRefusal } from '../../../src/core/rewrite/rewriter';
import { job, ScriptedHost } from './fakes';

/** Streams `answer` a few characters at a time; returns the rewrite and every preview shown on the way. */
async function rewrite(answer: string, text = 'Intro.\n\nwe goes to shop and buyed bread\n\nEnd.', selected = 'we goes to shop and buyed bread') {
  const pieces = answer.match(/[^]{1,4}/g) ?? [];
  const host = new ScriptedHost(() => pieces);
  const previews: string[] = [];
  const result = await rewriteSelection(job(text, selected), { host, model: 'chatty', log: silentLog }, new AbortController().signal, (t) => previews.push(t));
  return { result, previews };
}

describe('rewrite answers: only the rewritten text is kept', () => {
  const table: [string, string, string][] = [
    ['a preamble', 'Here is a rewritten version:\n\nWe went to the shop and bought bread.', 'We went to the shop and bought bread.'],
    ['an acknowledgement and a label', 'Certainly! Rewritten text:\nWe went to the shop and bought bread.', 'We went to the shop and bought bread.'],
    ['a closing explanation', 'We went to the shop and bought bread.\n\nI fixed the verb forms and kept your casual tone.', 'We went to the shop and bought bread.'],
    ['a closing offer', 'We went to the shop and bought bread. Let me know if you want it more formal!', 'We went to the shop and bought bread.'],
    ['a "Changes:" list after it', 'We went to the shop and bought bread.\n\nChanges:\n- "goes" → "went"', 'We went to the shop and bought bread.'],
    ['a remark on the version', 'We went to the shop and bought bread.\nThis version keeps the meaning but fixes the grammar.', 'We went to the shop and bought bread.'],
    ['a German preamble and note', 'Hier ist die überarbeitete Fassung:\n\nWir gingen einkaufen.\n\nIch habe den Satz gekürzt.', 'Wir gingen einkaufen.'],
    ['a French preamble', 'Voici le texte réécrit :\nNous sommes allés acheter du pain.', 'Nous sommes allés acheter du pain.'],
  ];
  for (const [what, answer, expected] of table) {
    it(what, async () => {
      const { result, previews } = await rewrite(answer);
      assert.equal(result, expected);
      for (const preview of previews) assert.ok(expected.startsWith(preview.trim()) || preview.trim() === '', `the preview showed ${JSON.stringify(preview)}`);
    });
  }

  it('keeps the writer\'s own sentences even when they read like talk', async () => {
    const text = 'Hi Sam,\n\nlet me know if you can come, I hope it works for you\n\nBest';
    const { result } = await rewrite('Let me know if you can come. I hope it works for you.', text, 'let me know if you can come, I hope it works for you');
    assert.equal(result, 'Let me know if you can come. I hope it works for you.');
  });

  it('keeps a story\'s line of dialogue that says it cannot help (a quote closed in the answer)', async () => {
    const { result } = await rewrite(' We cannot help!" said the owl. They walked on.', 'a b c', 'b');
    assert.equal(result, 'We cannot help!" said the owl. They walked on.');
  });
});

describe('rewrite answers: a refusal leaves the text untouched, with a message', () => {
  const refusals = [
    "I'm sorry, but I can't rewrite this text.",
    'As an AI language model, I must decline to rewrite this passage.',
    'Es tut mir leid, aber ich kann diesen Text nicht umschreiben.',
    'Lo siento, no puedo reescribir este texto.',
  ];
  for (const answer of refusals) {
    it(JSON.stringify(answer.slice(0, 40)), async () => {
      const previews: string[] = [];
      const host = new ScriptedHost(() => answer.match(/[^]{1,4}/g) ?? []);
      await assert.rejects(
        rewriteSelection(job('a b c', 'b'), { host, model: 'chatty', log: silentLog }, new AbortController().signal, (t) => previews.push(t)),
        (error: unknown) => error instanceof RewriteRefusal && /declined/.test(error.message) && /unchanged/.test(error.message),
      );
      assert.ok(previews.every((p) => p.trim() === ''), `the preview showed ${JSON.stringify(previews.filter((p) => p.trim()))}`);
    });
  }
});
