import * as vscode from 'vscode';
import type { IndexProgress } from '../../core/index/indexer';

/** A status bar item shown only while the index works, so a writer sees why the fan might spin. */
export class IndexStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('ownvoice.indexing', vscode.StatusBarAlignment.Right, 99);

  constructor() {
    this.item.name = vscode.l10n.t('Ownvoice Indexing');
    this.item.command = 'ownvoice.showIndexStats';
  }

  show(progress: IndexProgress): void {
    const text = describeProgress(progress);
    this.item.text = `$(sync~spin) ${vscode.l10n.t('Indexing: {0}', text)}`;
    this.item.tooltip = vscode.l10n.t('Ownvoice is indexing your writing ({0}). Click for statistics.', text);
    this.item.accessibilityInformation = { label: vscode.l10n.t('Ownvoice indexing: {0}', text) };
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
      return vscode.l10n.t('restoring the saved index');
    case 'listing':
      return vscode.l10n.t('looking for your documents');
    case 'reading':
      return vscode.l10n.t('{0} of {1} documents', p.done.toLocaleString(vscode.env.language), p.total.toLocaleString(vscode.env.language));
    case 'saving':
      return vscode.l10n.t('saving');
  }
}
