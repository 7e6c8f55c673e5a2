// The index follows the workspace: files written, edited, renamed and deleted show up (or vanish) in searches.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateOwnvoice, eventually } from './env';

const prose = (word: string) => Array.from({ length: 12 }, (_, i) => `On day ${i} the ${word} kept me company while I wrote.`).join(' ');

describe('index of the workspace', function () {
  this.timeout(60000);
  let folder: vscode.Uri;

  async function docsMatching(word: string): Promise<string[]> {
    const index = await (await activateOwnvoice()).writingIndex();
    assert.ok(index, 'the index did not open');
    return (await index.lexicalSearch(word, 10)).map((r) => r.passage.docId);
  }

  const write = (name: string, text: string) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, name), Buffer.from(text));

  before(async () => {
    folder = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'index-test');
    await vscode.workspace.fs.createDirectory(folder);
  });
  after(() => vscode.workspace.fs.delete(folder, { recursive: true }));

  it('indexes the workspace folder it opened with', async () => {
    const index = await (await activateOwnvoice()).writingIndex();
    const stats = await eventually(() => index!.stats(), (s) => s.documents > 0, 20000);
    assert.ok(stats.documents > 0, 'the demo workspace has notes, none were indexed');
  });

  it('picks up a new file, follows an edit, a rename and a delete', async () => {
    await write('heron.md', `# Birds\n\n${prose('heron')}`);
    const created = await eventually(() => docsMatching('heron'), (d) => d.some((p) => p.endsWith('heron.md')), 15000);
    assert.ok(created.some((p) => p.endsWith('heron.md')), 'new file not indexed');

    await write('heron.md', `# Birds\n\n${prose('kingfisher')}`);
    const edited = await eventually(() => docsMatching('heron'), (d) => d.length === 0, 15000);
    assert.deepEqual(edited, [], 'old text of an edited file is still found');
    assert.ok((await docsMatching('kingfisher')).some((p) => p.endsWith('heron.md')));

    await vscode.workspace.fs.rename(vscode.Uri.joinPath(folder, 'heron.md'), vscode.Uri.joinPath(folder, 'kingfisher.md'));
    const renamed = await eventually(() => docsMatching('kingfisher'), (d) => d.length === 1 && d[0].endsWith('kingfisher.md'), 15000);
    assert.equal(renamed.length, 1, `a rename left a ghost: ${renamed.join(', ')}`);
    assert.ok(renamed[0].endsWith('kingfisher.md'));

    await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, 'kingfisher.md'));
    assert.deepEqual(await eventually(() => docsMatching('kingfisher'), (d) => d.length === 0, 15000), []);
  });

  it('lists a binary file among the skipped, with its reason', async () => {
    await write('scan.txt', '\u0000\u0001binary');
    const index = await (await activateOwnvoice()).writingIndex();
    const stats = await eventually(() => index!.stats(), (s) => s.skipped.some((f) => f.path.endsWith('scan.txt')), 15000);
    assert.equal(stats.skipped.find((f) => f.path.endsWith('scan.txt'))?.reason, 'binary');
  });

  it('opens the index again when its worker crashes, and keeps answering', async () => {
    const api = await activateOwnvoice();
    const before = await api.writingIndex();
    assert.ok(before);
    const documents = (await before.stats()).documents;
    await before.terminate();
    const after = await eventually(() => api.writingIndex(), (index) => index !== undefined && index !== before, 15000);
    assert.ok(after && after !== before, 'no new index after the crash');
    assert.equal((await after.stats()).documents, documents, 'the saved index came back whole');
  });

  it('registers the index commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['ownvoice.rebuildIndex', 'ownvoice.showIndexStats', 'ownvoice.addWritingFolder']) assert.ok(commands.includes(id), id);
  });
});
