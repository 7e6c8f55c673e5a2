import type { GenerateOptions, GenerationEnd, ModelInfo } from '../../../src/core/model/modelHost';
import { ModelError } from '../../../src/core/model/errors';
import type { Exemplar } from '../../../src/core/completion/types';
import type { Passage } from '../../../src/core/passages/passage';
import { builtInPreset } from '../../../src/core/rewrite/presets';
import type { RewriteJob } from '../../../src/core/rewrite/rewriter';

/** A model host that answers with scripted chunks and remembers every request, for tests of the rewrite flow. */
export class ScriptedHost {
  readonly requests: GenerateOptions[] = [];
  constructor(
    private readonly answers: (request: GenerateOptions) => string[],
    readonly info: Partial<ModelInfo> = {},
    /** Ollama's done_reason for every answer, e.g. `length` for one cut short. */
    readonly doneReason = 'stop',
  ) {}

  async show(model: string): Promise<ModelInfo> {
    return { name: model, capabilities: ['completion'], template: '{{ .Prompt }}', ...this.info };
  }

  async *generate(_model: string, request: GenerateOptions, signal?: AbortSignal): AsyncGenerator<string, GenerationEnd> {
    this.requests.push(request);
    for (const chunk of this.answers(request)) {
      await new Promise((resolve) => setImmediate(resolve));
      if (signal?.aborted) throw new ModelError({ kind: 'aborted' });
      yield chunk;
    }
    return { doneReason: this.doneReason };
  }
}

export function exemplar(text: string, id = text.slice(0, 8)): Exemplar {
  const passage = { id, docId: '/notes/other.md', headingPath: [], position: 0, line: 1, text, wordCount: text.split(' ').length, format: 'markdown', modifiedAt: 0 } as unknown as Passage;
  return { passage, score: 1, reasons: ['test'] };
}

/** A voice rewrite of `selected` inside `text`, a Markdown document, with the default settings. */
export function job(text: string, selected: string): RewriteJob {
  const start = text.indexOf(selected);
  return {
    template: builtInPreset('builtin:voice')!.template,
    subject: { text, start, end: start + selected.length, docId: 'file:///doc.md', format: 'markdown', formatName: 'Markdown' },
    instruction: '',
    preferences: { register: 'auto', notes: '' },
    settings: { keepAlive: '5m', temperature: 0.4 },
  };
}
