import { GERMAN } from './de';
import { ENGLISH } from './en';
import { SPANISH } from './es';
import { FRENCH } from './fr';
import type { Cue, LanguageLexicon } from './types';

export type { Cue, LanguageLexicon };

/**
 * Every language's phrases are looked for in every answer: a model often talks in English to a writer who writes
 * German, so the writer's language cannot narrow the search. Add a language by adding its file here.
 */
export const LEXICONS: Readonly<Record<string, LanguageLexicon>> = { en: ENGLISH, de: GERMAN, fr: FRENCH, es: SPANISH };
