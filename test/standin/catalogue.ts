// The stand-in's model catalogue: several names over the same tiny weights, one per prompt form the extension uses.

export type PromptForm = 'base' | 'fim' | 'chat' | 'think' | 'embed';

export interface StandinModelSpec {
  /** Full name with tag, e.g. `stories:260k`. */
  name: string;
  form: PromptForm;
  /** false: absent from /api/tags until pulled through /api/pull. */
  installed: boolean;
}

export interface ChatMessage {
  role: string;
  content: string;
}

interface FormInfo {
  capabilities: string[];
  /** Shown by /api/show; `render*` below produce exactly what it describes. */
  template: string;
  renderGenerate(prompt: string, system: string): string;
  renderChat(messages: readonly ChatMessage[]): string;
}

const userTurns = (messages: readonly ChatMessage[]): string =>
  messages.filter((m) => m.role === 'user').map((m) => m.content).join('');

const roleMarked = (messages: readonly ChatMessage[]): string =>
  messages.map((m) => `<|${m.role}|>${m.content}\n`).join('') + '<|assistant|>';

const BASE: FormInfo = {
  capabilities: ['completion'],
  template: '{{ .Prompt }}',
  renderGenerate: (prompt) => prompt,
  // Ollama runs a template without .Messages once per user turn and concatenates the results.
  renderChat: userTurns,
};

export const FORMS: Readonly<Record<PromptForm, FormInfo>> = {
  base: BASE,
  fim: {
    ...BASE,
    capabilities: ['completion', 'insert'],
    // The tiny model knows no FIM tokens, so the suffix slot is accepted but not shown to it.
    template: '{{ .Prompt }}{{ if .Suffix }}{{/* stand-in: suffix accepted, not rendered */}}{{ end }}',
  },
  chat: {
    capabilities: ['completion'],
    template: '{{- range .Messages }}<|{{ .Role }}|>{{ .Content }}\n{{ end }}<|assistant|>',
    renderGenerate: (prompt, system) =>
      roleMarked([...(system ? [{ role: 'system', content: system }] : []), { role: 'user', content: prompt }]),
    renderChat: roleMarked,
  },
  think: {
    ...BASE,
    capabilities: ['completion', 'thinking'],
    template: '{{ if .Think }}{{/* stand-in: thinking precedes the response */}}{{ end }}{{ .Prompt }}',
  },
  embed: {
    capabilities: ['embedding'],
    template: '',
    renderGenerate: () => '',
    renderChat: () => '',
  },
};

/** The one table of names. `stories-extra:260k` exists only after a pull. */
export const DEFAULT_MODELS: readonly StandinModelSpec[] = [
  { name: 'stories:260k', form: 'base', installed: true },
  { name: 'stories-fim:260k', form: 'fim', installed: true },
  { name: 'stories-chat:260k', form: 'chat', installed: true },
  { name: 'stories-think:260k', form: 'think', installed: true },
  { name: 'stories-embed:260k', form: 'embed', installed: true },
  { name: 'stories-extra:260k', form: 'base', installed: false },
];

/** Ollama's name rule: no tag means `:latest`. */
export function normalizeModelName(name: string): string {
  const lastSegment = name.slice(name.lastIndexOf('/') + 1);
  return lastSegment.includes(':') ? name : `${name}:latest`;
}
