import * as vscode from 'vscode';

/** Typed reads of Ownvoice's settings; the only place that knows their keys. */
export class Config {
  private get section(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration('ownvoice');
  }

  get host(): string {
    return this.section.get<string>('ollama.host', 'http://127.0.0.1:11434').trim() || 'http://127.0.0.1:11434';
  }

  get model(): string {
    return this.section.get<string>('model', '').trim();
  }

  /** Settings whose change means talking to a different model or host. */
  static affectsModel(event: vscode.ConfigurationChangeEvent): boolean {
    return event.affectsConfiguration('ownvoice.ollama.host') || event.affectsConfiguration('ownvoice.model');
  }
}
