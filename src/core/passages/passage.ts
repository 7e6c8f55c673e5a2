import type { StyleFeatures } from '../style/features';

/** A few paragraphs of the user's own writing: the unit that can be shown to a model as an exemplar. */
export interface Passage {
  /** Stable and unique: derived from the document path and the passage's position and content. */
  readonly id: string;
  /** The document it came from (an absolute path or an opaque name in evaluations). */
  readonly docId: string;
  /** Headings above the passage, outermost first: context for a reader, never split across. */
  readonly headingPath: readonly string[];
  /** Ordinal of the passage within its document (0-based). */
  readonly position: number;
  /** 1-based line where the passage starts in its source document, for "open at passage". */
  readonly line: number;
  /** The prose as the person wrote it, with markup reduced away. */
  readonly text: string;
  readonly wordCount: number;
  /** File type the passage came from: 'markdown', 'plaintext', 'latex', ... */
  readonly format: string;
  /** Last modification time of the source document, ms since epoch (0 when unknown). */
  readonly modifiedAt: number;
  /** Computed once at index time; the retriever compares them with the text being written. */
  readonly features: StyleFeatures;
}

export interface ScoredPassage {
  readonly passage: Passage;
  /** Raw lexical (BM25) or dense score from the index; not calibrated. */
  readonly score: number;
}

/** What the exemplar retriever needs from the index; the index implements it, tests fake it. */
export interface PassageStore {
  readonly size: number;
  get(id: string): Passage | undefined;
  /** BM25 over passage text. `query` is already reduced to salient terms by the caller. */
  lexicalSearch(query: string, limit: number, exclude?: ReadonlySet<string>): Promise<ScoredPassage[]>;
  /** Dense similarity; present only when an embedding model has been chosen and passages embedded. */
  vectorSearch?(vector: readonly number[], limit: number, exclude?: ReadonlySet<string>): Promise<ScoredPassage[]>;
}
