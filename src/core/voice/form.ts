/**
 * The habits a post-processor can apply to text without asking a model: the writer's quotation marks, apostrophes,
 * dashes and spelling, read from the profile's words (which the writer may have typed: "curly", "American"...).
 */
import type { VoiceProfile } from './profile';
import type { SpellingVariety } from './spelling';

export type DashForm = 'emClosed' | 'emSpaced' | 'enSpaced' | 'doubleHyphen' | 'hyphenSpaced';

export interface VoiceForm {
  readonly quotes?: { readonly curly: boolean; readonly primary: 'double' | 'single' };
  readonly apostrophes?: 'curly' | 'straight';
  readonly dash?: DashForm;
  readonly spelling?: SpellingVariety;
}

/** The form habits that are on and whose words say clearly what to do; anything else is left to the model. */
export function formOf(profile: VoiceProfile): VoiceForm {
  const value = (key: string) => profile.habits.find((h) => h.key === key && h.on)?.value.toLowerCase();
  return { quotes: quotes(value('quotes')), apostrophes: apostrophes(value('apostrophes')), dash: dash(value('dashes')), spelling: spelling(value('spelling')) };
}

function quotes(value: string | undefined): VoiceForm['quotes'] {
  if (!value) return undefined;
  const curly = /curly|smart|typographic/.test(value);
  const straight = /straight|plain|typewriter/.test(value);
  if (curly === straight) return undefined;
  const single = /single/.test(value);
  return { curly, primary: single ? 'single' : 'double' };
}

function apostrophes(value: string | undefined): VoiceForm['apostrophes'] {
  if (!value) return undefined;
  if (/curly|smart|’/.test(value)) return 'curly';
  if (/straight|plain/.test(value)) return 'straight';
  return undefined;
}

function dash(value: string | undefined): DashForm | undefined {
  if (!value) return undefined;
  if (/double hyphen|--/.test(value)) return 'doubleHyphen';
  if (/en dash|–/.test(value)) return 'enSpaced';
  if (/em dash|—/.test(value)) return /spaced/.test(value) && !/closed|unspaced|no space/.test(value) ? 'emSpaced' : 'emClosed';
  if (/spaced hyphen| - /.test(value)) return 'hyphenSpaced';
  return undefined;
}

function spelling(value: string | undefined): SpellingVariety | undefined {
  if (!value) return undefined;
  if (/oxford/.test(value)) return 'Oxford';
  if (/british|uk|english \(gb\)|commonwealth|australian/.test(value)) return 'British';
  if (/american|us\b/.test(value)) return 'American';
  return undefined;
}
