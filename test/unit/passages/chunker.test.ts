import * as assert from 'node:assert/strict';
import type { ProseBlock } from '../../../src/core/documents/prose';
import { countWords, cutIntoPassages } from '../../../src/core/passages/chunker';
import { computeStyleFeatures } from '../../../src/core/style/features';

const words = (n: number, word = 'word') => Array.from({ length: n }, (_, i) => `${word}${i}`).join(' ') + '.';
const para = (text: string, line: number): ProseBlock => ({ kind: 'paragraph', text, line });
const heading = (text: string, level: number, line: number): ProseBlock => ({ kind: 'heading', text, level, line });
const meta = { docId: '/w/doc.md', format: 'markdown', modifiedAt: 5 };

describe('cutting documents into passages', () => {
  it('groups paragraphs up to about 250 words and never across a heading', () => {
    const blocks = [heading('One', 1, 1), para(words(80, 'a'), 3), para(words(80, 'b'), 5), para(words(80, 'c'), 7), para(words(80, 'd'), 9), heading('Two', 2, 11), para(words(30, 'e'), 13)];
    const passages = cutIntoPassages(blocks, meta);
    assert.deepEqual(passages.map((p) => p.wordCount), [240, 80, 30]);
    assert.deepEqual(passages.map((p) => p.headingPath), [['One'], ['One'], ['One', 'Two']]);
    assert.deepEqual(passages.map((p) => p.line), [3, 9, 13]);
    assert.deepEqual(passages.map((p) => p.position), [0, 1, 2]);
    assert.ok(!passages[2].text.includes('d0'), 'the passage after a heading holds none of the previous section');
  });

  it('cuts one long paragraph at sentence ends', () => {
    const sentences = Array.from({ length: 60 }, (_, i) => `Sentence number ${i} has exactly seven words.`).join(' ');
    const passages = cutIntoPassages([para(sentences, 1)], meta);
    assert.ok(passages.length >= 2);
    for (const p of passages) {
      assert.ok(p.wordCount <= 250, `${p.wordCount} words`);
      assert.match(p.text, /\.$/);
    }
    assert.equal(passages.reduce((n, p) => n + p.wordCount, 0), 420);
  });

  it('cuts unpunctuated text (blog posts without breaks) at word counts', () => {
    const passages = cutIntoPassages([para(words(1000).replace(/\.$/, ''), 1)], meta);
    assert.ok(passages.every((p) => p.wordCount <= 375));
    assert.equal(passages.reduce((n, p) => n + p.wordCount, 0), 1000);
  });

  it('gives stable ids: same content and document, same id, even when passages before it move; same paragraph in two files, two ids', () => {
    const kept = [heading('B', 1, 10), para(words(120, 'y'), 11)];
    const before = cutIntoPassages([heading('A', 1, 1), para(words(120, 'x'), 2), ...kept], meta);
    const after = cutIntoPassages([heading('New', 1, 1), para(words(120, 'n'), 2), heading('A', 1, 4), para(words(120, 'z'), 5), ...kept], meta);
    const elsewhere = cutIntoPassages(kept, { ...meta, docId: '/w/copy.md' });
    assert.equal(before[1].id, after[2].id);
    assert.equal(after[2].position, 2);
    assert.notEqual(before[0].id, after[1].id);
    assert.notEqual(before[1].id, elsewhere[0].id);
  });

  it('keeps ids unique when a document repeats a paragraph', () => {
    const text = words(120);
    const passages = cutIntoPassages([heading('x', 1, 1), para(text, 2), heading('y', 1, 3), para(text, 4)], meta);
    assert.equal(passages.length, 2);
    assert.notEqual(passages[0].id, passages[1].id);
  });

  it('computes the style features of each passage and carries document metadata', () => {
    const text = 'I think, really, that it works. ' + words(20);
    const [p] = cutIntoPassages([para(text, 1)], meta);
    assert.deepEqual(p.features, computeStyleFeatures(p.text));
    assert.equal(p.format, 'markdown');
    assert.equal(p.modifiedAt, 5);
  });

  it('drops fragments too short to be an exemplar', () => {
    assert.deepEqual(cutIntoPassages([heading('Title', 1, 1), para('Just a few words.', 2)], meta), []);
  });

  it('counts words as the runs of /\\S+/ do, with two Chinese or Japanese characters to a word', () => {
    // The definition the scan must keep: JavaScript's \s (control characters other than tabs and line ends are not).
    const byDefinition = (text: string) => {
      const cjk = [...text].filter((ch) => /[\u3040-\u9fff]/.test(ch)).length;
      return (text.replace(/[\u3040-\u9fff]/g, ' ').match(/\S+/g) ?? []).length + Math.ceil(cjk / 2);
    };
    const pieces = [' ', '\t', '\n', '\r\n', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u0001', '\u001f', 'a', 'Z', '9', '.', 'é', 'ß', '\u3042', '\u4e00', '😀', "'"];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let trial = 0; trial < 3000; trial++) {
      let text = '';
      for (let n = Math.floor(next() * 40); n > 0; n--) text += pieces[Math.floor(next() * pieces.length)];
      assert.equal(countWords(text), byDefinition(text), JSON.stringify(text));
    }
    assert.equal(countWords('Ein Satz\u00a0mit\u0001Steuerzeichen'), 3);
    assert.equal(countWords('日本語の文'), 3);
  });
});
