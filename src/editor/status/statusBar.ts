import * as vscode from 'vscode';
import { languageName } from '../../core/completion';
import type { EngineActivity } from '../../core/completion/engine';
import type { HostStatus } from '../../core/model/hostMonitor';
import { describeHostStatus } from '../../shared/sidebarProtocol';

export const STATUS_MENU_COMMAND = 'ownvoice.statusMenu';

/** Everything the status bar item reflects. */
export interface StatusView {
  readonly host: HostStatus;
  readonly activity: EngineActivity;
  /** Suggestions turned on, and on for the active editor's language. */
  readonly enabled: boolean;
  readonly language?: string;
}

const ICONS: Record<HostStatus['state'], string> = {
  checking: '$(loading~spin)',
  ready: '$(pencil)',
  modelMissing: '$(cloud-download)',
  unreachable: '$(debug-disconnect)',
};

const SHORT: Record<HostStatus['state'], string> = {
  checking: vscode.l10n.t('checking Ollama'),
  ready: vscode.l10n.t('ready'),
  modelMissing: vscode.l10n.t('model missing'),
  unreachable: vscode.l10n.t('Ollama unreachable'),
};

/** The status bar item: one glance tells whether suggestions can come; a click opens Ownvoice's quick menu. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('ownvoice.status', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'Ownvoice';
    this.item.command = STATUS_MENU_COMMAND;
    this.item.show();
  }

  show(view: StatusView): void {
    const { host, activity } = view;
    const problem = host.state === 'unreachable' || host.state === 'modelMissing';
    const sentence = describeHostStatus(host);
    let short = SHORT[host.state];
    let icon = ICONS[host.state];
    if (!problem && activity.state === 'loading') [icon, short] = ['$(loading~spin)', vscode.l10n.t('loading {0}', activity.model)];
    else if (!problem && !view.enabled) [icon, short] = ['$(circle-slash)', view.language ? vscode.l10n.t('off for {0}', languageName(view.language)) : vscode.l10n.t('suggestions off')];
    const showWords = problem || short !== SHORT.ready;
    this.item.text = showWords ? `${icon} Ownvoice: ${short}` : `${icon} Ownvoice`;
    this.item.tooltip = new vscode.MarkdownString(vscode.l10n.t('**Ownvoice** — {0}\n\nClick for options.', sentence));
    this.item.accessibilityInformation = { label: `Ownvoice: ${short}. ${sentence}` };
    this.item.backgroundColor = problem ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
