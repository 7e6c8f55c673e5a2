import * as assert from 'node:assert/strict';
import type { ProseBlock } from '../../../src/core/documents/prose';
import { formatOf, reduceToProse } from '../../../src/core/documents/reduce';

const paragraphs = (blocks: ProseBlock[]) => blocks.filter((b) => b.kind === 'paragraph').map((b) => b.text);
const headings = (blocks: ProseBlock[]) => blocks.filter((b) => b.kind === 'heading').map((b) => b.text);

describe('format reduction to prose', () => {
  it('recognises formats by extension', () => {
    assert.equal(formatOf('/a/notes.MD'), 'markdown');
    assert.equal(formatOf('/a/b.rst'), 'restructuredtext');
    assert.equal(formatOf('/a/thesis.tex'), 'latex');
    assert.equal(formatOf('/a/image.png'), undefined);
    assert.equal(formatOf('/a.d/README'), undefined);
  });

  it('markdown: drops front matter, code, images and bare URLs; keeps link text, headings, lines', () => {
    const src = '---\ntitle: Secret\n---\n# My trip\n\nI walked [to the sea](https://sea.example) and saw https://x.y/z birds.\n\n```js\nconst hidden = 1;\n```\n\n![a photo](p.png)\n\n- first thought\n- second thought\n';
    const blocks = reduceToProse(src, 'markdown');
    assert.deepEqual(headings(blocks), ['My trip']);
    assert.deepEqual(paragraphs(blocks), ['I walked to the sea and saw birds.', 'first thought', 'second thought']);
    assert.equal(blocks[0].line, 4);
    assert.equal(blocks[1].line, 6);
    assert.ok(!JSON.stringify(blocks).includes('Secret') && !JSON.stringify(blocks).includes('hidden'));
  });

  it('markdown: drops tables of numbers, keeps tables of words', () => {
    const numbers = reduceToProse('| year | n |\n|---|---|\n| 2020 | 3 |\n| 2021 | 4 |\n', 'markdown');
    assert.deepEqual(paragraphs(numbers), []);
    const words = reduceToProse('| who | said |\n|---|---|\n| Ann | never again |\n', 'markdown');
    assert.ok(paragraphs(words).some((p) => p.includes('never again')));
  });

  it('plain text: paragraphs at blank lines, URLs removed', () => {
    const blocks = reduceToProse('First line\nstill first.\n\n\nSecond, see www.example.com today.\n', 'plaintext');
    assert.deepEqual(paragraphs(blocks), ['First line still first.', 'Second, see today.']);
    assert.equal(blocks[1].line, 5);
  });

  it('LaTeX: sections, formatting kept, maths, comments, citations and floats dropped', () => {
    const src = '\\documentclass{article}\n\\usepackage{amsmath}\n\\begin{document}\n\\section{Method}\nWe \\emph{carefully} measured % not this\nthe value $x^2$ as in \\cite{knuth}.\n\\begin{figure}\n\\caption{Hidden}\n\\end{figure}\nRead \\href{http://a.b}{the notes}.\n\\end{document}\n';
    const blocks = reduceToProse(src, 'latex');
    assert.deepEqual(headings(blocks), ['Method']);
    const text = paragraphs(blocks).join(' | ');
    assert.match(text, /We carefully measured the value as in\./);
    assert.match(text, /Read the notes\./);
    assert.ok(!/Hidden|not this|amsmath|knuth/.test(text));
  });

  it('reStructuredText: titles by adornment, directives and literal blocks dropped, roles keep text', () => {
    const src = 'Guide\n=====\n\nUse :ref:`the manual <manual>` and ``grep`` *often*.\n\n.. code-block:: sh\n\n   rm -rf /\n\nDetails\n-------\n\nAn example::\n\n    literal stuff\n\n.. note::\n\n   Notes are prose.\n\n.. toctree::\n   :maxdepth: 2\n\n   intro\n';
    const blocks = reduceToProse(src, 'restructuredtext');
    assert.deepEqual(blocks.filter((b) => b.kind === 'heading').map((b) => [b.text, b.kind === 'heading' && b.level]), [['Guide', 1], ['Details', 2]]);
    assert.deepEqual(paragraphs(blocks), ['Use the manual and grep often.', 'An example:', 'Notes are prose.']);
  });

  it('Org: headings without TODO and tags, links keep text, source blocks, drawers and tables dropped', () => {
    const src = '#+TITLE: Journal\n* TODO Monday :work:\n:PROPERTIES:\n:ID: 42\n:END:\nI read [[https://x.y][a good essay]] and /thought/ about it.\n#+BEGIN_SRC python\nprint("no")\n#+END_SRC\n| 1 | 2 |\n';
    const blocks = reduceToProse(src, 'org');
    assert.deepEqual(headings(blocks), ['Monday']);
    assert.deepEqual(paragraphs(blocks), ['I read a good essay and thought about it.']);
  });

  it('AsciiDoc: titles, attributes and listings dropped, links keep text', () => {
    const src = '= Notes\n:toc:\n\n== Why\n\nI *still* prefer https://asciidoctor.org[plain tools].\n\n[source,ruby]\n----\nputs "no"\n----\n\n|===\n| 1 | 2\n|===\n';
    const blocks = reduceToProse(src, 'asciidoc');
    assert.deepEqual(headings(blocks), ['Notes', 'Why']);
    assert.deepEqual(paragraphs(blocks), ['I still prefer plain tools.']);
  });

  it('HTML: headings and paragraphs; scripts, styles, code and number tables dropped', () => {
    const src = '<html><head><title>t</title><style>p{color:red}</style></head><body>\n<h2>Letters</h2>\n<p>Dear <a href="https://x">friend</a>,<br>I miss you.</p>\n<pre>code()</pre><script>alert(1)</script>\n<table><tr><td>1</td><td>2</td></tr></table>\n</body></html>';
    const blocks = reduceToProse(src, 'html');
    assert.deepEqual(headings(blocks), ['Letters']);
    assert.deepEqual(paragraphs(blocks), ['Dear friend, I miss you.']);
    assert.equal(blocks[1].line, 3);
  });
});
