import * as vscode from 'vscode';
import type { IndexProgress } from '../../core/index/indexer';

/** A status bar item shown only while the index works, so a writer sees why the fan might spin. */
export class IndexStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('ownvoice.indexing', vscode.StatusBarAlignment.Right, 99);

  constructor() {
    this.item.name = 'Ownvoice Indexing';
    this.item.command = 'ownvoice.showIndexStats';
  }

  show(progress: IndexProgress): void {
    const text = describeProgress(progress);
    this.item.text = `$(sync~spin) Indexing: ${text}`;
    this.item.tooltip = `Ownvoice is indexing your writing (${text}). Click for statistics.`;
    this.item.accessibilityInformation = { label: `Ownvoice indexing: ${text}` };
    this.item.show();
  }

  hide(): void {
    this.item.hide();
  }

  dispose(): void {
    this.item.dispose();
  }
}

/** What the index is doing, in a few words. */
export function describeProgress(p: IndexProgress): string {
  switch (p.phase) {
    case 'restoring':
      return 'restoring the saved index';
    case 'listing':
      return 'looking for your documents';
    case 'reading':
      return `${p.done.toLocaleString('en')} of ${p.total.toLocaleString('en')} documents`;
    case 'saving':
      return 'saving';
  }
}
