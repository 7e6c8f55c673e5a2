/**
 * Turns tallies of the writer's text into habits with their evidence. A habit is stated only when there is enough
 * evidence for it; otherwise the profile says nothing rather than something wrong.
 */
import { backgroundRate, isCommonWord } from './background';
import { addText, emptyCounts, type VoiceCounts } from './counts';
import { MODEL_FAVOURED_WORDS } from './modelWords';
import { HABIT_LABELS, type Habit, type MeasuredHabit, type VoiceProfile } from './profile';

/** One passage of the writer's text, with the headings above it. */
export interface WrittenText {
  readonly text: string;
  readonly headings?: readonly string[];
}

export function countTexts(texts: Iterable<WrittenText>): { counts: VoiceCounts; passages: number } {
  const counts = emptyCounts();
  let passages = 0;
  const headings = new Set<string>();
  for (const t of texts) {
    passages++;
    // A heading sits above many passages: it is counted once.
    const fresh = (t.headings ?? []).filter((h) => !headings.has(h));
    fresh.forEach((h) => headings.add(h));
    addText(counts, t.text, fresh);
  }
  return { counts, passages };
}

/** The measured profile of the writer's passages. */
export function measureVoice(texts: Iterable<WrittenText>, now = Date.now()): VoiceProfile {
  const { counts, passages } = countTexts(texts);
  return { habits: habitsOf(counts), ownWords: '', basis: { passages, words: counts.words, measuredAt: now } };
}

