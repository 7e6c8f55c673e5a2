// Learning from the writer, against the stand-in's real model: a word corrected in two accepted suggestions becomes a
// rule that the next suggestion follows and "Your voice" lists; a picked rewrite alternative reaches the next rewrite's
// prompt; with learning off nothing new is learned. The model never writes "utilize", so the correction here is one
// of its own words ("little" → "small"); the unit tests hold "utilize" → "use" to the same path.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateOwnvoice, eventually, standinUrl, type OwnvoiceApi } from './env';

type Learned = { rules: { id: string; from: string; to: string; times: number }[]; choices: { chosen: string }[]; corrections: number };
type LearningApi = OwnvoiceApi & { learned(): Learned };
type Outcome = { status: string; versions?: string[] };

const STORY = 'Once upon a time';

async function api(): Promise<LearningApi> {
  return (await activateOwnvoice()) as LearningApi;
}

async function configure(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('ownvoice').update(key, value, vscode.ConfigurationTarget.Global);
}

/** A new document with `text`, and the suggestion Ownvoice offers at its end. */
async function suggestionFor(text: string): Promise<{ editor: vscode.TextEditor; item: vscode.InlineCompletionItem }> {
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
  const editor = await vscode.window.showTextDocument(document);
  const context: vscode.InlineCompletionContext = { triggerKind: vscode.InlineCompletionTriggerKind.Invoke, selectedCompletionInfo: undefined };
  const result = await (await api()).inlineCompletions.provideInlineCompletionItems(document, document.positionAt(text.length), context, new vscode.CancellationTokenSource().token);
  const items = Array.isArray(result) ? result : (result?.items ?? []);
  assert.ok(items[0], `no suggestion for ${JSON.stringify(text)}`);
  return { editor, item: items[0] };
}

const textOf = (item: vscode.InlineCompletionItem) => (typeof item.insertText === 'string' ? item.insertText : item.insertText.value);

/** Accepts the suggestion as Tab does (the text lands, then the item's command runs), then changes `from` to `to` in it. */
async function acceptAndCorrect(from: string, to: string): Promise<void> {
  const { editor, item } = await suggestionFor(STORY);
  const document = editor.document;
  const suggestion = textOf(item);
  assert.ok(suggestion.includes(from), `the suggestion ${JSON.stringify(suggestion)} has no "${from}"`);
  await editor.edit((edit) => edit.insert(document.positionAt(STORY.length), suggestion));
  await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
  const at = STORY.length + suggestion.indexOf(from);
  await editor.edit((edit) => edit.replace(new vscode.Range(document.positionAt(at), document.positionAt(at + from.length)), to));
  // a correction counts once the writer pauses
  await new Promise((resolve) => setTimeout(resolve, 1200));
}

async function removeAllRules(): Promise<void> {
  for (const rule of (await api()).learned().rules) await vscode.commands.executeCommand('ownvoice.removeLearnedRule', rule.id);
}

async function lastGenerateBody(): Promise<{ prompt?: string; system?: string }> {
  const stats = (await (await fetch(`${standinUrl()}/__standin/stats`)).json()) as { lastRequests: { path: string; body: { prompt?: string; system?: string } }[] };
  return stats.lastRequests.filter((r) => r.path === '/api/generate').at(-1)?.body ?? {};
}

describe('learning from the writer', function () {
  this.timeout(120_000);

  before(async () => {
    const status = await (await api()).checkConnection();
    assert.equal(status.state, 'ready', `the stand-in is not ready: ${JSON.stringify(status)}`);
    // the model's words alone, so the suggestion is the known sentence
    await configure('exemplars.enabled', false);
    await removeAllRules();
  });

  after(async () => {
    await removeAllRules();
    await configure('learning.enabled', undefined);
    await configure('exemplars.enabled', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('turns a word corrected in two accepted suggestions into a rule the next suggestion follows', async () => {
    const first = textOf((await suggestionFor(STORY)).item);
    assert.match(first, /little girl/);
    await acceptAndCorrect('little', 'small');
    assert.deepEqual((await api()).learned().rules, [], 'one correction is not yet a rule');
    await acceptAndCorrect('little', 'small');
    const rules = (await eventually(async () => (await api()).learned(), (l) => l.rules.length > 0, 5000)).rules;
    assert.deepEqual(rules.map((r) => [r.from, r.to, r.times]), [['little', 'small', 2]], '"Your voice" lists the rule');

    const next = textOf((await suggestionFor(STORY)).item);
    assert.match(next, /small girl/);
    assert.doesNotMatch(next, /little/);
  });

  it('learns nothing new while learning is off, and a removed rule stops applying', async () => {
    await configure('learning.enabled', false);
    await acceptAndCorrect('Lily', 'Mia');
    await acceptAndCorrect('Lily', 'Mia');
    assert.deepEqual((await api()).learned().rules.map((r) => r.from), ['little'], 'no rule for "Lily"');
    assert.match(textOf((await suggestionFor(STORY)).item), /small girl named Lily/, 'the rule learned before still applies');

    await removeAllRules();
    assert.match(textOf((await suggestionFor(STORY)).item), /little girl/);
    await configure('learning.enabled', undefined);
  });

  it('carries a picked rewrite alternative into the next rewrite\'s prompt as an example', async () => {
    const selected = 'The dog ran to the park and played with a ball.';
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: `# Notes\n\n${selected}\n` });
    const editor = await vscode.window.showTextDocument(document);
    const select = () => (editor.selection = new vscode.Selection(document.positionAt(9), document.positionAt(9 + selected.length)));
    select();
    const alternatives = await vscode.commands.executeCommand<Outcome>('ownvoice.rewriteAlternatives', { preset: 'builtin:voice' });
    assert.equal(alternatives.status, 'ready', JSON.stringify(alternatives));
    const picked = await vscode.commands.executeCommand<Outcome>('ownvoice.rewrite.pickFirst');
    assert.equal(picked.status, 'applied');
    const chosen = alternatives.versions![0].trim();
    assert.ok((await api()).learned().choices.some((c) => c.chosen === alternatives.versions![0]), '"Your voice" lists the pick');

    const again = await vscode.window.showTextDocument(document);
    again.selection = new vscode.Selection(document.positionAt(0), document.positionAt(7));
    const next = await vscode.commands.executeCommand<Outcome>('ownvoice.rewriteSelectionWith', { preset: 'builtin:shorter' });
    assert.equal(next.status, 'ready', JSON.stringify(next));
    const body = await lastGenerateBody();
    const prompt = `${body.system ?? ''}\n${body.prompt ?? ''}`;
    assert.match(prompt, /this writer kept the preferred one/);
    assert.ok(prompt.includes(`<preferred>\n${chosen.slice(0, 120)}`), 'the chosen version is the preferred example');
    await vscode.commands.executeCommand('ownvoice.rewrite.reject');
  });
});
