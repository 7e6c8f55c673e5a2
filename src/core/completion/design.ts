import { cutAfter, type CursorContext } from './context';
import { buildPrompt, type ModelPrompt, type PromptInput } from './prompt';
import type { CompletionSettings } from './types';
import { steppedWindow } from './window';

/**
 * How prompts are shaped: the window of text around the cursor, whether exemplars stay while they serve, and the
 * request. The engine ships with `REUSABLE_DESIGN`; the completion benchmark swaps in the earlier design beside it.
 */
export interface PromptDesign {
  readonly context: (text: string, offset: number, settings: CompletionSettings) => CursorContext;
  readonly stickyExemplars: boolean;
  readonly build: (input: PromptInput) => ModelPrompt;
}

export const REUSABLE_DESIGN: PromptDesign = {
  context: (text, offset, settings) => ({
    before: steppedWindow(text.slice(0, offset), settings.maxBeforeChars),
    after: cutAfter(text.slice(offset), settings.maxAfterChars),
  }),
  stickyExemplars: true,
  build: buildPrompt,
};
