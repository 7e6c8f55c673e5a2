import * as vscode from 'vscode';
import type { IndexStats } from '../../core/index/indexer';
import { SKIP_REASON_TEXT } from '../../core/documents/source';
import type { IndexSupport } from './indexSupport';

const STATS_URI = vscode.Uri.parse('ownvoice-index:/Index%20statistics.md');

/** The index's commands: rebuild, statistics, and adding a folder of one's writing. */
export function registerIndexCommands(support: IndexSupport): vscode.Disposable {
  const statsDocument = new StatsDocument(support);
  return vscode.Disposable.from(
    statsDocument,
    vscode.workspace.registerTextDocumentContentProvider(STATS_URI.scheme, statsDocument),
    vscode.commands.registerCommand('ownvoice.rebuildIndex', () => support.rebuild()),
    vscode.commands.registerCommand('ownvoice.showIndexStats', () => statsDocument.show()),
    vscode.commands.registerCommand('ownvoice.addWritingFolder', addWritingFolder),
  );
}

/** A read-only document with the index's statistics, refreshed while it is open. */
class StatsDocument implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly support: IndexSupport) {
    this.subscription = support.onDidChange(() => this.changed.fire(STATS_URI));
  }

  async show(): Promise<void> {
    const document = await vscode.workspace.openTextDocument(STATS_URI);
    await vscode.languages.setTextDocumentLanguage(document, 'markdown');
    await vscode.window.showTextDocument(document, { preview: true });
  }

  async provideTextDocumentContent(): Promise<string> {
    const stats = await this.support.freshStats();
    return stats ? renderStats(stats, this.support.storageFolder.fsPath) : 'The index of your writing is not open yet; see **Ownvoice: Show Log**.\n';
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

export function renderStats(stats: IndexStats, storage: string): string {
  const n = (x: number) => x.toLocaleString('en');
  const lines = [
    '# Ownvoice: index of your writing',
    '',
    `- Documents: ${n(stats.documents)}`,
    `- Passages: ${n(stats.passages)}`,
    `- Words: ${n(stats.words)}`,
    `- Index file: ${(stats.persistedBytes / 1e6).toFixed(1)} MB in ${storage}`,
    `- Last update: ${stats.lastUpdatedAt ? new Date(stats.lastUpdatedAt).toLocaleString() : 'never'}`,
    `- Embedding: ${describeEmbedding(stats.embedding)}`,
    '',
    `## Skipped files (${n(stats.skipped.length)})`,
    '',
  ];
  if (!stats.skipped.length) lines.push('None.');
  for (const file of stats.skipped) lines.push(`- \`${file.path}\`: ${SKIP_REASON_TEXT[file.reason]}`);
  return lines.join('\n') + '\n';
}

function describeEmbedding(embedding: IndexStats['embedding']): string {
  if (!embedding) return 'off (word matching only; set `ownvoice.embedding.model` to add an Ollama embedding model)';
  const done = `${embedding.model}, ${embedding.embedded.toLocaleString('en')} of ${embedding.total.toLocaleString('en')} passages`;
  return embedding.problem ? `${done}; stopped: ${embedding.problem}` : done;
}

async function addWritingFolder(): Promise<void> {
  const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: true, openLabel: vscode.l10n.t('Add to My Writing') });
  if (!picked?.length) return;
  const section = vscode.workspace.getConfiguration('ownvoice.index');
  const current = section.get<string[]>('folders', []);
  const folders = [...new Set([...current, ...picked.map((uri) => uri.fsPath)])];
  // User level: a personal archive serves every workspace.
  await section.update('folders', folders, vscode.ConfigurationTarget.Global);
}
