/**
 * The evaluation of what the sticky exemplar choice actually shows. Per pair the retriever is asked once, so the
 * per-pair figures cannot tell a sticky choice from a fresh one; here each pair's continuation is typed word by word,
 * the retriever is asked at every 4th word and each sentence end, as the extension would be, and the exemplars shown
 * (kept while they serve, stickyExemplars.ts) are scored beside the retriever's fresh choice at the same moment:
 * authorP5 over the pool, continuationGain on what remains to be written.
 */
import { endsSentence, paragraphStartOf, QUICK_SWITCH_MARGINS, StickyExemplars, SWITCH_MARGINS, type ChoicePlace, type SwitchMargins } from '../completion/stickyExemplars';
import type { Exemplar } from '../completion/types';
import { BackgroundModel, gainOfTexts } from '../exemplars/benefit';
import type { ScorerWeights } from '../exemplars/scorer';
import { DEFAULT_WORD_BUDGET, selectExemplars } from '../exemplars/select';
import { tokenize } from '../exemplars/text';
import { type ContinuationPair, type CorpusDocument, parseDate } from './corpus';
import { authorShare, meanOverAuthors } from './metrics';
import { buildEvalStore, chunkWithProjectPipeline, type EvalStore } from './pipeline';
import { buildHistories, buildPool, pairsForDocuments } from './run';

export interface ReplayFigures {
  readonly authorP5: number;
  readonly continuationGain: number;
}

export interface ReplayReport {
  readonly pairs: number;
  readonly requests: number;
  /** The retriever's own choice at every request. */
  readonly fresh: ReplayFigures;
  /** What the sticky choice shows at every request, under the shipped margins and each other policy asked for. */
  readonly policies: readonly PolicyFigures[];
}

export interface PolicyFigures extends ReplayFigures {
  readonly name: string;
  readonly margins: SwitchMargins;
  /** Requests at which the shown set changed (continuation task), per 100. */
  readonly switchesPer100: number;
  /** Exemplar words the model reads again because of switches (from the first changed exemplar on), per request. */
  readonly rereadWordsPerRequest: number;
}

/** Margins to weigh beside the shipped ones: what the shown exemplars gain against how often the prompt changes. */
export const REPLAY_POLICIES: Readonly<Record<string, SwitchMargins>> = {
  shipped: SWITCH_MARGINS,
  'quick model': QUICK_SWITCH_MARGINS,
  'sentence 0.1': { ...SWITCH_MARGINS, sentenceEnd: 0.1 },
  'sentence 0.1 in 0.5': { inSentence: 0.5, sentenceEnd: 0.1, newParagraph: 0.25 },
  'sentence 0.25': { ...SWITCH_MARGINS, sentenceEnd: 0.25 },
  // where a fresh choice earns its gain: switching at any gain only at sentence ends, or only within sentences
  'ends only': { inSentence: Infinity, sentenceEnd: 0, newParagraph: 0 },
  'within only': { inSentence: 0, sentenceEnd: Infinity, newParagraph: 0 },
  // the set first chosen for a document, never changed: what switching earns, measured from below
  never: { inSentence: Infinity, sentenceEnd: Infinity, newParagraph: Infinity },
};

export interface ReplayOptions {
  readonly sample?: number;
  readonly seed: number;
  readonly weights?: ScorerWeights;
  /** Named margins to replay; the shipped ones when absent. */
  readonly policies?: Readonly<Record<string, SwitchMargins>>;
  readonly onProgress?: (message: string) => void;
  /** Every fresh choice arrives after its request, as when the retriever misses the engine's wait (shownExemplars.ts). */
  readonly late?: boolean;
}

const WORDS_PER_REQUEST = 4;

