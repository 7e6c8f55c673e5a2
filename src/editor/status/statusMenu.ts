import * as vscode from 'vscode';
import { languageName } from '../../core/completion';
import type { HostStatus } from '../../core/model/hostMonitor';
import type { ModelGuidance } from '../model/modelGuidance';

interface MenuItem extends vscode.QuickPickItem {
  run(): unknown;
}

/** The status bar item's menu: the switches and fixes a writer reaches for without opening settings. */
export async function showStatusMenu(status: HostStatus, guidance: ModelGuidance, checkNow: () => unknown): Promise<void> {
  const section = vscode.workspace.getConfiguration('ownvoice');
  const enabled = section.get<boolean>('completions.enabled', true);
  const language = vscode.window.activeTextEditor?.document.languageId;
  const languages = section.get<string[]>('languages', []);
  const items: MenuItem[] = [
    {
      label: enabled ? `$(circle-slash) ${vscode.l10n.t('Turn Suggestions Off')}` : `$(pencil) ${vscode.l10n.t('Turn Suggestions On')}`,
      run: () => section.update('completions.enabled', !enabled, vscode.ConfigurationTarget.Global),
    },
  ];
  if (language) {
    const on = languages.includes(language);
    items.push({
      label: on ? `$(circle-slash) ${vscode.l10n.t('Turn Off for {0}', languageName(language))}` : `$(pencil) ${vscode.l10n.t('Turn On for {0}', languageName(language))}`,
      run: () => section.update('languages', on ? languages.filter((l) => l !== language) : [...languages, language], vscode.ConfigurationTarget.Global),
    });
  }
  if (status.state === 'unreachable') items.push({ label: `$(question) ${vscode.l10n.t('How to Start Ollama')}`, run: () => guidance.showHowToStart() });
  if (status.state === 'modelMissing' && status.model) items.push({ label: `$(cloud-download) ${vscode.l10n.t('Pull {0}', status.model)}`, run: () => guidance.pull(status.model) });
  items.push(
    { label: `$(refresh) ${vscode.l10n.t('Check Connection to Ollama')}`, run: checkNow },
    { label: `$(layout-sidebar-left) ${vscode.l10n.t('Open the Ownvoice Sidebar')}`, run: () => vscode.commands.executeCommand('workbench.view.extension.ownvoice') },
    { label: `$(output) ${vscode.l10n.t('Show Log')}`, run: () => vscode.commands.executeCommand('ownvoice.showLog') },
  );
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Ownvoice'), placeHolder: vscode.l10n.t('What would you like to do?') });
  await picked?.run();
}
