import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CompletionEngine, DEFAULT_LANGUAGES, OutcomeRecord, TypingPause, TypingRhythm, type EngineActivity } from '../core/completion';
import { ContextWindows } from '../core/model/contextWindow';
import { sharedModel } from '../core/model/sharedModel';
import type { OutcomeCounts } from '../core/completion/outcomes';
import type { WritingIndex } from '../core/index/writingIndex';
import { HostMonitor, type HostStatus } from '../core/model/hostMonitor';
import type { MemoryView, StorageInfo, SuggestionExplanation } from '../shared/sidebarProtocol';
import { readPreferences } from './sidebar/preferenceSettings';
import { completionsEnabled, pauseMs, readCompletionSettings } from './completion/completionSettings';
import { ACCEPTED_COMMAND, InlineProvider } from './completion/inlineProvider';
import { Calibration } from './exemplars/calibration';
import { FirstRun } from './firstRun/firstRun';
import { SuggestionExplanations } from './exemplars/suggestionExplanations';
import { WritingExemplars } from './exemplars/writingExemplars';
import { registerIndexCommands } from './index/indexCommands';
import { IndexSupport } from './index/indexSupport';
import { createLog } from './log';
import { syncPassagePriors } from './memory/passagePriorSync';
import { learningEnabled, MEMORY_FILE, WriterLearning } from './memory/writerLearning';
import { ModelGuidance } from './model/modelGuidance';
import { affectsModelTarget, readModelTarget } from './model/modelTarget';
import { registerRewriteSupport } from './rewrite';
import { modelActions } from './sidebar/modelActions';
import { SidebarView } from './sidebar/sidebarView';
import { StatusBar, STATUS_MENU_COMMAND, type LastSuggestion } from './status/statusBar';
import { showStatusMenu } from './status/statusMenu';
import { VoiceSupport } from './voice/voiceSupport';

/** Where ghost text is offered at all; `ownvoice.languages` narrows it further, per request. */
const PROSE_LANGUAGES = DEFAULT_LANGUAGES;
const OUTCOMES_KEY = 'ownvoice.outcomes';

/** What `activate` returns: used by the integration tests and by other extensions. */
export interface OwnvoiceApi {
  readonly inlineCompletions: vscode.InlineCompletionItemProvider;
  hostStatus(): HostStatus;
  checkConnection(): Promise<HostStatus>;
  /** The index of the user's writing once it is open (searches work while it catches up). */
  writingIndex(): Promise<WritingIndex | undefined>;
  /** The last suggestion with the exemplars behind it, as the sidebar explains it. */
  lastSuggestion(): SuggestionExplanation | undefined;
  /** Suggestions shown, accepted and rejected, as kept on this machine. */
  outcomeCounts(): OutcomeCounts;
  /** What was learned from the writer's reactions, as "Your voice" lists it. */
  learned(): MemoryView;
}

export function activate(context: vscode.ExtensionContext): OwnvoiceApi {
  try {
    return compose(context);
  } catch (error) {
    // VS Code does not tell the user when an extension fails to activate; say it, then let VS Code log it.
    void vscode.window.showErrorMessage(vscode.l10n.t('Ownvoice could not start: {0}', error instanceof Error ? error.message : String(error)));
    throw error;
  }
}

