// Rewrite Selection through the stand-in: every preset applied and undone in one step, a custom template, a concurrent
// edit that is not clobbered, an unknown placeholder reported without a request, alternatives and their preference pair.
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { activateOwnvoice, standinUrl } from './env';

type Outcome = { status: string; versions?: string[]; text?: string; message?: string };

const BEFORE = '# Notes\n\nThe first paragraph stays as it is.\n\n';
const SELECTED = 'Once upon a time there was a dog who liked the park.';
const AFTER = '\n\nThe last paragraph stays too.\n';

async function control(path: string, body?: unknown): Promise<void> {
  const response = await fetch(`${standinUrl()}/__standin/${path}`, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) });
  assert.equal(response.status, 200, `stand-in control ${path}: ${await response.text()}`);
}

async function stats(): Promise<{ requests: Record<string, number>; aborted: number; lastRequests: { path: string; renderedPrompt?: string }[] }> {
  return (await fetch(`${standinUrl()}/__standin/stats`)).json() as never;
}

const generateCount = async () => (await stats()).requests['/api/generate'] ?? 0;

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the harness opens a workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** A Markdown file on disk, open in an editor, with SELECTED selected. */
async function editorWithSelection(name = 'rewrite-sample.md'): Promise<vscode.TextEditor> {
  const uri = workspaceFile(name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(BEFORE + SELECTED + AFTER));
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
  if (document.getText() !== BEFORE + SELECTED + AFTER) {
    await editor.edit((edit) => edit.replace(new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), BEFORE + SELECTED + AFTER));
  }
  editor.selection = new vscode.Selection(document.positionAt(BEFORE.length), document.positionAt(BEFORE.length + SELECTED.length));
  return editor;
}

/** Runs a command with the sample's editor active again (the preview opens beside it and takes focus). */
async function inSample<T>(editor: vscode.TextEditor, command: string, ...args: unknown[]): Promise<T> {
  await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, selection: editor.selection });
  return vscode.commands.executeCommand<T>(command, ...args);
}

