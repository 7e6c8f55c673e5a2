import * as vscode from 'vscode';
import type { Log } from '../../core/common/log';
import { invalidHostReason } from '../../core/model/hostAddress';
import { ModelHost } from '../../core/model/modelHost';

export const DEFAULT_HOST = 'http://127.0.0.1:11434';

/** The model host and model the settings name. */
export interface ModelTarget {
  readonly host: ModelHost;
  readonly model: string;
}

/** Settings whose change means talking to a different model or host. */
export function affectsModelTarget(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration('ownvoice.ollama.host') || event.affectsConfiguration('ownvoice.model');
}

/** Reads host and model from the settings; an invalid host falls back to the default, with a reason shown once. */
export function readModelTarget(log: Log): ModelTarget {
  const section = vscode.workspace.getConfiguration('ownvoice');
  const host = section.get<string>('ollama.host', DEFAULT_HOST).trim() || DEFAULT_HOST;
  const reason = invalidHostReason(host);
  if (reason) {
    log.error(`Setting ownvoice.ollama.host: ${reason}; using ${DEFAULT_HOST} instead.`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Ownvoice: the setting "ownvoice.ollama.host" is invalid ({0}); using {1}.', reason, DEFAULT_HOST));
  }
  return { host: new ModelHost(reason ? DEFAULT_HOST : host), model: section.get<string>('model', '').trim() };
}
