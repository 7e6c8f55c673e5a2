import * as path from 'node:path';
import * as vscode from 'vscode';
import { BUILT_IN_PRESETS, newPresetSource, type RewritePreset } from '../../core/rewrite/presets';
import { parseTemplate, type TemplateProblem } from '../../core/rewrite/template';

export const TEMPLATE_LANGUAGE = 'ownvoice-template';
export const TEMPLATE_EXTENSION = '.ovt';
/** Where a workspace keeps its own presets, relative to each workspace folder. */
const WORKSPACE_PRESETS = '.ownvoice/presets';

/** A writer's template file that cannot be used as it is, with what is wrong in it. */
export interface BrokenPreset {
  readonly uri: vscode.Uri;
  readonly problems: readonly TemplateProblem[];
}

export interface PresetCatalogue {
  readonly presets: readonly RewritePreset[];
  readonly broken: readonly BrokenPreset[];
}

/** Built-in presets plus the writer's template files from the workspace and from user storage. */
export class PresetLibrary implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection(TEMPLATE_LANGUAGE);
  private readonly watchers: vscode.Disposable[] = [];

  constructor(private readonly userFolder: vscode.Uri) {
    const check = (document: vscode.TextDocument) => this.checkOpenTemplate(document);
    this.watchers.push(
      vscode.workspace.onDidOpenTextDocument(check),
      vscode.workspace.onDidChangeTextDocument((event) => check(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.diagnostics.delete(document.uri)),
    );
    vscode.workspace.textDocuments.forEach(check);
  }

  async catalogue(): Promise<PresetCatalogue> {
    const presets: RewritePreset[] = [...BUILT_IN_PRESETS];
    const broken: BrokenPreset[] = [];
    for (const uri of await this.templateFiles()) {
      const loaded = await this.load(uri);
      if ('template' in loaded) presets.push(loaded);
      else broken.push(loaded);
    }
    return { presets, broken };
  }

  /** Reads one template file; open editors win over the disk, so unsaved fixes count. */
  async load(uri: vscode.Uri): Promise<RewritePreset | BrokenPreset> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const source = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const parsed = parseTemplate(source, path.basename(uri.path, TEMPLATE_EXTENSION));
    return parsed.ok ? { id: uri.toString(), template: parsed.template, builtIn: false } : { uri, problems: parsed.problems };
  }

  /** Writes a working template into the workspace (or user storage without one) and returns where. */
  async createPreset(): Promise<vscode.Uri> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    const directory = folder ? vscode.Uri.joinPath(folder.uri, WORKSPACE_PRESETS) : this.userFolder;
    await vscode.workspace.fs.createDirectory(directory);
    const existing = new Set((await vscode.workspace.fs.readDirectory(directory)).map(([name]) => name));
    let name = `my-preset${TEMPLATE_EXTENSION}`;
    for (let n = 2; existing.has(name); n++) name = `my-preset-${n}${TEMPLATE_EXTENSION}`;
    const uri = vscode.Uri.joinPath(directory, name);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(newPresetSource()));
    return uri;
  }

  private async templateFiles(): Promise<vscode.Uri[]> {
    const inWorkspace = await vscode.workspace.findFiles(`${WORKSPACE_PRESETS}/*${TEMPLATE_EXTENSION}`);
    return [...inWorkspace, ...(await this.userTemplateFiles())].sort((a, b) => a.path.localeCompare(b.path));
  }

  private async userTemplateFiles(): Promise<vscode.Uri[]> {
    try {
      const entries = await vscode.workspace.fs.readDirectory(this.userFolder);
      return entries.filter(([name]) => name.endsWith(TEMPLATE_EXTENSION)).map(([name]) => vscode.Uri.joinPath(this.userFolder, name));
    } catch {
      // No user presets folder yet: nobody has created a preset there.
      return [];
    }
  }

  /** Squiggles on an open template file, so a wrong placeholder is seen while typing, not at the next rewrite. */
  private checkOpenTemplate(document: vscode.TextDocument): void {
    if (document.languageId !== TEMPLATE_LANGUAGE) return;
    const parsed = parseTemplate(document.getText(), path.basename(document.uri.path));
    this.diagnostics.set(document.uri, parsed.ok ? [] : parsed.problems.map((p) => toDiagnostic(document, p)));
  }

  dispose(): void {
    this.diagnostics.dispose();
    this.watchers.forEach((w) => w.dispose());
  }
}

function toDiagnostic(document: vscode.TextDocument, problem: TemplateProblem): vscode.Diagnostic {
  const line = document.lineAt(Math.min(problem.line - 1, document.lineCount - 1));
  const start = new vscode.Position(line.lineNumber, Math.max(0, problem.column - 1));
  const placeholder = /^\{\{[^}]*\}\}/.exec(line.text.slice(start.character))?.[0];
  const range = new vscode.Range(start, placeholder ? start.translate(0, placeholder.length) : line.range.end);
  const diagnostic = new vscode.Diagnostic(range, problem.message, vscode.DiagnosticSeverity.Error);
  diagnostic.source = 'Ownvoice';
  return diagnostic;
}
