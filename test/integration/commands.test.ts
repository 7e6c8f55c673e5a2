// Every command the manifest contributes is registered, and the connection check answers through the command.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateOwnvoice, standinUrl } from './env';

interface ContributedCommand {
  command: string;
}

describe('commands', () => {
  before(async () => {
    await activateOwnvoice();
  });

  it('registers every command of contributes.commands', async () => {
    const contributed = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands as ContributedCommand[]).map((c) => c.command);
    assert.ok(contributed.includes('ownvoice.checkConnection') && contributed.includes('ownvoice.showLog'), `manifest lists ${contributed.join(', ')}`);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('ownvoice.checkConnection resolves to the status of the configured host', async () => {
    const status = await vscode.commands.executeCommand<{ state: string; host: string }>('ownvoice.checkConnection');
    assert.equal(status?.state, 'ready');
    assert.equal(status?.host.replace(/\/$/, ''), standinUrl());
  });

  it('ownvoice.showLog runs without error', async () => {
    await vscode.commands.executeCommand('ownvoice.showLog');
  });
});
