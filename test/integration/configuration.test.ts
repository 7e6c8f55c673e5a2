// Ownvoice reads its settings from the user's settings.json, and no workspace may redirect the host.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateOwnvoice, standinUrl } from './env';

interface SettingSchema {
  scope?: string;
  default?: unknown;
}

describe('configuration', () => {
  before(async () => {
    await activateOwnvoice();
  });

  it('reads ownvoice.ollama.host from the user settings (the stand-in)', () => {
    const inspected = vscode.workspace.getConfiguration('ownvoice').inspect<string>('ollama.host');
    assert.equal(inspected?.globalValue, standinUrl());
    assert.equal(vscode.workspace.getConfiguration('ownvoice').get('ollama.host'), standinUrl());
    assert.equal(inspected?.defaultValue, 'http://127.0.0.1:11434');
  });

  it('reads ownvoice.model', () => {
    assert.equal(vscode.workspace.getConfiguration('ownvoice').get('model'), 'stories:260k');
  });

  it('declares the host setting with application scope', () => {
    const properties = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.configuration.properties as Record<string, SettingSchema>;
    assert.equal(properties['ownvoice.ollama.host']?.scope, 'application');
  });

  it('refuses to write the host setting into the workspace', async () => {
    assert.ok(vscode.workspace.workspaceFolders?.length, 'the harness opens a workspace folder');
    const config = vscode.workspace.getConfiguration('ownvoice');
    await assert.rejects(Promise.resolve(config.update('ollama.host', 'http://192.0.2.1:11434', vscode.ConfigurationTarget.Workspace)));
    assert.equal(vscode.workspace.getConfiguration('ownvoice').get('ollama.host'), standinUrl());
  });

  it('the extension uses the configured host', async () => {
    const api = await activateOwnvoice();
    const status = await api.checkConnection();
    assert.equal(status.host.replace(/\/$/, ''), standinUrl());
  });
});
