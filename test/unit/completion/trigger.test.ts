import * as assert from 'node:assert/strict';
import { isMidWord, protectedRegionAt, triggerRefusal } from '../../../src/core/completion/trigger';
import { DEFAULT_LANGUAGES, type CompletionRequest } from '../../../src/core/completion/types';

/** `|` marks the cursor. */
function at(marked: string, languageId = 'markdown', extra: Partial<CompletionRequest> = {}): CompletionRequest {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'test text needs a | cursor');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return { documentId: 'doc', text, offset, languageId, cursorCount: 1, hasSelection: false, explicit: false, ...extra };
}

function region(marked: string, languageId = 'markdown') {
  const r = at(marked, languageId);
  return protectedRegionAt(r.text, r.offset, languageId);
}

describe('completion trigger rules', () => {
  it('suggests at the end of prose in an enabled language', () => {
    assert.equal(triggerRefusal(at('The river was high that spring, and |'), DEFAULT_LANGUAGES), undefined);
    assert.equal(triggerRefusal(at('The river was high|\n\nNext paragraph.'), DEFAULT_LANGUAGES), undefined);
  });

  it('stays out of languages the writer has not enabled', () => {
    assert.equal(triggerRefusal(at('const x = |', 'typescript'), DEFAULT_LANGUAGES), 'languageOff');
    assert.equal(triggerRefusal(at('Some prose |', 'markdown'), ['plaintext']), 'languageOff');
  });

  it('stays out of several cursors, selections and empty documents', () => {
    assert.equal(triggerRefusal(at('Text |', 'markdown', { cursorCount: 2 }), DEFAULT_LANGUAGES), 'severalCursors');
    assert.equal(triggerRefusal(at('Text |', 'markdown', { hasSelection: true }), DEFAULT_LANGUAGES), 'selection');
    assert.equal(triggerRefusal(at('  \n |'), DEFAULT_LANGUAGES), 'emptyDocument');
  });

  it('never splits a word', () => {
    assert.equal(triggerRefusal(at('The riv|er was high'), DEFAULT_LANGUAGES), 'midWord');
    assert.equal(isMidWord('café au lait', 2), true);
    assert.equal(isMidWord('The end.', 7), false);
    assert.equal(isMidWord('word', 4), false);
  });

  it('recognises fenced code blocks, open or closed', () => {
    assert.equal(region('Prose.\n\n```js\nconst a = 1;\n|'), 'code');
    assert.equal(region('Prose.\n\n~~~\nplain code |\n~~~\n'), 'code');
    assert.equal(region('Prose.\n\n```js\ncode\n```\n\nBack to prose |'), undefined);
    assert.equal(region('Prose.\n\n```|'), 'code');
  });

  it('recognises indented code but not indented list continuations or lazy lines', () => {
    assert.equal(region('Prose.\n\n    indented code |'), 'code');
    assert.equal(region('- a list item\n\n    continues here |'), undefined);
    assert.equal(region('A paragraph line\n    lazily continued |'), undefined);
  });

  it('recognises inline code on the current line', () => {
    assert.equal(region('Call `fetch(|'), 'code');
    assert.equal(region('Call `fetch()` and then |'), undefined);
  });

  it('recognises YAML and TOML front matter only while it is open', () => {
    assert.equal(region('---\ntitle: A walk |\n---\n\nBody'), 'frontMatter');
    assert.equal(region('---\ntitle: A walk\n---\n\nBody text |'), undefined);
    assert.equal(region('+++\ntitle = "x" |\n+++\n'), 'frontMatter');
    assert.equal(region('Intro\n---\nnot front matter |'), undefined);
  });

  it('recognises Markdown math without mistaking prices for it', () => {
    assert.equal(region('Let $x + |'), 'math');
    assert.equal(region('where $x$ is the mean and |'), undefined);
    assert.equal(region('It costs $5 and $10 |'), undefined);
    assert.equal(region('$$\na^2 + |'), 'math');
    assert.equal(region('$$\na^2\n$$\n\nProse again |'), undefined);
    assert.equal(region('So \\[ x = |'), 'math');
    assert.equal(region('So \\[ x = 1 \\] and |'), undefined);
    assert.equal(region('```\n$ echo $HOME\n```\n\nProse |'), undefined);
  });

  it('handles Windows line endings', () => {
    assert.equal(region('Costs $x$ here.\r\n\r\nNew paragraph with $y + |'), 'math');
    assert.equal(region('Open $x\r\n\r\nNew paragraph |'), undefined);
    assert.equal(region('---\r\ntitle: x |\r\n---\r\n'), 'frontMatter');
    assert.equal(region('```\r\ncode |\r\n'), 'code');
  });

  it('recognises LaTeX math and verbatim environments', () => {
    assert.equal(region('Text.\n\\begin{equation}\n  E = |', 'latex'), 'math');
    assert.equal(region('\\begin{align*}\na &= b \\\\\n|', 'latex'), 'math');
    assert.equal(region('\\begin{equation}E=mc^2\\end{equation}\nAs shown |', 'latex'), undefined);
    assert.equal(region('Inline $\\alpha + |', 'latex'), 'math');
    assert.equal(region('\\begin{verbatim}\nls |', 'latex'), 'code');
    assert.equal(region('% \\begin{equation}\nProse after a comment |', 'latex'), undefined);
  });

  it('leaves other prose formats alone', () => {
    assert.equal(region('$$ not math in plain text |', 'plaintext'), undefined);
  });
});
