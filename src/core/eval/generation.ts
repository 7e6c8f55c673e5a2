import { buildPrompt } from '../completion/prompt';
import { cursorContext } from '../completion/context';
import { DEFAULT_SETTINGS } from '../completion/types';
import { ModelHost } from '../model/modelHost';
import type { Passage } from '../passages/passage';

/** Writes what comes after `prefix`, shown `exemplars`, the way the extension would. */
export type Continuer = (prefix: string, exemplars: readonly Passage[]) => Promise<string>;

/**
 * Continuations from an Ollama model through the project's real completion prompt (its form chosen from the model's
 * template), a paragraph long, greedy and seeded so that runs compare.
 */
export async function ollamaContinuer(url: string, model: string): Promise<Continuer> {
  const host = new ModelHost(url);
  const info = await host.show(model);
  const settings = { ...DEFAULT_SETTINGS, model, temperature: 0, preferences: { ...DEFAULT_SETTINGS.preferences, length: 'paragraph' as const } };
  return async (prefix, exemplars) => {
    const context = cursorContext(prefix, prefix.length, settings.maxBeforeChars, settings.maxAfterChars);
    const prompt = buildPrompt({ info, context, exemplars: exemplars.map((passage) => ({ passage, score: 0, reasons: [] })), settings });
    const options = { ...prompt.request.options, seed: 1 };
    const pieces = prompt.endpoint === 'chat' ? host.chat(model, { ...prompt.request, options }) : host.generate(model, { ...prompt.request, options });
    let text = '';
    for await (const piece of pieces) text += piece;
    return text;
  };
}
