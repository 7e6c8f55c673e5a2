import * as vscode from 'vscode';
import type { CompletionEngine } from '../../core/completion/engine';
import type { TypingPause } from '../../core/completion/debounce';
import type { CompletionRequest } from '../../core/completion/types';
import { abortSignalOf } from '../cancellation';

export const ACCEPTED_COMMAND = 'ownvoice.completion.accepted';

/**
 * Ghost text: maps the editor's state to a plain request for the core engine and its answer to an item. The
 * cancellation token becomes an AbortSignal, so a keystroke closes the model's HTTP stream at once.
 */
export class InlineProvider implements vscode.InlineCompletionItemProvider {
  /** The suggestion on screen, until it is accepted or replaced by another (which counts as rejecting it). */
  private shown: string | undefined;

  constructor(
    private readonly engine: CompletionEngine,
    private readonly pause: TypingPause,
    private readonly enabled: () => boolean,
  ) {}

  async provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    if (!this.enabled()) return undefined;
    const signal = abortSignalOf(token);
    const explicit = context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke;
    const request = requestAt(document, position, explicit);
    // Typing through a suggestion, or a suggestion seen before, is offered at once; only a new request waits for a pause.
    const known = this.engine.recall(request);
    if (!known && !explicit && !(await this.pause.wait(signal))) return undefined;
    const result = known ?? (await this.engine.complete(request, signal));
    if (!result || token.isCancellationRequested) return undefined;
    this.show(result.id);
    const accepted: vscode.Command = { command: ACCEPTED_COMMAND, title: vscode.l10n.t('Accept suggestion'), arguments: [result.id] };
    return [new vscode.InlineCompletionItem(result.text, new vscode.Range(position, position), accepted)];
  }

  /** The item's command reports acceptance; nothing is rejected by it. */
  accepted(id: string): void {
    if (this.shown === id) this.shown = undefined;
    this.engine.recordOutcome(id, 'accepted');
  }

  private show(id: string): void {
    // Typing through keeps the same suggestion; a different one means the writer passed the last one by.
    if (this.shown && this.shown !== id) this.engine.recordOutcome(this.shown, 'rejected');
    this.shown = id;
    this.engine.recordOutcome(id, 'shown');
  }
}

function requestAt(document: vscode.TextDocument, position: vscode.Position, explicit: boolean): CompletionRequest {
  const editor = vscode.window.activeTextEditor?.document === document ? vscode.window.activeTextEditor : undefined;
  const selections = editor?.selections ?? [];
  return {
    // The index names documents by path, so the retriever can tell the one being written from the others.
    documentId: document.uri.scheme === 'file' ? document.uri.fsPath : document.uri.toString(),
    text: document.getText(),
    offset: document.offsetAt(position),
    languageId: document.languageId,
    cursorCount: Math.max(selections.length, 1),
    hasSelection: selections.some((s) => !s.isEmpty),
    explicit,
  };
}
