import * as vscode from 'vscode';
import type { Log } from '../../core/common/log';
import type { HostStatus } from '../../core/model/hostMonitor';
import {
  parseFromSidebar,
  type Capabilities,
  type DocumentPreference,
  type FromSidebar,
  type IndexSummary,
  type MemoryView,
  type PreferenceChange,
  type Preferences,
  type StorageInfo,
  type SuggestionExplanation,
  type ToSidebar,
  type VoiceView,
} from '../../shared/sidebarProtocol';
import { OLLAMA_DOWNLOAD } from '../model/modelGuidance';
import { openableDocument, type IndexedPlace } from '../../core/exemplars/openable';
import type { ModelActions } from './modelActions';
import { PREFERENCE_SETTINGS, readPreferences, settingTarget, withDocumentPreference, type SettingTarget } from './preferenceSettings';
import { webviewHtml } from './webviewHtml';

/** Plain data the sidebar shows; the composition root passes in whatever the engine has. */
export interface SidebarSources {
  hostStatus(): HostStatus;
  readonly model: ModelActions;
  indexSummary?(): IndexSummary | undefined;
  lastSuggestion?(): SuggestionExplanation | undefined;
  storage?(): Promise<StorageInfo | undefined>;
  memory?(): MemoryView | undefined;
  voice?(): VoiceView | undefined;
  /** Where the index holds a passage; links open only what it answers. */
  indexedPassage?(passageId: string): Promise<IndexedPlace | undefined>;
}

/** What the sidebar's buttons do beyond settings; a missing one shows as a disabled button. */
export interface SidebarActions {
  /** Checks the host now; the status it found, where the caller has it. */
  checkConnection(): Promise<HostStatus> | void;
  showLog(): void;
  rebuildIndex?(): Promise<void>;
  calibrate?(): Promise<void>;
  clearEverything?(): Promise<void>;
  /** Removing what was learned, piece by piece. */
  readonly memory?: { removeRule(id: string): void; removeChoice(at: string): void; forgetReactions(): void };
  /** The voice profile: switch a habit, open the file, measure again, describe in words. */
  voice?: {
    setHabit(key: string, on: boolean): Promise<void>;
    removeHabit(key: string): Promise<void>;
    edit(): Promise<void>;
    measure(): Promise<void>;
    describe(): Promise<void>;
  };
}

/** A part of the sidebar the composition root asks to send again when its data changed. */
export type SidebarSection = 'host' | 'models' | 'preferences' | 'index' | 'suggestion' | 'storage' | 'voice' | 'memory';

const SETTINGS_SECTION = 'ownvoice';

const TARGETS: { readonly [T in SettingTarget]: vscode.ConfigurationTarget } = {
  global: vscode.ConfigurationTarget.Global,
  workspace: vscode.ConfigurationTarget.Workspace,
  workspaceFolder: vscode.ConfigurationTarget.WorkspaceFolder,
};

