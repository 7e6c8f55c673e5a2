// The extension activates by itself when a prose document opens, and hands back its API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateOwnvoice, eventually } from './env';

describe('activation', () => {
  it('is loaded from the development folder', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not among the extensions`);
    assert.equal(extension.packageJSON.name, 'ownvoice');
  });

  it('activates on opening a Markdown document (onLanguage:markdown)', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    await vscode.workspace.openTextDocument({ language: 'markdown', content: '# Notes\n' });
    const active = await eventually(() => extension.isActive, (yes) => yes, 20_000);
    assert.equal(active, true, 'opening a Markdown document did not activate Ownvoice');
  });

  it('returns an API with the inline provider and the host status', async () => {
    const api = await activateOwnvoice();
    assert.equal(typeof api.inlineCompletions.provideInlineCompletionItems, 'function');
    assert.match(api.hostStatus().state, /^(checking|ready|modelMissing|unreachable)$/);
    assert.equal(typeof api.checkConnection, 'function');
  });
});
