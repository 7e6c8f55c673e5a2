/**
 * The profile as chat prompts carry it: a few lines in the system instruction, made only of the habits' words (never
 * their evidence counts), so the text stays byte-identical between requests and the model's prompt cache keeps it.
 */
import type { VoiceProfile } from './profile';

/** Enough for every measured habit and a paragraph of the writer's own words; longer text is cut. */
const MAX_OWN_WORDS_CHARS = 600;

export function voiceInstruction(profile: VoiceProfile): string {
  const on = profile.habits.filter((h) => h.on && h.value.trim());
  const lines: string[] = [];
  const plain = on.filter((h) => h.key !== 'phrases' && h.key !== 'neverWords');
  if (plain.length) lines.push(`The writer's habits, measured in their own writing: ${plain.map((h) => `${h.label.toLowerCase()}: ${h.value.trim()}`).join('; ')}.`);
  const phrases = on.find((h) => h.key === 'phrases');
  if (phrases) lines.push(`Words and phrases they often use: ${phrases.value.trim()}.`);
  const never = on.find((h) => h.key === 'neverWords');
  if (never) lines.push(`Words they never use (do not write them): ${never.value.trim()}.`);
  const own = profile.ownWords.trim().replace(/\s+/g, ' ');
  if (own) lines.push(`Their voice in their own words: ${own.length > MAX_OWN_WORDS_CHARS ? own.slice(0, MAX_OWN_WORDS_CHARS) + '…' : own}`);
  return lines.join('\n');
}
