/** A writer's voice profile: habits they can read, switch off and edit, each with the evidence it was measured from. */

/** The habits Ownvoice measures; a habit the writer adds by hand has a key of its own (`own:<label>`). */
export const HABIT_KEYS = [
  'spelling',
  'quotes',
  'apostrophes',
  'dashes',
  'oxfordComma',
  'contractions',
  'sentences',
  'paragraphs',
  'person',
  'headings',
  'exclamations',
  'emoji',
  'semicolons',
  'phrases',
  'neverWords',
] as const;
export type MeasuredHabit = (typeof HABIT_KEYS)[number];
export type HabitKey = MeasuredHabit | `own:${string}`;

/** The label the writer reads in the profile file and the sidebar; it is also how the file names a habit. */
export const HABIT_LABELS: Readonly<Record<MeasuredHabit, string>> = {
  spelling: 'Spelling',
  quotes: 'Quotation marks',
  apostrophes: 'Apostrophes',
  dashes: 'Dashes',
  oxfordComma: 'Oxford comma',
  contractions: 'Contractions',
  sentences: 'Sentences',
  paragraphs: 'Paragraphs',
  person: 'Person',
  headings: 'Headings',
  exclamations: 'Exclamation marks',
  emoji: 'Emoji',
  semicolons: 'Semicolons',
  phrases: 'Phrases I use',
  neverWords: 'Words I never use',
};

export interface Habit {
  readonly key: HabitKey;
  readonly label: string;
  /** What the habit is, in words ("British", "curly double (“…”)"); the writer may rewrite it. */
  readonly value: string;
  /** What it was measured from ("colour ×12, organise ×4"); empty for the writer's own habits. */
  readonly evidence: string;
  /** Switched off by the writer: kept in the profile, left out of prompts and the post-processor. */
  readonly on: boolean;
}

export interface VoiceProfile {
  readonly habits: readonly Habit[];
  /** The "In my own words" section: free text the writer (or, on request, their model) wrote. */
  readonly ownWords: string;
  /** How much writing the measured habits come from. */
  readonly basis: { readonly passages: number; readonly words: number; readonly measuredAt: number };
}

export const EMPTY_PROFILE: VoiceProfile = { habits: [], ownWords: '', basis: { passages: 0, words: 0, measuredAt: 0 } };

export function keyOfLabel(label: string): HabitKey {
  const wanted = label.trim().toLowerCase();
  const measured = HABIT_KEYS.find((key) => HABIT_LABELS[key].toLowerCase() === wanted);
  return measured ?? `own:${label.trim()}`;
}

export function isMeasured(key: HabitKey): key is MeasuredHabit {
  return (HABIT_KEYS as readonly string[]).includes(key);
}
