// With learning off, new writing in the index no longer re-measures the voice profile; with it on, it does.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateOwnvoice, eventually } from './env';

/** Longer than the quiet period after which the profile is measured again (voiceSupport.ts MEASURE_AFTER_MS, 15 s). */
const QUIET_MS = 20_000;

const config = () => vscode.workspace.getConfiguration('ownvoice');

/** What Ownvoice last measured, beside the profile file; '' when it has measured nothing yet. */
async function memo(profile: vscode.Uri): Promise<string> {
  try {
    return Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(profile, '..', 'voice-measured.json'))).toString('utf8');
  } catch {
    return '';
  }
}

async function documentsIndexed(): Promise<number> {
  const index = await (await activateOwnvoice()).writingIndex();
  return (await index!.stats()).documents;
}

function essay(topic: string, sentence: string): string {
  return `# ${topic}\n\n${Array.from({ length: 30 }, (_, i) => `## ${topic}, part ${i + 1}\n\n${sentence} ${sentence}\n`).join('\n')}`;
}

describe('voice profile with learning off', function () {
  this.timeout(150_000);
  let folder: vscode.Uri;
  let profile: vscode.Uri;

  before(async () => {
    await activateOwnvoice();
    folder = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'voice-learning');
    await vscode.workspace.fs.createDirectory(folder);
    await vscode.commands.executeCommand('ownvoice.editVoice');
    const editor = await eventually(() => vscode.window.activeTextEditor, (e) => !!e?.document.fileName.endsWith('voice.md'), 10_000);
    profile = editor!.document.uri;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    await config().update('learning.enabled', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.fs.delete(folder, { recursive: true });
  });

  it('measures the profile again after new writing while learning is on', async () => {
    const before = await memo(profile);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'harbour.md'), Buffer.from(essay('Harbour', 'I walked to the harbour before the colour had left the sky — grey, pink and gold.')));
    const after = await eventually(() => memo(profile), (m) => m !== '' && m !== before, QUIET_MS + 30_000);
    assert.notEqual(after, before, 'the new writing was measured');
  });

  it('does not measure again after new writing once learning is off', async () => {
    await config().update('learning.enabled', false, vscode.ConfigurationTarget.Global);
    const before = await memo(profile);
    const documents = await documentsIndexed();
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'office.md'), Buffer.from(essay('Office', 'We organized the color charts and analyzed the center of the program.')));
    assert.ok((await eventually(documentsIndexed, (n) => n > documents, 30_000)) > documents, 'the new writing is indexed');
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    assert.equal(await memo(profile), before, 'no new measurement while learning is off');
  });
});
