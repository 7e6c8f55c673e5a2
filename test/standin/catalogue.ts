// The stand-in's model catalogue: several names over the same tiny weights, one per prompt form the extension uses.

export type PromptForm = 'base' | 'fim' | 'chat' | 'llama3' | 'think' | 'embed';

/** How a model answers: as the tiny model writes, or wrapped like a chat model's reply (persona/chatty.ts). */
export type Persona = 'plain' | 'chatty';

export interface StandinModelSpec {
  /** Full name with tag, e.g. `stories:260k`. */
  name: string;
  form: PromptForm;
  /** false: absent from /api/tags until pulled through /api/pull. */
  installed: boolean;
  /** Default 'plain'. */
  persona?: Persona;
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

// Llama 3.x's chat template as Ollama ships it, less tools and dates: a last assistant message stays open (a prefill).
const LLAMA3_TEMPLATE = `{{- range $i, $_ := .Messages }}
{{- $last := eq (len (slice $.Messages $i)) 1 }}<|start_header_id|>{{ .Role }}<|end_header_id|>

{{ .Content }}{{ if or (ne .Role "assistant") (not $last) }}<|eot_id|>{{ end }}
{{- if and $last (ne .Role "assistant") }}<|start_header_id|>assistant<|end_header_id|>

{{ end }}
{{- end }}`;

const llama3Turns = (messages: readonly ChatMessage[]): string => {
  const prefilled = messages[messages.length - 1]?.role === 'assistant';
  const turns = messages.map((m, i) => {
    const open = prefilled && i === messages.length - 1;
    return `<|start_header_id|>${m.role}<|end_header_id|>\n\n${m.content}${open ? '' : '<|eot_id|>'}`;
  });
  return turns.join('') + (prefilled ? '' : '<|start_header_id|>assistant<|end_header_id|>\n\n');
};

const withSystem = (prompt: string, system: string): ChatMessage[] =>
  [...(system ? [{ role: 'system', content: system }] : []), { role: 'user', content: prompt }];

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
    renderGenerate: (prompt, system) => roleMarked(withSystem(prompt, system)),
    renderChat: roleMarked,
  },
  llama3: {
    capabilities: ['completion'],
    template: LLAMA3_TEMPLATE,
    renderGenerate: (prompt, system) => llama3Turns(withSystem(prompt, system)),
    renderChat: llama3Turns,
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
  { name: 'stories-llama3:260k', form: 'llama3', installed: true },
  { name: 'stories-chatty:260k', form: 'llama3', installed: true, persona: 'chatty' },
  { name: 'stories-think:260k', form: 'think', installed: true },
  { name: 'stories-embed:260k', form: 'embed', installed: true },
  { name: 'stories-extra:260k', form: 'base', installed: false },
];

/** Ollama's name rule: no tag means `:latest`. */
export function normalizeModelName(name: string): string {
  const lastSegment = name.slice(name.lastIndexOf('/') + 1);
  return lastSegment.includes(':') ? name : `${name}:latest`;
}