export async function replayTypingSessions(docs: readonly CorpusDocument[], allPairs: readonly ContinuationPair[], options: ReplayOptions): Promise<ReplayReport> {
  const pairs = pairsForDocuments(docs, allPairs, options.sample, options.seed);
  const background = new BackgroundModel(docs.map((d) => d.text));
  const pool = await buildPool(docs, chunkWithProjectPipeline, buildEvalStore);
  const histories = await buildHistories(docs, pairs, chunkWithProjectPipeline, buildEvalStore);
  const docOf = new Map(docs.map((d) => [d.docId, d]));
  const policies = Object.entries(options.policies ?? { shipped: SWITCH_MARGINS }).map(([name, margins]) => new PolicyReplay(name, margins, options.late === true));
  const rows = { freshP5: [] as Row[], freshGain: [] as Row[] };
  let requests = 0;
  for (const [n, pair] of pairs.entries()) {
    const store = histories.get(pair.author);
    const doc = docOf.get(pair.docId);
    if (!store || !doc) continue;
    for (const policy of policies) policy.startPair();
    for (const typed of requestPoints(pair.continuation)) {
      const before = pair.prefix + typed;
      const rest = tokenize(pair.continuation.slice(typed.length));
      if (rest.length < 5) break;
      requests++;
      const place = { documentId: pair.docId, paragraphStart: paragraphStartOf(before, before.length), sentenceEnd: endsSentence(before, before.length) };
      const fresh = await choose(store, before, pair.docId, doc.format, parseDate(doc.date), options.weights);
      const gain = (set: readonly Exemplar[]) => gainOfTexts(rest, set.map((e) => e.passage.text), background);
      rows.freshGain.push({ author: pair.author, value: gain(fresh) });
      const opaque = pool.opaqueName.get(pair.docId) ?? '';
      const freshFive = await choose(pool.store, before, opaque, 'plaintext', 0, options.weights, 5);
      const share = (set: readonly Exemplar[]) => authorShare(set.map((e) => pool.authorOf.get(e.passage.docId) ?? ''), pair.author);
      rows.freshP5.push({ author: pair.author, value: share(freshFive) });
      for (const policy of policies) policy.request(pair.author, place, opaque, fresh, freshFive, gain, share);
    }
    if ((n + 1) % 10 === 0) options.onProgress?.(`replayed ${n + 1} of ${pairs.length} pairs (${requests} requests)`);
  }
  return {
    pairs: pairs.length,
    requests,
    fresh: { authorP5: meanOverAuthors(rows.freshP5), continuationGain: meanOverAuthors(rows.freshGain) },
    policies: policies.map((p) => p.figures(requests)),
  };
}

/** One policy's sticky choices through the replay: one for the continuation task, one for the author pool. */
class PolicyReplay {
  private forGain = new StickyExemplars();
  private forP5 = new StickyExemplars();
  private previous: readonly Exemplar[] = [];
  private switches = 0;
  private rereadWords = 0;
  private readonly gain: Row[] = [];
  private readonly p5: Row[] = [];

  constructor(
    private readonly name: string,
    private readonly margins: SwitchMargins,
    private readonly late: boolean,
  ) {}

  startPair(): void {
    this.forGain = new StickyExemplars(this.margins);
    this.forP5 = new StickyExemplars(this.margins);
    this.previous = [];
  }

  request(author: string, place: ChoicePlace, opaque: string, fresh: readonly Exemplar[], freshFive: readonly Exemplar[], gain: (set: readonly Exemplar[]) => number, share: (set: readonly Exemplar[]) => number): void {
    const shown = this.show(this.forGain, place, fresh);
    const changedAt = shown.findIndex((e, i) => e.passage.id !== this.previous[i]?.passage.id);
    if (this.previous.length && (changedAt >= 0 || shown.length !== this.previous.length)) {
      this.switches++;
      if (changedAt >= 0) this.rereadWords += shown.slice(changedAt).reduce((n, e) => n + e.passage.wordCount, 0);
    }
    this.previous = shown;
    this.gain.push({ author, value: gain(shown) });
    this.p5.push({ author, value: share(this.show(this.forP5, { ...place, documentId: opaque }, freshFive)) });
  }

  private show(sticky: StickyExemplars, place: ChoicePlace, fresh: readonly Exemplar[]): readonly Exemplar[] {
    return this.late ? shownLate(sticky, place, fresh) : sticky.choose(place, fresh).exemplars;
  }

  figures(requests: number): PolicyFigures {
    const switchesPer100 = requests ? (100 * this.switches) / requests : 0;
    const rereadWordsPerRequest = requests ? this.rereadWords / requests : 0;
    return { name: this.name, margins: this.margins, authorP5: meanOverAuthors(this.p5), continuationGain: meanOverAuthors(this.gain), switchesPer100, rereadWordsPerRequest };
  }
}

/** As the engine shows them: the held set at once within its paragraph, the fresh choice deciding the next request. */
function shownLate(sticky: StickyExemplars, place: ChoicePlace, fresh: readonly Exemplar[]): readonly Exemplar[] {
  const held = sticky.heldFor(place);
  const chosen = sticky.choose(place, fresh).exemplars;
  return held ?? chosen;
}

interface Row {
  readonly author: string;
  readonly value: number;
}

/** The continuation as typed so far at each moment a request would go out: every 4th word and each sentence end. */
export function requestPoints(continuation: string): string[] {
  const points: string[] = [];
  let words = 0;
  for (const match of continuation.matchAll(/\S+\s*/g)) {
    words++;
    const end = (match.index ?? 0) + match[0].length;
    if (words % WORDS_PER_REQUEST === 0 || /[.!?]["')]?\s*$/.test(match[0])) points.push(continuation.slice(0, end));
  }
  return points;
}

async function choose(store: EvalStore, before: string, docId: string, format: string, writtenAt: number, weights?: ScorerWeights, count?: number): Promise<Exemplar[]> {
  const selection = await selectExemplars(
    store.index,
    { before, docId, format, writtenAt: writtenAt || undefined },
    { wordBudget: DEFAULT_WORD_BUDGET, fixedCount: count, excludeDocIds: new Set([docId]), weights },
  );
  return selection.exemplars.map((e) => ({ passage: e.passage, score: e.score, reasons: e.reasons }));
}