describe('rewrite selection', function () {
  this.timeout(120_000);

  before(async () => {
    const status = await (await activateOwnvoice()).checkConnection();
    assert.equal(status.state, 'ready', `the stand-in is not ready: ${JSON.stringify(status)}`);
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('ownvoice.rewrite.reject');
    await control('reset');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const presets = ['builtin:voice', 'builtin:shorter', 'builtin:clearer', 'builtin:formal', 'builtin:casual', 'builtin:grammar'];
  for (const preset of presets) {
    it(`${preset}: applies the streamed rewrite, and one undo restores the original`, async () => {
      const editor = await editorWithSelection();
      const outcome = await inSample<Outcome>(editor, 'ownvoice.rewriteSelectionWith', { preset });
      assert.equal(outcome.status, 'ready', JSON.stringify(outcome));
      const rewrite = outcome.versions![0];
      assert.ok(rewrite.trim().length > 0);
      const applied = await vscode.commands.executeCommand<Outcome>('ownvoice.rewrite.accept');
      assert.equal(applied.status, 'applied');
      assert.equal(editor.document.getText(), BEFORE + rewrite + AFTER);
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('undo');
      assert.equal(editor.document.getText(), BEFORE + SELECTED + AFTER);
    });
  }

  it('explains which of the writer\'s passages shaped the rewrite', async () => {
    const editor = await editorWithSelection();
    const outcome = await inSample<Outcome>(editor, 'ownvoice.rewriteSelectionWith', { preset: 'builtin:voice' });
    assert.equal(outcome.status, 'ready', JSON.stringify(outcome));
    const why = (await activateOwnvoice()).lastSuggestion();
    assert.equal(why?.kind, 'rewrite');
    const prompt = (await stats()).lastRequests.filter((r) => r.path === '/api/generate').pop()?.renderedPrompt ?? '';
    for (const exemplar of why?.exemplars ?? []) assert.ok(prompt.includes(exemplar.text.trim().slice(0, 40)), 'each exemplar explained was in the prompt');
  });

  it('a custom instruction reaches the model with the selection', async () => {
    const editor = await editorWithSelection();
    const outcome = await inSample<Outcome>(editor, 'ownvoice.rewriteSelectionWith', { instruction: 'Make it about a cat.' });
    assert.equal(outcome.status, 'ready', JSON.stringify(outcome));
    const last = (await stats()).lastRequests.filter((r) => r.path === '/api/generate').pop();
    assert.match(last?.renderedPrompt ?? '', /Instruction: Make it about a cat\./);
    assert.match(last?.renderedPrompt ?? '', /Once upon a time there was a dog/);
  });

  it('runs a template file from the workspace with its own words around the selection', async () => {
    const template = workspaceFile('.ownvoice/presets/retell.ovt');
    await vscode.workspace.fs.writeFile(template, new TextEncoder().encode('---\nname: Retell\n---\n[prompt]\nRetell this in {{language}}: {{selection}}\nOnce upon a time'));
    const editor = await editorWithSelection();
    const outcome = await inSample<Outcome>(editor, 'ownvoice.rewriteSelectionWith', { preset: template.toString() });
    assert.equal(outcome.status, 'ready', JSON.stringify(outcome));
    const last = (await stats()).lastRequests.filter((r) => r.path === '/api/generate').pop();
    assert.ok(last?.renderedPrompt?.includes(`Retell this in Markdown: ${SELECTED}`), last?.renderedPrompt);
    assert.equal((await inSample<Outcome>(editor, 'ownvoice.rewrite.accept')).status, 'applied');
    assert.equal(editor.document.getText(), BEFORE + outcome.versions![0] + AFTER);
  });

  it('reports an unknown placeholder with its line and sends nothing', async () => {
    const template = workspaceFile('.ownvoice/presets/typo.ovt');
    await vscode.workspace.fs.writeFile(template, new TextEncoder().encode('[prompt]\nRewrite {{selection}}\nlike {{exemplers}}\n'));
    const editor = await editorWithSelection();
    const requestsBefore = await generateCount();
    const outcome = await inSample<Outcome>(editor, 'ownvoice.rewriteSelectionWith', { preset: template.toString() });
    assert.equal(outcome.status, 'invalidTemplate');
    assert.match(outcome.message ?? '', /typo\.ovt line 3: Unknown placeholder \{\{exemplers\}\}\. Did you mean \{\{exemplars\}\}\?/);
    assert.equal(await generateCount(), requestsBefore);
    assert.equal(editor.document.getText(), BEFORE + SELECTED + AFTER);
  });

  it('squiggles the unknown placeholder in an open template file', async () => {
    const template = workspaceFile('.ownvoice/presets/squiggle.ovt');
    await vscode.workspace.fs.writeFile(template, new TextEncoder().encode('[prompt]\n{{selection}} {{colour}}\n'));
    const document = await vscode.workspace.openTextDocument(template);
    assert.equal(document.languageId, 'ownvoice-template');
    await vscode.window.showTextDocument(document);
    const diagnostics = vscode.languages.getDiagnostics(template);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].range.start.line, 1);
    assert.equal(document.getText(diagnostics[0].range), '{{colour}}');
  });

  it('never clobbers text changed under the selection, and follows text added before it', async () => {
    const editor = await editorWithSelection();
    const outcome = await inSample<Outcome>(editor, 'ownvoice.rewriteSelection');
    assert.equal(outcome.status, 'ready', JSON.stringify(outcome));
    const insideSelection = editor.document.positionAt(BEFORE.length + 5);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(editor.document.uri, insideSelection, 'NEWER ');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const refused = await vscode.commands.executeCommand<Outcome>('ownvoice.rewrite.accept');
    assert.equal(refused.status, 'refused');
    assert.ok(editor.document.getText().includes('Once NEWER upon a time'), 'the newer text survives');
    await vscode.commands.executeCommand('ownvoice.rewrite.reject');

    const again = await editorWithSelection();
    const second = await inSample<Outcome>(again, 'ownvoice.rewriteSelection');
    assert.equal(second.status, 'ready');
    const before = new vscode.WorkspaceEdit();
    before.insert(again.document.uri, new vscode.Position(0, 0), 'Added on top.\n');
    assert.ok(await vscode.workspace.applyEdit(before));
    assert.equal((await vscode.commands.executeCommand<Outcome>('ownvoice.rewrite.accept')).status, 'applied');
    assert.equal(again.document.getText(), 'Added on top.\n' + BEFORE + second.versions![0] + AFTER);
  });

  it('gives a hint and sends nothing for an empty selection', async () => {
    const editor = await editorWithSelection();
    editor.selection = new vscode.Selection(editor.selection.start, editor.selection.start);
    const requestsBefore = await generateCount();
    const outcome = await vscode.commands.executeCommand<Outcome>('ownvoice.rewriteSelection');
    assert.equal(outcome.status, 'noSelection');
    assert.equal(await generateCount(), requestsBefore);
  });

  it('shows two alternatives and records the pick with the one passed over', async () => {
    const editor = await editorWithSelection();
    const outcome = await inSample<Outcome>(editor, 'ownvoice.rewriteAlternatives', { preset: 'builtin:voice' });
    assert.equal(outcome.status, 'ready', JSON.stringify(outcome));
    assert.equal(outcome.versions?.length, 2);
    const picked = await vscode.commands.executeCommand<Outcome>('ownvoice.rewrite.pickSecond');
    assert.equal(picked.status, 'applied');
    assert.equal(editor.document.getText(), BEFORE + outcome.versions![1] + AFTER);
    const file = await vscode.commands.executeCommand<string>('ownvoice.rewrite.preferencePairFile');
    const pairs = (await readFile(file, 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    const last = pairs[pairs.length - 1];
    assert.equal(last.original, SELECTED);
    assert.equal(last.chosen, outcome.versions![1]);
    assert.equal(last.rejected, outcome.versions![0]);
  });

  it('rejecting while it streams aborts the request', async () => {
    await control('control', { tokenDelayMs: 200 });
    const editor = await editorWithSelection();
    const abortedBefore = (await stats()).aborted;
    const requestsBefore = await generateCount();
    const pending = inSample<Outcome>(editor, 'ownvoice.rewriteSelection');
    const deadline = Date.now() + 20_000;
    while ((await generateCount()) === requestsBefore && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 500));
    await vscode.commands.executeCommand('ownvoice.rewrite.reject');
    assert.equal((await pending).status, 'cancelled');
    let aborted = (await stats()).aborted;
    for (let i = 0; i < 20 && aborted === abortedBefore; i++) {
      await new Promise((r) => setTimeout(r, 100));
      aborted = (await stats()).aborted;
    }
    assert.equal(aborted, abortedBefore + 1);
    assert.equal(editor.document.getText(), BEFORE + SELECTED + AFTER);
  });

  it('explains how to get the model when Ollama does not have it', async () => {
    await control('control', { unknownModel: true });
    const editor = await editorWithSelection();
    const outcome = await inSample<Outcome>(editor, 'ownvoice.rewriteSelection');
    assert.equal(outcome.status, 'failed');
    assert.match(outcome.message ?? '', /ollama pull stories:260k/);
  });
});
