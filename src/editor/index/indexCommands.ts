import * as vscode from 'vscode';
import type { IndexStats } from '../../core/index/indexer';
import { SKIP_REASON_TEXT } from '../../core/documents/source';
import type { IndexedDocument } from '../../core/index/worker/protocol';
import { formatBytes } from '../../shared/sidebarProtocol';
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

  /** Rendered, as a Markdown preview that follows the index while it is open; not a page of raw Markdown. */
  async show(): Promise<void> {
    await vscode.commands.executeCommand('markdown.showPreview', STATS_URI);
  }

  async provideTextDocumentContent(): Promise<string> {
    const stats = await this.support.freshStats();
    if (!stats) return vscode.l10n.t('The index of your writing is not open yet; see **Ownvoice: Show Log**.') + '\n';
    return renderStats(stats, await this.support.documents(), this.support.storageFolder.fsPath);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** Documents listed by name at most; the rest are counted, so a large archive still opens at once. */
const MAX_LISTED = 500;

export function renderStats(stats: IndexStats, documents: readonly IndexedDocument[], storage: string): string {
  const n = (x: number) => x.toLocaleString(vscode.env.language);
  const lines = [
    `# ${vscode.l10n.t('Ownvoice: index of your writing')}`,
    '',
    `- ${vscode.l10n.t('Documents: {0}', n(stats.documents))}`,
    `- ${vscode.l10n.t('Passages: {0}', n(stats.passages))}`,
    `- ${vscode.l10n.t('Words: {0}', n(stats.words))}`,
    // The same size, in the same units, as the sidebar's "My writing" section.
    `- ${vscode.l10n.t('Index file: {0} in {1}', formatBytes(stats.persistedBytes), `\`${storage}\``)}`,
    `- ${vscode.l10n.t('Last update: {0}', stats.lastUpdatedAt ? new Date(stats.lastUpdatedAt).toLocaleString(vscode.env.language) : vscode.l10n.t('never'))}`,
    `- ${vscode.l10n.t('Embedding: {0}', describeEmbedding(stats.embedding))}`,
    '',
    `## ${vscode.l10n.t('Read ({0})', n(documents.length))}`,
    '',
  ];
  if (!documents.length) lines.push(vscode.l10n.t('Nothing yet.'));
  const sorted = [...documents].sort((a, b) => a.path.localeCompare(b.path));
  for (const doc of sorted.slice(0, MAX_LISTED)) {
    const passages = doc.passages === 1 ? vscode.l10n.t('1 passage, {0}', formatBytes(doc.bytes)) : vscode.l10n.t('{0} passages, {1}', n(doc.passages), formatBytes(doc.bytes));
    lines.push(`- \`${doc.path}\`: ${passages}`);
  }
  if (sorted.length > MAX_LISTED) lines.push(`- ${vscode.l10n.t('… and {0} more', n(sorted.length - MAX_LISTED))}`);
  lines.push('', `## ${vscode.l10n.t('Skipped ({0})', n(stats.skipped.length))}`, '');
  if (!stats.skipped.length) lines.push(vscode.l10n.t('None.'));
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
