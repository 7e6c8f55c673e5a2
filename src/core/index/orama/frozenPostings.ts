import { hashTerm } from '../terms';
import { grown } from './arrays';

/** One string property's postings as save() gives them: typed arrays and one string, nothing per passage. */
export interface SavedPostings {
  /** The terms, each followed by '\n'. */
  readonly terms: string;
  /** Postings of term i: bytes[starts[i], starts[i + 1]): df, then (slot delta, tf) varint pairs. */
  readonly postingStarts: Uint32Array;
  readonly postings: Uint8Array;
  /** Per slot: indexed terms (BM25's field length), whether the slot is live, and the language it was read in. */
  readonly lengths: Uint32Array;
  readonly live: Uint8Array;
  readonly languages: Uint8Array;
  readonly signatures: Int32Array;
}

/**
 * Restored postings where they lie in the index file: a term's list stays varint bytes until a search reads it or
 * an insert needs it as a list (then Postings keeps a decoded copy).
 */
export class FrozenPostings {
  readonly count: number;
  private readonly starts: Uint32Array;

  constructor(private readonly saved: SavedPostings) {
    this.starts = termStarts(saved.terms);
    if (this.starts.length !== saved.postingStarts.length || saved.postingStarts[saved.postingStarts.length - 1] !== saved.postings.length) {
      throw new Error('terms and postings disagree');
    }
    const slots = saved.lengths.length;
    if (saved.live.length !== slots || saved.languages.length !== slots || saved.signatures.length !== slots) throw new Error('slot tables disagree');
    this.count = this.starts.length - 1;
  }

  termAt(id: number): string {
    return this.saved.terms.slice(this.starts[id], this.starts[id + 1] - 1);
  }

  hashAt(id: number): number {
    return hashTerm(this.saved.terms, this.starts[id], this.starts[id + 1] - 1);
  }

  /** Whether term `id` is text[start, start + length). */
  matches(id: number, text: string, start: number, length: number): boolean {
    const at = this.starts[id];
    if (this.starts[id + 1] - 1 - at !== length) return false;
    const terms = this.saved.terms;
    let k = 0;
    while (k < length && terms.charCodeAt(at + k) === text.charCodeAt(start + k)) k++;
    return k === length;
  }

  /** How many slots the saved list of term `id` holds (all were live when saved). */
  df(id: number): number {
    const bytes = this.saved.postings;
    let at = this.saved.postingStarts[id];
    let value = 0;
    for (let scale = 1; ; scale *= 128) {
      const byte = bytes[at++];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
    }
  }

  forEach(id: number, each: (slot: number, tf: number) => void): void {
    const bytes = this.saved.postings;
    let at = this.saved.postingStarts[id];
    const next = () => {
      let value = 0;
      for (let scale = 1; ; scale *= 128) {
        const byte = bytes[at++];
        value += (byte & 0x7f) * scale;
        if (byte < 0x80) return value;
      }
    };
    const df = next();
    let slot = 0;
    for (let i = 0; i < df; i++) {
      slot += next();
      each(slot, next());
    }
  }
}

/** Writes postings as SavedPostings's terms and varint bytes; `entriesOf` gives a term's packed entries, sorted. */
export function encodePostings(termCount: number, termAt: (id: number) => string, entriesOf: (id: number) => readonly number[], tfSpan: number): Pick<SavedPostings, 'terms' | 'postingStarts' | 'postings'> {
  const terms: string[] = [];
  const starts: number[] = [];
  let out = new Uint8Array(1 << 16);
  let at = 0;
  const put = (value: number) => {
    while (value >= 0x80) {
      out[at++] = (value & 0x7f) | 0x80;
      value = Math.floor(value / 128);
    }
    out[at++] = value;
  };
  for (let id = 0; id < termCount; id++) {
    const entries = entriesOf(id);
    if (!entries.length) continue;
    if (at + 5 + entries.length * 10 > out.length) out = grown(out, at + 5 + entries.length * 10);
    terms.push(termAt(id));
    starts.push(at);
    put(entries.length);
    let previous = 0;
    for (const packed of entries) {
      const slot = Math.floor(packed / tfSpan);
      put(slot - previous);
      put(packed % tfSpan);
      previous = slot;
    }
  }
  starts.push(at);
  return { terms: terms.length ? `${terms.join('\n')}\n` : '', postingStarts: Uint32Array.from(starts), postings: out.slice(0, at) };
}

/** Where each '\n'-terminated term starts, plus one past the last. */
function termStarts(text: string): Uint32Array {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  const starts = new Uint32Array(count + 1);
  let at = 0;
  for (let k = 0; k < count; k++) {
    starts[k] = at;
    at = text.indexOf('\n', at) + 1;
  }
  starts[count] = at;
  return starts;
}
