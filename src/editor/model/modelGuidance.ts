import * as vscode from 'vscode';
import type { HostStatus } from '../../core/model/hostMonitor';
import type { ModelHost } from '../../core/model/modelHost';
import { describeProblem, classifyError } from '../../core/model/errors';
import type { Log } from '../../core/common/log';
import { abortSignalOf } from '../cancellation';

export const START_OLLAMA_HELP = [
  'Ownvoice asks a local Ollama server for suggestions, and none answers at the configured address.',
  '',
  '• Install Ollama from ollama.com, then start it: open the Ollama app, or run "ollama serve" in a terminal.',
  '• Pull a model, for example: ollama pull llama3.2:3b',
  '• If Ollama runs on another address, set "ownvoice.ollama.host".',
  '',
  'Suggestions resume by themselves as soon as Ollama answers.',
].join('\n');

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
      void vscode.window
        .showWarningMessage(`Ownvoice cannot reach Ollama at ${status.host}. Suggestions resume by themselves when it answers.`, 'How to Start Ollama', 'Change Host')
        .then((choice) => this.follow(choice));
    }
    if (status.state === 'modelMissing' && status.model && !this.offeredPull.has(status.model)) {
      this.offeredPull.add(status.model);
      void vscode.window
        .showInformationMessage(`Ollama does not have the model "${status.model}" yet.`, `Pull ${status.model}`, 'Choose Another Model')
        .then((choice) => (choice === `Pull ${status.model}` ? this.pull(status.model) : this.follow(choice)));
    }
  }

  showHowToStart(): void {
    void vscode.window.showInformationMessage('How to start Ollama', { modal: true, detail: START_OLLAMA_HELP });
  }

  /** Streams `ollama pull` progress into a cancellable notification. */
  async pull(model: string): Promise<void> {
    const host = this.host();
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Pulling ${model}`, cancellable: true },
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
          void vscode.window.showInformationMessage(`Ownvoice: ${model} is ready.`);
        } catch (error) {
          const problem = classifyError(error, { host: host.host, model });
          if (problem.kind === 'aborted') return;
          this.log.error(`Pull of ${model} failed: ${describeProblem(problem)}`);
          void vscode.window.showErrorMessage(`Ownvoice could not pull ${model}: ${describeProblem(problem)}`);
        }
      },
    );
  }

  private follow(choice: string | undefined): void {
    if (choice === 'How to Start Ollama') this.showHowToStart();
    if (choice === 'Change Host') void vscode.commands.executeCommand('workbench.action.openSettings', 'ownvoice.ollama.host');
    if (choice === 'Choose Another Model') void vscode.commands.executeCommand('workbench.view.extension.ownvoice');
  }
}
