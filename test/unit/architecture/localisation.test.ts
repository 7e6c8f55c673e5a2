// Every string a writer reads can be translated: the manifest's through package.nls.json, the runtime's through vscode.l10n.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

// Compiled into out/test/unit/architecture: the repository root is four levels up.
const ROOT = path.join(__dirname, '../../../..');
/** Manifest fields a writer reads in the workbench or on the Details page. */
const READ_BY_WRITERS = new Set(['title', 'description', 'markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions', 'name', 'category', 'contextualTitle', 'altText', 'contents', 'deprecationMessage', 'markdownDeprecationMessage', 'displayName', 'aliases', 'enumItemLabels']);

interface Found {
  readonly where: string;
  readonly value: unknown;
}

/** Every writer-facing string under `node`, with the JSON path that leads to it. */
function writerStrings(node: unknown, where: string, out: Found[] = []): Found[] {
  if (Array.isArray(node)) node.forEach((item, i) => writerStrings(item, `${where}[${i}]`, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (!READ_BY_WRITERS.has(key)) writerStrings(value, `${where}.${key}`, out);
      else if (Array.isArray(value)) value.forEach((v, i) => out.push({ where: `${where}.${key}[${i}]`, value: v }));
      else out.push({ where: `${where}.${key}`, value });
    }
  }
  return out;
}

function read(file: string): string {
  return fs.readFileSync(path.join(ROOT, file), 'utf8');
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(rel) : rel.endsWith('.ts') ? [rel] : [];
  });
}

describe('localisation', () => {
  const manifest = JSON.parse(read('package.json')) as { displayName: string; description: string; contributes: unknown; capabilities?: unknown };
  const nls = JSON.parse(read('package.nls.json')) as Record<string, string>;
  const contributed = [
    { where: 'displayName', value: manifest.displayName as unknown },
    { where: 'description', value: manifest.description as unknown },
    ...writerStrings(manifest.contributes, 'contributes'),
    // The untrusted-workspace description shows in the workspace trust editor.
    ...writerStrings(manifest.capabilities, 'capabilities'),
  ];

  it('finds the contributed strings it checks', () => {
    assert.ok(contributed.length > 50, `${contributed.length} strings`);
    assert.ok(contributed.some((s) => s.where === 'contributes.commands[0].title'));
  });

  it('has no contributed title or description as a bare literal, and each key is in package.nls.json', () => {
    const bare = contributed.filter((s) => typeof s.value !== 'string' || !/^%[\w.-]+%$/.test(s.value));
    assert.deepEqual(bare.map((s) => `${s.where}: ${JSON.stringify(s.value)}`), []);
    const missing = contributed.map((s) => (s.value as string).slice(1, -1)).filter((key) => typeof nls[key] !== 'string' || !nls[key].trim());
    assert.deepEqual(missing, []);
  });

  it('keeps no unused entry in package.nls.json', () => {
    const used = new Set(contributed.map((s) => (s.value as string).slice(1, -1)));
    assert.deepEqual(Object.keys(nls).filter((key) => !used.has(key)), []);
  });

  it('passes every message the editor shows through vscode.l10n.t', () => {
    const shown = /\.(?:show(?:Information|Warning|Error)Message|setStatusBarMessage)\(\s*(?:'|"|`)|\b(?:title|placeHolder|prompt):\s*(?:'|"|`)/g;
    const bare = sourceFiles('src/editor').flatMap((file) => [...read(file).matchAll(shown)].map((m) => `${file}: ${m[0]}`));
    assert.deepEqual(bare, []);
  });

  it('passes the sidebar\'s own words through l10n.t, with the bundle the extension hands the page', () => {
    // Text, labels, tooltips and placeholders written as literals in the webview would stay English.
    const literal = /\b(?:text|label|title|placeholder|'aria-label'|empty):\s*(?:'|"|`)[A-Za-z]|\b(?:button|iconButton)\((?:'close', )?(?:'|"|`)[A-Z]|\.(?:title|textContent)\s*=\s*(?:'|"|`)[A-Za-z]/g;
    const bare = sourceFiles('src/webview').flatMap((file) => [...read(file).matchAll(literal)].map((m) => `${file}: ${m[0]}`));
    assert.deepEqual(bare, []);
    assert.match(read('src/editor/sidebar/sidebarView.ts'), /l10n: vscode\.l10n\.bundle/, 'the sidebar page gets the extension\'s bundle');
    assert.ok(sourceFiles('src/webview').filter((file) => /\bt\('/.test(read(file))).length >= 8, 'the sections use t()');
  });
});
