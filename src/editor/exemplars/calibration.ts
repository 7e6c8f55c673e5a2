import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import type { Log } from '../../core/common/log';
import type { CalibrationShortfall } from '../../core/exemplars/calibrate';
import { parseWeights, serializeWeights, type ScorerWeights } from '../../core/exemplars/scorer';
import type { WritingIndex } from '../../core/index/writingIndex';
import { abortSignalOf } from '../cancellation';
import type { IndexSupport } from '../index/indexSupport';

/**
 * "Calibrate to My Writing": fits the exemplar scorer to the writer's own documents in the index's worker, keeps the
 * weights in the extension's global storage (they describe the writer, not a workspace) and uses them from then on.
 */
export class Calibration implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly storage: vscode.Uri, private readonly writing: IndexSupport, private readonly log: Log) {
    this.disposables = [
      writing.onDidOpen((index) => void this.applySaved(index)),
      vscode.commands.registerCommand('ownvoice.calibrate', () => this.run()),
    ];
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
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Ownvoice: calibrating to your writing'), cancellable: true },
      async (progress, token) => {
        try {
          const { shortfall, ...weights } = await index.calibrate({
            signal: abortSignalOf(token),
            onProgress: (p) => progress.report({ message: vscode.l10n.t('{0} of {1} documents of yours measured', p.done, p.total) }),
          });
          if (shortfall) {
            this.log.info(`Calibration kept the current weights: ${shortfall.usable} of ${shortfall.documents} documents long enough, ${shortfall.needed} needed.`);
            const calibratedBefore = await fs.access(this.file.fsPath).then(() => true, () => false);
            void vscode.window.showInformationMessage(tooLittleWriting(shortfall, calibratedBefore));
            return undefined;
          }
          await fs.mkdir(this.storage.fsPath, { recursive: true });
          await fs.writeFile(this.file.fsPath, serializeWeights(weights));
          this.log.info(`Exemplar scorer ${weights.origin}; saved to ${this.file.fsPath}`);
          void vscode.window.showInformationMessage(vscode.l10n.t('Ownvoice is calibrated to your writing: it now chooses passages the way your own documents showed it should.'));
          return weights;
        } catch (error) {
          if ((error as Error).name !== 'AbortError') this.log.error(`Calibration failed: ${String(error)}`);
          return undefined;
        }
      },
    );
  }

  /** Weights from an earlier calibration; a damaged file is logged and the shipped defaults stay. */
  private async applySaved(index: WritingIndex): Promise<void> {
    let text: string;
    try {
      text = await fs.readFile(this.file.fsPath, 'utf8');
    } catch {
      return; // never calibrated
    }
    try {
      await index.useWeights(parseWeights(JSON.parse(text)));
    } catch (error) {
      this.log.warn(`Ignored saved exemplar weights (${String(error)}); using the shipped defaults.`);
    }
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}

/** What happened, in the writer's words: how much writing there is, how much is needed, and that nothing changed. */
function tooLittleWriting(shortfall: CalibrationShortfall, calibratedBefore: boolean): string {
  const { passages, documents, usable, needed } = shortfall;
  return calibratedBefore
    ? vscode.l10n.t('Too little writing yet to calibrate again: {0} passages in {1} documents, {2} of them long enough to learn from; at least {3} are needed. Ownvoice keeps the calibration it made before.', passages, documents, usable, needed)
    : vscode.l10n.t('Too little writing yet to calibrate: {0} passages in {1} documents, {2} of them long enough to learn from; at least {3} are needed. Ownvoice goes on using its default choice of passages.', passages, documents, usable, needed);
}
