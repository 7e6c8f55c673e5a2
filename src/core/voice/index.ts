/** The voice room's public face for the editor and the prompts: what to put in a chat prompt, how to shape a suggestion. */
import type { VoiceForm } from './form';
export { formOf, type VoiceForm } from './form';
export { mergeMeasurement, parseMemo, type VoiceMemo } from './merge';
export { applyVoiceForm } from './postProcess';
export { EMPTY_PROFILE, HABIT_LABELS, type Habit, type HabitKey, type VoiceProfile } from './profile';
export { parseProfile, renderProfile } from './profileFile';
export { voiceInstruction } from './promptText';
export { VoiceStore } from './store';

/** The profile as every prompt and suggestion uses it: instruction text for chat prompts, the form for the post-processor. */
export interface PromptVoice {
  readonly instruction: string;
  readonly form: VoiceForm;
}
