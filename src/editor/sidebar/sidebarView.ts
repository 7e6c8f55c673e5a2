import * as vscode from 'vscode';
import type { Log } from '../../core/common/log';
import type { HostStatus } from '../../core/model/hostMonitor';
import { parseFromSidebar, type FromSidebar, type ToSidebar } from '../../shared/sidebarProtocol';
import { webviewHtml } from './webviewHtml';

/** Hosts the sidebar webview: sends it state, and turns its validated messages into commands. */
export class SidebarView implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = 'ownvoice.sidebar';
  private view: vscode.WebviewView | undefined;
  private readonly viewDisposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly currentStatus: () => HostStatus,
    private readonly log: Log,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.disposeView();
    this.view = view;
    view.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')] };
    view.webview.html = webviewHtml(view.webview, this.extensionUri, { title: 'Ownvoice', script: 'dist/webview/sidebar.js', style: 'media/sidebar.css' });
    this.viewDisposables.push(
      view.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      view.onDidDispose(() => this.disposeView()),
      // A hidden view may have missed updates: send the current state when it is shown again.
      view.onDidChangeVisibility(() => view.visible && this.showStatus(this.currentStatus())),
    );
  }

  showStatus(status: HostStatus): void {
    this.post({ type: 'hostStatus', status });
  }

  private receive(raw: unknown): void {
    const message = parseFromSidebar(raw);
    if (!message) {
      this.log.warn(`Ignored an unexpected message from the sidebar: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    this.handle(message);
  }

  private handle(message: FromSidebar): void {
    switch (message.type) {
      case 'ready':
        this.showStatus(this.currentStatus());
        return;
      case 'checkConnection':
        void vscode.commands.executeCommand('ownvoice.checkConnection');
        return;
      case 'showLog':
        void vscode.commands.executeCommand('ownvoice.showLog');
        return;
    }
  }

  private post(message: ToSidebar): void {
    void this.view?.webview.postMessage(message);
  }

  private disposeView(): void {
    this.viewDisposables.splice(0).forEach((d) => d.dispose());
    this.view = undefined;
  }

  dispose(): void {
    this.disposeView();
  }
}
