import * as assert from 'node:assert/strict';
import { SelectionAnchor } from '../../../src/core/rewrite/anchor';

const doc = 'Before. The selected words. After.';
const start = doc.indexOf('The');
const end = doc.indexOf(' After');
const anchor = () => new SelectionAnchor(start, end, doc.slice(start, end));
const apply = (text: string, offset: number, deleted: number, inserted: string) => text.slice(0, offset) + inserted + text.slice(offset + deleted);

describe('selection anchor', () => {
  it('stays put when nothing changed', () => {
    assert.deepEqual(anchor().locate(doc), { kind: 'intact', start, end });
  });

  it('follows text typed before the selection', () => {
    const a = anchor();
    a.follow([{ offset: 0, deletedLength: 0, insertedText: 'New. ' }]);
    const now = apply(doc, 0, 0, 'New. ');
    assert.deepEqual(a.locate(now), { kind: 'intact', start: start + 5, end: end + 5 });
  });

  it('ignores text typed after it, even right at its end', () => {
    const a = anchor();
    a.follow([{ offset: end, deletedLength: 0, insertedText: '!!' }]);
    assert.deepEqual(a.locate(apply(doc, end, 0, '!!')), { kind: 'intact', start, end });
  });

  it('is changed when an edit touches the selected text', () => {
    const a = anchor();
    a.follow([{ offset: start + 4, deletedLength: 8, insertedText: 'chosen' }]);
    assert.deepEqual(a.locate(apply(doc, start + 4, 8, 'chosen')), { kind: 'changed' });
  });

  it('is changed when a deletion swallows the selection start', () => {
    const a = anchor();
    a.follow([{ offset: 2, deletedLength: start, insertedText: '' }]);
    assert.equal(a.locate(apply(doc, 2, start, '')).kind, 'changed');
  });

  it('applies a batch of edits against the text before the batch', () => {
    const a = anchor();
    a.follow([
      { offset: 0, deletedLength: 7, insertedText: 'Earlier text.' },
      { offset: doc.length, deletedLength: 0, insertedText: ' More.' },
    ]);
    const now = 'Earlier text.' + doc.slice(7) + ' More.';
    assert.deepEqual(a.locate(now), { kind: 'intact', start: start + 6, end: end + 6 });
  });

  it('is changed when the text at the range differs, even without reported edits (e.g. a reload from disk)', () => {
    assert.deepEqual(anchor().locate(doc.replace('selected', 'elected!')), { kind: 'changed' });
  });
});
