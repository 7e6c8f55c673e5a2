import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Log } from '../../core/common/log';
import { SKIP_REASON_TEXT } from '../../core/documents/source';
import type { IndexProgress, IndexStats } from '../../core/index/indexer';
import { WritingIndex } from '../../core/index/writingIndex';
import type { IndexedDocument } from '../../core/index/worker/protocol';
import type { IndexSummary } from '../../shared/sidebarProtocol';
import { abortSignalOf } from '../cancellation';
import { affectsIndexSources, embeddingTarget, indexSourceRules, maxFileBytes } from './indexSettings';
import { describeProgress, IndexStatusItem } from './indexStatusItem';
import { FileChangeQueue } from './fileChangeQueue';
import { saveProblemOf } from './saveProblem';

const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 10 * 60 * 1000;

/**
 * The user's writing, kept indexed: opens the index worker, catches up with the files, follows the file system,
 * and reopens when the folders or rules change. All heavy work happens in the worker thread.
 */
export class IndexSupport implements vscode.Disposable {
  private index: WritingIndex | undefined;
  private opening: Promise<WritingIndex | undefined> | undefined;
  private stats: IndexStats | undefined;
  private progress: IndexProgress | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the statistics or the progress change: for the sidebar. */
  readonly onDidChange = this.changed.event;
  private readonly opened = new vscode.EventEmitter<WritingIndex>();
  /** Fires each time an index is opened (at start and after the folders or rules change). */
  readonly onDidOpen = this.opened.event;
  private readonly status = new IndexStatusItem();
  private readonly queue: FileChangeQueue;
  private readonly disposables: vscode.Disposable[] = [];
  private sessionDisposables: vscode.Disposable[] = [];
  private disposed = false;
  /** When the worker was restarted after a crash, within the last RESTART_WINDOW_MS. */
  private restarts: number[] = [];
  /** The writer is told once a session that their index is not being kept. */
  private toldSaveProblem = false;

  constructor(private readonly context: vscode.ExtensionContext, private readonly log: Log) {
    this.queue = new FileChangeQueue((changes) => void this.run((index) => index.applyChanges(changes)));
    this.disposables.push(
      this.changed,
      this.opened,
      this.status,
      this.queue,
      vscode.workspace.onDidChangeConfiguration((e) => affectsIndexSources(e) && void this.reopen()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reopen()),
    );
  }

  /** Where the index file lives: the workspace's storage, or the global one when no folder is open. */
  get storageFolder(): vscode.Uri {
    return this.context.storageUri ?? this.context.globalStorageUri;
  }

  /** The index once it is open (searches work while it catches up); undefined before that. */
  get current(): WritingIndex | undefined {
    return this.index;
  }

  /** Opens the saved index and catches up with the files; the first full build shows a cancellable notification. */
  start(): Promise<WritingIndex | undefined> {
    this.opening ??= this.open();
    return this.opening;
  }

