/** A stretch of an answer judged as one: a sentence, or a part of one set off by a colon, a dash or brackets. */
export interface Clause {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Ends where a line starts, or at the start of the answer. */
  readonly lineStart: boolean;
  /** Followed by more of the answer, or ended by punctuation that ends a clause, or the answer is final. */
  readonly complete: boolean;
}

const sentences = new Intl.Segmenter('und', { granularity: 'sentence' });

/**
 * The answer's clauses in order. Sentences come from the platform's Unicode segmenter (any language); within a
 * sentence a colon, a spaced dash or brackets set off a clause, since that is where chat models join talk and text.
 */
export function clausesOf(text: string, final: boolean): Clause[] {
  const pieces: { start: number; end: number; lineStart: boolean }[] = [];
  let lineOffset = 0;
  for (const line of text.split('\n')) {
    let lineStart = true;
    for (const sentence of sentences.segment(line)) {
      for (const [from, to] of splitSentence(sentence.segment)) {
        pieces.push({ start: lineOffset + sentence.index + from, end: lineOffset + sentence.index + to, lineStart });
        lineStart = false;
      }
    }
    lineOffset += line.length + 1;
  }
  return pieces.map((piece, i) => {
    const clauseText = text.slice(piece.start, piece.end);
    const last = i === pieces.length - 1 && piece.end >= text.length;
    const complete = !last || final || /[.!?…:)\]]["'”’»]*\s*$/.test(clauseText);
    return { ...piece, text: clauseText, complete };
  });
}

/** Offsets within one sentence where a clause ends: after ": ", after a spaced dash, around brackets, after a full stop. */
function splitSentence(sentence: string): [number, number][] {
  const cuts = new Set<number>();
  for (const match of sentence.matchAll(/:(?=\s|$)|\s[—–-]\s|[)\]](?=\s|$)/g)) cuts.add(match.index + match[0].length);
  for (const match of sentence.matchAll(/\s[([]/g)) cuts.add(match.index + 1);
  // "Natürlich. bellte…", "Certainly. , and": the segmenter ends no sentence before a small letter or a comma, but a
  // chat answer's talk often does; a cut too many only splits the writer's words, which stay together.
  for (const match of sentence.matchAll(/[.!?…]["'”’)]*\s+/gu)) cuts.add(match.index + match[0].length);
  const points = [0, ...[...cuts].filter((c) => c > 0 && c < sentence.length).sort((a, b) => a - b), sentence.length];
  const ranges: [number, number][] = [];
  for (let i = 0; i + 1 < points.length; i++) if (points[i + 1] > points[i]) ranges.push([points[i], points[i + 1]]);
  return ranges;
}
