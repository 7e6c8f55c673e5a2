// What the harness tells the suites running in the extension host, through code-server's environment.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'ownvoice.ownvoice';

/** The API object returned by the extension's activate(), as far as these tests use it. */
export interface OwnvoiceApi {
  readonly inlineCompletions: vscode.InlineCompletionItemProvider;
  hostStatus(): { state: string; host: string };
  checkConnection(): Promise<{ state: string; host: string }>;
  outcomeCounts(): { shown: number; accepted: number; rejected: number };
  lastSuggestion(): { kind: string; exemplars: readonly { docId: string; text: string; line: number }[] } | undefined;
  writingIndex(): Promise<
    | {
        lexicalSearch(query: string, limit: number): Promise<{ passage: { docId: string } }[]>;
        stats(): Promise<{ documents: number; skipped: readonly { path: string; reason: string }[] }>;
        terminate(): Promise<void>;
        selectExemplars(
          context: { before: string; docId?: string; format?: string },
          options?: { fixedCount?: number },
        ): Promise<{ exemplars: { score: number; passage: { docId: string } }[] }>;
      }
    | undefined
  >;
}

export function standinUrl(): string {
  const url = process.env.OWNVOICE_STANDIN_URL;
  if (!url) throw new Error('OWNVOICE_STANDIN_URL is not set: run these tests through test/harness/runIntegration');
  return url;
}

export async function activateOwnvoice(): Promise<OwnvoiceApi> {
  const extension = vscode.extensions.getExtension<OwnvoiceApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  return extension.activate();
}

/** Polls until check() returns true or the time runs out; returns the last value seen for the message. */
export async function eventually<T>(read: () => Promise<T> | T, ok: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await read();
  }
  return value;
}
