import * as assert from 'node:assert/strict';
import { closestPlaceholder, describeProblems, fillPlaceholders, parseTemplate, PLACEHOLDERS, type Placeholder } from '../../../src/core/rewrite/template';

const values = (overrides: Partial<Record<Placeholder, string>> = {}): Record<Placeholder, string> => ({
  ...(Object.fromEntries(PLACEHOLDERS.map((p) => [p, ''])) as Record<Placeholder, string>),
  ...overrides,
});

describe('rewrite templates', () => {
  it('reads the header and both sections', () => {
    const parsed = parseTemplate('---\nname: Warmer\ndescription: Kinder words\ntemperature: 0.7\n---\n[system]\nBe kind.\n\n[prompt]\nRewrite:\n{{selection}}\n', 'warmer');
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.template, { name: 'Warmer', description: 'Kinder words', temperature: 0.7, system: 'Be kind.', prompt: 'Rewrite:\n{{selection}}' });
  });

  it('treats a file without sections as all prompt and names it after the file', () => {
    const parsed = parseTemplate('Say this more simply: {{ selection }}', 'simple.ovt');
    assert.ok(parsed.ok);
    assert.equal(parsed.template.name, 'simple.ovt');
    assert.equal(parsed.template.prompt, 'Say this more simply: {{ selection }}');
    assert.equal(parsed.template.system, '');
  });

  it('reports an unknown placeholder with its line and column and suggests the near one', () => {
    const parsed = parseTemplate('[prompt]\nRewrite {{selection}}\nlike {{exemplers}} here\n', 'x');
    assert.ok(!parsed.ok);
    assert.equal(parsed.problems.length, 1);
    assert.deepEqual({ line: parsed.problems[0].line, column: parsed.problems[0].column }, { line: 3, column: 6 });
    assert.match(parsed.problems[0].message, /Unknown placeholder \{\{exemplers\}\}\. Did you mean \{\{exemplars\}\}\?/);
    assert.equal(describeProblems('mine.ovt', parsed.problems).split('\n')[0].startsWith('mine.ovt line 3: '), true);
  });

  it('lists the known placeholders when nothing is close', () => {
    const parsed = parseTemplate('{{selection}} {{weather}}', 'x');
    assert.ok(!parsed.ok);
    assert.match(parsed.problems[0].message, /Known: \{\{selection\}\}/);
  });

  it('refuses a prompt that never shows the selection, even when the system section has it', () => {
    const parsed = parseTemplate('[system]\n{{selection}}\n[prompt]\nRewrite it.', 'x');
    assert.ok(!parsed.ok);
    assert.match(parsed.problems[0].message, /never shows the model the selection/);
  });

  it('reports unknown sections, repeated sections, stray text, bad header keys and values, unclosed braces', () => {
    const source = '---\nname: A\ncolour: blue\ntemperature: hot\n---\nstray\n[prompt]\n{{selection}}\n[examples]\n[prompt]\n{{selection}} {{before\n';
    const parsed = parseTemplate(source, 'x');
    assert.ok(!parsed.ok);
    const lines = parsed.problems.map((p) => p.line);
    assert.deepEqual(lines, [3, 4, 6, 9, 10, 11]);
    assert.match(parsed.problems[5].message, /not closed/);
  });

  it('reports a header that is never closed', () => {
    const parsed = parseTemplate('---\nname: A\n{{selection}}', 'x');
    assert.ok(!parsed.ok);
    assert.match(parsed.problems.map((p) => p.message).join(' '), /never closed/);
  });

  it('suggests only placeholders within two edits', () => {
    assert.equal(closestPlaceholder('Selection'), 'selection');
    assert.equal(closestPlaceholder('afterr'), 'after');
    assert.equal(closestPlaceholder('weather'), undefined);
  });

  it('fills placeholders once: text that looks like a placeholder in the selection stays as written', () => {
    const filled = fillPlaceholders('A {{selection}} B', values({ selection: 'x {{after}} y' }));
    assert.equal(filled, 'A x {{after}} y B');
  });

  it('drops a line left empty by empty placeholders, and the blank line it leaves', () => {
    const filled = fillPlaceholders('Intro\n\n{{exemplars}}\n\n{{selection}}', values({ selection: 'text' }));
    assert.equal(filled, 'Intro\n\ntext');
  });
});
