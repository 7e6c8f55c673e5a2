import * as path from 'node:path';
import * as vscode from 'vscode';
import { rememberInstruction } from '../../core/rewrite/history';
import { builtInPreset, CUSTOM_INSTRUCTION_PRESET, type RewritePreset } from '../../core/rewrite/presets';
import { asksForInstruction } from '../../core/rewrite/prompt';
import { describeProblems } from '../../core/rewrite/template';
import type { BrokenPreset, PresetLibrary } from './presetLibrary';

/** What a rewrite command may be given instead of asking: a preset id (or template URI) and an instruction. */
export interface PresetArgument {
  readonly preset?: string;
  readonly instruction?: string;
}

export type PresetChoice =
  | { readonly kind: 'preset'; readonly preset: RewritePreset; readonly instruction: string }
  | { readonly kind: 'broken'; readonly broken: BrokenPreset }
  | { readonly kind: 'dismissed' };

const RECENT_KEY = 'ownvoice.rewrite.recentInstructions';

type PickItem = vscode.QuickPickItem & { choose?: () => Promise<PresetChoice> };

/** Finds the preset for a command: from its argument when given, else from a quick pick of every preset. */
export class PresetPicker {
  constructor(
    private readonly library: PresetLibrary,
    private readonly memento: vscode.Memento,
  ) {}

  async choose(argument: PresetArgument | undefined): Promise<PresetChoice> {
    if (argument?.preset || argument?.instruction !== undefined) return this.fromArgument(argument);
    const items = await this.items();
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Rewrite Selection'), placeHolder: vscode.l10n.t('How should Ownvoice rewrite the selection?'), matchOnDescription: true });
    return picked?.choose ? picked.choose() : { kind: 'dismissed' };
  }

  private async fromArgument(argument: PresetArgument): Promise<PresetChoice> {
    const id = argument.preset ?? CUSTOM_INSTRUCTION_PRESET.id;
    const known = builtInPreset(id === 'custom' ? CUSTOM_INSTRUCTION_PRESET.id : id);
    const loaded = known ?? (await this.library.load(vscode.Uri.parse(id)));
    if (!('template' in loaded)) return { kind: 'broken', broken: loaded };
    return this.withInstruction(loaded, argument.instruction);
  }

  /** Presets that use {{instruction}} ask the writer for it, and remember it for next time. */
  private async withInstruction(preset: RewritePreset, given?: string): Promise<PresetChoice> {
    if (!asksForInstruction(preset.template)) return { kind: 'preset', preset, instruction: '' };
    const instruction = given ?? (await vscode.window.showInputBox({
      title: vscode.l10n.t('Rewrite Selection: {0}', preset.template.name),
      prompt: vscode.l10n.t('How should the selection be rewritten?'),
      placeHolder: vscode.l10n.t('e.g. Warmer, and end on a question'),
      ignoreFocusOut: true,
    }));
    if (!instruction?.trim()) return { kind: 'dismissed' };
    await this.memento.update(RECENT_KEY, rememberInstruction(this.recent(), instruction));
    return { kind: 'preset', preset, instruction: instruction.trim() };
  }

  private recent(): string[] {
    const saved = this.memento.get<unknown>(RECENT_KEY);
    return Array.isArray(saved) ? saved.filter((s): s is string => typeof s === 'string') : [];
  }

  private async items(): Promise<PickItem[]> {
    const { presets, broken } = await this.library.catalogue();
    const presetItem = (preset: RewritePreset): PickItem => ({
      label: preset.builtIn ? preset.template.name : `$(file) ${preset.template.name}`,
      description: preset.template.description,
      choose: () => this.withInstruction(preset),
    });
    const brokenItem = (b: BrokenPreset): PickItem => ({
      label: `$(warning) ${path.basename(b.uri.path)}`,
      description: describeProblems('', b.problems.slice(0, 1)).replace(/^ /, ''),
      choose: async () => ({ kind: 'broken', broken: b }),
    });
    const recentItem = (instruction: string): PickItem => ({
      label: `$(history) ${instruction}`,
      description: vscode.l10n.t('recent instruction'),
      choose: () => this.withInstruction(CUSTOM_INSTRUCTION_PRESET, instruction),
    });
    const separator = (label: string): PickItem => ({ label, kind: vscode.QuickPickItemKind.Separator });
    return [
      ...presets.filter((p) => p.builtIn).map(presetItem),
      ...(presets.some((p) => !p.builtIn) || broken.length ? [separator(vscode.l10n.t('Your presets')), ...presets.filter((p) => !p.builtIn).map(presetItem), ...broken.map(brokenItem)] : []),
      separator(vscode.l10n.t('Your own words')),
      { label: `$(edit) ${vscode.l10n.t('Custom Instruction…')}`, description: vscode.l10n.t('Say how to rewrite it'), choose: () => this.withInstruction(CUSTOM_INSTRUCTION_PRESET) },
      ...this.recent().map(recentItem),
      { label: `$(new-file) ${vscode.l10n.t('New Preset…')}`, description: vscode.l10n.t('A template file you can edit'), choose: async () => this.newPreset() },
    ];
  }

  private async newPreset(): Promise<PresetChoice> {
    await vscode.commands.executeCommand('ownvoice.newRewritePreset');
    return { kind: 'dismissed' };
  }
}
