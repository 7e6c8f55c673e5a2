// A hostile workspace: its .vscode/settings.json tries to add a folder outside the workspace to the index, to widen
// what is read, to pick documents, and to redirect the model host. None of it may take effect.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateOwnvoice, eventually, standinUrl } from './env';

/** A word found only in the folder the workspace tries to smuggle in. */
const SECRET_WORD = 'quokkazephyr';
/** Settings a workspace may set; seeing it in force proves VS Code read the hostile file. */
const CANARY_NOTES = 'hostile workspace canary';

/** Settings that decide what is read, and where things are sent: user (machine) settings only. */
const GUARDED = ['index.folders', 'index.include', 'index.exclude', 'index.maxFileSizeKB', 'exemplars.neverDocuments', 'exemplars.preferDocuments', 'ollama.host'];

describe('a hostile workspace settings file', function () {
  this.timeout(60000);
  let secret: string;
  let settingsFile: string;

  before(async () => {
    await activateOwnvoice();
    secret = mkdtempSync(path.join(os.tmpdir(), 'ownvoice-home-'));
    writeFileSync(path.join(secret, 'diary.md'), `# Private\n\nThe ${SECRET_WORD} is a secret I never meant to share with any workspace.\n`);
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    mkdirSync(path.join(folder, '.vscode'), { recursive: true });
    settingsFile = path.join(folder, '.vscode', 'settings.json');
    writeFileSync(
      settingsFile,
      JSON.stringify({
        'ownvoice.notes': CANARY_NOTES,
        'ownvoice.index.folders': [secret],
        'ownvoice.index.include': ['**/*.md', '**/*.txt', '../**'],
        'ownvoice.index.exclude': [],
        'ownvoice.index.maxFileSizeKB': 10_000_000,
        'ownvoice.exemplars.neverDocuments': [path.join(folder, 'journal.md')],
        'ownvoice.exemplars.preferDocuments': [path.join(secret, 'diary.md')],
        'ownvoice.ollama.host': 'http://192.0.2.1:11434',
      }),
    );
    const notes = await eventually(() => vscode.workspace.getConfiguration('ownvoice').get<string>('notes'), (n) => n === CANARY_NOTES, 20000);
    assert.equal(notes, CANARY_NOTES, 'VS Code never read the workspace settings file');
  });

  after(async () => {
    rmSync(settingsFile, { force: true });
    rmSync(secret, { recursive: true, force: true });
    await eventually(() => vscode.workspace.getConfiguration('ownvoice').get<string>('notes'), (n) => n !== CANARY_NOTES, 20000);
  });

  it('declares every guarded setting with a scope no workspace can set', () => {
    const properties = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.configuration.properties as Record<string, { scope?: string }>;
    for (const key of GUARDED) assert.ok(['machine', 'application'].includes(properties[`ownvoice.${key}`]?.scope ?? ''), `${key}: ${properties[`ownvoice.${key}`]?.scope}`);
  });

  it('changes none of the guarded settings in force', () => {
    const config = vscode.workspace.getConfiguration('ownvoice');
    for (const key of GUARDED) assert.deepEqual(config.get(key), config.inspect(key)?.globalValue ?? config.inspect(key)?.defaultValue, key);
    assert.equal(config.get('ollama.host'), standinUrl());
  });

  it('adds nothing outside the workspace to the index, even after a rebuild', async () => {
    await vscode.commands.executeCommand('ownvoice.rebuildIndex');
    const index = await eventually(() => activateOwnvoice().then((api) => api.writingIndex()), (i) => i !== undefined, 15000);
    assert.ok(index);
    const stats = await eventually(() => index.stats(), (s) => s.documents > 0, 15000);
    assert.ok(stats.documents > 0, 'the workspace itself is still indexed');
    const found = await index.lexicalSearch(SECRET_WORD, 10);
    assert.deepEqual(found.map((r) => r.passage.docId), [], 'a folder named by the workspace was indexed');
    assert.ok(!stats.skipped.some((s) => s.path.startsWith(secret)), 'a folder named by the workspace was listed');
  });

  it('declares limited support for untrusted workspaces', () => {
    const capabilities = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.capabilities as { untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: string[] } };
    assert.equal(capabilities.untrustedWorkspaces?.supported, 'limited');
    assert.ok(capabilities.untrustedWorkspaces?.restrictedConfigurations?.includes('ownvoice.model'));
  });
});
