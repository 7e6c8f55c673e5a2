/**
 * British and American spellings of the same word, from a maintained list (the american-british-english-translator
 * package's data), grouped by the difference that tells the varieties apart: -ise/-ize is its own group because
 * Oxford spelling is British in every other way but writes -ize.
 */
import britishToAmerican from 'american-british-english-translator/data/british_spellings.json';

export type SpellingVariety = 'British' | 'American' | 'Oxford';
export type SpellingGroup = 'ize' | 'other';

/**
 * Pairs where one side is also an ordinary word of the other variety (a computer "program", a "meter" that measures,
 * to "tire", the noun "practice", plural "analyses"): counting or converting them would be wrong half the time.
 */
const AMBIGUOUS = new Set([
  'program', 'programs', 'programme', 'programmes', 'meter', 'meters', 'tire', 'tires', 'tired', 'tiring', 'license', 'licensed', 'licenses',
  'licensing', 'practice', 'practiced', 'practices', 'practise', 'practised', 'practises', 'draft', 'drafts', 'drafted', 'draught', 'dialog',
  'dialogs', 'analyses', 'disc', 'discs', 'disk', 'disks', 'curb', 'curbs', 'check', 'checks', 'story', 'stories', 'ax', 'axe',
]);

interface Pair {
  readonly british: string;
  readonly american: string;
  readonly group: SpellingGroup;
}

/**
 * The systematic differences (-our/-or, -ise/-ize, -yse/-yze, -tre/-ter, -ll-/-l-, -ogue/-og, ae/e, oe/e, -ence/-ense):
 * the list also holds rare variants ("instal", "filtre") that would make every American look British-curious.
 */
const SYSTEMATIC: readonly ((british: string) => string)[] = [
  (b) => b.replace('our', 'or'),
  (b) => b.replace(/is(e|ed|es|ing|ation|ations|er|ers|able)$/, 'iz$1'),
  (b) => b.replace(/ys(e|ed|es|ing|er|ers)$/, 'yz$1'),
  (b) => b.replace(/tre(s?)$/, 'ter$1'),
  (b) => b.replace(/ll(ed|ing|er|ers|ation)$/, 'l$1'),
  (b) => b.replace(/ogue(s?)$/, 'og$1'),
  (b) => b.replace('ae', 'e'),
  (b) => b.replace('oe', 'e'),
  (b) => b.replace(/ence(s?)$/, 'ense$1'),
];

const PAIRS: readonly Pair[] = Object.entries(britishToAmerican as Record<string, string>)
  .filter(([british, american]) => !AMBIGUOUS.has(british) && !AMBIGUOUS.has(american) && british !== american)
  .filter(([british, american]) => SYSTEMATIC.some((change) => change(british) === american))
  .map(([british, american]) => ({ british, american, group: /i[sz]/.test(british) && /iz/.test(american) && /is/.test(british) ? 'ize' : 'other' }));

const BY_BRITISH = new Map(PAIRS.map((p) => [p.british, p]));
const BY_AMERICAN = new Map(PAIRS.map((p) => [p.american, p]));

/** Which variety a lower-case word is spelled in, when it is one of the listed pairs. */
export function spellingOf(word: string): { variety: 'British' | 'American'; group: SpellingGroup } | undefined {
  const british = BY_BRITISH.get(word);
  if (british) return { variety: 'British', group: british.group };
  const american = BY_AMERICAN.get(word);
  if (american) return { variety: 'American', group: american.group };
  return undefined;
}

/** The word as `variety` spells it (case kept), or the word itself when it is not a listed pair. */
export function respell(word: string, variety: SpellingVariety): string {
  const lower = word.toLowerCase();
  const pair = BY_BRITISH.get(lower) ?? BY_AMERICAN.get(lower);
  if (!pair) return word;
  const wantsBritish = variety === 'British' || (variety === 'Oxford' && pair.group === 'other');
  const target = wantsBritish ? pair.british : pair.american;
  return target === lower ? word : matchCase(word, target);
}

/** The American spelling of every listed word: what a model usually writes (for the post-processor's measurement). */
export function americanise(word: string): string {
  return respell(word, 'American');
}

function matchCase(original: string, target: string): string {
  if (original === original.toUpperCase() && original.length > 1) return target.toUpperCase();
  if (original[0] === original[0].toUpperCase()) return target[0].toUpperCase() + target.slice(1);
  return target;
}
