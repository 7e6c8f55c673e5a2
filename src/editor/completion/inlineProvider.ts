import * as vscode from 'vscode';
import type { Log } from '../../core/common/log';
import { describeProblem, ModelError } from '../../core/model/errors';
import type { ModelHost } from '../../core/model/modelHost';

/** How much of the text before the cursor is sent: enough for voice and context, small enough to stay fast. */
const MAX_PREFIX_CHARS = 4000;

export interface ModelTarget {
  readonly host: ModelHost;
  readonly model: string;
}

/** Ghost text: sends the text before the cursor to the model and shows its streamed continuation. */
export class InlineProvider implements vscode.InlineCompletionItemProvider {
  constructor(
    private readonly target: () => ModelTarget | undefined,
    private readonly log: Log,
    private readonly onModelProblem: (error: ModelError) => void,
  ) {}

  async provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    _context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    const target = this.target();
    if (!target?.model) return undefined;
    const before = document.getText(new vscode.Range(new vscode.Position(0, 0), position)).slice(-MAX_PREFIX_CHARS);
    if (!before.trim()) return undefined;
    const controller = new AbortController();
    const cancel = token.onCancellationRequested(() => controller.abort());
    try {
      const text = await this.continuation(target, before, controller.signal);
      if (!text.trim() || token.isCancellationRequested) return undefined;
      return [new vscode.InlineCompletionItem(text, new vscode.Range(position, position))];
    } catch (error) {
      this.report(error);
      return undefined;
    } finally {
      cancel.dispose();
    }
  }

  private async continuation(target: ModelTarget, before: string, signal: AbortSignal): Promise<string> {
    let text = '';
    const request = { prompt: before, raw: true, options: { temperature: 0, num_predict: 48 } };
    for await (const piece of target.host.generate(target.model, request, signal)) {
      text += piece;
    }
    return text;
  }

  private report(error: unknown): void {
    if (error instanceof ModelError) {
      if (error.problem.kind === 'aborted') return;
      this.log.warn(`Completion failed: ${describeProblem(error.problem)}`);
      this.onModelProblem(error);
      return;
    }
    this.log.error(error instanceof Error ? error : String(error));
  }
}