/** The same, a batch at a time with a turn of the event loop between (in the index worker, beside searches). */
export async function measureVoiceInTurn(texts: readonly WrittenText[], signal?: AbortSignal, batch = 200): Promise<VoiceProfile> {
  const counts = emptyCounts();
  const headings = new Set<string>();
  for (let i = 0; i < texts.length; i += batch) {
    signal?.throwIfAborted();
    for (const t of texts.slice(i, i + batch)) {
      const fresh = (t.headings ?? []).filter((h) => !headings.has(h));
      fresh.forEach((h) => headings.add(h));
      addText(counts, t.text, fresh);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { habits: habitsOf(counts), ownWords: '', basis: { passages: texts.length, words: counts.words, measuredAt: Date.now() } };
}

export function habitsOf(counts: VoiceCounts): Habit[] {
  const found: [MeasuredHabit, { value: string; evidence: string } | undefined][] = [
    ['spelling', spelling(counts)],
    ['quotes', quotes(counts)],
    ['apostrophes', apostrophes(counts)],
    ['dashes', dashes(counts)],
    ['oxfordComma', oxfordComma(counts)],
    ['contractions', contractions(counts)],
    ['sentences', sentences(counts)],
    ['paragraphs', paragraphs(counts)],
    ['person', person(counts)],
    ['headings', headings(counts)],
    ['exclamations', rare(counts, counts.exclamations, 'exclamation marks')],
    ['emoji', rare(counts, counts.emoji, 'emoji')],
    ['semicolons', rare(counts, counts.semicolons, 'semicolons')],
    ['phrases', phrases(counts)],
    ['neverWords', neverWords(counts)],
  ];
  return found.flatMap(([key, fact]) => (fact ? [{ key, label: HABIT_LABELS[key], ...fact, on: true }] : []));
}

type Fact = { value: string; evidence: string } | undefined;

/** A choice between forms, stated when one form has at least `share` of at least `minimum` uses. */
function dominant<T extends string>(tallies: Record<T, number>, minimum: number, share = 0.7): T | undefined {
  const entries = Object.entries(tallies) as [T, number][];
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  if (total < minimum) return undefined;
  const [best, n] = entries.reduce((a, b) => (b[1] > a[1] ? b : a));
  return n / total >= share ? best : undefined;
}

function times(entries: readonly [string, number][]): string {
  return entries.filter(([, n]) => n > 0).map(([what, n]) => `${what} ×${n}`).join(', ');
}

function spelling(c: VoiceCounts): Fact {
  const s = c.spelling;
  const variety = dominant({ British: s.British, American: s.American }, 3, 0.75);
  const top = Object.entries(c.spellingWords).sort((a, b) => b[1] - a[1]).slice(0, 5);
  const evidence = `${s.British} British and ${s.American} American spellings: ${times(top)}`;
  if (variety === 'British') {
    // Oxford spelling: British in every way but -ize.
    const oxford = s.americanIze >= 3 && s.americanIze > s.britishIse * 3 && s.British - s.britishIse >= 2;
    return { value: oxford ? 'Oxford (British, with -ize)' : 'British', evidence };
  }
  if (variety === 'American') {
    const britishOther = s.British - s.britishIse;
    return { value: britishOther >= 3 && s.American - s.americanIze < britishOther ? 'mixed' : 'American', evidence };
  }
  return s.British + s.American >= 6 ? { value: 'mixed', evidence } : undefined;
}

function quotes(c: VoiceCounts): Fact {
  const q = c.quotes;
  const style = dominant({ 'curly double (“…”)': q.curlyDouble, 'curly single (‘…’)': q.curlySingle, 'straight double ("…")': q.straightDouble, "straight single ('…')": q.straightSingle }, 3, 0.6);
  if (!style) return undefined;
  return { value: style, evidence: times([['“', q.curlyDouble], ['‘', q.curlySingle], ['"…"', q.straightDouble], ["'…'", q.straightSingle]]) };
}

function apostrophes(c: VoiceCounts): Fact {
  const style = dominant({ "curly (don’t)": c.apostrophes.curly, "straight (don't)": c.apostrophes.straight }, 5, 0.8);
  return style && { value: style, evidence: times([['’', c.apostrophes.curly], ["'", c.apostrophes.straight]]) };
}

const DASH_FORMS = {
  emClosed: 'em dash, closed (word—word)',
  emSpaced: 'em dash, spaced (word — word)',
  enSpaced: 'en dash, spaced (word – word)',
  doubleHyphen: 'double hyphen (word -- word)',
  hyphenSpaced: 'spaced hyphen (word - word)',
} as const;

function dashes(c: VoiceCounts): Fact {
  const d = c.dashes;
  const total = d.emClosed + d.emSpaced + d.enSpaced + d.hyphenSpaced + d.doubleHyphen;
  const evidence = times([['—', d.emClosed], [' — ', d.emSpaced], [' – ', d.enSpaced], [' -- ', d.doubleHyphen], [' - ', d.hyphenSpaced]]);
  if (c.words >= 2000 && total === 0) return { value: 'none', evidence: `no dash in ${c.words.toLocaleString('en')} words` };
  const form = dominant(d, 3, 0.6);
  return form && { value: DASH_FORMS[form], evidence };
}

function oxfordComma(c: VoiceCounts): Fact {
  const o = c.oxfordComma;
  const choice = dominant({ yes: o.with, no: o.without }, 4, 0.7);
  return choice && { value: choice === 'yes' ? 'yes (red, white, and blue)' : 'no (red, white and blue)', evidence: `${o.with} lists with it, ${o.without} without` };
}

function contractions(c: VoiceCounts): Fact {
  const { contracted, expanded } = c.contractions;
  if (contracted + expanded < 10) return undefined;
  const share = contracted / (contracted + expanded);
  // The example is written with the writer's own apostrophe.
  const mark = c.apostrophes.curly > c.apostrophes.straight ? '’' : "'";
  const value = share >= 0.6 ? `often (don${mark}t, it${mark}s)` : share >= 0.25 ? 'sometimes' : 'rarely (do not, it is)';
  return { value, evidence: `${contracted} contracted, ${expanded} written out` };
}

function sentences(c: VoiceCounts): Fact {
  if (c.sentences < 10) return undefined;
  const mean = c.words / c.sentences;
  // Bands, not the exact mean: the prompt stays the same from one measurement to the next.
  const value = mean < 12 ? 'short (under 12 words on average)' : mean < 20 ? 'medium (12 to 20 words on average)' : 'long (over 20 words on average)';
  const [a, b, d, e] = c.sentenceBands;
  return { value, evidence: `${mean.toFixed(1)} words on average over ${c.sentences} sentences; under 10: ${a}, 10–19: ${b}, 20–29: ${d}, 30+: ${e}` };
}

function paragraphs(c: VoiceCounts): Fact {
  if (c.paragraphs < 5) return undefined;
  const mean = c.sentences / c.paragraphs;
  const value = mean < 2.5 ? 'short (one or two sentences)' : mean < 5 ? 'medium (three or four sentences)' : 'long (five sentences or more)';
  return { value, evidence: `${mean.toFixed(1)} sentences on average over ${c.paragraphs} paragraphs` };
}

function person(c: VoiceCounts): Fact {
  const { i, we, you } = c.person;
  if (c.words < 300) return undefined;
  const perThousand = (n: number) => (1000 * n) / c.words;
  const evidence = `per 1,000 words: I ${perThousand(i).toFixed(1)}, we ${perThousand(we).toFixed(1)}, you ${perThousand(you).toFixed(1)}`;
  const ranked = ([['first person singular (I)', i], ['first person plural (we)', we], ['second person (you)', you]] as [string, number][]).sort((a, b) => b[1] - a[1]);
  if (perThousand(ranked[0][1]) < 3) return { value: 'impersonal (rarely I, we or you)', evidence };
  return { value: ranked[0][0], evidence };
}

function headings(c: VoiceCounts): Fact {
  const h = c.headings;
  const form = dominant({ 'sentence case (Writing a good test)': h.sentenceCase, 'title case (Writing a Good Test)': h.titleCase, 'lower case (writing a good test)': h.lowerCase }, 3, 0.7);
  return form && { value: form, evidence: `${h.sentenceCase} in sentence case, ${h.titleCase} in title case, ${h.lowerCase} in lower case` };
}

/** Marks a writer uses never, rarely or often: stated once there is enough text to tell. */
function rare(c: VoiceCounts, n: number, what: string): Fact {
  if (c.words < 1000) return undefined;
  const perThousand = (1000 * n) / c.words;
  const value = n === 0 ? 'never' : perThousand < 0.5 ? 'rarely' : perThousand < 3 ? 'sometimes' : 'often';
  return { value, evidence: `${n} ${what} in ${c.words.toLocaleString('en')} words` };
}

/** Words and word pairs the writer uses far more than everyday English does. */
export function distinctiveWords(c: VoiceCounts, limit: number): { word: string; score: number }[] {
  const minimum = c.words > 20000 ? 5 : c.words > 3000 ? 3 : 2;
  const scored: { word: string; score: number }[] = [];
  for (const [word, n] of c.vocabulary) {
    if (n < minimum || word.length < 3 || /[\d']/.test(word)) continue; // the list splits "it's" in two: no background for it
    const ratio = n / c.words / backgroundRate(word);
    if (ratio >= 8) scored.push({ word, score: n * Math.log(ratio) });
  }
  return scored.sort((a, b) => b.score - a.score).slice(0, limit);
}

function phrases(c: VoiceCounts): Fact {
  if (c.words < 500) return undefined;
  const words = distinctiveWords(c, 40);
  const strong = new Set(words.map((w) => w.word));
  // A pair that recurs and holds a distinctive word reads better than the word alone ("side effect", not "side").
  const minimum = c.words > 20000 ? 5 : 3;
  const pairs = [...c.pairs].filter(([pair, n]) => n >= minimum && !/[\d']/.test(pair) && pair.split(' ').some((w) => strong.has(w)) && pair.split(' ').every((w) => !isCommonWord(w)));
  const phrases = [...pairs.sort((a, b) => b[1] - a[1]).slice(0, 4).map(([p]) => p), ...words.map((w) => w.word)];
  const chosen = [...new Set(phrases)].filter((p, i, all) => !all.some((q, j) => j < i && q.includes(p))).slice(0, 10);
  if (chosen.length === 0) return undefined;
  return { value: chosen.map((p) => `"${p}"`).join(', '), evidence: chosen.map((p) => `${p} ×${countOf(c, p)}`).join(', ') };
}

function countOf(c: VoiceCounts, phrase: string): number {
  return (phrase.includes(' ') ? c.pairs.get(phrase) : c.vocabulary.get(phrase)) ?? 0;
}

function neverWords(c: VoiceCounts): Fact {
  if (c.words < 5000) return undefined; // "never" needs enough writing to mean something
  // One word of each family ("delve", not also "delves"), and only families the writer never uses in any form.
  const families = new Map<string, string[]>();
  for (const word of MODEL_FAVOURED_WORDS) families.set(word.slice(0, 5), [...(families.get(word.slice(0, 5)) ?? []), word]);
  const chosen = [...families.values()].filter((forms) => forms.every((w) => !c.vocabulary.has(w))).map((forms) => forms[0]).slice(0, 12);
  if (chosen.length === 0) return undefined;
  return { value: chosen.join(', '), evidence: `none of these in ${c.words.toLocaleString('en')} words; models favour them` };
}
