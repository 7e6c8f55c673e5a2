import * as vscode from 'vscode';
import type { Log } from '../../core/common/log';
import type { OutcomeRecord } from '../../core/completion';
import { AcceptedEdits, type TextChange } from '../../core/memory/acceptedEdits';
import { MemoryFile } from '../../core/memory/memoryFile';
import { WriterMemory, type SuggestionSeen } from '../../core/memory/writerMemory';
import type { MemoryView } from '../../shared/sidebarProtocol';
import type { AcceptedSuggestion } from '../completion/inlineProvider';

export const MEMORY_FILE = 'writer-memory.json';
/** A correction is taken once the writer pauses this long, so the letters typed on the way to a word never count. */
const SETTLE_MS = 700;
/** Words before a suggestion kept with it: what makes a correction come back where the writer writes alike. */
const BEFORE_CHARS = 400;

export function learningEnabled(): boolean {
  return vscode.workspace.getConfiguration('ownvoice').get<boolean>('learning.enabled', true) !== false;
}

/**
 * The editor's side of the memory: hears which suggestions were accepted and rejected, follows accepted ones through
 * the writer's next minute of edits to find corrections, keeps the memory file, and lets the writer remove rules.
 */
export class WriterLearning implements vscode.Disposable {
  readonly memory: WriterMemory;
  private readonly file: MemoryFile;
  private readonly edits = new AcceptedEdits<SuggestionSeen>();
  private readonly settling = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[];
  private readonly passageIdsOf: (id: string) => string[];
  readonly loaded: Promise<void>;

  constructor(storage: vscode.Uri, outcomes: OutcomeRecord, private readonly log: Log) {
    this.file = new MemoryFile(vscode.Uri.joinPath(storage, MEMORY_FILE).fsPath);
    this.memory = new WriterMemory({ learning: learningEnabled, persist: (state) => void this.file.save(state).catch((e: unknown) => log.error(`Could not save what was learned: ${String(e)}`)) });
    this.loaded = this.load();
    const recorded = outcomes.onDidRecord(({ record, outcome }) => {
      if (outcome === 'rejected') this.memory.rejected({ passageIds: record.exemplars.map((e) => e.passageId) });
    });
    this.passageIdsOf = (id) => outcomes.why(id)?.exemplars.map((e) => e.passageId) ?? [];
    this.disposables = [
      { dispose: () => recorded.dispose() },
      vscode.workspace.onDidChangeTextDocument((event) => this.documentChanged(event)),
      vscode.workspace.onDidCloseTextDocument((document) => this.edits.forget(document.uri.toString())),
      vscode.commands.registerCommand('ownvoice.removeLearnedRule', (id?: unknown) => this.removeRule(typeof id === 'string' ? id : undefined)),
    ];
  }

  /** The inline provider's report of an accepted suggestion: remembered, and watched for a minute. */
  accepted(accepted: AcceptedSuggestion): void {
    if (!this.memory.learning) return;
    const before = accepted.document.getText().slice(Math.max(0, accepted.offset - BEFORE_CHARS), accepted.offset);
    const seen: SuggestionSeen = { id: accepted.id, text: accepted.text, before, passageIds: this.passageIdsOf(accepted.id) };
    this.memory.accepted(seen);
    this.edits.watch(accepted.document.uri.toString(), accepted.offset, accepted.text, seen);
  }

  view(): MemoryView {
    const state = this.memory.snapshot();
    return {
      rules: state.rules.map(({ id, from, to, times }) => ({ id, from, to, times })),
      choices: state.choices.slice(-5).map(({ at, presetName, chosen }) => ({ at, presetName, chosen })),
      corrections: state.corrections.length,
      accepted: state.accepted.length,
      learning: this.memory.learning,
    };
  }

  async clear(): Promise<void> {
    this.edits.forget();
    this.memory.clear();
  }

  private async load(): Promise<void> {
    const loaded = await this.file.load();
    if (loaded.problem) {
      this.log.warn(loaded.problem);
      void vscode.window.showWarningMessage(loaded.problem);
    }
    this.memory.restore(loaded.state);
  }

  private documentChanged(event: vscode.TextDocumentChangeEvent): void {
    if (!event.contentChanges.length || !this.edits.size) return;
    const changes: TextChange[] = event.contentChanges.map((c) => ({ offset: c.rangeOffset, removed: c.rangeLength, inserted: c.text }));
    for (const touched of this.edits.changed(event.document.uri.toString(), changes)) {
      const edited = event.document.getText().slice(touched.start, touched.end);
      this.settle(touched.payload, edited);
    }
  }

  private settle(seen: SuggestionSeen, edited: string): void {
    clearTimeout(this.settling.get(seen.id));
    this.settling.set(seen.id, setTimeout(() => {
      this.settling.delete(seen.id);
      for (const rule of this.memory.corrected(seen, edited)) {
        this.log.info(`Learned from your edits: "${rule.from}" → "${rule.to}"`);
        vscode.window.setStatusBarMessage(vscode.l10n.t('Ownvoice learned: "{0}" → "{1}" (see Your voice)', rule.from, rule.to), 5000);
      }
    }, SETTLE_MS));
  }

  private async removeRule(id: string | undefined): Promise<boolean> {
    if (id) return this.memory.removeRule(id);
    const rules = this.memory.rules;
    if (!rules.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Ownvoice has learned no word rules from your edits yet.'));
      return false;
    }
    const picked = await vscode.window.showQuickPick(
      rules.map((r) => ({ label: r.to ? `${r.from} → ${r.to}` : vscode.l10n.t('cut "{0}"', r.from), description: vscode.l10n.t('you did it {0} times', r.times), id: r.id })),
      { title: vscode.l10n.t('Remove a word rule learned from your edits'), placeHolder: vscode.l10n.t('Ownvoice applies these to every suggestion and rewrite') },
    );
    return picked ? this.memory.removeRule(picked.id) : false;
  }

  dispose(): void {
    for (const timer of this.settling.values()) clearTimeout(timer);
    this.disposables.forEach((d) => d.dispose());
  }
}
