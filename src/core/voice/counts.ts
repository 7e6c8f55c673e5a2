/**
 * What a voice profile is measured from: plain tallies over the writer's text, which add up across passages, so the
 * profile of a whole archive is the sum of its passages' tallies.
 */
import emojiRegex from 'emoji-regex';
import { spellingOf } from './spelling';

export interface VoiceCounts {
  words: number;
  sentences: number;
  paragraphs: number;
  /** Sentences of each length band: under 10, 10–19, 20–29, 30 and more words. */
  sentenceBands: [number, number, number, number];
  spelling: { British: number; American: number; britishIse: number; americanIze: number };
  /** Spelling-pair words as written (lower case), for the evidence. */
  spellingWords: Record<string, number>;
  quotes: { curlyDouble: number; curlySingle: number; straightDouble: number; straightSingle: number };
  apostrophes: { curly: number; straight: number };
  dashes: { emClosed: number; emSpaced: number; enSpaced: number; hyphenSpaced: number; doubleHyphen: number };
  oxfordComma: { with: number; without: number };
  contractions: { contracted: number; expanded: number };
  person: { i: number; we: number; you: number };
  headings: { sentenceCase: number; titleCase: number; lowerCase: number };
  exclamations: number;
  questions: number;
  emoji: number;
  semicolons: number;
  parentheses: number;
  ellipses: number;
  /** "i" written in lower case as a pronoun. */
  lowercaseI: number;
  /** Lower-case word frequencies: distinctive phrases and the words the writer never uses come from these. */
  vocabulary: Map<string, number>;
  /** Adjacent word pairs that occur more than once, for phrases. */
  pairs: Map<string, number>;
}

