import * as path from 'node:path';
import type { PromptVoice } from '../../core/voice';
import * as vscode from 'vscode';
import { languageName } from '../../core/completion';
import type { Log } from '../../core/common/log';
import { DEFAULT_SETTINGS, type ExemplarSource } from '../../core/completion/types';
import { describeProblem, ModelError } from '../../core/model/errors';
import type { WriterMemory } from '../../core/memory/writerMemory';
import type { SharedModel } from '../../core/model/sharedModel';
import type { ModelHost } from '../../core/model/modelHost';
import { PreferencePairFile } from '../../core/rewrite/history';
import type { RewritePreset } from '../../core/rewrite/presets';
import { rewriteSelection, RewriteRefusal, type RewriteJob } from '../../core/rewrite/rewriter';
import { describeProblems } from '../../core/rewrite/template';
import { readPreferences } from '../sidebar/preferenceSettings';
import type { PresetPicker, PresetArgument } from './presetPicker';
import { Review } from './review';
import type { PreviewContent } from './previewContent';

export interface RewriteTarget {
  readonly host: ModelHost;
  readonly model: string;
}

/** What the rest of the extension gives the rewrite feature: the same model host, log and exemplars as completions. */
export interface RewriteDeps {
  readonly target: () => RewriteTarget | undefined;
  readonly log: Log;
  readonly exemplars?: ExemplarSource;
  /** Told when Ollama is down or the model missing, so the status bar catches up at once. */
  readonly onModelProblem?: (error: ModelError) => void;
  /** What the writer's reactions taught: rules applied to rewrites, earlier picks carried as examples, picks recorded. */
  readonly memory?: Pick<WriterMemory, 'polish' | 'choiceExamples' | 'chose' | 'usedPreset' | 'presetUses'>;
  /** The writer's voice profile, for the prompt and the post-processor. */
  readonly voice?: () => PromptVoice | undefined;
  /** The num_ctx completions use per model (a rewrite with the same model must not reload it), told of each rewrite. */
  readonly shared?: SharedModel;
}

/** What a command ended in; returned to callers such as tests, shown to the writer by the command itself. */
export type RewriteOutcome =
  | { readonly status: 'ready'; readonly versions: readonly string[]; readonly cutShort?: boolean }
  | { readonly status: 'applied'; readonly text: string }
  | { readonly status: 'noSelection' | 'dismissed' | 'cancelled' | 'rejected' | 'noReview' }
  | { readonly status: 'invalidTemplate' | 'refused' | 'failed'; readonly message: string };

/** Alternatives need visible differences: at least this temperature, whatever the preset says. */
const ALTERNATIVES_TEMPERATURE = 0.8;

interface Running {
  readonly review: Review;
  /** Changed by "Continue" (more room) and "Rewrite in Parts" after a rewrite cut short. */
  job: RewriteJob;
  /** Set when a version stopped at its length budget. */
  cutShort: boolean;
  readonly model: string;
  readonly preset: RewritePreset;
  readonly instruction: string;
  /** Where the writer's text was shown when they asked: it goes back there after the verdict. */
  readonly column: vscode.ViewColumn | undefined;
}

/** Runs rewrites and the writer's verdicts on them; one review at a time, the newest wins. */
export class RewriteController implements vscode.Disposable {
  private current: Running | undefined;
  private readonly closedTabs: vscode.Disposable;
  /** Closes the "rewrite is ready" notification. */
  private closeAnnouncement: (() => void) | undefined;

  constructor(
    private readonly deps: RewriteDeps,
    private readonly picker: PresetPicker,
    private readonly preview: PreviewContent,
    private readonly pairs: PreferencePairFile,
  ) {
    // Closing the diff by hand is a rejection: the request stops and nothing lands.
    this.closedTabs = vscode.window.tabGroups.onDidChangeTabs((event) => {
      const review = this.current?.review;
      if (review && event.closed.some((tab) => tab.input instanceof vscode.TabInputTextDiff && review.owns(tab.input.modified))) void this.end();
    });
  }