  async rebuild(): Promise<void> {
    const index = await this.start();
    if (!index) return;
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Ownvoice: rebuilding the index of your writing'), cancellable: true },
      (report, token) => this.run((i) => i.rebuild(abortSignalOf(token)), report),
    );
  }

  summary(): IndexSummary | undefined {
    if (!this.stats && !this.progress) return undefined;
    const s = this.stats;
    return {
      documents: s?.documents ?? 0,
      passages: s?.passages ?? 0,
      words: s?.words ?? 0,
      bytes: s?.persistedBytes ?? 0,
      lastUpdated: s?.lastUpdatedAt || undefined,
      skipped: (s?.skipped ?? []).map((f) => ({ path: f.path, reason: SKIP_REASON_TEXT[f.reason] })),
      progress: this.progress && { done: this.progress.done, total: this.progress.total, phase: this.progress.phase },
    };
  }

  /** Statistics straight from the worker (they may have moved since the last change event). */
  async freshStats(): Promise<IndexStats | undefined> {
    const index = await this.start();
    return index && this.run((i) => i.stats());
  }

  /** The documents read into the index, for the statistics; empty when the index is not open. */
  async documents(): Promise<readonly IndexedDocument[]> {
    const index = await this.start();
    return (index && (await this.run((i) => i.documents()))) ?? [];
  }

  private async open(): Promise<WritingIndex | undefined> {
    const rules = indexSourceRules();
    const storagePath = path.join(this.storageFolder.fsPath, 'index', 'passages.ovx');
    const workerScript = vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'indexWorker.js').fsPath;
    try {
      const embedding = embeddingTarget();
      const options = { source: { kind: 'folders', rules }, storagePath, maxFileBytes: maxFileBytes(), embedding } as const;
      const { index, restored } = await WritingIndex.open(workerScript, options, this.log);
      if (this.disposed) return void index.dispose();
      this.adopt(index, rules.folders);
      this.log.info(`Index ${restored ? 'restored' : 'created'} at ${storagePath}: ${index.size} passages; folders ${rules.folders.join(', ') || '(none)'}; embedding ${embedding ? `${embedding.model} at ${embedding.host}` : 'off'}`);
      void this.catchUp(restored, rules.folders.length > 0);
      return index;
    } catch (error) {
      this.log.error(`The index could not be opened: ${String(error)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Ownvoice could not open the index of your writing: {0}', String(error)), vscode.l10n.t('Show Log')).then(
        (choice) => choice && vscode.commands.executeCommand('ownvoice.showLog'),
      );
      return undefined;
    }
  }

  private adopt(index: WritingIndex, folders: readonly string[]): void {
    this.index = index;
    this.sessionDisposables = [
      index,
      index.onProgress((p) => this.showProgress(p)),
      index.onDidChange((stats) => this.showStats(stats)),
      index.onDidStop((error) => void this.recover(error)),
      ...folders.map((folder) => this.queue.watch(folder)),
    ];
    this.opened.fire(index);
  }

  private async catchUp(restored: boolean, hasFolders: boolean): Promise<void> {
    if (restored || !hasFolders) {
      await this.run((i) => i.sync());
      return;
    }
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Ownvoice: indexing your writing'), cancellable: true },
      (report, token) => this.run((i) => i.sync(abortSignalOf(token)), report),
    );
  }

  /** Runs one index operation; failures are logged and shown in the status bar, never thrown at the editor. */
  private async run<T>(work: (index: WritingIndex) => Promise<T>, report?: vscode.Progress<{ message?: string; increment?: number }>): Promise<T | undefined> {
    const index = this.index;
    if (!index) return undefined;
    const forward = report && index.onProgress((p) => report.report({ message: describeProgress(p) }));
    try {
      // The statistics arrive through the index's change event, which every operation fires.
      return await work(index);
    } catch (error) {
      if ((error as Error).name === 'AbortError') this.log.info('Indexing cancelled; what was read so far is kept.');
      else {
        this.log.error(`Indexing failed: ${String(error)}`);
        this.tellSaveProblem(error);
      }
      return undefined;
    } finally {
      forward?.dispose();
      this.progress = undefined;
      this.status.hide();
      this.changed.fire();
    }
  }

  /** A full disk, read-only storage or a folder where the file goes: said once, plainly, with where it is. */
  private tellSaveProblem(error: unknown): void {
    const problem = saveProblemOf(error);
    if (!problem || this.toldSaveProblem) return;
    this.toldSaveProblem = true;
    const why = {
      'disk-full': vscode.l10n.t('the disk is full'),
      'read-only': vscode.l10n.t('its folder cannot be written to'),
      'folder-in-the-way': vscode.l10n.t('a folder is in the way of its file'),
    }[problem];
    const message = vscode.l10n.t('Ownvoice cannot keep the index of your writing: {0} ({1}). Suggestions still use your writing now, but it will be read again from the start next time.', why, this.storageFolder.fsPath);
    void vscode.window.showWarningMessage(message, vscode.l10n.t('Show Log')).then((choice) => choice && vscode.commands.executeCommand('ownvoice.showLog'));
  }

  private showProgress(progress: IndexProgress): void {
    this.progress = progress;
    this.status.show(progress);
    this.changed.fire();
  }

  private showStats(stats: IndexStats): void {
    this.stats = stats;
    this.changed.fire();
  }

  /** A crashed worker is opened again from the saved file (written atomically, so whole), a few times at most. */
  private async recover(error: Error): Promise<void> {
    const now = Date.now();
    this.restarts = this.restarts.filter((at) => now - at < RESTART_WINDOW_MS);
    if (this.restarts.length >= MAX_RESTARTS) {
      this.closeSession();
      this.opening = undefined; // the next rebuild or settings change starts a fresh worker
      this.log.error(`The index worker keeps stopping (${error.message}); not restarting it. Run "Ownvoice: Rebuild the Index of My Writing" to try again.`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Ownvoice: the index of your writing keeps stopping. Suggestions go on without your passages.'), vscode.l10n.t('Show Log')).then(
        (choice) => choice && vscode.commands.executeCommand('ownvoice.showLog'),
      );
      return;
    }
    this.restarts.push(now);
    this.log.warn(`The index worker stopped (${error.message}); opening the index again.`);
    await this.reopen();
  }

  private reopen(): Promise<void> {
    return this.closeWhile(async () => undefined);
  }

  /** Closes the index, runs `work` (e.g. deleting its file), and opens it again. */
  async closeWhile(work: () => Promise<void>): Promise<void> {
    const previous = this.opening;
    this.opening = undefined;
    await previous;
    this.closeSession();
    try {
      await work();
    } finally {
      await this.start();
    }
  }

  private closeSession(): void {
    this.sessionDisposables.splice(0).forEach((d) => d.dispose());
    this.index = undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.closeSession();
    this.disposables.splice(0).forEach((d) => d.dispose());
  }
}
