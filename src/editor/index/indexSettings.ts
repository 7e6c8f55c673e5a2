import * as vscode from 'vscode';
import type { SourceRules } from '../../core/documents/nodeFileSource';
import type { EmbeddingTarget } from '../../core/index/embedding';
import { invalidHostReason } from '../../core/model/hostAddress';
import { DEFAULT_HOST } from '../model/modelTarget';

/** Settings whose change means indexing a different set of files, or embedding them with another model. */
export function affectsIndexSources(event: vscode.ConfigurationChangeEvent): boolean {
  return [
    'ownvoice.index.folders', 'ownvoice.index.include', 'ownvoice.index.exclude', 'ownvoice.index.maxFileSizeKB',
    'ownvoice.embedding.model', 'ownvoice.ollama.host',
  ].some((key) => event.affectsConfiguration(key));
}

/** The embedding model the user chose, on the settings' Ollama host; undefined (empty setting): word matching only. */
export function embeddingTarget(): EmbeddingTarget | undefined {
  const section = vscode.workspace.getConfiguration('ownvoice');
  const model = section.get<string>('embedding.model', '').trim();
  if (!model) return undefined;
  const host = section.get<string>('ollama.host', DEFAULT_HOST).trim() || DEFAULT_HOST;
  // An invalid host is reported once, by the model settings; the index quietly uses the same fallback.
  return { host: invalidHostReason(host) ? DEFAULT_HOST : host, model };
}

/** The writing to index: the workspace's folders plus the user's own (a personal archive serves every workspace). */
export function indexSourceRules(): SourceRules {
  const section = vscode.workspace.getConfiguration('ownvoice.index');
  const workspaceFolders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  const userFolders = strings(section.get('folders')).map(expandHome);
  return {
    folders: [...new Set([...workspaceFolders, ...userFolders])],
    include: strings(section.get('include')),
    exclude: strings(section.get('exclude')),
  };
}

export function maxFileBytes(): number {
  const kb = vscode.workspace.getConfiguration('ownvoice.index').get<number>('maxFileSizeKB', 1024);
  return Number.isFinite(kb) && kb > 0 ? kb * 1024 : 1024 * 1024;
}

/** A hand-edited setting of the wrong shape counts as empty rather than breaking the index. */
function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}

function expandHome(folder: string): string {
  const home = process.env.HOME ?? process.env.USERPROFILE ?? '';
  return folder.startsWith('~/') && home ? home + folder.slice(1) : folder;
}
