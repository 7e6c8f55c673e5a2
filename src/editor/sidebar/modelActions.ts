// The sidebar's model actions over one Ollama host; no `vscode` import, so the lead can reuse it and tests can run it.
import { classifyError, describeProblem } from '../../core/model/errors';
import type { ModelHost } from '../../core/model/modelHost';
import type { SharedModel } from '../../core/model/sharedModel';
import { estimateTokens } from '../../core/rewrite/voice';
import type { ModelFit, PullState, TestResult } from '../../shared/sidebarProtocol';

/** A short, fixed prompt: the test measures the round trip, not the writing. */
const TEST_PROMPT = 'Complete the sentence in five words: The morning was';
const TEST_TOKENS = 12;

export interface ModelActions {
  models(): Promise<readonly string[]>;
  /** Which of `models` can write and which embed; a model whose capabilities cannot be read counts as one that writes. */
  fit(models: readonly string[]): Promise<ModelFit>;
  pull(model: string, report: (state: PullState) => void, signal?: AbortSignal): Promise<void>;
  test(model: string): Promise<TestResult>;
}

/** Model actions on whatever host is current, so a changed `ownvoice.ollama.host` applies at once. */
export function modelActions(currentHost: () => ModelHost, now: () => number = () => performance.now(), shared?: SharedModel): ModelActions {
  return {
    models: () => currentHost().listModels(),
    fit: (models) => modelFit(currentHost(), models),
    pull: (model, report, signal) => pullModel(currentHost(), model, report, signal),
    test: (model) => testModel(currentHost(), model, now, shared),
  };
}

async function modelFit(host: ModelHost, models: readonly string[]): Promise<ModelFit> {
  const capabilities = await Promise.all(models.map((m) => host.show(m).then((info) => info.capabilities, () => [] as readonly string[])));
  const embeds = (i: number) => capabilities[i].includes('embedding');
  const writes = (i: number) => capabilities[i].includes('completion') || !embeds(i);
  return { write: models.filter((_, i) => writes(i)), embed: models.filter((_, i) => embeds(i)) };
}

async function pullModel(host: ModelHost, model: string, report: (state: PullState) => void, signal?: AbortSignal): Promise<void> {
  report({ state: 'pulling', model, status: 'starting' });
  try {
    for await (const part of host.pull(model, signal)) report({ state: 'pulling', model, status: part.status, completed: part.completed, total: part.total });
    report({ state: 'done', model });
  } catch (error) {
    report({ state: 'failed', model, detail: describeProblem(classifyError(error, { host: host.host, model })) });
  }
}

async function testModel(host: ModelHost, model: string, now: () => number, shared?: SharedModel): Promise<TestResult> {
  const started = now();
  try {
    let text = '';
    shared?.readElsewhere(model);
    // The completions' num_ctx: Ollama's default would reload the model, now and at the next suggestion.
    const numCtx = shared?.contextSize(model, estimateTokens(TEST_PROMPT) + TEST_TOKENS);
    for await (const piece of host.generate(model, { prompt: TEST_PROMPT, options: { num_predict: TEST_TOKENS, ...(numCtx && { num_ctx: numCtx }) } })) text += piece;
    return { state: 'ok', model, latencyMs: Math.round(now() - started), text: text.trim() };
  } catch (error) {
    return { state: 'failed', model, detail: describeProblem(classifyError(error, { host: host.host, model })) };
  }
}
