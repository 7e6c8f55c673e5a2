import * as vscode from 'vscode';
import type { Log } from '../../core/common/log';
import type { ScorerWeights } from '../../core/exemplars/scorer';
import { loadSavedWeights, saveWeights } from '../../core/exemplars/weightsFile';
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
      void vscode.window.showInformationMessage('Ownvoice: there is no writing in the index yet to calibrate on. Add a folder of your writing first.');
      return undefined;
    }
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Ownvoice: calibrating to your writing', cancellable: true },
      async (progress, token) => {
        try {
          const weights = await index.calibrate({
            signal: abortSignalOf(token),
            onProgress: (p) => progress.report({ message: `${p.done} of ${p.total} passages of yours measured` }),
          });
          await saveWeights(this.file.fsPath, weights);
          this.log.info(`Exemplar scorer ${weights.origin}; saved to ${this.file.fsPath}`);
          void vscode.window.showInformationMessage(`Ownvoice is calibrated to your writing (${weights.origin}).`);
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
    const saved = await loadSavedWeights(this.file.fsPath);
    if ('weights' in saved) await index.useWeights(saved.weights);
    else if (saved.problem !== 'never-calibrated') this.log.warn(`Ignored saved exemplar weights (${saved.detail}); using the shipped defaults.`);
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
