import * as vscode from 'vscode';
import type { FileChanges } from '../../core/index/indexer';

/** Saves come in bursts (format on save, git checkout): gather them, then hand the index one batch. */
const SETTLE_MS = 500;

/** Collects file-system events under watched folders into batches of added, changed and deleted paths. */
export class FileChangeQueue implements vscode.Disposable {
  private readonly added = new Set<string>();
  private readonly changed = new Set<string>();
  private readonly deleted = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly flush: (changes: FileChanges) => void) {}

  /** Watches a folder (workspace or not); a rename arrives as a delete and a create. */
  watch(folder: string): vscode.Disposable {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(folder), '**/*'));
    const subscriptions = [
      watcher.onDidCreate((uri) => this.note(uri, 'added')),
      watcher.onDidChange((uri) => this.note(uri, 'changed')),
      watcher.onDidDelete((uri) => this.note(uri, 'deleted')),
    ];
    return vscode.Disposable.from(watcher, ...subscriptions);
  }

  private note(uri: vscode.Uri, kind: 'added' | 'changed' | 'deleted'): void {
    if (uri.scheme !== 'file') return;
    const file = uri.fsPath;
    for (const set of [this.added, this.changed, this.deleted]) set.delete(file);
    this[kind].add(file);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.emit(), SETTLE_MS);
  }

  private emit(): void {
    const changes: FileChanges = { added: [...this.added], changed: [...this.changed], deleted: [...this.deleted] };
    this.added.clear();
    this.changed.clear();
    this.deleted.clear();
    this.flush(changes);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
