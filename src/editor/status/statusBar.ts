import * as vscode from 'vscode';
import { languageName } from '../../core/completion';
import type { EngineActivity } from '../../core/completion/engine';
import type { HostStatus } from '../../core/model/hostMonitor';
import { uncachedTokens, type ModelUsage } from '../../core/model/usage';
import { describeHostStatus } from '../../shared/sidebarProtocol';

export const STATUS_MENU_COMMAND = 'ownvoice.statusMenu';

/** Everything the status bar item reflects. */
export interface StatusView {
  readonly host: HostStatus;
  readonly activity: EngineActivity;
  /** Suggestions turned on, and on for the active editor's language. */
  readonly enabled: boolean;
  readonly language?: string;
  /** The last suggestion shown: how long the writer waited, and what the model read for it. */
  readonly lastSuggestion?: LastSuggestion;
}

export interface LastSuggestion {
  readonly waitMs: number;
  readonly usage?: ModelUsage;
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

/** A suggestion that takes longer than this shows that it is on its way; a quick one never makes the item blink. */
const SHOW_WAITING_AFTER_MS = 400;

/** The status bar item: one glance tells whether suggestions can come; a click opens Ownvoice's quick menu. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('ownvoice.status', vscode.StatusBarAlignment.Right, 100);
  private waitingTimer: ReturnType<typeof setTimeout> | undefined;
  private waitedLong = false;
  private latest: StatusView | undefined;

  constructor() {
    this.item.name = 'Ownvoice';
    this.item.command = STATUS_MENU_COMMAND;
    this.item.show();
  }

  show(view: StatusView): void {
    this.latest = view;
    this.followWaiting(view);
    const { host, activity } = view;
    const problem = host.state === 'unreachable' || host.state === 'modelMissing';
    const sentence = describeHostStatus(host);
    let short = SHORT[host.state];
    let icon = ICONS[host.state];
    if (!problem && activity.state === 'loading') [icon, short] = ['$(loading~spin)', vscode.l10n.t('loading {0}', activity.model)];
    else if (!problem && activity.state === 'waiting' && this.waitedLong) [icon, short] = ['$(loading~spin)', vscode.l10n.t('writing a suggestion')];
    else if (!problem && !view.enabled) [icon, short] = ['$(circle-slash)', view.language ? vscode.l10n.t('off for {0}', languageName(view.language)) : vscode.l10n.t('suggestions off')];
    const showWords = problem || short !== SHORT.ready;
    this.item.text = showWords ? `${icon} Ownvoice: ${short}` : `${icon} Ownvoice`;
    const wait = view.lastSuggestion ? `\n\n${describeWait(view.lastSuggestion)}` : '';
    this.item.tooltip = new vscode.MarkdownString(vscode.l10n.t('**Ownvoice** — {0}\n\nClick for options.', sentence + wait));
    this.item.accessibilityInformation = { label: `Ownvoice: ${short}. ${sentence}` };
    this.item.backgroundColor = problem ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  /** Renders the view again once a request has been waiting past the delay; any other activity resets it. */
  private followWaiting(view: StatusView): void {
    if (view.activity.state !== 'waiting') {
      clearTimeout(this.waitingTimer);
      this.waitingTimer = undefined;
      this.waitedLong = false;
      return;
    }
    if (this.waitingTimer || this.waitedLong) return;
    this.waitingTimer = setTimeout(() => {
      this.waitingTimer = undefined;
      this.waitedLong = true;
      if (this.latest) this.show(this.latest);
    }, SHOW_WAITING_AFTER_MS);
  }

  dispose(): void {
    clearTimeout(this.waitingTimer);
    this.item.dispose();
  }
}

/** "Last suggestion: 1.8 s after you paused (the model read 23 new words' worth of 840 tokens)." */
export function describeWait(last: LastSuggestion): string {
  const seconds = last.waitMs < 1000 ? `${Math.round(last.waitMs)} ms` : `${(last.waitMs / 1000).toFixed(1)} s`;
  const fresh = last.usage ? uncachedTokens(last.usage) : undefined;
  if (fresh === undefined || last.usage?.promptTokens === undefined) return vscode.l10n.t('Last suggestion: {0} after you paused.', seconds);
  return vscode.l10n.t('Last suggestion: {0} after you paused — the model read {1} new of {2} prompt tokens.', seconds, fresh, last.usage.promptTokens);
}