/** The composition root: builds each part once, wires them by constructor, and hands every disposable to VS Code. */
function compose(context: vscode.ExtensionContext): OwnvoiceApi {
  const channel = vscode.window.createOutputChannel('Ownvoice', { log: true });
  const log = createLog(channel);
  let target = readModelTarget(log);
  const monitor = new HostMonitor(target.host, target.model);
  const writing = new IndexSupport(context, log);
  const exemplars = new WritingExemplars(() => writing.current);
  // One num_ctx per model for every prompt (completions, rewrites, a test, a description): another would reload it.
  const contextWindows = new ContextWindows();
  // The engine is made below; it is only told once a rewrite, a test or a description actually runs.
  const shared = sharedModel(contextWindows, (model) => engine.modelReadElsewhere(model));
  const voice = new VoiceSupport(context.globalStorageUri, writing, log, () => ({ host: target.host, model: readPreferences(setting).rewriteModel || target.model, shared }));
  const outcomes = new OutcomeRecord({ saved: context.globalState.get(OUTCOMES_KEY), persist: (s) => void context.globalState.update(OUTCOMES_KEY, s) });
  const learning = new WriterLearning(context.globalStorageUri, outcomes, log);
  const engine = new CompletionEngine({ host: () => target.host, exemplars: exemplars.source, log, settings: () => readCompletionSettings(target.model, voice.current()), outcomes, memory: learning.memory, contextWindows });
  const rhythm = new TypingRhythm();
  const pause = new TypingPause(pauseMs);
  const provider = new InlineProvider(engine, pause, completionsEnabled, rhythm, pauseMs, (accepted) => learning.accepted(accepted));
  const guidance = new ModelGuidance(() => target.host, log, () => {
    engine.reset();
    void monitor.checkNow();
  });
  const statusBar = new StatusBar();
  let activity: EngineActivity = { state: 'idle' };
  let lastWait: LastSuggestion | undefined;
  const showStatus = () => statusBar.show({ host: monitor.status, activity, lastSuggestion: lastWait, ...languageState() });
  const explanations = new SuggestionExplanations(outcomes, exemplars, () => readPreferences(setting).rewriteModel || target.model);
  const lastSuggestion = () => explanations.last();
  const sidebar = new SidebarView(
    context.extensionUri,
    {
      hostStatus: () => monitor.status,
      model: modelActions(() => target.host, undefined, shared),
      indexSummary: () => writing.summary(),
      lastSuggestion,
      storage: () => storageInfo(writing.storageFolder),
      memory: () => learning.view(),
      voice: () => voice.view(),
      indexedPassage: async (id) => (await writing.current?.getPassages([id]))?.[0],
    },
    {
      checkConnection: () => monitor.checkNow(),
      showLog: () => channel.show(),
      rebuildIndex: () => writing.rebuild(),
      calibrate: async () => void (await calibration.run()),
      clearEverything: () => clearEverything(context, writing, outcomes, learning, log, voice),
      memory: {
        removeRule: (id) => void learning.memory.removeRule(id),
        removeChoice: (at) => void learning.memory.removeChoice(at),
        forgetReactions: () => learning.memory.forgetReactions(),
      },
      voice,
    },
    log,
  );
  const reactions = () => {
    const { accepted, rejected } = outcomes.snapshot().counts;
    return accepted + rejected;
  };
  const calibration = new Calibration(context.globalStorageUri, writing, log, { reactions, memento: context.globalState, enabled: learningEnabled });
  const firstRun = new FirstRun(context, () => target.host);

  context.subscriptions.push(
    channel,
    monitor,
    writing,
    engine,
    calibration,
    learning,
    firstRun,
    statusBar,
    sidebar,
    { dispose: () => pause.cancel() },
    registerIndexCommands(writing),
    vscode.window.registerWebviewViewProvider(SidebarView.viewId, sidebar),
    vscode.languages.registerInlineCompletionItemProvider(PROSE_LANGUAGES.map((language) => ({ language })), provider),
    vscode.commands.registerCommand(ACCEPTED_COMMAND, (id: unknown) => typeof id === 'string' && provider.accepted(id)),
    vscode.commands.registerCommand('ownvoice.checkConnection', () => monitor.checkNow()),
    vscode.commands.registerCommand('ownvoice.showLog', () => channel.show()),
    vscode.commands.registerCommand(STATUS_MENU_COMMAND, () => showStatusMenu(monitor.status, guidance, () => monitor.checkNow())),
    vscode.commands.registerCommand('ownvoice.clearEverything', () => clearEverything(context, writing, outcomes, learning, log, voice)),
    vscode.commands.registerCommand('ownvoice.editVoice', () => voice.edit()),
    voice,
    voice.onDidChange(() => sidebar.refresh('voice')),
    registerRewriteSupport(context, { target: () => target, log, exemplars: explanations.rewriteSource, onModelProblem: () => void monitor.checkNow(), voice: () => voice.current(), memory: learning.memory, shared }),
    vscode.commands.registerCommand('ownvoice.pullModel', () => target.model && guidance.pull(target.model)),
    monitor.onDidChange((status) => {
      log.info(`Host status: ${status.state} (${status.host})`);
      showStatus();
      sidebar.showStatus(status);
      guidance.notice(status);
      firstRun.notice(status);
      if (status.state === 'ready') void engine.warm().then(() => provider.readAhead(vscode.window.activeTextEditor));
    }),
    provider,
    provider.onDidSuggest(({ result, waitMs }) => {
      if (result.source !== 'model' && result.source !== 'followed') return;
      lastWait = { waitMs, usage: result.usage };
      showStatus();
    }),
    engine.onDidChangeActivity((next) => {
      activity = next;
      showStatus();
    }),
    // A failed request may mean Ollama just stopped: look now rather than at the next poll.
    engine.onModelProblem(() => void monitor.checkNow()),
    explanations,
    explanations.onDidChange(() => sidebar.refresh('suggestion')),
    onMemoryChange(learning, engine, () => sidebar.refresh('memory')),
    syncPassagePriors(writing, learning.memory, log),
    { dispose: outcomes.onDidRecord(() => calibration.maybeRunByItself()).dispose },
    explanations.onDidChange(() => {
      sidebar.refresh('suggestion');
      firstRun.noticeSuggestion();
    }),
    writing.onDidChange(() => {
      firstRun.noticeWriting(writing.summary()?.documents ?? 0);
      sidebar.refresh('index');
      sidebar.refresh('storage');
    }),
    vscode.window.onDidChangeActiveTextEditor(showStatus),
    vscode.window.onDidChangeActiveTextEditor((editor) => provider.readAhead(editor)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsModelTarget(event)) {
        target = readModelTarget(log);
        engine.reset();
        monitor.retarget(target.host, target.model);
      }
      if (event.affectsConfiguration('ownvoice')) showStatus();
      if (event.affectsConfiguration('ownvoice.learning')) sidebar.refresh('memory');
    }),
  );
  showStatus();
  monitor.start();
  // Opening the index is not on the activation path: the worker restores and catches up in its own time.
  setTimeout(() => void writing.start(), 0);
  void voice.start();
  log.info(`Ownvoice activated; model host ${target.host.host}, model ${target.model || '(none)'}`);

  return {
    inlineCompletions: provider,
    hostStatus: () => monitor.status,
    checkConnection: () => monitor.checkNow(),
    writingIndex: () => writing.start(),
    lastSuggestion,
    outcomeCounts: () => outcomes.snapshot().counts,
    learned: () => learning.view(),
  };
}

