import * as vscode from 'vscode';
import { PreferencePairFile } from '../../core/rewrite/history';
import { PresetLibrary } from './presetLibrary';
import { PresetPicker, type PresetArgument } from './presetPicker';
import { PREVIEW_SCHEME, PreviewContent } from './previewContent';
import { RewriteController, type RewriteDeps } from './rewriteController';

export type { RewriteDeps, RewriteOutcome } from './rewriteController';

/** Registers "Rewrite Selection" and its review commands; everything registered is in the returned Disposable. */
export function registerRewriteSupport(context: vscode.ExtensionContext, deps: RewriteDeps): vscode.Disposable {
  const preview = new PreviewContent();
  const library = new PresetLibrary(vscode.Uri.joinPath(context.globalStorageUri, 'presets'));
  const pairs = new PreferencePairFile(vscode.Uri.joinPath(context.globalStorageUri, 'rewrite-preferences.jsonl').fsPath);
  const picker = new PresetPicker(library, context.globalState, () => deps.memory?.presetUses ?? {});
  const controller = new RewriteController(deps, picker, preview, pairs);
  const command = vscode.commands.registerCommand;
  return vscode.Disposable.from(
    preview,
    library,
    controller,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, preview),
    command('ownvoice.rewriteSelection', (argument?: unknown) => controller.rewrite('single', { preset: 'builtin:voice', ...presetArgument(argument) })),
    command('ownvoice.rewriteSelectionWith', (argument?: unknown) => controller.rewrite('single', presetArgument(argument))),
    command('ownvoice.rewriteAlternatives', (argument?: unknown) => controller.rewrite('alternatives', presetArgument(argument))),
    command('ownvoice.rewrite.accept', () => controller.accept()),
    command('ownvoice.rewrite.reject', () => controller.reject()),
    command('ownvoice.rewrite.tryAgain', () => controller.tryAgain()),
    command('ownvoice.rewrite.pickFirst', () => controller.pick(0)),
    command('ownvoice.rewrite.pickSecond', () => controller.pick(1)),
    command('ownvoice.rewrite.preferencePairFile', () => controller.pairFile),
    command('ownvoice.newRewritePreset', async () => {
      const uri = await library.createPreset();
      await vscode.window.showTextDocument(uri);
      return uri;
    }),
  );
}

/** Only `{preset?, instruction?}` counts as a choice; a menu passes the document's URI, which means "ask". */
function presetArgument(value: unknown): PresetArgument | undefined {
  if (typeof value !== 'object' || value === null || value instanceof vscode.Uri) return undefined;
  const { preset, instruction } = value as Record<string, unknown>;
  return {
    ...(typeof preset === 'string' ? { preset } : {}),
    ...(typeof instruction === 'string' ? { instruction } : {}),
  };
}
