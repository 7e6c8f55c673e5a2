import type * as vscode from 'vscode';

/** VS Code's cancellation as the core's AbortSignal, so a cancel closes the HTTP stream or stops the worker's batch. */
export function abortSignalOf(token: vscode.CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}
