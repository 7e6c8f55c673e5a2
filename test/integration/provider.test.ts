// The inline completion provider answers with the real model's continuation, served by the stand-in.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateOwnvoice } from './env';

/** Greedy continuation of "Once upon a time" by stories260K, as far as any suggestion length reaches. */
const KNOWN_WORDS = 'there was a little girl named Lily';

async function suggestionsAtEnd(language: string, content: string): Promise<string[]> {
  const api = await activateOwnvoice();
  const document = await vscode.workspace.openTextDocument({ language, content });
  const end = document.positionAt(content.length);
  const context: vscode.InlineCompletionContext = { triggerKind: vscode.InlineCompletionTriggerKind.Invoke, selectedCompletionInfo: undefined };
  const result = await api.inlineCompletions.provideInlineCompletionItems(document, end, context, new vscode.CancellationTokenSource().token);
  const items = Array.isArray(result) ? result : (result?.items ?? []);
  return items.map((item) => (typeof item.insertText === 'string' ? item.insertText : item.insertText.value));
}

describe('inline completion provider', () => {
  before(async () => {
    const status = await (await activateOwnvoice()).checkConnection();
    assert.equal(status.state, 'ready', `the stand-in is not ready: ${JSON.stringify(status)}`);
  });

  it('continues "Once upon a time" in Markdown with the model\'s words', async () => {
    const texts = await suggestionsAtEnd('markdown', '# A story\n\nOnce upon a time');
    assert.ok(texts.length > 0, 'no suggestion');
    assert.ok(texts[0].includes(KNOWN_WORDS), `suggestion was ${JSON.stringify(texts[0])}`);
  });

  it('continues plain text too', async () => {
    const texts = await suggestionsAtEnd('plaintext', 'Once upon a time');
    assert.ok(texts[0]?.includes(KNOWN_WORDS), `suggestions were ${JSON.stringify(texts)}`);
  });

  it('offers nothing for an empty document', async () => {
    assert.deepEqual(await suggestionsAtEnd('markdown', ''), []);
  });
});
