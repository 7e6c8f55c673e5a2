import * as path from 'node:path';

/** Where a passage of the index lives, as the index itself says. */
export interface IndexedPlace {
  readonly docId: string;
  readonly line: number;
}

/** What the sidebar asks to open: an exemplar of the last suggestion, as recorded (and possibly saved and restored). */
export interface ExemplarLink {
  readonly passageId: string;
  readonly docId: string;
}

/**
 * The file a "why this suggestion" link may open: only a passage the index holds, in the document the index names,
 * and only a file on disk. A record restored from storage or model output naming another path or a URI opens nothing.
 */
export async function openableDocument(link: ExemplarLink, lookup: (passageId: string) => Promise<IndexedPlace | undefined>): Promise<IndexedPlace | undefined> {
  const place = await lookup(link.passageId);
  if (!place || place.docId !== link.docId) return undefined;
  return path.isAbsolute(place.docId) ? place : undefined;
}
