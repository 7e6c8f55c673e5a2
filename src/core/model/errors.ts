/** What went wrong talking to the model host, in terms a writer can act on. */
export type ModelProblem =
  | { kind: 'unreachable'; host: string; detail: string }
  | { kind: 'modelMissing'; model: string; detail: string }
  | { kind: 'badRequest'; detail: string }
  | { kind: 'server'; detail: string }
  | { kind: 'aborted' };

export class ModelError extends Error {
  constructor(readonly problem: ModelProblem) {
    super(describeProblem(problem));
    this.name = 'ModelError';
  }
}

export function describeProblem(problem: ModelProblem): string {
  switch (problem.kind) {
    case 'unreachable':
      return `Ollama is not reachable at ${problem.host} (${problem.detail}).`;
    case 'modelMissing':
      return `The model "${problem.model}" is not available in Ollama (${problem.detail}).`;
    case 'badRequest':
      return `Ollama refused the request: ${problem.detail}`;
    case 'server':
      return `Ollama failed: ${problem.detail}`;
    case 'aborted':
      return 'The request was cancelled.';
  }
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

/** Maps whatever the `ollama` client or fetch threw to a ModelProblem. */
export function classifyError(error: unknown, context: { host: string; model?: string }): ModelProblem {
  if (error instanceof ModelError) return error.problem;
  const err = error as { name?: string; message?: string; status_code?: number; cause?: { code?: string }; code?: string };
  const message = err?.message ?? String(error);
  if (err?.name === 'AbortError' || /aborted|abort/i.test(err?.name ?? '')) return { kind: 'aborted' };
  if (err?.name === 'TimeoutError') return { kind: 'unreachable', host: context.host, detail: 'no answer in time' };
  const code = err?.cause?.code ?? err?.code;
  if ((code && CONNECTION_CODES.has(code)) || message === 'fetch failed' || /other side closed|socket/i.test(message)) {
    return { kind: 'unreachable', host: context.host, detail: code ?? message };
  }
  // The client choking on a line that is not an answer object (`5`, `null`): say so, not which operator failed.
  if ((error instanceof TypeError || error instanceof SyntaxError) && !code) return { kind: 'server', detail: 'its answer was not in the form Ollama uses' };
  if (message === '[object Object]' || message === 'null' || message === '') return { kind: 'server', detail: 'it reported an error without saying what' };
  if (err?.status_code === 404 || /not found/i.test(message)) {
    return { kind: 'modelMissing', model: context.model ?? '', detail: message };
  }
  if (err?.status_code !== undefined && err.status_code >= 400 && err.status_code < 500) return { kind: 'badRequest', detail: message };
  return { kind: 'server', detail: message };
}
