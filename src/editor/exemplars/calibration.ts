import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import type { Log } from '../../core/common/log';
import type { Calibrated, CalibrationShortfall } from '../../core/exemplars/calibrate';
import type { ScorerWeights } from '../../core/exemplars/scorer';
import { loadSavedWeights, saveWeights } from '../../core/exemplars/weightsFile';
import type { WritingIndex } from '../../core/index/writingIndex';
import { abortSignalOf } from '../cancellation';
import type { IndexSupport } from '../index/indexSupport';

/** What calibrating by itself needs: the count of reactions so far, where the last run's count is kept, and the setting. */
export interface AutoCalibration {
  readonly reactions: () => number;
  readonly memento: vscode.Memento;
  readonly enabled: () => boolean;
}

/** Enough of the writer's own passages that calibration has something to learn from. */
const AUTO_MIN_PASSAGES = 300;
/** New accepted and rejected suggestions after which calibration runs again. */
const AUTO_NEW_REACTIONS = 50;
const AUTO_KEY = 'ownvoice.calibration.reactionsAtLastRun';

/**
 * "Calibrate to My Writing": fits the exemplar scorer to the writer's own documents in the index's worker, keeps the
 * weights in the extension's global storage (they describe the writer, not a workspace) and uses them from then on.
 */
export class Calibration implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[];
  private running: Promise<ScorerWeights | undefined> | undefined;

  /**
   * `reactions` counts the writer's accepted and rejected suggestions so far; with it, calibration also runs by itself
   * (in the worker, quietly) once the index holds enough passages, and again after enough new reactions.
   */
  constructor(private readonly storage: vscode.Uri, private readonly writing: IndexSupport, private readonly log: Log, private readonly auto?: AutoCalibration) {
    this.disposables = [
      writing.onDidOpen((index) => void this.applySaved(index).then(() => this.maybeRunByItself())),
      writing.onDidChange(() => this.maybeRunByItself()),
      vscode.commands.registerCommand('ownvoice.calibrate', () => this.run()),
    ];
  }

  /** Runs unless one is under way; after the first, only when enough new reactions came in. Never asks or notifies. */
  maybeRunByItself(): void {
    const auto = this.auto;
    const index = this.writing.current;
    if (!auto || this.running || !index || index.size < AUTO_MIN_PASSAGES || !auto.enabled()) return;
    const last = auto.memento.get<number>(AUTO_KEY);
    if (last !== undefined && auto.reactions() - last < AUTO_NEW_REACTIONS) return;
    const reactions = auto.reactions();
    this.running = this.calibrate(index, {}, 'by itself').finally(() => (this.running = undefined));
    void this.running.then((weights) => weights && auto.memento.update(AUTO_KEY, reactions));
  }

  get file(): vscode.Uri {
    return vscode.Uri.joinPath(this.storage, 'exemplar-weights.json');
  }

  /** Runs with a cancellable notification; resolves to the new weights, or undefined when cancelled or failed. */
  async run(): Promise<ScorerWeights | undefined> {
    const index = await this.writing.start();
    if (!index || index.size === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Ownvoice: there is no writing in the index yet to calibrate on. Add a folder of your writing first.'));
      return undefined;
    }
    await this.running; // one calibration at a time: a run by itself finishes first
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Ownvoice: calibrating to your writing'), cancellable: true },
      async (progress, token) => {
        const calibrated = await this.calibrate(index, {
          signal: abortSignalOf(token),
          onProgress: (p) => progress.report({ message: vscode.l10n.t('{0} of {1} documents of yours measured', p.done, p.total) }),
        }, 'on request');
        if (!calibrated) return undefined;
        const { shortfall, kept, ...weights } = calibrated;
        if (shortfall) {
          const calibratedBefore = await fs.access(this.file.fsPath).then(() => true, () => false);
          void vscode.window.showInformationMessage(tooLittleWriting(shortfall, calibratedBefore));
          return undefined;
        }
        void vscode.window.showInformationMessage(
          kept
            ? vscode.l10n.t('Ownvoice checked how it chooses passages against your own documents: no other way did clearly better, so it keeps the one it has.')
            : vscode.l10n.t('Ownvoice is calibrated to your writing: it now chooses passages the way your own documents showed it should.'),
        );
        return weights;
      },
    );
  }

  /** Calibrates in the worker and saves weights that changed; undefined when cancelled or failed. */
  private async calibrate(index: WritingIndex, options: Parameters<WritingIndex['calibrate']>[0], why: string): Promise<Calibrated | undefined> {
    try {
      const calibrated = await index.calibrate(options);
      const { shortfall, kept, ...weights } = calibrated;
      if (shortfall) {
        this.log.info(`Calibration (${why}) kept the current weights: ${shortfall.usable} of ${shortfall.documents} documents long enough, ${shortfall.needed} needed.`);
        return calibrated;
      }
      if (kept) {
        this.log.info(`Calibration (${why}): ${weights.origin}`);
        return calibrated;
      }
      await saveWeights(this.file.fsPath, weights);
      this.log.info(`Exemplar scorer ${weights.origin} (${why}); saved to ${this.file.fsPath}`);
      return calibrated;
    } catch (error) {
      if ((error as Error).name !== 'AbortError') this.log.error(`Calibration failed: ${String(error)}`);
      return undefined;
    }
  }

  /** Weights from an earlier calibration; a damaged file is logged and the shipped defaults stay. */
  private async applySaved(index: WritingIndex): Promise<void> {
    const saved = await loadSavedWeights(this.file.fsPath);
    if ('weights' in saved) await index.useWeights(saved.weights);
    else if (saved.problem !== 'never-calibrated') this.log.warn(`Ignored saved exemplar weights (${saved.detail}); using the shipped defaults.`);
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}

/** What happened, in the writer's words: how much writing there is, how much is needed, and that nothing changed. */
function tooLittleWriting(shortfall: CalibrationShortfall, calibratedBefore: boolean): string {
  const { passages, documents, usable, needed } = shortfall;
  // What happened first, so a notification cut to one line still says it; the counts in singular where they are one.
  const writing = vscode.l10n.t(
    '{0} in {1}, {2} long enough to learn from; at least {3} are needed',
    passages === 1 ? vscode.l10n.t('1 passage') : vscode.l10n.t('{0} passages', passages),
    documents === 1 ? vscode.l10n.t('1 document') : vscode.l10n.t('{0} documents', documents),
    usable === 0 ? vscode.l10n.t('none') : usable,
    needed,
  );
  return calibratedBefore
    ? vscode.l10n.t('Not calibrated again: too little writing yet ({0}). Ownvoice keeps the calibration it made before.', writing)
    : vscode.l10n.t('Not calibrated: too little writing yet ({0}). Ownvoice goes on using its default choice of passages.', writing);
}
