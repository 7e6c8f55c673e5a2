// The completion pipeline's public face for the editor adapter; everything else in this folder is its inside.
export { CompletionEngine, type CompletionHost, type EngineActivity, type EngineDeps } from './engine';
export { DEFAULT_PAUSE_MS, TypingPause } from './debounce';
export { TypingRhythm } from './rhythm';
export { OutcomeRecord, parseSnapshot, type Outcome, type OutcomeSnapshot, type SuggestionRecord } from './outcomes';
export { triggerRefusal, type TriggerRefusal } from './trigger';
export {
  DEFAULT_LANGUAGES,
  languageName,
  DEFAULT_SETTINGS,
  type CompletionRequest,
  type CompletionResult,
  type CompletionSettings,
  type Exemplar,
  type ExemplarContext,
  type ExemplarSource,
  type LengthUnit,
  type Register,
  type UsedExemplar,
  type WriterPreferences,
} from './types';
