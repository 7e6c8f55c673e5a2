import type { HostStatus } from '../core/model/hostMonitor';

/** Messages the extension host sends to the sidebar webview. */
export type ToSidebar = { readonly type: 'hostStatus'; readonly status: HostStatus };

/** Messages the sidebar webview sends to the extension host. */
export type FromSidebar =
  | { readonly type: 'ready' }
  | { readonly type: 'checkConnection' }
  | { readonly type: 'showLog' };

const FROM_SIDEBAR_TYPES: ReadonlySet<string> = new Set<FromSidebar['type']>(['ready', 'checkConnection', 'showLog']);

/** Accepts only the messages the sidebar is known to send; anything else is `undefined`, to be logged and ignored. */
export function parseFromSidebar(value: unknown): FromSidebar | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { type } = value as { type?: unknown };
  if (typeof type !== 'string' || !FROM_SIDEBAR_TYPES.has(type)) return undefined;
  if (Object.keys(value).length !== 1) return undefined;
  return { type } as FromSidebar;
}

/** The sentence a writer reads about the model host, shared by the status bar tooltip and the sidebar. */
export function describeHostStatus(status: HostStatus): string {
  switch (status.state) {
    case 'checking':
      return `Checking Ollama at ${status.host}…`;
    case 'ready':
      return `Ollama is reachable (version ${status.version}); model ${status.model} is ready.`;
    case 'modelMissing':
      if (!status.model) return `Ollama is reachable (version ${status.version}); choose a model in the settings.`;
      return `Ollama is reachable (version ${status.version}), but the model ${status.model} is not pulled.`;
    case 'unreachable':
      return `Ollama is unreachable at ${status.host} (${status.detail}).`;
  }
}
