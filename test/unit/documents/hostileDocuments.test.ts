// Documents the soak run's fuzzer found stopping a reader (each once stopped the whole index, or took minutes).
// The inputs are large so that the old behaviour (quadratic rescans) would run past mocha's timeout, not just slower.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ProseBlock } from '../../../src/core/documents/prose';
import { reduceToProse } from '../../../src/core/documents/reduce';

const words = (blocks: ProseBlock[]) => blocks.map((b) => b.text).join(' ');

describe('hostile documents', () => {
  it('markdown: thousands of list markers nested on one line are read as plain text, not a stack overflow', () => {
    const source = `${'1. '.repeat(5500)}the harbour`;
    assert.match(words(reduceToProse(source, 'markdown')), /the harbour/);
  });

  it('html: elements nested ten thousand deep are read, not a stack overflow', () => {
    const source = `${'<table><tr><td>'.repeat(5000)}deep harbour`;
    assert.match(words(reduceToProse(source, 'html')), /deep harbour/);
  });

  it('org: a long line full of unclosed emphasis markers is read in one pass', () => {
    const source = 'The harbour was quiet. /'.repeat(16000);
    const blocks = reduceToProse(source, 'org');
    assert.equal((words(blocks).match(/harbour/g) ?? []).length, 16000);
  });

  it('asciidoc: a long line full of unclosed backticks and stars is read in one pass', () => {
    const source = 'The harbour was quiet. `'.repeat(12000) + '**'.repeat(4000);
    const blocks = reduceToProse(source, 'asciidoc');
    assert.equal((words(blocks).match(/harbour/g) ?? []).length, 12000);
  });

  it('org and asciidoc still drop the markers of ordinary emphasis', () => {
    assert.equal(words(reduceToProse('A /quiet/ and *still* harbour.', 'org')), 'A quiet and still harbour.');
    assert.equal(words(reduceToProse('A _quiet_ and **still** harbour.', 'asciidoc')), 'A quiet and still harbour.');
  });

  it('latex: a long line of unclosed \\begin{, \\[, \\( and \\href{ is read in one pass', () => {
    for (const opener of ['\\begin{', '\\[', '\\(', '\\href{']) {
      const source = `The harbour was quiet. ${opener}`.repeat(9000);
      const blocks = reduceToProse(source, 'latex');
      assert.ok((words(blocks).match(/harbour/g) ?? []).length >= 1, `${opener}: some prose kept`);
    }
  });

  it('latex still drops maths, environments and links as before', () => {
    const source = 'The \\emph{quiet} harbour $x^2$ and $$y$$ and \\[z\\] and \\(w\\) \\begin{center}, see \\href{http://a.b}{the map}\\footnote{a note}.';
    assert.equal(words(reduceToProse(source, 'latex')).replace(/\s+/g, ' '), 'The quiet harbour and and and, see the map.');
  });

  it('org: a long line of unclosed [[ links and [fn: notes is read in one pass, and links keep their text', () => {
    for (const opener of ['[[', '[[a][', '[fn:']) {
      const blocks = reduceToProse(`The harbour was quiet. ${opener}`.repeat(15000), 'org');
      assert.ok((words(blocks).match(/harbour/g) ?? []).length >= 1, `${opener}: some prose kept`);
    }
    assert.equal(words(reduceToProse('See [[https://a.b][the map]] and [[file:x.org]] and a note[fn:1].', 'org')), 'See the map and and a note.');
  });

  it('html: tables nested four thousand deep are read in linear time, on a stack deep enough not to overflow', async () => {
    // A worker with a big stack, as the index worker may have: the walk then goes all the way down (no RangeError
    // fallback), and reading every nested table's cells at every level took 36 s here (linear now: well under 1 s).
    const reduce = path.join(__dirname, '..', '..', '..', 'src', 'core', 'documents', 'reduce.js');
    const code = `const { parentPort } = require('node:worker_threads');
      const { reduceToProse } = require(${JSON.stringify(reduce)});
      const blocks = reduceToProse('<table><tr><td>word '.repeat(4000) + 'deep harbour', 'html');
      parentPort.postMessage(blocks.map((b) => b.text).join(' '));`;
    const worker = new Worker(code, { eval: true, resourceLimits: { stackSizeMb: 64 } });
    const text = await new Promise<string>((resolve, reject) => worker.once('message', resolve).once('error', reject));
    await worker.terminate();
    assert.match(text, /deep harbour/);
    assert.equal((text.match(/word/g) ?? []).length, 4000);
  });

  it('html: a table of numbers inside a table of prose is still left out, and the prose kept', () => {
    const source = '<table><tr><td>The harbour was quiet that night.</td><td><table><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4.5</td></tr></table></td></tr></table>';
    assert.equal(words(reduceToProse(source, 'html')), 'The harbour was quiet that night.');
  });

  it('restructuredtext: a line of colons or of unclosed `text <target links is read in one pass', () => {
    // 120,000 colons: about 30 s before (rescanned from each colon), milliseconds now.
    assert.match(words(reduceToProse(`The harbour was quiet. ${':'.repeat(120_000)}`, 'restructuredtext')), /harbour/);
    assert.equal(words(reduceToProse('See :ref:`the map <map>` and `the harbour <https://a.b>`_ today.', 'restructuredtext')), 'See the map and the harbour today.');
  });
});