export function emptyCounts(): VoiceCounts {
  return {
    words: 0,
    sentences: 0,
    paragraphs: 0,
    sentenceBands: [0, 0, 0, 0],
    spelling: { British: 0, American: 0, britishIse: 0, americanIze: 0 },
    spellingWords: {},
    quotes: { curlyDouble: 0, curlySingle: 0, straightDouble: 0, straightSingle: 0 },
    apostrophes: { curly: 0, straight: 0 },
    dashes: { emClosed: 0, emSpaced: 0, enSpaced: 0, hyphenSpaced: 0, doubleHyphen: 0 },
    oxfordComma: { with: 0, without: 0 },
    contractions: { contracted: 0, expanded: 0 },
    person: { i: 0, we: 0, you: 0 },
    headings: { sentenceCase: 0, titleCase: 0, lowerCase: 0 },
    exclamations: 0,
    questions: 0,
    emoji: 0,
    semicolons: 0,
    parentheses: 0,
    ellipses: 0,
    lowercaseI: 0,
    vocabulary: new Map(),
    pairs: new Map(),
  };
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const CONTRACTED = /^[\p{L}]+['’](?:t|s|re|ve|ll|d|m)$/u;
/** Expanded forms that the writer could have contracted. */
const EXPANDED = /\b(?:do|does|did|is|are|was|were|have|has|had|would|could|should|will|can) not\b|\b(?:I am|I have|I will|it is|that is|there is|we are|you are|they are|let us)\b/gi;
const OXFORD_WITH = /\b[\p{L}]+, [\p{L}]+(?: [\p{L}]+)?, (?:and|or) \p{L}/gu;
const OXFORD_WITHOUT = /\b[\p{L}]+, [\p{L}]+(?: [\p{L}]+)? (?:and|or) \p{L}/gu;
const EMOJI = emojiRegex();
const SMALL_WORDS = new Set(['a', 'an', 'the', 'and', 'or', 'but', 'of', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'as', 'is', 'vs', 'from', 'into']);

/** Adds one passage (the prose, and the headings above it) to the tallies. */
export function addText(counts: VoiceCounts, text: string, headings: readonly string[] = []): void {
  const prose = withoutCode(text);
  countParagraphsAndSentences(counts, prose);
  countWords(counts, prose);
  countMarks(counts, prose);
  for (const heading of headings) countHeading(counts, heading);
  if (counts.pairs.size > MAX_PAIRS) prunePairs(counts.pairs);
}

/** Word pairs held at most: a large archive has millions of pairs seen once, and phrases need pairs that recur. */
const MAX_PAIRS = 400_000;

function prunePairs(pairs: Map<string, number>): void {
  for (const [pair, n] of pairs) if (n < 2) pairs.delete(pair);
}

/** Code spans, fenced blocks and URLs are not the writer's prose style. */
export function withoutCode(text: string): string {
  return text
    .replace(/```[^]*?(```|$)/g, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/\b(?:https?:\/\/|www\.)\S+/g, ' ');
}

function countParagraphsAndSentences(counts: VoiceCounts, prose: string): void {
  const paragraphs = prose.split(/\n\s*\n/).filter((p) => /\p{L}/u.test(p));
  counts.paragraphs += paragraphs.length;
  for (const paragraph of paragraphs) {
    for (const sentence of paragraph.split(/(?<=[.!?…])["'”’)]*\s+(?=["'“‘(]*[\p{Lu}\p{N}])/u)) {
      const words = sentence.match(WORD)?.length ?? 0;
      if (words === 0) continue;
      counts.sentences++;
      counts.sentenceBands[Math.min(3, Math.floor(words / 10))]++;
    }
  }
}

function countWords(counts: VoiceCounts, prose: string): void {
  let previous = '';
  for (const match of prose.matchAll(WORD)) {
    const word = match[0];
    const lower = word.toLowerCase().replace(/’/g, "'");
    counts.words++;
    counts.vocabulary.set(lower, (counts.vocabulary.get(lower) ?? 0) + 1);
    if (previous) {
      const pair = `${previous} ${lower}`;
      counts.pairs.set(pair, (counts.pairs.get(pair) ?? 0) + 1);
    }
    previous = lower;
    if (CONTRACTED.test(word)) counts.contractions.contracted++;
    if (lower === 'i' || lower === 'me' || lower === 'my' || lower === "i'm" || lower === "i've") counts.person.i++;
    else if (lower === 'we' || lower === 'us' || lower === 'our' || lower === "we're") counts.person.we++;
    else if (lower === 'you' || lower === 'your' || lower === "you're") counts.person.you++;
    if (word === 'i') counts.lowercaseI++;
    const spelling = spellingOf(lower);
    if (spelling) {
      counts.spelling[spelling.variety]++;
      if (spelling.group === 'ize') counts.spelling[spelling.variety === 'British' ? 'britishIse' : 'americanIze']++;
      counts.spellingWords[lower] = (counts.spellingWords[lower] ?? 0) + 1;
    }
  }
  counts.contractions.expanded += prose.match(EXPANDED)?.length ?? 0;
}

function countMarks(counts: VoiceCounts, prose: string): void {
  const tally = (pattern: RegExp) => prose.match(pattern)?.length ?? 0;
  counts.quotes.curlyDouble += tally(/“/g);
  counts.quotes.straightDouble += Math.ceil(tally(/"/g) / 2);
  // A single quote opens where no letter precedes it; after a letter it is an apostrophe or a closing quote.
  counts.quotes.curlySingle += tally(/(?<![\p{L}\p{N}])‘/gu);
  counts.quotes.straightSingle += tally(/(?<![\p{L}\p{N}])'(?=\p{L}[^'\n]{0,80}\p{L}'(?![\p{L}]))/gu);
  counts.apostrophes.curly += tally(/\p{L}’\p{L}/gu);
  counts.apostrophes.straight += tally(/\p{L}'\p{L}/gu);
  counts.dashes.emClosed += tally(/[\p{L}\p{N},.]—[\p{L}\p{N}]/gu);
  counts.dashes.emSpaced += tally(/ — /g);
  counts.dashes.enSpaced += tally(/ – /g);
  counts.dashes.hyphenSpaced += tally(/\p{L} - \p{L}/gu);
  counts.dashes.doubleHyphen += tally(/[\p{L}\p{N}] ?-- ?[\p{L}\p{N}]/gu);
  counts.oxfordComma.with += tally(OXFORD_WITH);
  counts.oxfordComma.without += tally(OXFORD_WITHOUT);
  counts.exclamations += tally(/!/g);
  counts.questions += tally(/\?/g);
  counts.emoji += tally(EMOJI);
  counts.semicolons += tally(/;/g);
  counts.parentheses += tally(/\(/g);
  counts.ellipses += tally(/\.\.\.|…/g);
}

function countHeading(counts: VoiceCounts, heading: string): void {
  const words = heading.match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  if (words.length < 3) return; // one or two words say nothing about the case the writer uses
  const rest = words.slice(1).filter((w) => !SMALL_WORDS.has(w.toLowerCase()));
  if (rest.length === 0) return;
  const capitalised = rest.filter((w) => /^\p{Lu}/u.test(w) && !/^\p{Lu}+$/u.test(w)).length;
  if (/^\p{Ll}/u.test(words[0] ?? '') && capitalised === 0) counts.headings.lowerCase++;
  else if (capitalised >= rest.length * 0.75) counts.headings.titleCase++;
  else if (capitalised <= rest.length * 0.25) counts.headings.sentenceCase++;
}
