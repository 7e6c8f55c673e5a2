import { grown } from './arrays';
import { FrozenPostings, encodePostings, type SavedPostings } from './frozenPostings';
import { signatureOf, type TermsOfText } from './termsOfText';

export type { SavedPostings } from './frozenPostings';
export type { TermsOfText } from './termsOfText';

/** Postings pack slot and term frequency in one number: slot * TF_SPAN + min(tf, TF_SPAN - 1). */
export const TF_SPAN = 256;

/** What a search adds up per slot: its score, and how many of the query's terms it matched. */
export interface Accumulator {
  scores: Float64Array;
  matched: Uint8Array;
  readonly touched: number[];
}

export interface Bm25 {
  readonly k: number;
  readonly b: number;
  readonly d: number;
}

/**
 * The inverted index of one string property, by Orama internal id ("slot"). A removed passage's postings stay
 * until the next save (searches skip the slot), but every statistic a score depends on (live passages, each term's
 * document frequency, total length) counts live passages only, so an edited index scores as a fresh build does.
 * Terms are found through an open-addressing table; a restored term's postings stay varint bytes until needed.
 */
export class Postings {
  private lengths: Uint32Array = new Uint32Array(1024);
  private live: Uint8Array = new Uint8Array(1024);
  /** Slots with postings in the lists (live, or removed since the last save). */
  private indexed: Uint8Array = new Uint8Array(1024);
  private languageOf: Uint8Array = new Uint8Array(1024);
  /** Per slot: a hash of its terms in order, to know a returning passage from a changed one. */
  private signatures: Int32Array = new Int32Array(1024);
  private liveCount = 0;
  private totalLength = 0;
  private terms: string[] = [];
  private frozen: FrozenPostings | undefined;
  private frozenCount = 0;
  private table: Int32Array = new Int32Array(2048);
  private termHashes: Uint32Array = new Uint32Array(1024);
  /** Mutable posting lists by term id; undefined: still in the frozen bytes. */
  private lists: (number[] | undefined)[] = [];
  /** Live document frequency by term id. */
  private df: Int32Array = new Int32Array(1024);
  private tf: Int32Array = new Int32Array(1024);
  private readonly distinct: number[] = [];

  get size(): number {
    return this.liveCount;
  }

  /** Slots the per-slot tables have room for (an accumulator over slots needs as many). */
  get capacity(): number {
    return this.live.length;
  }

  get averageLength(): number {
    return this.totalLength / Math.max(this.liveCount, 1) || 1;
  }

  isLive(slot: number): boolean {
    return this.live[slot] === 1;
  }

  languageAt(slot: number): number {
    return this.languageOf[slot];
  }

  /** Indexes a passage's terms under `slot`; a slot removed since the last save with the same text comes back as it was. */
  insert(slot: number, terms: TermsOfText, language: number): void {
    if (slot >= this.live.length) this.growSlots(slot + 1);
    if (this.live[slot]) throw new Error(`slot ${slot} is already indexed`);
    const ids = this.distinctTerms(terms, true);
    const signature = signatureOf(terms);
    if (this.indexed[slot] && this.signatures[slot] === signature && this.lengths[slot] === terms.count && this.languageOf[slot] === language) {
      for (const id of ids) this.df[id]++; // a passage's id is a digest of its text: same id, same postings
    } else {
      if (this.indexed[slot]) this.purge(slot);
      for (const id of ids) {
        this.mutableList(id).push(slot * TF_SPAN + Math.min(this.tf[id], TF_SPAN - 1));
        this.df[id]++;
      }
    }
    for (const id of ids) this.tf[id] = 0;
    this.lengths[slot] = terms.count;
    this.languageOf[slot] = language;
    this.signatures[slot] = signature;
    this.live[slot] = 1;
    this.indexed[slot] = 1;
    this.liveCount++;
    this.totalLength += terms.count;
  }

  /** Takes a passage out of every statistic at once; its postings go at the next save. */
  remove(slot: number, terms: TermsOfText): boolean {
    if (!this.live[slot]) return false;
    for (const id of this.distinctTerms(terms, false)) {
      this.df[id]--;
      this.tf[id] = 0;
    }
    this.live[slot] = 0;
    this.liveCount--;
    this.totalLength -= this.lengths[slot];
    return true;
  }

