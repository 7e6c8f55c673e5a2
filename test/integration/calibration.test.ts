// "Calibrate to My Writing" runs in the extension host on a small workspace and changes the scores it uses.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateOwnvoice, eventually } from './env';

const TOPICS = ['sailing', 'baking', 'rowing', 'gardening', 'climbing', 'cycling', 'knitting', 'fishing', 'hiking', 'painting', 'singing', 'skating'];

function essay(topic: string, i: number): string {
  const paragraphs = Array.from({ length: 6 }, (_, p) =>
    `On day ${i + p} I went ${topic} again. The ${topic} was ${p % 2 ? 'calm and slow' : 'wild and loud'}, and I wrote it all down, ` +
    `because ${topic} is what I do when the week has been long. My notes on ${topic} keep growing; some are short, some ramble on.`,
  );
  return `# ${topic}\n\n${paragraphs.join('\n\n')}\n`;
}

describe('calibrate to my writing', function () {
  this.timeout(90000);
  let folder: vscode.Uri;

  before(async () => {
    folder = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'calibration-test');
    await vscode.workspace.fs.createDirectory(folder);
    for (const [i, topic] of TOPICS.entries()) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, `${topic}.md`), Buffer.from(essay(topic, i)));
  });
  after(() => vscode.workspace.fs.delete(folder, { recursive: true }));

  // Twelve essays are too few to judge a refit by (cuts held out to check it): the shipped weights stay, and say so.
  it('checks a refit in the background and keeps the shipped weights when the writing is too little to tell', async () => {
    const index = await (await activateOwnvoice()).writingIndex();
    assert.ok(index);
    await eventually(() => index.stats(), (s) => s.documents >= TOPICS.length, 20000);
    const context = { before: 'Yesterday I went sailing, and the sailing was wild and loud again.', docId: '/elsewhere/new.md', format: 'markdown' };
    const before = await index.selectExemplars(context, { fixedCount: 3 });

    const weights = await vscode.commands.executeCommand<{ origin: string } | undefined>('ownvoice.calibrate');
    assert.ok(weights, 'the command returned no weights');
    assert.match(weights.origin, /kept after checking \d+ cuts/);

    const after = await index.selectExemplars(context, { fixedCount: 3 });
    assert.deepEqual(after.exemplars.map((e) => e.score), before.exemplars.map((e) => e.score), 'the kept weights are the ones in use');
  });
});
