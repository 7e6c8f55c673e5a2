// A run of suggestions while the writer types reuses the model's prompt cache: the stand-in keeps Ollama's books,
// and the prompt tokens it reports read from the cache (prompt_eval_cached_count in its final chunks) cover all but
// the few words typed since the last request.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateOwnvoice, standinUrl } from './env';

interface CostRecord {
  readonly promptTokens: number;
  readonly cachedTokens: number;
  readonly load: string | null;
  readonly outcome: string;
}

async function costs(): Promise<CostRecord[]> {
  return ((await (await fetch(`${standinUrl()}/__standin/stats`)).json()) as { costs: CostRecord[] }).costs;
}

/** Words the tiny model would not write after these, so every step needs a new request (no typing through). */
const TYPED = [' the old lighthouse keeper', ' counted seven ships', ' beyond the grey harbour wall', ' and wrote each name', ' in his battered notebook'];

describe('prompt cache reuse while typing', () => {
  before(async () => {
    const status = await (await activateOwnvoice()).checkConnection();
    assert.equal(status.state, 'ready', `the stand-in is not ready: ${JSON.stringify(status)}`);
  });

  it('each new request reads all but the newly typed words from the cache, and the model never reloads', async () => {
    const api = await activateOwnvoice();
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# Harbour\n\nEvery morning before dawn,' });
    const editor = await vscode.window.showTextDocument(document);
    const automatic: vscode.InlineCompletionContext = { triggerKind: vscode.InlineCompletionTriggerKind.Automatic, selectedCompletionInfo: undefined };
    const seenBefore = (await costs()).length;
    for (const words of TYPED) {
      const end = document.positionAt(document.getText().length);
      await editor.edit((edit) => edit.insert(end, words));
      const at = document.positionAt(document.getText().length);
      await api.inlineCompletions.provideInlineCompletionItems(document, at, automatic, new vscode.CancellationTokenSource().token);
    }
    const run = (await costs()).slice(seenBefore).filter((c) => c.promptTokens > 1);
    assert.ok(run.length >= TYPED.length - 1, `only ${run.length} requests for ${TYPED.length} pauses`);
    const later = run.slice(1);
    for (const cost of later) {
      assert.ok(cost.cachedTokens > 0, `a request read nothing from the cache: ${JSON.stringify(cost)}`);
      assert.ok(cost.promptTokens - cost.cachedTokens <= 24, `a request processed ${cost.promptTokens - cost.cachedTokens} of ${cost.promptTokens} tokens again`);
    }
    const reused = later.reduce((n, c) => n + c.cachedTokens, 0) / later.reduce((n, c) => n + c.promptTokens, 0);
    assert.ok(reused > 0.6, `only ${(reused * 100).toFixed(0)}% of the prompt tokens came from the cache`);
    assert.ok(run.every((c) => c.load !== 'reload'), `a request reloaded the model: ${JSON.stringify(run.map((c) => c.load))}`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
