import * as vscode from 'vscode';
import type { CompletionEngine } from '../../core/completion/engine';
import type { TypingPause } from '../../core/completion/debounce';
import type { TypingRhythm } from '../../core/completion/rhythm';
import type { CompletionRequest, CompletionResult } from '../../core/completion/types';
import { Emitter } from '../../core/common/events';
import { abortSignalOf } from '../cancellation';

export const ACCEPTED_COMMAND = 'ownvoice.completion.accepted';

/** A suggestion the writer accepted, where it landed: for learning from what they do with it next. */
export interface AcceptedSuggestion {
  readonly id: string;
  readonly document: vscode.TextDocument;
  readonly offset: number;
  readonly text: string;
}

/** A suggestion handed to the editor, with how long the writer waited for it since their last key. */
export interface ShownSuggestion {
  readonly result: CompletionResult;
  readonly waitMs: number;
}

/** After an accept, the next suggestion is asked for at once (no pause) if the editor asks within this time. */
const AFTER_ACCEPT_MS = 2000;
/** Suggestions whose landing place is kept for an accept that comes late. */
const MAX_LANDINGS = 8;

/**
 * Ghost text: maps the editor's state to a plain request for the core engine and its answer to an item. The
 * cancellation token becomes an AbortSignal, so a keystroke closes the model's HTTP stream at once.
 */
export class InlineProvider implements vscode.InlineCompletionItemProvider, vscode.Disposable {
  /** The suggestion on screen, until it is accepted or replaced by another (which counts as rejecting it). */
  private shown: string | undefined;
  /** Where the suggestion on screen would land. */
  private shownAt: Omit<AcceptedSuggestion, 'id'> | undefined;
  /**
   * Where the last few suggestions would land, by id: the editor may ask again (and be shown another suggestion)
   * between inserting an accepted one and running its command, and learning must still find where it landed.
   */
  private readonly landings = new Map<string, Omit<AcceptedSuggestion, 'id'>>();
  private acceptedAt = -Infinity;
  private readonly suggested = new Emitter<ShownSuggestion>();
  /** Every suggestion handed to the editor; the status bar shows the last one's wait. */
  readonly onDidSuggest = this.suggested.event;

  constructor(
    private readonly engine: CompletionEngine,
    private readonly pause: TypingPause,
    private readonly enabled: () => boolean,
    private readonly rhythm?: TypingRhythm,
    /** The writer's pause setting, which bounds the learned one. */
    private readonly settingMs: () => number = () => 350,
    private readonly onAccepted?: (accepted: AcceptedSuggestion) => void,
  ) {}

  dispose(): void {
    this.suggested.dispose();
  }

  async provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    if (!this.enabled()) return undefined;
    const startedAt = performance.now();
    const explicit = context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke;
    const signal = abortSignalOf(token);
    const request = requestAt(document, position, explicit);
    const before = request.text.slice(Math.max(0, request.offset - 8), request.offset);
    if (!explicit) this.rhythm?.keystroke(before);
    // The first key in a document the model did not read last has it read the prompt now, before the pause.
    if (!explicit) void this.engine.readAhead(request);
    // Typing through a suggestion, or a suggestion seen before, is offered at once; so is the answer of a stream the
    // writer is typing along with, and the next suggestion right after an accept. Only a new request waits for a pause.
    const known = this.engine.recall(request);
    const atOnce = explicit || this.engine.follows(request, signal) || this.justAccepted();
    if (!known && !atOnce && !(await this.pause.wait(signal, this.rhythm?.pauseMs(this.settingMs(), before)))) return undefined;
    const result = known ?? (await this.engine.complete(request, signal));
    if (!result || token.isCancellationRequested) return undefined;
    this.show(result.id);
    this.shownAt = { document, offset: document.offsetAt(position), text: result.text };
    this.landings.delete(result.id);
    this.landings.set(result.id, this.shownAt);
    if (this.landings.size > MAX_LANDINGS) this.landings.delete(this.landings.keys().next().value!);
    this.suggested.fire({ result, waitMs: performance.now() - startedAt });
    const accepted: vscode.Command = { command: ACCEPTED_COMMAND, title: vscode.l10n.t('Accept suggestion'), arguments: [result.id] };
    return [new vscode.InlineCompletionItem(result.text, new vscode.Range(position, position), accepted)];
  }

  /**
   * Focus landed in `editor`: the model reads what a suggestion at its cursor would send before the writer pauses.
   * A cursor at the very start is where VS Code puts it in a document opened anew, not where the writer will write.
   */
  readAhead(editor: vscode.TextEditor | undefined): void {
    if (!editor || !this.enabled() || editor.document.offsetAt(editor.selection.active) === 0) return;
    void this.engine.readAhead(requestAt(editor.document, editor.selection.active, false));
  }

  /** The item's command reports acceptance; nothing is rejected by it. */
  accepted(id: string): void {
    const at = this.shown === id ? this.shownAt : undefined;
    if (this.shown === id) this.shown = undefined;
    this.acceptedAt = performance.now();
    this.engine.recordOutcome(id, 'accepted');
    const landed = at ?? this.landings.get(id);
    this.landings.delete(id);
    if (landed) this.onAccepted?.({ id, ...landed });
  }

  private justAccepted(): boolean {
    const recent = performance.now() - this.acceptedAt < AFTER_ACCEPT_MS;
    this.acceptedAt = -Infinity;
    return recent;
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
