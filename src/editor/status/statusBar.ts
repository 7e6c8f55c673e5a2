import * as vscode from 'vscode';
import type { HostStatus } from '../../core/model/hostMonitor';
import { describeHostStatus } from '../../shared/sidebarProtocol';

const ICONS: Record<HostStatus['state'], string> = {
  checking: '$(loading~spin)',
  ready: '$(pencil)',
  modelMissing: '$(cloud-download)',
  unreachable: '$(debug-disconnect)',
};

const SHORT: Record<HostStatus['state'], string> = {
  checking: 'checking Ollama',
  ready: 'ready',
  modelMissing: 'model missing',
  unreachable: 'Ollama unreachable',
};

/** The status bar item: one glance tells whether suggestions can come. Clicking it checks again. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('ownvoice.status', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'Ownvoice';
    this.item.command = 'ownvoice.checkConnection';
    this.item.show();
  }

  show(status: HostStatus): void {
    const problem = status.state === 'unreachable' || status.state === 'modelMissing';
    this.item.text = problem ? `${ICONS[status.state]} Ownvoice: ${SHORT[status.state]}` : `${ICONS[status.state]} Ownvoice`;
    const sentence = describeHostStatus(status);
    this.item.tooltip = new vscode.MarkdownString(`**Ownvoice** — ${sentence}\n\nClick to check again.`);
    this.item.accessibilityInformation = { label: `Ownvoice: ${SHORT[status.state]}. ${sentence}` };
    this.item.backgroundColor = problem ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
