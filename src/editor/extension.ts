import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { IndexStats } from '../core/index/indexer';
import type { PassageStore } from '../core/passages/passage';
import type { StorageInfo } from '../shared/sidebarProtocol';
import { HostMonitor, type HostStatus } from '../core/model/hostMonitor';
import { invalidHostReason } from '../core/model/hostAddress';
import { ModelHost } from '../core/model/modelHost';
import { InlineProvider, type ModelTarget } from './completion/inlineProvider';
import { Config } from './config';
import { registerIndexCommands } from './index/indexCommands';
import { IndexSupport } from './index/indexSupport';
import { createLog } from './log';
import { registerRewriteSupport } from './rewrite';
import { modelActions } from './sidebar/modelActions';
import { SidebarView } from './sidebar/sidebarView';
import { StatusBar } from './status/statusBar';

/** Languages where Ownvoice offers ghost text in this first slice. */
const PROSE_LANGUAGES = ['markdown', 'plaintext'];

/** What `activate` returns: used by the integration tests and by other extensions. */
export interface OwnvoiceApi {
  readonly inlineCompletions: vscode.InlineCompletionItemProvider;
  hostStatus(): HostStatus;
  checkConnection(): Promise<HostStatus>;
  /** The index of the user's writing once it is open (searches work while it catches up). */
  writingIndex(): Promise<PassageStore & { stats(): Promise<IndexStats> } | undefined>;
}

export function activate(context: vscode.ExtensionContext): OwnvoiceApi {
  const channel = vscode.window.createOutputChannel('Ownvoice', { log: true });
  const log = createLog(channel);
  const config = new Config();
  let target = modelTarget(config, log);
  const monitor = new HostMonitor(target.host, target.model);
  const statusBar = new StatusBar();
  const writing = new IndexSupport(context, log);
  const sidebar = new SidebarView(
    context.extensionUri,
    {
      hostStatus: () => monitor.status,
      model: modelActions(() => target.host),
      indexSummary: () => writing.summary(),
      storage: () => storageInfo(writing.storageFolder),
    },
    { checkConnection: () => void monitor.checkNow(), showLog: () => channel.show(), rebuildIndex: () => writing.rebuild() },
    log,
  );
  const provider = new InlineProvider(() => target, log, () => void monitor.checkNow());

  context.subscriptions.push(
    channel,
    monitor,
    statusBar,
    writing,
    sidebar,
    registerIndexCommands(writing),
    writing.onDidChange(() => {
      sidebar.refresh('index');
      sidebar.refresh('storage');
    }),
    monitor.onDidChange((status) => {
      log.info(`Host status: ${status.state} (${status.host})`);
      statusBar.show(status);
      sidebar.showStatus(status);
    }),
    vscode.window.registerWebviewViewProvider(SidebarView.viewId, sidebar, { webviewOptions: { retainContextWhenHidden: false } }),
    vscode.languages.registerInlineCompletionItemProvider(PROSE_LANGUAGES.map((language) => ({ language })), provider),
    vscode.commands.registerCommand('ownvoice.checkConnection', () => monitor.checkNow()),
    vscode.commands.registerCommand('ownvoice.showLog', () => channel.show()),
    registerRewriteSupport(context, { target: () => target, log, onModelProblem: () => void monitor.checkNow() }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!Config.affectsModel(event)) return;
      target = modelTarget(config, log);
      monitor.retarget(target.host, target.model);
    }),
  );
  statusBar.show(monitor.status);
  monitor.start();
  // Opening the index is not on the activation path: the worker restores and catches up in its own time.
  setTimeout(() => void writing.start(), 0);
  log.info(`Ownvoice activated; model host ${target.host}, model ${target.model || '(none)'}`);

  return {
    inlineCompletions: provider,
    hostStatus: () => monitor.status,
    checkConnection: () => monitor.checkNow(),
    writingIndex: () => writing.start(),
  };
}

export function deactivate(): void {}

/** Where the index lives and how much room it takes, for the sidebar's privacy section. */
async function storageInfo(folder: vscode.Uri): Promise<StorageInfo> {
  return { location: folder.fsPath, bytes: await folderBytes(folder.fsPath) };
}

async function folderBytes(folder: string): Promise<number> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch {
    return 0;
  }
  const sizes = await Promise.all(
    entries.map((e) => (e.isDirectory() ? folderBytes(path.join(folder, e.name)) : fs.stat(path.join(folder, e.name)).then((s) => s.size, () => 0))),
  );
  return sizes.reduce((a, b) => a + b, 0);
}

/** Reads host and model from the settings; an invalid host falls back to the default with a logged reason. */
function modelTarget(config: Config, log: ReturnType<typeof createLog>): ModelTarget {
  const reason = invalidHostReason(config.host);
  if (reason) {
    log.error(`Setting ownvoice.ollama.host: ${reason}; using http://127.0.0.1:11434 instead.`);
    void vscode.window.showErrorMessage(`Ownvoice: the setting "ownvoice.ollama.host" is invalid (${reason}).`);
  }
  return { host: new ModelHost(reason ? 'http://127.0.0.1:11434' : config.host), model: config.model };
}
