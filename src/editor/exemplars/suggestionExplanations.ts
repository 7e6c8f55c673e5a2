import * as vscode from 'vscode';
import type { Disposable } from '../../core/common/events';
import type { Exemplar, ExemplarSource, OutcomeRecord } from '../../core/completion';
import type { ExplainedExemplar, SuggestionExplanation } from '../../shared/sidebarProtocol';
import type { WritingExemplars } from './writingExemplars';

/** "Why this suggestion": the passages behind the newest completion or rewrite, with their text, scores and reasons. */
export class SuggestionExplanations implements vscode.Disposable {
  private lastRewrite: SuggestionExplanation | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a completion or a rewrite brought new exemplars. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: Disposable;

  constructor(
    private readonly outcomes: OutcomeRecord,
    private readonly exemplars: WritingExemplars,
    private readonly rewriteModel: () => string,
  ) {
    this.subscription = outcomes.onDidChange(() => this.changed.fire());
  }

  /** The retriever as rewrites use it: the same choice as for completions, recorded for the explanation. */
  readonly rewriteSource: ExemplarSource = async (place, signal) => {
    const found = await this.exemplars.source(place, signal);
    this.lastRewrite = { kind: 'rewrite', model: this.rewriteModel(), at: Date.now(), exemplars: found.exemplars.map(explain) };
    this.changed.fire();
    return found;
  };

  last(): SuggestionExplanation | undefined {
    const completion = this.lastCompletion();
    const rewrite = this.lastRewrite;
    if (!completion || !rewrite) return completion ?? rewrite;
    return completion.at >= rewrite.at ? completion : rewrite;
  }

  private lastCompletion(): SuggestionExplanation | undefined {
    const last = this.outcomes.snapshot().recent.at(-1);
    if (!last) return undefined;
    const exemplars = last.exemplars.map((e) => ({ ...e, text: this.exemplars.passage(e.passageId)?.text ?? '' }));
    return { kind: 'completion', model: last.model, at: last.offeredAt, exemplars };
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function explain({ passage, score, reasons }: Exemplar): ExplainedExemplar {
  return { passageId: passage.id, docId: passage.docId, line: passage.line, headingPath: passage.headingPath, text: passage.text, score, reasons };
}
