/**
 * The profile as a plain Markdown file the writer opens and edits: one checkbox line per habit ("- [x] Spelling:
 * British"), its evidence indented below, and a free "In my own words" section. Parsing is lenient about spacing and
 * case; a file that is not a profile at all is refused with a reason, never half-read.
 */
import { keyOfLabel, type Habit, type VoiceProfile } from './profile';

export const TITLE = '# My voice';
const HABITS_HEADING = '## Habits';
const OWN_WORDS_HEADING = '## In my own words';
/** Larger than any profile Ownvoice writes by far: a file this big is not one. */
export const MAX_PROFILE_BYTES = 256 * 1024;

export function renderProfile(profile: VoiceProfile): string {
  const { passages, words, measuredAt } = profile.basis;
  const basis = passages
    ? `Ownvoice measured these habits in ${passages.toLocaleString('en')} passages (${words.toLocaleString('en')} words) of your writing${measuredAt ? ` on ${new Date(measuredAt).toISOString().slice(0, 10)}` : ''}.`
    : 'Ownvoice has not measured your writing yet.';
  const lines = [
    TITLE,
    '',
    basis,
    'Every suggestion and rewrite follows the habits that are ticked. Change a habit\'s words, untick it ("- [ ]") to',
    'switch it off, delete it, or add your own ("- [x] Tone: dry, never gushing"). Your edits win over what Ownvoice',
    'measures and stay when it measures again. The indented lines are the evidence; editing them changes nothing.',
    '',
    HABITS_HEADING,
    '',
    ...profile.habits.flatMap((h) => [`- [${h.on ? 'x' : ' '}] ${h.label}: ${h.value}`, ...(h.evidence ? [`  - seen: ${h.evidence}`] : [])]),
    '',
    OWN_WORDS_HEADING,
    '',
    profile.ownWords.trim() || '<!-- Describe your voice here, in your own words: it goes into every prompt. -->',
    '',
  ];
  return lines.join('\n');
}

export type ParsedProfile = { readonly ok: true; readonly habits: readonly Habit[]; readonly ownWords: string } | { readonly ok: false; readonly reason: string };

const HABIT_LINE = /^[-*+] \[([ xX])\]\s*([^:\n]{1,80}?)\s*:\s*(.*?)\s*$/;
const EVIDENCE_LINE = /^\s+[-*+]\s*seen:\s*(.*?)\s*$/;

/** Reads a profile file the writer may have edited by hand. */
export function parseProfile(text: string): ParsedProfile {
  if (text.length > MAX_PROFILE_BYTES) return { ok: false, reason: 'it is far larger than a profile' };
  if (/[\u0000\uFFFD]/.test(text)) return { ok: false, reason: 'it is not plain text' };
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const habitsAt = lines.findIndex((l) => l.trim().toLowerCase() === HABITS_HEADING.toLowerCase());
  if (habitsAt < 0) return { ok: false, reason: `it has no "${HABITS_HEADING.slice(3)}" section` };
  const habits: Habit[] = [];
  let ownWords: string[] | undefined;
  for (const line of lines.slice(habitsAt + 1)) {
    if (/^## /.test(line)) {
      ownWords = line.trim().toLowerCase() === OWN_WORDS_HEADING.toLowerCase() ? [] : undefined;
      continue;
    }
    if (ownWords) {
      ownWords.push(line);
      continue;
    }
    const habit = HABIT_LINE.exec(line);
    const evidence = EVIDENCE_LINE.exec(line);
    if (habit) {
      const [, mark, label, value] = habit;
      const key = keyOfLabel(label);
      if (habits.some((h) => h.key === key)) continue; // the first line of a habit counts
      habits.push({ key, label, value, evidence: '', on: mark !== ' ' });
    } else if (evidence && habits.length) {
      habits[habits.length - 1] = { ...habits[habits.length - 1], evidence: evidence[1] };
    }
  }
  return { ok: true, habits, ownWords: withoutComments(ownWords?.join('\n') ?? '') };
}

function withoutComments(text: string): string {
  return text.replace(/<!--[^]*?-->/g, '').trim();
}
