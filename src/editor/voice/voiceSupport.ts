import * as vscode from 'vscode';
import type { Log } from '../../core/common/log';
import type { ModelHost } from '../../core/model/modelHost';
import type { SharedModel } from '../../core/model/sharedModel';
import { describeVoice, formOf, voiceInstruction, VoiceStore, type PromptVoice, type VoiceProfile } from '../../core/voice';
import type { VoiceView } from '../../shared/sidebarProtocol';
import type { IndexSupport } from '../index/indexSupport';

/** After the index changes, the profile is measured again once the changes have settled for this long. */
const MEASURE_AFTER_MS = 15_000;

/** The host and model a description in words is asked of: the writer's own, nowhere else. */
export interface DescribeTarget {
  readonly host: ModelHost;
  readonly model: string;
  /** Completions' num_ctx for the model, told that the description replaces what the model held. */
  readonly shared?: SharedModel;
}

export function learningEnabled(): boolean {
  return vscode.workspace.getConfiguration('ownvoice').get<boolean>('learning.enabled', true) !== false;
}

/**
 * The writer's voice profile in the editor: the file in the extension's storage, measured again after the index
 * changes (unless learning is off), read again when the writer saves it, and handed to prompts as PromptVoice.
 */
export class VoiceSupport implements vscode.Disposable {
  private readonly store: VoiceStore;
  private prompt: PromptVoice | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The index as it was when last measured (passages and last update), so an unchanged index is not measured again. */
  private measuredIndex = '';
  private sample: readonly string[] = [];
  private describing = false;

  constructor(storage: vscode.Uri, private readonly writing: IndexSupport, private readonly log: Log, private readonly target: () => DescribeTarget | undefined) {
    this.store = new VoiceStore(storage.fsPath, log);
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(storage, 'voice.md'));
    this.disposables.push(
      this.changed,
      watcher,
      watcher.onDidChange(() => void this.reload()),
      watcher.onDidCreate(() => void this.reload()),
      // The watcher may not see the extension's storage folder everywhere; a save in the editor always counts.
      vscode.workspace.onDidSaveTextDocument((document) => document.uri.fsPath === this.store.file && void this.reload()),
      writing.onDidChange(() => this.measureSoon()),
      vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('ownvoice.learning') && this.changed.fire()),
    );
  }

  /** Reads the saved profile, then measures once the index is open. */
  async start(): Promise<void> {
    await this.reload();
    const index = await this.writing.start();
    if (index) this.measureSoon(0);
  }

  /** What every prompt and suggestion gets; undefined before the profile is read. */
  current(): PromptVoice | undefined {
    return this.prompt;
  }

  view(): VoiceView {
    const profile = this.store.profile;
    return {
      habits: profile.habits.map((h) => ({ key: h.key, label: h.label, value: h.value, evidence: h.evidence, on: h.on })),
      ownWords: profile.ownWords,
      passages: profile.basis.passages,
      words: profile.basis.words,
      learning: learningEnabled(),
      problem: this.store.problem,
      describing: this.describing,
    };
  }

  /** `Ownvoice: Edit My Voice`: opens the profile file. */
  async edit(): Promise<void> {
    await this.reload(); // a file broken by hand is set aside now, so the writer opens a readable one
    const file = await this.guard(() => this.store.ensureFile());
    if (file) await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });
  }

  async setHabit(key: string, on: boolean): Promise<void> {
    await this.guard(() => this.store.setHabit(key, on));
    this.use(this.store.profile);
  }

  async removeHabit(key: string): Promise<void> {
    await this.guard(() => this.store.removeHabit(key));
    this.use(this.store.profile);
  }

  /** Measures the profile in the index now (the sidebar's "Measure again"), unless learning is off. */
  async measure(): Promise<void> {
    clearTimeout(this.timer);
    if (!learningEnabled()) return;
    const index = this.writing.current;
    if (!index || index.size === 0) return;
    const measured = await this.guard(() => index.measureVoice());
    if (!measured) return;
    this.measuredIndex = this.indexKey();
    this.sample = measured.sample;
    await this.guard(() => this.store.measured(measured.profile));
    this.log.info(`Voice: measured ${measured.profile.habits.length} habits in ${measured.profile.basis.passages} passages.`);
    this.use(this.store.profile);
  }

  /** A few sentences about the writer's voice, written by their own model from a sample of their passages. */
  async describe(): Promise<void> {
    const target = this.target();
    if (!target?.model) return void vscode.window.showWarningMessage(vscode.l10n.t('Choose a model first: Ownvoice asks your own model to describe your voice.'));
    if (!this.sample.length) await this.measure();
    if (!this.sample.length) return void vscode.window.showInformationMessage(vscode.l10n.t('Ownvoice needs some of your indexed writing to describe your voice.'));
    this.describing = true;
    this.changed.fire();
    try {
      const description = await describeVoice(target.host, target.model, this.sample, undefined, target.shared);
      if (description) await this.guard(() => this.store.addOwnWords(description));
      // An answer that was all preamble or refusal leaves nothing to add: say so rather than seem to do nothing.
      else void vscode.window.showInformationMessage(vscode.l10n.t('Your model gave no usable description of your voice this time. Try again, or choose a larger model.'));
    } catch (error) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Your model could not describe your voice: {0}', error instanceof Error ? error.message : String(error)));
    } finally {
      this.describing = false;
      this.use(this.store.profile);
    }
  }

  /** Part of "Clear Everything Ownvoice Stored". */
  async clear(): Promise<void> {
    await this.store.clear();
    this.measuredIndex = '';
    this.sample = [];
    this.use(this.store.profile);
  }

  private async reload(): Promise<void> {
    const problemBefore = this.store.problem;
    await this.guard(() => this.store.load());
    if (this.store.problem && this.store.problem !== problemBefore) void vscode.window.showWarningMessage(this.store.problem);
    this.use(this.store.profile);
  }

  private measureSoon(delay = MEASURE_AFTER_MS): void {
    if (!learningEnabled() || this.indexKey() === this.measuredIndex) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.measure(), delay);
  }

  private indexKey(): string {
    return `${this.writing.current?.size ?? 0}:${this.writing.summary()?.lastUpdated ?? 0}`;
  }

  private use(profile: VoiceProfile): void {
    this.prompt = { instruction: voiceInstruction(profile), form: formOf(profile) };
    this.changed.fire();
  }

  /** Any failure with the file or the worker is logged and shown once; the profile in use stays as it was. */
  private async guard<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch (error) {
      this.log.warn(`Voice: ${error instanceof Error ? error.message : String(error)}`);
      void vscode.window.showWarningMessage(vscode.l10n.t('Ownvoice could not update your voice profile: {0}', error instanceof Error ? error.message : String(error)));
      return undefined;
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.disposables.splice(0).forEach((d) => d.dispose());
  }
}
