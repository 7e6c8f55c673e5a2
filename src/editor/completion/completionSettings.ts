import * as vscode from 'vscode';
import { DEFAULT_SETTINGS, type CompletionSettings } from '../../core/completion/types';
import type { PromptVoice } from '../../core/voice';
import { readPreferences } from '../sidebar/preferenceSettings';

/** How concision, which the prompt has no slot for, reaches the model: as one more note. */
const CONCISION_NOTES = { auto: '', concise: 'Keep it concise: short sentences, few words.', expansive: 'Write fuller, more developed sentences.' } as const;

/** Completion settings from `ownvoice.*`, read on every request so a change applies to the next suggestion. */
export function readCompletionSettings(model: string, voice?: PromptVoice): CompletionSettings {
  const section = vscode.workspace.getConfiguration('ownvoice');
  const preferences = readPreferences((key) => section.get(key));
  const notes = [preferences.notes.trim(), CONCISION_NOTES[preferences.concision]].filter(Boolean).join('\n');
  return {
    ...DEFAULT_SETTINGS,
    model,
    languages: preferences.languages,
    preferences: { length: preferences.length, register: preferences.register, notes, voice },
    keepAlive: keepAlive(section.get('completions.keepAlive')),
    temperature: temperature(section.get('suggestion.temperature')),
    maxExemplars: section.get<boolean>('exemplars.enabled', true) === false ? 0 : preferences.exemplarCount || DEFAULT_SETTINGS.maxExemplars,
  };
}

function temperature(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.min(value, 1.5) : DEFAULT_SETTINGS.temperature;
}

export function completionsEnabled(): boolean {
  return vscode.workspace.getConfiguration('ownvoice').get<boolean>('completions.enabled', true) !== false;
}

export function pauseMs(): number {
  const ms = vscode.workspace.getConfiguration('ownvoice').get<number>('completions.debounceMs', 350);
  return Number.isFinite(ms) && ms >= 0 ? Math.min(ms, 5000) : 350;
}

/** Ollama takes a duration string ("30m") or seconds; anything else falls back to the default. */
function keepAlive(value: unknown): string | number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?(ms|s|m|h)?$/.test(value.trim())) return value.trim();
  return DEFAULT_SETTINGS.keepAlive;
}
