/** One document of a corpus file in the format of `shared/corpora` (one JSON object a line). */
export interface CorpusDocument {
  readonly author: string;
  readonly docId: string;
  readonly title: string;
  readonly date: string | null;
  readonly text: string;
  readonly format: string;
}

/** A prefix/continuation pair cut from a corpus document. */
export interface ContinuationPair {
  readonly author: string;
  readonly docId: string;
  readonly prefix: string;
  readonly continuation: string;
}

export function parseDocuments(jsonl: string): CorpusDocument[] {
  return jsonLines(jsonl).map((o, i) => {
    const meta = isRecord(o.meta) ? o.meta : {};
    return {
      author: requireString(o.author, `document ${i + 1}: author`),
      docId: requireString(o.doc_id, `document ${i + 1}: doc_id`),
      title: typeof o.title === 'string' ? o.title : '',
      date: typeof o.date === 'string' ? o.date : null,
      text: requireString(o.text, `document ${i + 1}: text`),
      format: typeof meta.format === 'string' ? meta.format : 'plaintext',
    };
  });
}

export function parsePairs(jsonl: string): ContinuationPair[] {
  return jsonLines(jsonl).map((o, i) => ({
    author: requireString(o.author, `pair ${i + 1}: author`),
    docId: requireString(o.doc_id, `pair ${i + 1}: doc_id`),
    prefix: requireString(o.prefix, `pair ${i + 1}: prefix`),
    continuation: requireString(o.continuation, `pair ${i + 1}: continuation`),
  }));
}

/** Dates in the corpora come as ISO days or as "25,January,2003"; unknown ones become 0, as for a file without one. */
export function parseDate(date: string | null): number {
  if (!date) return 0;
  const iso = Date.parse(date);
  if (!Number.isNaN(iso)) return iso;
  const parts = date.split(',');
  const spelled = parts.length === 3 ? Date.parse(`${parts[1]} ${parts[0]}, ${parts[2]} UTC`) : NaN;
  return Number.isNaN(spelled) ? 0 : spelled;
}

function jsonLines(jsonl: string): Record<string, unknown>[] {
  return jsonl
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      const value = JSON.parse(line) as unknown;
      if (!isRecord(value)) throw new Error(`line ${i + 1}: not a JSON object`);
      return value;
    });
}

function requireString(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new Error(`${what} is not a string`);
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
