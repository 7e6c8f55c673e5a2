import * as path from 'node:path';
import * as vscode from 'vscode';
import { SelectionAnchor } from '../../core/rewrite/anchor';
import { PREVIEW_SCHEME, type PreviewContent } from './previewContent';

/** One rewrite (or a pair of alternatives) waiting for the writer's verdict, shown in a diff editor. */
export class Review implements vscode.Disposable {
  private static counter = 0;
  readonly id = ++Review.counter;
  readonly anchor: SelectionAnchor;
  /** Left and right of the diff: the original and the rewrite, or the two alternatives. */
  readonly uris: readonly [vscode.Uri, vscode.Uri];
  readonly versions: string[];
  private readonly tracking: vscode.Disposable;
  private abort = new AbortController();
  private readonly ended = new vscode.EventEmitter<void>();
  /** Fires once, when the review is over (accepted, picked, rejected or replaced). */
  readonly onDidEnd = this.ended.event;

  constructor(
    readonly document: vscode.TextDocument,
    selection: vscode.Selection,
    readonly mode: 'single' | 'alternatives',
    private readonly preview: PreviewContent,
  ) {
    const start = document.offsetAt(selection.start);
    const end = document.offsetAt(selection.end);
    this.anchor = new SelectionAnchor(start, end, document.getText(selection));
    this.tracking = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document !== document) return;
      this.anchor.follow(event.contentChanges.map((c) => ({ offset: c.rangeOffset, deletedLength: c.rangeLength, insertedText: c.text })));
    });
    const name = path.basename(document.uri.path) || 'Untitled';
    const sides = mode === 'single' ? ['original', 'rewrite'] : ['version-1', 'version-2'];
    this.uris = [this.previewUri(sides[0], name), this.previewUri(sides[1], name)];
    this.versions = mode === 'single' ? [''] : ['', ''];
    if (mode === 'single') preview.set(this.uris[0], this.anchor.original);
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /** Stops the request under way, as the progress notification's Cancel does. */
  cancel(): void {
    this.abort.abort();
  }

  /** Stops the request under way (if any) and prepares a fresh signal for the next one. */
  restart(): AbortSignal {
    this.abort.abort();
    this.abort = new AbortController();
    return this.abort.signal;
  }

  /** Shows version `index` (0 or 1) as it streams in. */
  show(index: number, text: string): void {
    this.versions[index] = text;
    this.preview.set(this.mode === 'single' ? this.uris[1] : this.uris[index], text);
  }

  async open(title: string): Promise<void> {
    await vscode.commands.executeCommand('vscode.diff', this.uris[0], this.uris[1], title, { preview: false, viewColumn: vscode.ViewColumn.Beside });
  }

  /** True when `uri` is one side of this review's diff. */
  owns(uri: vscode.Uri | undefined): boolean {
    return !!uri && this.uris.some((u) => u.toString() === uri.toString());
  }

  /** Closes the diff editor showing this review, wherever it is. */
  async close(): Promise<void> {
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs);
    const ours = tabs.filter((tab) => tab.input instanceof vscode.TabInputTextDiff && this.owns(tab.input.modified));
    if (ours.length) await vscode.window.tabGroups.close(ours, true);
  }

  dispose(): void {
    this.abort.abort();
    this.tracking.dispose();
    this.uris.forEach((uri) => this.preview.forget(uri));
    this.ended.fire();
    this.ended.dispose();
  }

  private previewUri(side: string, name: string): vscode.Uri {
    // The document's own file name keeps its language, so Markdown is highlighted as Markdown in the preview.
    return vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${this.id}/${side}/${name}` });
  }
}
