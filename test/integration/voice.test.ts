// The voice profile file, edited by the writer, reaches the next chat prompt; a hand-broken one starts afresh.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateOwnvoice, eventually, standinUrl } from './env';

const CHAT_MODEL = 'stories-chat:260k';
const OWN_HABIT = 'Tone: salt-worn, like a lighthouse keeper';
/** How the habit reads inside the prompt's sentence of habits. */
const IN_PROMPT = 'salt-worn, like a lighthouse keeper';

interface SeenRequest {
  path: string;
  body: { system?: string; prompt?: string };
}

async function requestsSeen(): Promise<SeenRequest[]> {
  const stats = (await (await fetch(`${standinUrl()}/__standin/stats`)).json()) as { lastRequests: SeenRequest[] };
  return stats.lastRequests;
}

/**
 * What comes before the writer's text: the system part of an instruction prompt, or the head of a prompt rendered in
 * the model's own chat template (its answer begun with the writer's text). The same on every request, so it is cached.
 */
function stablePart(r: SeenRequest | undefined): string | undefined {
  if (!r) return undefined;
  if (r.body.system !== undefined) return r.body.system;
  const prompt = r.body.prompt ?? '';
  const writer = prompt.indexOf('The harbour was quiet');
  return writer < 0 ? prompt : prompt.slice(0, writer);
}

/** The rest: what changes with each request. */
function volatilePart(r: SeenRequest | undefined): string {
  const prompt = r?.body.prompt ?? '';
  return r?.body.system !== undefined ? prompt : prompt.slice((stablePart(r) ?? '').length);
}

const config = () => vscode.workspace.getConfiguration('ownvoice');
let attempt = 0;

/** Asks for a suggestion at a text never asked before (no cache), and returns the request the stand-in last saw. */
async function nextChatRequest(): Promise<SeenRequest | undefined> {
  const api = await activateOwnvoice();
  const content = `The harbour was quiet on morning number ${++attempt} and`;
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  const context: vscode.InlineCompletionContext = { triggerKind: vscode.InlineCompletionTriggerKind.Invoke, selectedCompletionInfo: undefined };
  await api.inlineCompletions.provideInlineCompletionItems(document, document.positionAt(content.length), context, new vscode.CancellationTokenSource().token);
  return (await requestsSeen()).filter((r) => r.path === '/api/generate').at(-1);
}

describe('voice profile', () => {
  // The harness's own model, put back after (undefined would fall back to the default, a model the stand-in lacks).
  let harnessModel: string | undefined;
  before(async () => {
    harnessModel = config().inspect<string>('model')?.globalValue;
    assert.equal((await (await activateOwnvoice()).checkConnection()).state, 'ready');
    // No measurement may rewrite the file while the test edits it; reading the file does not depend on learning.
    await config().update('learning.enabled', false, vscode.ConfigurationTarget.Global);
    await config().update('model', CHAT_MODEL, vscode.ConfigurationTarget.Global);
    await config().update('exemplars.enabled', false, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await config().update('model', harnessModel, vscode.ConfigurationTarget.Global);
    await config().update('exemplars.enabled', undefined, vscode.ConfigurationTarget.Global);
    await config().update('learning.enabled', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Edit My Voice opens the profile; the edit, once saved, is in the next chat prompt\'s system part', async () => {
    await vscode.commands.executeCommand('ownvoice.editVoice');
    const editor = await eventually(() => vscode.window.activeTextEditor, (e) => !!e?.document.fileName.endsWith('voice.md'), 10000);
    if (!editor?.document.fileName.endsWith('voice.md')) assert.fail('the profile file is not open');
    const document = editor.document;
    assert.match(document.getText(), /^# My voice/);
    const habits = document.getText().indexOf('## Habits');
    assert.ok(habits >= 0, 'the profile has a Habits section');

    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, document.positionAt(habits + '## Habits\n\n'.length), `- [x] ${OWN_HABIT}\n`);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await document.save(), 'the profile file saved');

    const seen = await eventually(nextChatRequest, (r) => !!stablePart(r)?.includes(IN_PROMPT), 15000);
    assert.ok(stablePart(seen)?.includes(IN_PROMPT), `the writer's habit is not in the stable part of the prompt: ${JSON.stringify(seen?.body)}`);
    // Compact and constant: the next request carries the very same system part, so the model's cache keeps it.
    const next = await nextChatRequest();
    assert.equal(stablePart(next), stablePart(seen));
    assert.ok(!volatilePart(next).includes(IN_PROMPT), 'the profile is in the stable part only');
  });

  it('a hand-broken profile is set aside and a fresh one written, and prompts go on', async () => {
    await vscode.commands.executeCommand('ownvoice.editVoice');
    const file = vscode.window.activeTextEditor!.document.uri;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.writeFile(file, Buffer.from('I deleted all of it\u0000 by accident'));
    const broken = vscode.Uri.joinPath(file, '..', 'voice.broken.md');
    // The watcher or the next read notices; reading the file again is what Edit My Voice does too.
    const fresh = await eventually(
      async () => {
        await vscode.commands.executeCommand('ownvoice.editVoice');
        return Buffer.from(await vscode.workspace.fs.readFile(file)).toString('utf8');
      },
      (text) => text.includes('## Habits'),
      15000,
    );
    assert.match(fresh, /## Habits/);
    assert.match(Buffer.from(await vscode.workspace.fs.readFile(broken)).toString('utf8'), /I deleted all of it/);
    const seen = await nextChatRequest();
    assert.ok(stablePart(seen), 'a chat prompt still went out');
    assert.ok(!stablePart(seen)!.includes(IN_PROMPT), 'the habit went with the broken file');
  });
});
