import type { Log } from '../common/log';
import type { UsageListener } from '../model/modelHost';
import type { PromptRates } from '../model/promptRate';
import { describeUsage, type ModelUsage } from '../model/usage';
import type { CompletionHost } from './engineDeps';
import type { ModelPrompt } from './prompt';

/**
 * Reading a document's prompt ahead. A model keeps the last prompt it read (one slot, longest common prefix), and a
 * cold prompt takes a laptop CPU a minute: sent at the writer's first pause it would be typed over long before its
 * answer, yet hold the model until read. Sent when focus lands in the document instead, for one token, the model has
 * read the instructions, exemplars and text before the cursor by the time the writer pauses, and the first suggestion
 * costs only the words typed since.
 */
export class ReadAhead {
  /** The document whose prompt the model read last (by a suggestion or a read-ahead). */
  private lastRead: string | undefined;
  private reading: AbortController | undefined;

  constructor(private readonly rates?: PromptRates) {}

  /** True when the model last read another document and no read-ahead is under way. */
  wants(documentId: string): boolean {
    return !this.reading && this.lastRead !== documentId;
  }

  /** A request for `documentId` reaches the model: its prompt is what the model holds now. */
  sent(documentId: string): void {
    this.lastRead = documentId;
  }

  /** Sends `prompt` for one token and waits for the model to have read it; typing never aborts it, forget() does. */
  async read(documentId: string, host: CompletionHost, model: string, prompt: ModelPrompt, log: Log): Promise<void> {
    const controller = new AbortController();
    this.reading = controller;
    this.sent(documentId);
    let usage: ModelUsage | undefined;
    const onUsage: UsageListener = (u) => (usage = u);
    try {
      const ahead = readAheadPrompt(prompt);
      const pieces = ahead.endpoint === 'chat' ? host.chat(model, ahead.request, controller.signal, onUsage) : host.generate(model, ahead.request, controller.signal, onUsage);
      for await (const piece of pieces) void piece;
      this.rates?.record(model, usage);
      log.trace(`completion: read ahead; ${usage ? describeUsage(usage) : 'usage unknown'}`);
    } finally {
      if (this.reading === controller) this.reading = undefined;
    }
  }

  /** The model read a prompt that no document's suggestion shares (a rewrite): the next document is read again. */
  readElsewhere(): void {
    this.lastRead = undefined;
  }

  /** The model setting or host changed, or the engine is disposed: nothing is known of the model's slot any more. */
  forget(): void {
    this.reading?.abort();
    this.reading = undefined;
    this.lastRead = undefined;
  }
}

/** The same request, answered with one token: num_predict never reloads the model, and the prompt is read whole. */
export function readAheadPrompt(prompt: ModelPrompt): ModelPrompt {
  const options = { ...prompt.request.options, num_predict: 1 };
  return prompt.endpoint === 'chat' ? { ...prompt, request: { ...prompt.request, options } } : { ...prompt, request: { ...prompt.request, options } };
}
