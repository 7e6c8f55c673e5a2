import * as vscode from 'vscode';
import type { ExemplarSource } from '../../core/completion';
import type { WritingIndex } from '../../core/index/writingIndex';
import type { Passage } from '../../core/passages/passage';
import { readPreferences } from '../sidebar/preferenceSettings';

/** Passages behind recent suggestions, kept so "why this suggestion" can show their text. */
const REMEMBERED = 64;

/**
 * Exemplars from the writer's own index, for completions and rewrites alike (one retriever, not two). The choice is
 * made in the index's worker; the writer's never/prefer lists and fixed count come from the settings.
 */
export class WritingExemplars {
  private readonly remembered = new Map<string, Passage>();

  constructor(private readonly index: () => WritingIndex | undefined) {}

  readonly source: ExemplarSource = async (context, signal) => {
    const index = this.index();
    if (!index || index.size === 0) return { exemplars: [] };
    const section = vscode.workspace.getConfiguration('ownvoice');
    const preferences = readPreferences((key) => section.get(key));
    const selection = await index.selectExemplars(
      { before: context.before, after: context.after, docId: context.docId, format: context.format, selection: context.selection },
      {
        fixedCount: preferences.exemplarCount || undefined,
        excludeDocIds: preferences.neverDocuments,
        preferDocIds: preferences.preferDocuments,
      },
      signal,
    );
    for (const exemplar of selection.exemplars) this.remember(exemplar.passage);
    return { exemplars: selection.exemplars };
  };

  passage(id: string): Passage | undefined {
    return this.remembered.get(id);
  }

  private remember(passage: Passage): void {
    this.remembered.delete(passage.id);
    this.remembered.set(passage.id, passage);
    if (this.remembered.size > REMEMBERED) this.remembered.delete(this.remembered.keys().next().value!);
  }
}
