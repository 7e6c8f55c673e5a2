import * as vscode from 'vscode';
import type { HostStatus } from '../../core/model/hostMonitor';
import type { ModelHost } from '../../core/model/modelHost';
import { describeProblem, classifyError } from '../../core/model/errors';
import type { Log } from '../../core/common/log';
import { abortSignalOf } from '../cancellation';

/** Where a writer gets Ollama. */
export const OLLAMA_DOWNLOAD = 'https://ollama.com/download';

/**
 * Tells the writer what to do when the model host fails: at most one notification per session for a missing
 * Ollama, one offer to pull a missing model; the status bar keeps the state visible in between.
 */
export class ModelGuidance {
  private toldUnreachable = false;
  private readonly offeredPull = new Set<string>();

  constructor(private readonly host: () => ModelHost, private readonly log: Log, private readonly onPulled: () => void) {}

  notice(status: HostStatus): void {
    if (status.state === 'unreachable' && !this.toldUnreachable) {
      this.toldUnreachable = true;
      const howTo = vscode.l10n.t('How to Start Ollama');
      const changeHost = vscode.l10n.t('Change Host');
      void vscode.window
        .showWarningMessage(vscode.l10n.t('Ownvoice cannot reach Ollama at {0}. Suggestions resume by themselves when it answers.', status.host), howTo, changeHost)
        .then((choice) => (choice === howTo ? this.showHowToStart() : choice === changeHost ? openHostSetting() : undefined));
    }
    if (status.state === 'modelMissing' && status.model && !this.offeredPull.has(status.model)) {
      this.offeredPull.add(status.model);
      const model = status.model;
      const pull = vscode.l10n.t('Pull {0}', model);
      const another = vscode.l10n.t('Choose Another Model');
      void vscode.window
        .showInformationMessage(vscode.l10n.t('Ollama does not have the model "{0}" yet.', model), pull, another)
        .then((choice) => (choice === pull ? this.pull(model) : choice === another ? vscode.commands.executeCommand('workbench.view.extension.ownvoice') : undefined));
    }
  }

  /** The help, with a link that opens and the buttons that act on it; the walkthrough has the same steps. */
  showHowToStart(): void {
    const install = vscode.l10n.t('Get Ollama');
    const settings = vscode.l10n.t('Open Settings');
    const again = vscode.l10n.t('Check Again');
    const message = vscode.l10n.t(
      'Ownvoice asks a local Ollama server for suggestions. Install it from [ollama.com]({0}), start it (open the Ollama app, or run "ollama serve"), then pull a model, e.g. "ollama pull llama3.2:3b". If Ollama runs on another address, set it in the settings.',
      OLLAMA_DOWNLOAD,
    );
    void vscode.window.showInformationMessage(message, install, settings, again).then((choice) => {
      if (choice === install) void vscode.env.openExternal(vscode.Uri.parse(OLLAMA_DOWNLOAD));
      if (choice === settings) openHostSetting();
      if (choice === again) void vscode.commands.executeCommand('ownvoice.checkConnection');
    });
  }

  /** Streams `ollama pull` progress into a cancellable notification. */
  async pull(model: string): Promise<void> {
    const host = this.host();
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Pulling {0}', model), cancellable: true },
      async (progress, token) => {
        const signal = abortSignalOf(token);
        let lastPercent = 0;
        try {
          for await (const step of host.pull(model, signal)) {
            const percent = step.total ? Math.floor(((step.completed ?? 0) / step.total) * 100) : lastPercent;
            progress.report({ message: step.total ? `${step.status} ${percent}%` : step.status, increment: Math.max(percent - lastPercent, 0) });
            lastPercent = percent;
          }
          this.log.info(`Pulled ${model}`);
          this.onPulled();
          void vscode.window.showInformationMessage(vscode.l10n.t('Ownvoice: {0} is ready.', model));
        } catch (error) {
          const problem = classifyError(error, { host: host.host, model });
          if (problem.kind === 'aborted') return;
          this.log.error(`Pull of ${model} failed: ${describeProblem(problem)}`);
          void vscode.window.showErrorMessage(vscode.l10n.t('Ownvoice could not pull {0}: {1}', model, describeProblem(problem)));
        }
      },
    );
  }
}

function openHostSetting(): void {
  void vscode.commands.executeCommand('workbench.action.openSettings', 'ownvoice.ollama.host');
}
