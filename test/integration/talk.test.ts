// A chat model that talks (the stand-in's chatty persona: preambles, refusals, echoes of the prompt, notes, sign-offs,
// markup, in English, German and French) behind the real inline completion provider: what the writer is shown is the
// model's own words only, and a refusal shows nothing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateOwnvoice, eventually, standinUrl } from './env';

const CHATTY = 'stories-chatty:260k';

interface ChattyCost {
  readonly id: number;
  readonly chatty?: { readonly shapes: readonly string[]; readonly body: string; readonly answer: string };
}

async function control(body: unknown): Promise<void> {
  const response = await fetch(`${standinUrl()}/__standin/control`, { method: 'POST', body: JSON.stringify(body) });
  assert.equal(response.status, 200, `stand-in control: ${await response.text()}`);
}

async function costs(): Promise<ChattyCost[]> {
  return ((await (await fetch(`${standinUrl()}/__standin/stats`)).json()) as { costs: ChattyCost[] }).costs;
}

async function setModel(model: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('ownvoice').update('model', model, vscode.ConfigurationTarget.Global);
}

/** The suggestion shown at the end of a new document ('' when none), and the persona's record of the answer behind it. */
async function suggest(language: string, content: string): Promise<{ shown: string; cost: ChattyCost | undefined }> {
  const api = await activateOwnvoice();
  const seen = (await costs()).at(-1)?.id ?? 0;
  const document = await vscode.workspace.openTextDocument({ language, content });
  const context: vscode.InlineCompletionContext = { triggerKind: vscode.InlineCompletionTriggerKind.Invoke, selectedCompletionInfo: undefined };
  const result = await api.inlineCompletions.provideInlineCompletionItems(document, document.positionAt(content.length), context, new vscode.CancellationTokenSource().token);
  const items = Array.isArray(result) ? result : (result?.items ?? []);
  const first = items[0]?.insertText;
  const shown = first === undefined ? '' : typeof first === 'string' ? first : first.value;
  const after = await eventually(costs, (all) => (all.at(-1)?.id ?? 0) > seen, 10_000);
  return { shown, cost: after.filter((c) => c.id > seen && c.chatty).at(-1) };
}

const words = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

const OPENINGS = [
  'Once upon a time', 'The dog ran to the park and', 'Lily wanted to play outside, so', 'One day, a little boy', 'The sun was warm and',
  'Tim found a big red ball. He', 'Mom said it was time to', 'In the garden there was', 'The bird sang a song and', 'After lunch, the kids',
  'She looked at the sky and', 'They walked home together, and',
];

describe('a chat model that talks (chatty persona)', () => {
  // The harness's own model, put back after (undefined would fall back to the default, a model the stand-in lacks).
  let harnessModel: string | undefined;
  before(async () => {
    harnessModel = vscode.workspace.getConfiguration('ownvoice').inspect<string>('model')?.globalValue;
    await control({ chatty: { seed: 15, languages: ['en', 'de', 'fr'], shapes: null } });
    await setModel(CHATTY);
    const status = await (await activateOwnvoice()).checkConnection();
    assert.equal(status.state, 'ready', `the stand-in is not ready with ${CHATTY}: ${JSON.stringify(status)}`);
  });
  after(async () => {
    await control({ chatty: { seed: 1, languages: ['en', 'de', 'fr'], shapes: null } });
    await setModel(harnessModel);
  });

  it('shows no talk, scaffolding, refusal or foreign markup in any suggestion', async function () {
    this.timeout(240_000);
    const fates = { dropped: 0, refusals: 0, cut: 0, whole: 0 };
    const leaks: string[] = [];
    for (const [i, opening] of OPENINGS.flatMap((o) => [o, o]).entries()) {
      const language = i % 2 ? 'plaintext' : 'markdown';
      const { shown, cost } = await suggest(language, `Notes, take ${i}.\n\n${opening}`);
      assert.ok(cost?.chatty, `no chatty answer was recorded for "${opening}"`);
      const { body, answer, shapes } = cost.chatty;
      if (shapes.includes('refusal')) fates.refusals++;
      if (!shown.trim()) fates.dropped++;
      else if (answer.trim() === body.trim()) fates.whole++;
      else fates.cut++;
      const foreignMarkup = /[*_#]|^\s*(?:[-+]|\d+\.)\s/.test(shown);
      if (shown.trim() && (!words(body).includes(words(shown)) || foreignMarkup)) leaks.push(`${JSON.stringify(answer)} (${shapes.join(', ')}) → ${JSON.stringify(shown)}`);
      if (shapes.includes('refusal') && shown.trim()) leaks.push(`refusal shown: ${JSON.stringify(shown)}`);
    }
    console.log(`      chatty persona in the extension host: ${OPENINGS.length * 2} answers; dropped ${fates.dropped} (refusals drawn: ${fates.refusals}), cut ${fates.cut}, shown whole ${fates.whole}`);
    assert.deepEqual(leaks, []);
    assert.ok(fates.cut > 0, 'the persona wrapped some answers and the words were still shown');
  });

  it('shows nothing for an answer that is only a refusal', async function () {
    this.timeout(120_000);
    await control({ chatty: { seed: 15, languages: ['en', 'de', 'fr'], shapes: ['refusal'] } });
    for (const [i, opening] of OPENINGS.slice(0, 4).entries()) {
      const { shown, cost } = await suggest(i % 2 ? 'plaintext' : 'markdown', `Refusals, take ${i}.\n\n${opening}`);
      assert.deepEqual(cost?.chatty?.shapes, ['refusal'], 'the persona refused');
      assert.equal(shown, '', `a refusal was shown: ${JSON.stringify(cost?.chatty?.answer)}`);
    }
  });

  it('leaves the selected text untouched when the model refuses to rewrite it, and says so', async function () {
    this.timeout(120_000);
    await control({ chatty: { seed: 15, languages: ['en', 'de', 'fr'], shapes: ['refusal'] } });
    const text = '# Notes\n\nOnce upon a time there was a dog who liked the park.\n';
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(document.positionAt(9), document.positionAt(text.length - 1));
    const outcome = await vscode.commands.executeCommand<{ status: string; message?: string }>('ownvoice.rewriteSelectionWith', { preset: 'builtin:voice' });
    assert.equal(outcome.status, 'refused', JSON.stringify(outcome));
    assert.match(outcome.message ?? '', /declined to rewrite/);
    assert.equal(document.getText(), text, 'the writer\'s text is unchanged');
  });
});
