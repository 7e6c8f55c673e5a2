/**
 * A description of the writer's voice in words, written by the writer's own model from a sample of their passages,
 * on request. The request goes to the host it is given (the one the writer configured) and nowhere else.
 */
import type { GenerateOptions } from '../model/modelHost';
import type { SharedModel } from '../model/sharedModel';
import { cleanRewrite, estimateTokens } from '../rewrite/voice';

const DESCRIPTION_TOKENS = 200;

export interface DescribingHost {
  generate(model: string, request: GenerateOptions, signal?: AbortSignal): AsyncIterable<string>;
}

export function describeRequest(sample: readonly string[]): GenerateOptions {
  const passages = sample.map((text) => `<passage>\n${text.trim()}\n</passage>`).join('\n');
  const ask = 'In three or four sentences, describe how the person who wrote these passages writes: tone, rhythm, word choice, punctuation. Describe the voice, not the topics. Write to someone who will imitate it.';
  return { prompt: `${passages}\n\n${ask}`, options: { temperature: 0.3, num_predict: DESCRIPTION_TOKENS } };
}

/** The description, cleaned of preambles and thinking; '' when the model gave nothing usable. */
export async function describeVoice(host: DescribingHost, model: string, sample: readonly string[], signal?: AbortSignal, shared?: SharedModel): Promise<string> {
  const request = describeRequest(sample);
  shared?.readElsewhere(model);
  // The completions' num_ctx, grown if the sample needs it: any other size reloads the model.
  const numCtx = shared?.contextSize(model, estimateTokens(request.prompt ?? '') + DESCRIPTION_TOKENS);
  let raw = '';
  for await (const piece of host.generate(model, numCtx ? { ...request, options: { ...request.options, num_ctx: numCtx } } : request, signal)) raw += piece;
  return cleanRewrite(raw);
}
