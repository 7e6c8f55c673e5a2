// The inline completion provider answers with the real model's continuation, served by the stand-in.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateOwnvoice, eventually, standinUrl } from './env';

/** Greedy continuation of "Once upon a time" by stories260K, as far as any suggestion length reaches. */
const KNOWN_WORDS = 'there was a little girl named Lily';

async function suggestionsAtEnd(language: string, content: string): Promise<string[]>;
async function suggestionsAtEnd(language: string, content: string, withId: true): Promise<{ id: unknown }>;
async function suggestionsAtEnd(language: string, content: string, withId?: true): Promise<string[] | { id: unknown }> {
  const api = await activateOwnvoice();
  const document = await vscode.workspace.openTextDocument({ language, content });
  const end = document.positionAt(content.length);
  const context: vscode.InlineCompletionContext = { triggerKind: vscode.InlineCompletionTriggerKind.Invoke, selectedCompletionInfo: undefined };
  const result = await api.inlineCompletions.provideInlineCompletionItems(document, end, context, new vscode.CancellationTokenSource().token);
  const items = Array.isArray(result) ? result : (result?.items ?? []);
  if (withId) return { id: items[0]?.command?.arguments?.[0] };
  return items.map((item) => (typeof item.insertText === 'string' ? item.insertText : item.insertText.value));
}

async function setExemplars(enabled: boolean): Promise<void> {
  await vscode.workspace.getConfiguration('ownvoice').update('exemplars.enabled', enabled, vscode.ConfigurationTarget.Global);
}

/** The bodies the stand-in received, newest last. */
async function requestsSeen(): Promise<{ path: string; body: { prompt?: string } }[]> {
  const stats = (await (await fetch(`${standinUrl()}/__standin/stats`)).json()) as { lastRequests: { path: string; body: { prompt?: string } }[] };
  return stats.lastRequests;
}

describe('inline completion provider', () => {
  before(async () => {
    const status = await (await activateOwnvoice()).checkConnection();
    assert.equal(status.state, 'ready', `the stand-in is not ready: ${JSON.stringify(status)}`);
    // The known sentence is what the model says to these words alone; passages of the writer's would change it.
    await setExemplars(false);
  });
  after(() => setExemplars(true));

  it('continues "Once upon a time" in Markdown with the model\'s words', async () => {
    const texts = await suggestionsAtEnd('markdown', '# A story\n\nOnce upon a time');
    assert.ok(texts.length > 0, 'no suggestion');
    assert.ok(texts[0].includes(KNOWN_WORDS), `suggestion was ${JSON.stringify(texts[0])}`);
  });

  it('continues plain text too', async () => {
    const texts = await suggestionsAtEnd('plaintext', 'Once upon a time');
    assert.ok(texts[0]?.includes(KNOWN_WORDS), `suggestions were ${JSON.stringify(texts)}`);
  });

  it('counts a suggestion passed by as rejected, and the item\'s command as accepted', async () => {
    const api = await activateOwnvoice();
    await suggestionsAtEnd('markdown', 'Once upon a time');
    const start = api.outcomeCounts();
    await suggestionsAtEnd('markdown', 'The dog ran to the park');
    const afterTwo = api.outcomeCounts();
    assert.equal(afterTwo.shown - start.shown, 1);
    assert.equal(afterTwo.rejected - start.rejected, 1, 'the first suggestion, replaced by the second, was rejected');
    const lastId = (await suggestionsAtEnd('markdown', 'The cat sat on the mat', true)).id;
    await vscode.commands.executeCommand('ownvoice.completion.accepted', lastId);
    assert.equal(api.outcomeCounts().accepted - start.accepted, 1);
  });

  it('offers nothing for an empty document', async () => {
    assert.deepEqual(await suggestionsAtEnd('markdown', ''), []);
  });

  it('puts passages of the writer\'s own documents in the prompt, and says which', async () => {
    await setExemplars(true);
    const api = await activateOwnvoice();
    const index = await api.writingIndex();
    assert.ok(index && (await eventually(() => index.stats(), (s) => s.documents > 0, 20000)).documents > 0, 'workspace not indexed');
    // Words of the workspace's journal.md, so the retriever has something of this writer's to offer; mid-sentence, so
    // the model has words to write before the full stop where the server stops a sentence suggestion.
    const texts = await suggestionsAtEnd('markdown', '# Notes\n\nThis morning I walked down to the harbour and watched the boats as they');
    assert.ok(texts[0]?.trim(), `no suggestion: ${JSON.stringify(texts)}`);
    const prompt = (await requestsSeen()).filter((r) => r.path === '/api/generate').at(-1)?.body.prompt ?? '';
    const why = api.lastSuggestion();
    assert.ok(why && why.exemplars.length > 0, 'no exemplars reported for the suggestion');
    for (const exemplar of why.exemplars) {
      assert.ok(exemplar.docId.startsWith(vscode.workspace.workspaceFolders![0].uri.fsPath), exemplar.docId);
      assert.ok(exemplar.text && prompt.includes(exemplar.text.trim().slice(0, 40)), 'the exemplar shown is the one the model saw');
    }
    assert.ok(prompt.endsWith('watched the boats as they'), 'the text before the cursor ends the prompt');
  });
});
