import * as assert from 'node:assert/strict';
import type { CorpusDocument } from '../../../src/core/eval/corpus';
import { profileAuthorTop1 } from '../../../src/core/eval/profileAuthor';
import { generic, voiceFormTask } from '../../../src/core/eval/voiceForm';

const doc = (author: string, i: number, text: string): CorpusDocument => ({ author, docId: `${author}-${i}`, title: '', date: null, text, format: 'markdown' });
const BRIT = (i: number) => `I think the colour of the harbour — grey and blue — is lovely; I’m “sure” of it. I organised the walk number ${i}. `.repeat(8);
const YANK = (i: number) => `We know the color of the harbor -- gray and blue -- is great! We're "sure" of it, and we organized walk ${i}. `.repeat(8);

describe('voice evaluation tasks', () => {
  const docs = [...[0, 1, 2, 3].map((i) => doc('brit', i, BRIT(i))), ...[0, 1, 2, 3].map((i) => doc('yank', i, YANK(i)))];
  const pairs = docs.map((d) => ({ author: d.author, docId: d.docId, prefix: d.text.slice(0, 200), continuation: d.text.slice(200, 400) }));

  it('profileAuthorTop1 finds each document\'s author from the profiles of their other documents', () => {
    const report = profileAuthorTop1(docs, pairs);
    assert.equal(report.top1, 1);
    assert.equal(report.chance, 0.5);
  });

  it('voiceForm: the post-processor restores the writer\'s form from generic text and breaks nothing', () => {
    assert.equal(generic('the “colour” — centre'), 'the "color"—center');
    const report = voiceFormTask(docs, pairs);
    assert.ok(report.changedByGeneric >= 4);
    assert.ok(report.restored > 0.9, `restored ${report.restored}`);
    assert.equal(report.damaged, 0);
  });
});
