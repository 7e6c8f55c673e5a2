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
      label: enabled ? '$(circle-slash) Turn Suggestions Off' : '$(pencil) Turn Suggestions On',
      run: () => section.update('completions.enabled', !enabled, vscode.ConfigurationTarget.Global),
    },
  ];
  if (language) {
    const on = languages.includes(language);
    items.push({
      label: on ? `$(circle-slash) Turn Off for ${languageName(language)}` : `$(pencil) Turn On for ${languageName(language)}`,
      run: () => section.update('languages', on ? languages.filter((l) => l !== language) : [...languages, language], vscode.ConfigurationTarget.Global),
    });
  }
  if (status.state === 'unreachable') items.push({ label: '$(question) How to Start Ollama', run: () => guidance.showHowToStart() });
  if (status.state === 'modelMissing' && status.model) items.push({ label: `$(cloud-download) Pull ${status.model}`, run: () => guidance.pull(status.model) });
  items.push(
    { label: '$(refresh) Check Connection to Ollama', run: checkNow },
    { label: '$(layout-sidebar-left) Open the Ownvoice Sidebar', run: () => vscode.commands.executeCommand('workbench.view.extension.ownvoice') },
    { label: '$(output) Show Log', run: () => vscode.commands.executeCommand('ownvoice.showLog') },
  );
  const picked = await vscode.window.showQuickPick(items, { title: 'Ownvoice', placeHolder: 'What would you like to do?' });
  await picked?.run();
}