  async rewrite(mode: 'single' | 'alternatives', argument?: PresetArgument): Promise<RewriteOutcome> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.selection.isEmpty) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Ownvoice: select the text you want rewritten first, then run the command again.'));
      return { status: 'noSelection' };
    }
    const choice = await this.picker.choose(argument);
    if (choice.kind === 'dismissed') return { status: 'dismissed' };
    if (choice.kind === 'broken') return this.reportBrokenTemplate(choice.broken.uri, describeProblems(path.basename(choice.broken.uri.path), choice.broken.problems));
    const target = this.deps.target();
    const model = readPreferences(setting).rewriteModel || target?.model;
    if (!target || !model) return this.reportNoModel();
    void this.end();
    const review = new Review(editor.document, editor.selection, mode, this.preview);
    const job = this.job(editor, choice.preset, choice.instruction, mode, model);
    this.current = { review, job, model, preset: choice.preset, instruction: choice.instruction, column: editor.viewColumn, cutShort: false };
    await setMode(mode, true);
    await review.open(this.title(review, choice.preset));
    return this.generate(this.current, target.host);
  }

  async accept(): Promise<RewriteOutcome> {
    const running = this.current;
    if (running?.review.mode !== 'single') return { status: 'noReview' };
    const outcome = await this.apply(running, running.review.versions[0]);
    if (outcome.status === 'applied') this.deps.memory?.usedPreset(running.preset.id, running.instruction);
    return outcome;
  }

  /** The writer picked version `index` of two alternatives: it lands, and the pair is kept for learning. */
  async pick(index: 0 | 1): Promise<RewriteOutcome> {
    const running = this.current;
    if (running?.review.mode !== 'alternatives') return { status: 'noReview' };
    const outcome = await this.apply(running, running.review.versions[index]);
    if (outcome.status === 'applied') await this.recordPair(running, index);
    return outcome;
  }

  reject(): RewriteOutcome {
    if (!this.current) return { status: 'noReview' };
    void this.end();
    return { status: 'rejected' };
  }

  async tryAgain(): Promise<RewriteOutcome> {
    const running = this.current;
    const target = this.deps.target();
    if (!running || !target) return { status: 'noReview' };
    running.review.restart();
    running.cutShort = false;
    running.review.versions.forEach((_, i) => running.review.show(i, ''));
    return this.generate(running, target.host);
  }

  /** Where picks between alternatives are kept (JSON lines, local only). */
  get pairFile(): string {
    return this.pairs.file;
  }

  private job(editor: vscode.TextEditor, preset: RewritePreset, instruction: string, mode: 'single' | 'alternatives', model: string): RewriteJob {
    const shared = this.deps.shared;
    const document = editor.document;
    const preferences = readPreferences(setting);
    const template = mode === 'alternatives'
      ? { ...preset.template, temperature: Math.max(preset.template.temperature ?? DEFAULT_SETTINGS.temperature, ALTERNATIVES_TEMPERATURE) }
      : preset.template;
    return {
      template,
      subject: {
        text: document.getText(),
        start: document.offsetAt(editor.selection.start),
        end: document.offsetAt(editor.selection.end),
        docId: document.uri.scheme === 'file' ? document.uri.fsPath : document.uri.toString(), // as the index names it
        format: document.languageId,
        formatName: languageName(document.languageId),
      },
      instruction,
      preferences: { register: preferences.register, notes: preferences.notes, voice: this.deps.voice?.() },
      choices: this.deps.memory?.choiceExamples() ?? '',
      settings: {
        keepAlive: DEFAULT_SETTINGS.keepAlive,
        temperature: DEFAULT_SETTINGS.temperature,
        ...(shared ? { numCtx: (tokens: number, limit: number) => shared.contextSize(model, tokens, limit) } : {}),
      },
    };
  }

  /** Streams every version into the preview under a cancellable progress notification. */
  private async generate(running: Running, host: ModelHost): Promise<RewriteOutcome> {
    const { review } = running;
    const signal = review.signal;
    await setWriting(true);
    try {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Ownvoice: rewriting with "{0}"', running.preset.template.name), cancellable: true },
        async (progress, token) => {
          const cancel = token.onCancellationRequested(() => review.cancel());
          try {
            this.deps.shared?.readElsewhere(running.model);
            await this.writeVersions(running, host, signal, progress);
          } finally {
            cancel.dispose();
          }
        },
      );
      this.preview.flush();
      if (this.current !== running || review.signal !== signal) return { status: 'cancelled' };
      this.announceReady(review);
      if (running.cutShort) void this.offerToFinish(running);
      return { status: 'ready', versions: [...review.versions], cutShort: running.cutShort };
    } catch (error) {
      // "Try again" replaced this request with a new one: the review goes on.
      if (review.signal !== signal) return { status: 'cancelled' };
      return this.reportFailure(error, running);
    } finally {
      if (this.current === running && review.signal === signal) await setWriting(false);
    }
  }

  private async writeVersions(running: Running, host: ModelHost, signal: AbortSignal, progress: vscode.Progress<{ message?: string }>): Promise<void> {
    const { review } = running;
    for (let index = 0; index < review.versions.length; index++) {
      if (review.versions.length > 1) progress.report({ message: vscode.l10n.t('version {0} of 2', index + 1) });
      const settings = { ...running.job.settings, seed: randomSeed() };
      const memory = this.deps.memory;
      const services = { host, model: running.model, exemplars: this.deps.exemplars, log: this.deps.log, polish: memory && ((text: string) => memory.polish(text)) };
      await rewriteSelection({ ...running.job, settings }, services, signal, (text) => review.show(index, text), () => (running.cutShort = true));
    }
  }

  /**
   * Once the rewrite is ready, the progress notification is gone (no spinner, no Cancel left over) and a status bar
   * item says what to do next; it goes away by itself when the writer accepts, picks or rejects.
   */
  private announceReady(review: Review): void {
    this.closeAnnouncement?.(); // after Try Again, one item, not two
    if (this.current?.review !== review) return;
    const item = vscode.window.createStatusBarItem('ownvoice.rewriteReady', vscode.StatusBarAlignment.Left, 1000);
    item.name = vscode.l10n.t('Ownvoice Rewrite');
    if (review.mode === 'single') {
      item.text = `$(check) ${vscode.l10n.t('Rewrite ready: Accept (Ctrl+Alt+Enter) or Reject')}`;
      item.tooltip = vscode.l10n.t('Compare the rewrite with your text, then Accept, Try Again or Reject in the diff\'s title bar. Click to accept.');
      item.command = 'ownvoice.rewrite.accept';
    } else {
      item.text = `$(check) ${vscode.l10n.t('Two versions ready: pick one in the diff\'s title bar')}`;
      item.tooltip = vscode.l10n.t('Which one sounds like you? Use Version 1 or Version 2 in the diff\'s title bar, or Reject.');
    }
    item.backgroundColor = new vscode.ThemeColor('statusBarItem.prominentBackground');
    item.show();
    const close = () => {
      ended.dispose();
      item.dispose();
      if (this.closeAnnouncement === close) this.closeAnnouncement = undefined;
    };
    const ended = review.onDidEnd(close);
    this.closeAnnouncement = close;
  }

  /** A rewrite that stopped at its length budget says so, and offers more room or a paragraph at a time. */
  private async offerToFinish(running: Running): Promise<void> {
    const more = vscode.l10n.t('Continue');
    const parts = vscode.l10n.t('Rewrite in Parts');
    const paragraphs = running.review.anchor.original.split(/\n[ \t]*\n/).filter((p) => p.trim()).length;
    const offers = paragraphs > 1 && !running.job.inParts ? [more, parts] : [more];
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Ownvoice: the rewrite stopped at its length limit, so its end is missing. Continue with more room, or rewrite it a paragraph at a time?'),
      ...offers,
    );
    if (this.current !== running || !choice) return;
    running.job = choice === parts
      ? { ...running.job, inParts: true }
      : { ...running.job, settings: { ...running.job.settings, answerRoom: (running.job.settings.answerRoom ?? 1) * 2 } };
    await this.tryAgain();
  }

  /** Replaces the selected text as one undo step, unless the writer changed it meanwhile. */
  private async apply(running: Running, text: string): Promise<RewriteOutcome> {
    if (!text.trim()) return { status: 'refused', message: vscode.l10n.t('The rewrite is still being written.') };
    const document = running.review.document.isClosed ? await vscode.workspace.openTextDocument(running.review.document.uri) : running.review.document;
    const place = running.review.anchor.locate(document.getText());
    if (place.kind === 'changed') return this.refuseChanged(text);
    const range = new vscode.Range(document.positionAt(place.start), document.positionAt(place.end));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, range, text);
    if (!(await vscode.workspace.applyEdit(edit))) return { status: 'failed', message: vscode.l10n.t('VS Code did not apply the edit.') };
    // The diff closes first, so the writer's text reopens where it was and no second editor group is left behind.
    await this.end();
    const end = document.positionAt(place.start + text.length);
    await vscode.window.showTextDocument(document, { viewColumn: running.column, selection: new vscode.Range(range.start, end) });
    return { status: 'applied', text };
  }

  private async refuseChanged(text: string): Promise<RewriteOutcome> {
    const message = vscode.l10n.t('Ownvoice: the selected text changed while the rewrite was being written, so it was left as you wrote it. Select it again to rewrite the new version, or copy the rewrite.');
    void vscode.window.showWarningMessage(message, vscode.l10n.t('Copy Rewrite')).then((action) => {
      if (action) void vscode.env.clipboard.writeText(text);
    });
    this.deps.log.info('Rewrite refused: the selection changed under it.');
    return { status: 'refused', message };
  }

  private async recordPair(running: Running, index: 0 | 1): Promise<void> {
    const { review, job } = running;
    const [chosen, rejected] = [review.versions[index], review.versions[1 - index]];
    this.deps.memory?.chose({ presetId: running.preset.id, presetName: running.preset.template.name, instruction: running.instruction, chosen, rejected });
    try {
      await this.pairs.record({
        at: new Date().toISOString(),
        presetId: running.preset.id,
        instruction: running.instruction,
        model: running.model,
        format: job.subject.format,
        original: review.anchor.original,
        chosen: review.versions[index],
        rejected: review.versions[1 - index],
      });
    } catch (error) {
      this.deps.log.error(`Could not record the preference pair in ${this.pairs.file}: ${String(error)}`);
    }
  }

  /** Ends the review under way; resolves once its diff is closed. */
  private async end(): Promise<void> {
    const running = this.current;
    this.current = undefined;
    void setMode(undefined, false);
    if (!running) return;
    const closed = running.review.close();
    running.review.dispose();
    await closed;
  }

  private title(review: Review, preset: RewritePreset): string {
    const name = path.basename(review.document.uri.path);
    return review.mode === 'single' ? vscode.l10n.t('{0}: Original ↔ {1}', name, preset.template.name) : vscode.l10n.t('{0}: Version 1 ↔ Version 2 ({1})', name, preset.template.name);
  }

  private reportBrokenTemplate(uri: vscode.Uri, problems: string): RewriteOutcome {
    this.deps.log.warn(`Rewrite template not used:\n${problems}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Ownvoice: the template cannot be used; nothing was sent.\n{0}', problems), vscode.l10n.t('Open Template')).then((action) => {
      if (action) void vscode.window.showTextDocument(uri);
    });
    return { status: 'invalidTemplate', message: problems };
  }

  private reportNoModel(): RewriteOutcome {
    const message = vscode.l10n.t('Ownvoice: choose a model for rewrites first (setting "ownvoice.rewrite.model" or "ownvoice.model").');
    void vscode.window.showErrorMessage(message, vscode.l10n.t('Open Settings')).then((action) => {
      if (action) void vscode.commands.executeCommand('workbench.action.openSettings', 'ownvoice.model');
    });
    return { status: 'failed', message };
  }

  private reportFailure(error: unknown, running: Running): RewriteOutcome {
    const ours = this.current === running;
    if (ours) void this.end();
    if (error instanceof ModelError && error.problem.kind === 'aborted') {
      vscode.window.setStatusBarMessage(vscode.l10n.t('Ownvoice: rewrite cancelled'), 3000);
      return { status: 'cancelled' };
    }
    if (error instanceof RewriteRefusal) {
      this.deps.log.info(`Rewrite refused: ${error.message}`);
      void vscode.window.showWarningMessage(vscode.l10n.t('Ownvoice: {0}', error.message));
      return { status: 'refused', message: error.message };
    }
    const message = error instanceof ModelError ? guidance(error, running.model) : vscode.l10n.t('Ownvoice: the rewrite failed ({0}).', String(error));
    this.deps.log.error(`Rewrite failed: ${error instanceof ModelError ? describeProblem(error.problem) : String(error)}`);
    if (error instanceof ModelError) this.deps.onModelProblem?.(error);
    void offerHelp(message, error);
    return { status: 'failed', message };
  }

  dispose(): void {
    void this.end();
    this.closedTabs.dispose();
  }
}

/** What a writer reads when the model host is the problem: what happened and what to do about it. */
export function guidance(error: ModelError, model: string): string {
  const { problem } = error;
  switch (problem.kind) {
    case 'unreachable':
      return vscode.l10n.t('Ownvoice: {0} Start Ollama (the Ollama app, or "ollama serve" in a terminal), then try again.', describeProblem(problem));
    case 'modelMissing':
      return vscode.l10n.t('Ownvoice: the model "{0}" is not in Ollama. Pull it with "ollama pull {0}" or from the Ownvoice sidebar, or choose another model.', model);
    default:
      return vscode.l10n.t('Ownvoice: {0}', describeProblem(problem));
  }
}

async function offerHelp(message: string, error: unknown): Promise<void> {
  const kind = error instanceof ModelError ? error.problem.kind : undefined;
  const [check, log, sidebar] = [vscode.l10n.t('Check Connection'), vscode.l10n.t('Show Log'), vscode.l10n.t('Open Ownvoice Sidebar')];
  const actions = kind === 'unreachable' ? [check, log] : kind === 'modelMissing' ? [sidebar, log] : [log];
  const action = await vscode.window.showErrorMessage(message, ...actions);
  const commands = new Map([[check, 'ownvoice.checkConnection'], [log, 'ownvoice.showLog'], [sidebar, 'ownvoice.sidebar.focus']]);
  if (action) await vscode.commands.executeCommand(commands.get(action)!);
}

function setting(name: string): unknown {
  return vscode.workspace.getConfiguration('ownvoice').get(name);
}

/** Context keys the manifest's menus use: which review buttons to show, and whether the rewrite is still streaming. */
async function setMode(mode: 'single' | 'alternatives' | undefined, writing: boolean): Promise<void> {
  await vscode.commands.executeCommand('setContext', 'ownvoice.rewrite.mode', mode ?? '');
  await setWriting(writing);
}

async function setWriting(writing: boolean): Promise<void> {
  await vscode.commands.executeCommand('setContext', 'ownvoice.rewrite.writing', writing);
}

function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}