  /** Known term ids of a query, each once, with their live document frequencies. */
  knownTerms(terms: TermsOfText): { id: number; df: number }[] {
    const found: { id: number; df: number }[] = [];
    const seen = new Set<number>();
    for (let k = 0; k < terms.count * 3; k += 3) {
      const id = this.findTerm(terms.text, terms.spans[k], terms.spans[k + 1], terms.spans[k + 2]);
      if (id < 0 || seen.has(id) || this.df[id] <= 0) continue;
      seen.add(id);
      found.push({ id, df: this.df[id] });
    }
    return found;
  }

  /** Adds BM25 (Orama's formula, with its k, b and d) of one term over the live slots `keep` accepts. */
  score(term: { id: number; df: number }, n: number, relevance: Bm25, boost: number, into: Accumulator, keep?: Set<number>): void {
    const { k, b, d } = relevance;
    const idf = Math.log(1 + (n - term.df + 0.5) / (term.df + 0.5));
    const avg = this.averageLength;
    const { live, lengths } = this;
    const add = (slot: number, tf: number) => {
      if (!live[slot] || (keep && !keep.has(slot))) return;
      if (into.matched[slot] === 0) into.touched.push(slot);
      into.matched[slot]++;
      into.scores[slot] += (boost * idf * (d + tf * (k + 1))) / (tf + k * (1 - b + (b * lengths[slot]) / avg));
    };
    const list = this.lists[term.id];
    if (list) for (const packed of list) add(Math.floor(packed / TF_SPAN), packed % TF_SPAN);
    else this.forEachFrozenPosting(term.id, add);
  }

  /** The live slots holding a term (among `keep`). */
  slotsOf(term: { id: number }, keep?: Set<number>): number[] {
    const out: number[] = [];
    const add = (slot: number) => void (this.live[slot] && (!keep || keep.has(slot)) && out.push(slot));
    const list = this.lists[term.id];
    if (list) for (const packed of list) add(Math.floor(packed / TF_SPAN));
    else this.forEachFrozenPosting(term.id, add);
    return out;
  }

  /** Typed arrays of the live postings (removed passages dropped), for Orama's save(). */
  save(): SavedPostings {
    const entries: number[] = [];
    const liveEntries = (id: number) => {
      entries.length = 0;
      const keep = (slot: number, tf: number) => void (this.live[slot] && entries.push(slot * TF_SPAN + tf));
      const list = this.lists[id];
      if (list) for (const packed of list) keep(Math.floor(packed / TF_SPAN), packed % TF_SPAN);
      else this.forEachFrozenPosting(id, keep);
      return entries.sort((x, y) => x - y);
    };
    const slots = this.slotCount();
    return {
      ...encodePostings(this.termCount, (id) => this.termAt(id), liveEntries, TF_SPAN),
      lengths: this.lengths.slice(0, slots),
      live: this.live.slice(0, slots),
      languages: this.languageOf.slice(0, slots),
      signatures: this.signatures.slice(0, slots),
    };
  }

  /** Adopts saved postings where they lie: nothing is decoded until a search or an insert needs it. */
  static load(saved: SavedPostings): Postings {
    const p = new Postings();
    const frozen = new FrozenPostings(saved);
    const count = frozen.count;
    p.frozen = frozen;
    p.frozenCount = count;
    p.lists = new Array(count);
    p.termHashes = new Uint32Array(Math.max(1024, count * 2));
    p.df = new Int32Array(Math.max(1024, count * 2));
    p.tf = new Int32Array(p.df.length);
    for (let id = 0; id < count; id++) {
      p.termHashes[id] = frozen.hashAt(id);
      p.df[id] = frozen.df(id);
    }
    p.rehash(count);
    p.growSlots(saved.lengths.length);
    p.lengths.set(saved.lengths);
    p.live.set(saved.live);
    p.indexed.set(saved.live);
    p.languageOf.set(saved.languages);
    p.signatures.set(saved.signatures);
    for (let slot = 0; slot < saved.live.length; slot++) {
      if (!saved.live[slot]) continue;
      p.liveCount++;
      p.totalLength += saved.lengths[slot];
    }
    return p;
  }

