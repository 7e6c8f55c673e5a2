import * as vscode from 'vscode';

export const PREVIEW_SCHEME = 'ownvoice-rewrite';

/** How often a streaming preview repaints: often enough to watch it being written, rarely enough to stay cheap. */
const REPAINT_MS = 80;

/** Read-only documents holding an original and its rewrite, shown side by side in a diff editor while it streams. */
export class PreviewContent implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly pending = new Set<string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** Replaces a preview's text; the editor is told at most every REPAINT_MS. */
  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.pending.add(uri.toString());
    this.timer ??= setTimeout(() => this.repaint(), REPAINT_MS);
  }

  /** Tells the editor now, so a finished rewrite is on screen before the writer is asked to accept it. */
  flush(): void {
    clearTimeout(this.timer);
    this.repaint();
  }

  forget(uri: vscode.Uri): void {
    this.texts.delete(uri.toString());
    this.pending.delete(uri.toString());
  }

  private repaint(): void {
    this.timer = undefined;
    for (const key of this.pending) this.changed.fire(vscode.Uri.parse(key));
    this.pending.clear();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.changed.dispose();
    this.texts.clear();
  }
}
