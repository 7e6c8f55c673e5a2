import * as vscode from 'vscode';
import type { HostStatus } from '../../core/model/hostMonitor';
import type { ModelHost } from '../../core/model/modelHost';
import { isToyModel } from '../../core/model/modelSize';
import { OLLAMA_DOWNLOAD } from '../model/modelGuidance';

/** The walkthrough as VS Code names it: `publisher.name#id`. */
export const WALKTHROUGH_ID = 'ownvoice.ownvoice#ownvoice.firstSteps';
const SHOWN_KEY = 'ownvoice.walkthroughShown';

/** Context keys the walkthrough's steps complete on (see contributes.walkthroughs), with the step each completes. */
const KEYS = {
  hostAnswers: { key: 'ownvoice.hostAnswers', step: 'ollama' },
  modelReady: { key: 'ownvoice.modelReady', step: 'model' },
  hasWriting: { key: 'ownvoice.hasWriting', step: 'writing' },
  sawSuggestion: { key: 'ownvoice.sawSuggestion', step: 'suggestion' },
} as const;
type Fact = (typeof KEYS)[keyof typeof KEYS];

/**
 * A newcomer's first steps: the walkthrough opens on the first start, its steps tick themselves off as Ollama
 * answers, a model is there, writing is indexed and a suggestion is seen; a toy-sized model is named as one, once.
 */
export class FirstRun implements vscode.Disposable {
  private readonly toldToy = new Set<string>();
  private readonly ticked = new Set<string>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly context: vscode.ExtensionContext, private readonly host: () => ModelHost) {
    this.disposables = [vscode.commands.registerCommand('ownvoice.openWalkthrough', () => openWalkthrough())];
    void this.openOnFirstStart();
  }

  /** Host status: ticks the first two steps, and names a toy model once per model and session. */
  notice(status: HostStatus): void {
    this.tell(KEYS.hostAnswers, status.state === 'ready' || status.state === 'modelMissing');
    this.tell(KEYS.modelReady, status.state === 'ready');
    if (status.state === 'ready' && !this.toldToy.has(status.model)) void this.nameToy(status.model);
  }

  noticeWriting(documents: number): void {
    this.tell(KEYS.hasWriting, documents > 0);
  }

  noticeSuggestion(): void {
    this.tell(KEYS.sawSuggestion, true);
  }

  /**
   * Sets the step's context key and, the first time it holds, ticks the step off itself: VS Code 1.100's
   * walkthroughs service is created lazily and registers a walkthrough only after waiting (up to 5 s) for
   * experiments, and an `onContext` event whose key is already true at that moment is recorded as seen without
   * completing its step, so a host that answered before First Steps opened would never tick "Install or start Ollama".
   */
  private tell(fact: Fact, holds: boolean): void {
    void vscode.commands.executeCommand('setContext', fact.key, holds);
    if (!holds || this.ticked.has(fact.step)) return;
    this.ticked.add(fact.step);
    // Before the walkthrough registers, the command stores the tick and then fails to find the step: the tick stands.
    void Promise.resolve(vscode.commands.executeCommand('welcome.markStepComplete', `${WALKTHROUGH_ID}#${fact.step}`)).catch(() => undefined);
  }

  private async openOnFirstStart(): Promise<void> {
    const wanted = vscode.workspace.getConfiguration('ownvoice').get<boolean>('walkthrough.openAtFirstStart', true);
    if (!wanted || this.context.globalState.get<boolean>(SHOWN_KEY)) return;
    await this.context.globalState.update(SHOWN_KEY, true);
    await openWalkthrough();
  }

  private async nameToy(model: string): Promise<void> {
    this.toldToy.add(model);
    let size: string | undefined;
    try {
      size = (await this.host().show(model)).parameterSize;
    } catch {
      return; // the status bar already tells what is wrong with the host
    }
    if (!isToyModel(size)) return;
    const getOllama = vscode.l10n.t('Get Ollama');
    const steps = vscode.l10n.t('Open First Steps');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t(
        'The model "{0}" is a toy ({1} parameters): it shows how Ownvoice works, not how you write. A model this small writes little more than simple children\'s stories. For real suggestions in your voice, install Ollama and pull a model such as llama3.2:3b.',
        model,
        size ?? '',
      ),
      getOllama,
      steps,
    );
    if (choice === getOllama) void vscode.env.openExternal(vscode.Uri.parse(OLLAMA_DOWNLOAD));
    if (choice === steps) void openWalkthrough();
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}

function openWalkthrough(): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false);
}