  private get termCount(): number {
    return this.frozenCount + this.terms.length;
  }

  private slotCount(): number {
    let n = this.indexed.length;
    while (n > 0 && !this.indexed[n - 1]) n--;
    return n;
  }

  private growSlots(min: number): void {
    this.lengths = grown(this.lengths, min);
    this.live = grown(this.live, min);
    this.indexed = grown(this.indexed, min);
    this.languageOf = grown(this.languageOf, min);
    this.signatures = grown(this.signatures, min);
  }

  /** The text's terms as ids, each once, with `tf` counting them; unknown terms are added when `add`. Valid until the next call. */
  private distinctTerms(terms: TermsOfText, add: boolean): number[] {
    const ids = this.distinct;
    ids.length = 0;
    for (let k = 0; k < terms.count * 3; k += 3) {
      const start = terms.spans[k];
      const end = terms.spans[k + 1];
      let id = this.findTerm(terms.text, start, end, terms.spans[k + 2]);
      if (id < 0) {
        if (!add) continue;
        id = this.addTerm(terms.text.slice(start, end), terms.spans[k + 2]);
      }
      if (this.tf[id]++ === 0) ids.push(id);
    }
    return ids;
  }

  /** Drops a slot's stale postings from every list (only when an id comes back with other text: rare). */
  private purge(slot: number): void {
    for (let id = 0; id < this.termCount; id++) {
      const list = this.mutableList(id);
      const at = list.findIndex((packed) => Math.floor(packed / TF_SPAN) === slot);
      if (at >= 0) list.splice(at, 1);
    }
    this.indexed[slot] = 0;
  }

  private termAt(id: number): string {
    return id < this.frozenCount ? this.frozen!.termAt(id) : this.terms[id - this.frozenCount];
  }

  private rehash(count: number): void {
    let size = 1024;
    while (size < count * 2) size *= 2;
    const table = new Int32Array(size * 2);
    const mask = size - 1;
    for (let id = 0; id < count; id++) {
      let h = this.termHashes[id] & mask;
      while (table[h * 2] !== 0) h = (h + 1) & mask;
      table[h * 2] = id + 1;
      table[h * 2 + 1] = this.termHashes[id];
    }
    this.table = table;
  }

  /** The id of text[start, end) (hash: its hashTerm), or -1 when the index has never seen it. */
  private findTerm(text: string, start: number, end: number, hash: number): number {
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    const length = end - start;
    const signed = hash | 0;
    for (let h = hash & mask; ; h = (h + 1) & mask) {
      const entry = table[h * 2];
      if (entry === 0) return -1;
      if (table[h * 2 + 1] !== signed) continue;
      const id = entry - 1;
      if (id >= this.frozenCount) {
        const term = this.terms[id - this.frozenCount];
        if (term.length === length && text.startsWith(term, start)) return id;
      } else if (this.frozen!.matches(id, text, start, length)) return id;
    }
  }

  private addTerm(term: string, hash: number): number {
    const id = this.termCount;
    this.terms.push(term);
    if (id >= this.termHashes.length) {
      this.termHashes = grown(this.termHashes, id + 1);
      this.df = grown(this.df, id + 1);
      this.tf = grown(this.tf, id + 1);
    }
    this.termHashes[id] = hash;
    this.lists[id] = [];
    if ((id + 1) * 2 > this.table.length >> 1) this.rehash(id + 1);
    else {
      const mask = (this.table.length >> 1) - 1;
      let h = hash & mask;
      while (this.table[h * 2] !== 0) h = (h + 1) & mask;
      this.table[h * 2] = id + 1;
      this.table[h * 2 + 1] = hash;
    }
    return id;
  }

  private forEachFrozenPosting(id: number, each: (slot: number, tf: number) => void): void {
    this.frozen!.forEach(id, each);
  }

  private mutableList(id: number): number[] {
    let list = this.lists[id];
    if (!list) {
      const decoded: number[] = [];
      this.forEachFrozenPosting(id, (slot, tf) => void decoded.push(slot * TF_SPAN + tf));
      this.lists[id] = list = decoded;
    }
    return list;
  }
}