export function deactivate(): void {}

/** Whether suggestions are on, and on for the active editor's language. */
function setting(key: string): unknown {
  return vscode.workspace.getConfiguration('ownvoice').get(key);
}

function languageState(): { enabled: boolean; language?: string } {
  const language = vscode.window.activeTextEditor?.document.languageId;
  const languages = vscode.workspace.getConfiguration('ownvoice').get<string[]>('languages', [...PROSE_LANGUAGES]);
  if (!completionsEnabled()) return { enabled: false };
  if (language && PROSE_LANGUAGES.includes(language) && !languages.includes(language)) return { enabled: false, language };
  return { enabled: true };
}

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

/** A change to the learned rules makes cached suggestions stale; every change is news for the sidebar. */
function onMemoryChange(learning: WriterLearning, engine: CompletionEngine, refresh: () => void): vscode.Disposable {
  let rules = learning.memory.rules;
  const listener = learning.memory.onDidChange((state) => {
    if (state.rules !== rules) engine.reset();
    rules = state.rules;
    refresh();
  });
  return { dispose: () => listener.dispose() };
}

/** Deletes the index, the calibrated weights, what was learned and the record of outcomes, after the writer confirms. */
async function clearEverything(context: vscode.ExtensionContext, writing: IndexSupport, outcomes: OutcomeRecord, learning: WriterLearning, log: ReturnType<typeof createLog>, voice: VoiceSupport): Promise<void> {
  const clear = vscode.l10n.t('Clear Everything');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Clear everything Ownvoice stored?'),
    { modal: true, detail: vscode.l10n.t('The index of your writing, your calibration, your voice profile, what Ownvoice learned from your edits and choices, and the record of suggestions will be deleted. Your documents are not touched.') },
    clear,
  );
  if (answer !== clear) return;
  await writing.closeWhile(() => fs.rm(writing.storageFolder.fsPath, { recursive: true, force: true }));
  // The writer's own rewrite presets stay: they are things they made, not things Ownvoice learned.
  await learning.clear();
  for (const learned of ['exemplar-weights.json', 'rewrite-preferences.jsonl', MEMORY_FILE, MEMORY_FILE.replace(/\.json$/, '.damaged.json')]) {
    await fs.rm(path.join(context.globalStorageUri.fsPath, learned), { force: true });
  }
  outcomes.clear();
  await voice.clear();
  log.info('Cleared the index, calibration, voice profile, rewrite preferences, what was learned and the record of suggestions.');
}