/** Hosts the sidebar webview: sends it state, and turns its validated messages into settings and actions. */
export class SidebarView implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = 'ownvoice.sidebar';
  private view: vscode.WebviewView | undefined;
  private readonly viewDisposables: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private pulling: AbortController | undefined;
  /** Kept so a view shown again mid-pull or after a test shows where things stand. */
  private lastPull: ToSidebar | undefined;
  private lastTest: Extract<ToSidebar, { type: 'test' }> | undefined;
  /** Host, state and model of the last status shown, to notice a change. */
  private lastSeenHost = '';

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly sources: SidebarSources,
    private readonly actions: SidebarActions,
    private readonly log: Log,
  ) {
    this.disposables.push(
      // Settings are the one source of truth: an edit in settings.json or the Settings UI shows here at once.
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(SETTINGS_SECTION)) this.refresh('preferences');
      }),
    );
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.disposeView();
    this.view = view;
    view.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')] };
    view.webview.html = webviewHtml(view.webview, this.extensionUri, {
      title: vscode.l10n.t('Ownvoice'),
      script: 'dist/webview/sidebar.js',
      styles: ['dist/webview/codicons/codicon.css', 'media/sidebar.css'],
      // The page's own strings, translated from the same bundle as the extension's messages.
      l10n: vscode.l10n.bundle,
    });
    this.viewDisposables.push(
      view.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      view.onDidDispose(() => this.disposeView()),
      // A hidden view may have missed updates: send the current state when it is shown again.
      view.onDidChangeVisibility(() => view.visible && this.sendAll()),
    );
  }

  /**
   * The host monitor's news. A new host, or a change of its state, refills the model pickers and drops results
   * that belonged to the old one, so an old error never outlives the check that cleared it.
   */
  showStatus(status: HostStatus): void {
    const seen = `${status.host}\n${status.state}\n${'model' in status ? status.model : ''}`;
    const changed = seen !== this.lastSeenHost;
    this.lastSeenHost = seen;
    this.post({ type: 'hostStatus', status });
    if (!changed) return;
    if (this.lastTest) this.post((this.lastTest = { type: 'test', test: undefined }));
    if (this.lastPull && !this.pulling) this.post((this.lastPull = { type: 'pull', pull: undefined }));
    void this.sendModels();
  }

  /** Sends one section again; the composition root calls this when the index, a suggestion or the host changed. */
  refresh(section: SidebarSection): void {
    if (!this.view) return;
    switch (section) {
      case 'host':
        return this.showStatus(this.sources.hostStatus());
      case 'models':
        return void this.sendModels();
      case 'preferences':
        return this.post({ type: 'preferences', preferences: this.preferences() });
      case 'index':
        return this.post({ type: 'index', index: this.sources.indexSummary?.() });
      case 'suggestion':
        return this.post({ type: 'suggestion', suggestion: this.sources.lastSuggestion?.() });
      case 'storage':
        return void this.sendStorage();
      case 'memory':
        return this.post({ type: 'memory', memory: this.sources.memory?.() });
      case 'voice':
        return this.post({ type: 'voice', voice: this.sources.voice?.() });
    }
  }

  private sendAll(): void {
    this.post({ type: 'capabilities', capabilities: this.capabilities() });
    for (const section of ['host', 'preferences', 'index', 'suggestion', 'models', 'storage', 'voice', 'memory'] as const) this.refresh(section);
    if (this.lastPull) this.post(this.lastPull);
    if (this.lastTest) this.post(this.lastTest);
  }

  private capabilities(): Capabilities {
    return { pull: true, test: true, rebuild: !!this.actions.rebuildIndex, calibrate: !!this.actions.calibrate, clear: !!this.actions.clearEverything, explain: !!this.sources.lastSuggestion };
  }

  private async sendModels(): Promise<void> {
    try {
      const models = await this.sources.model.models();
      this.post({ type: 'models', models, fit: await this.sources.model.fit(models) });
    } catch (error) {
      // The host status line already says why; the pickers keep the configured names.
      this.log.trace(`Sidebar: could not list models: ${String(error)}`);
      this.post({ type: 'models', models: undefined });
    }
  }

  private async sendStorage(): Promise<void> {
    this.post({ type: 'storage', storage: await this.sources.storage?.().catch((error: unknown) => void this.log.warn(`Sidebar: storage: ${String(error)}`)) });
  }

  private receive(raw: unknown): void {
    const message = parseFromSidebar(raw);
    if (!message) {
      this.log.warn(`Ignored an unexpected message from the sidebar: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    this.handle(message).catch((error: unknown) => this.log.error(`Sidebar: ${message.type} failed: ${String(error)}`));
  }

  private async handle(message: FromSidebar): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.sendAll();
      case 'checkConnection':
        return this.checkAgain();
      case 'showLog':
        return this.actions.showLog();
      case 'refreshModels':
        return this.sendModels();
      case 'setPreference':
        return this.setPreference(message.change);
      case 'pullModel':
        return this.pull(message.model);
      case 'testModel':
        return this.test(message.model);
      case 'addFolder':
        return this.addFolders();
      case 'removeFolder':
        return this.write('folders', this.preferences().folders.filter((f) => f !== message.folder));
      case 'rebuildIndex':
        return this.actions.rebuildIndex?.();
      case 'calibrate':
        return this.actions.calibrate?.();
      case 'clearEverything':
        return this.clearEverything();
      case 'openExemplar':
        return this.openExemplar(message.passageId);
      case 'documentPreference':
        return this.setDocumentPreference(message.passageId, message.preference);
      case 'removeRule':
        return this.actions.memory?.removeRule(message.id);
      case 'removeChoice':
        return this.actions.memory?.removeChoice(message.at);
      case 'forgetReactions':
        return this.actions.memory?.forgetReactions();
      case 'setHabit':
        return this.actions.voice?.setHabit(message.key, message.on);
      case 'removeHabit':
        return this.actions.voice?.removeHabit(message.key);
      case 'editVoice':
        return this.actions.voice?.edit();
      case 'measureVoice':
        return this.actions.voice?.measure();
      case 'describeVoice':
        return this.actions.voice?.describe();
      case 'getOllama':
        return void vscode.env.openExternal(vscode.Uri.parse(OLLAMA_DOWNLOAD));
      case 'openHostSetting':
        return void vscode.commands.executeCommand('workbench.action.openSettings', 'ownvoice.ollama.host');
      case 'openWalkthrough':
        return void vscode.commands.executeCommand('ownvoice.openWalkthrough');
    }
  }

  private preferences(): Preferences {
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    return readPreferences((setting) => config.get(setting));
  }

  private setPreference(change: PreferenceChange): Promise<void> {
    return this.write(change.key, change.value);
  }

  private async write<K extends keyof Preferences>(key: K, value: Preferences[K]): Promise<void> {
    const setting = PREFERENCE_SETTINGS[key];
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    await config.update(setting, value, TARGETS[settingTarget(config.inspect(setting))]);
    this.log.info(`Sidebar: set ownvoice.${setting}`);
  }

  private async pull(model: string): Promise<void> {
    this.pulling?.abort();
    const pulling = (this.pulling = new AbortController());
    try {
      await this.sources.model.pull(model, (pull) => this.post((this.lastPull = { type: 'pull', pull })), pulling.signal);
    } finally {
      if (this.pulling === pulling) this.pulling = undefined;
    }
    this.actions.checkConnection();
    await this.sendModels();
  }

  /** The writer asked to check again: a check that finds the host ready also drops a test that failed before it. */
  private async checkAgain(): Promise<void> {
    const status = await this.actions.checkConnection();
    if (status?.state === 'ready' && this.lastTest?.test?.state === 'failed') this.post((this.lastTest = { type: 'test', test: undefined }));
  }

  private async test(model: string): Promise<void> {
    this.post((this.lastTest = { type: 'test', test: { state: 'running', model } }));
    this.post((this.lastTest = { type: 'test', test: await this.sources.model.test(model) }));
  }

  private async addFolders(): Promise<void> {
    const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: true, openLabel: vscode.l10n.t('Index this folder') });
    if (!picked?.length) return;
    const folders = [...new Set([...this.preferences().folders, ...picked.map((uri) => uri.fsPath)])];
    await this.write('folders', folders);
  }

  private async clearEverything(): Promise<void> {
    const clear = vscode.l10n.t('Clear everything');
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Delete Ownvoice\'s index and caches? Your documents are not touched.'), { modal: true }, clear);
    if (answer !== clear) return;
    await this.actions.clearEverything?.();
    await this.sendStorage();
  }

  /** Only a passage the host itself sent can be opened: the webview never names a file of its own. */
  private exemplar(passageId: string) {
    const found = this.sources.lastSuggestion?.()?.exemplars.find((e) => e.passageId === passageId);
    if (!found) this.log.warn(`Sidebar: no exemplar ${passageId} in the last suggestion; ignored.`);
    return found;
  }

  private async openExemplar(passageId: string): Promise<void> {
    const exemplar = this.exemplar(passageId);
    if (!exemplar) return;
    const lookup = this.sources.indexedPassage;
    const place = lookup && (await openableDocument(exemplar, lookup));
    if (!place) {
      this.log.warn(`Sidebar: passage ${passageId} is no longer in the index; nothing opened.`);
      void vscode.window.showInformationMessage(vscode.l10n.t('Ownvoice: that passage is no longer in the index of your writing.'));
      return;
    }
    const line = Math.max(0, place.line - 1);
    const selection = new vscode.Range(line, 0, line, 0);
    await vscode.window.showTextDocument(vscode.Uri.file(place.docId), { selection, preview: true, viewColumn: vscode.ViewColumn.One });
  }

  private async setDocumentPreference(passageId: string, preference: DocumentPreference): Promise<void> {
    const exemplar = this.exemplar(passageId);
    if (!exemplar) return;
    const current = this.preferences();
    const lists = withDocumentPreference({ never: current.neverDocuments, prefer: current.preferDocuments }, exemplar.docId, preference);
    await this.write('neverDocuments', lists.never);
    await this.write('preferDocuments', lists.prefer);
  }

  private post(message: ToSidebar): void {
    void this.view?.webview.postMessage(message);
  }

  private disposeView(): void {
    this.viewDisposables.splice(0).forEach((d) => d.dispose());
    this.view = undefined;
  }

  dispose(): void {
    this.pulling?.abort();
    this.disposeView();
    this.disposables.splice(0).forEach((d) => d.dispose());
  }
}
