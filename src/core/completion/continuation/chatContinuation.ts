import type { ModelInfo } from '../../model/modelHost';
import { renderOpenTurn, type TurnMessage } from './openTurn';

/**
 * How a chat model is made to continue the writer's text rather than answer it:
 * - `prefill`: /api/chat with a last `assistant` message holding the text, which Ollama continues when the template
 *   leaves that turn open. Templates over `.Messages` do so when they close an assistant turn only `if not $last`
 *   (Ollama's library templates for Llama 3.x, Qwen, Gemma 3…); templates over `.Prompt`/`.Response` always do,
 *   since Ollama v0.2.2 cuts such a template after `{{ .Response }}` for the last message (template.go, Execute).
 * - `openTurn`: a raw /api/generate prompt rendered here from the model's own template with the assistant turn left
 *   open, for simple `.Messages` templates that always close every turn.
 * - `instruction`: today's instruction prompt, where neither can be trusted (Go-coded renderers, complex templates).
 */
export type ChatContinuation = 'prefill' | 'openTurn' | 'instruction';

export function chatContinuation(info: Pick<ModelInfo, 'template' | 'renderer'>): ChatContinuation {
  // A renderer written in Go decides for itself; some continue a prefill, some do not, and /api/show cannot tell.
  if (info.renderer) return 'instruction';
  const template = info.template;
  if (template.includes('.Messages')) {
    if (leavesLastAssistantOpen(template)) return 'prefill';
    return renderOpenTurn(template, PROBE) !== undefined ? 'openTurn' : 'instruction';
  }
  return /\.Response\b/.test(template) && /\.Prompt\b/.test(template) ? 'prefill' : 'instruction';
}

/** `{{ if not $last }}<end of turn>{{ end }}` or a generation prompt only `if and (ne .Role "assistant") $last`. */
function leavesLastAssistantOpen(template: string): boolean {
  return /\$last\b/.test(template) && (/\bnot\s+\$last\b/.test(template) || /ne\s+\.Role\s+"assistant"\s*\)\s*\$last/.test(template));
}

const PROBE: readonly TurnMessage[] = [
  { role: 'user', content: 'u' },
  { role: 'assistant', content: 'a' },
];
