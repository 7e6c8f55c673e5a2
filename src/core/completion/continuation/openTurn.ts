/** One chat message as a template sees it. */
export interface TurnMessage {
  readonly role: string;
  readonly content: string;
}

// Go's text/template has no maintained JavaScript implementation, so only the simplest shape is rendered here:
// `{{ range .Messages }}BODY{{ end }}GENERATION` with nothing but `{{ .Role }}` and `{{ .Content }}` in BODY.
const SIMPLE_RANGE = /^\s*\{\{-?\s*range\s+\.Messages\s*-?\}\}([^]*?)\{\{-?\s*end\s*-?\}\}([^]*)$/;
const ACTION = /\{\{(-?)\s*([^}]*?)\s*(-?)\}\}/g;

/**
 * The prompt Ollama would render for `messages`, except that the last (assistant) message is left open: its body is
 * cut right after `{{ .Content }}`, as Ollama cuts legacy templates after `{{ .Response }}`. Undefined when the
 * template is not of the simple shape, so the caller falls back to another form.
 */
export function renderOpenTurn(template: string, messages: readonly TurnMessage[]): string | undefined {
  const match = SIMPLE_RANGE.exec(template);
  if (!match || messages.length === 0 || messages[messages.length - 1].role !== 'assistant') return undefined;
  const body = match[1];
  const actions = [...body.matchAll(ACTION)].map((m) => m[2]);
  if (!actions.every((a) => a === '.Role' || a === '.Content') || !actions.includes('.Content')) return undefined;
  const openBody = body.slice(0, endOfContent(body));
  const rendered = messages.map((message, i) => fill(i === messages.length - 1 ? openBody : body, message));
  return rendered.join('');
}

/** Index just after the `{{ .Content }}` action, so the turn's closing marker is left out. */
function endOfContent(body: string): number {
  for (const m of body.matchAll(ACTION)) if (m[2] === '.Content') return (m.index ?? 0) + m[0].length;
  return body.length;
}

/** Substitutes the two fields, with Go's `{{-`/`-}}` trimming of the whitespace beside an action. */
function fill(body: string, message: TurnMessage): string {
  let out = '';
  let last = 0;
  let trimNext = false;
  for (const m of body.matchAll(ACTION)) {
    let literal = body.slice(last, m.index);
    if (trimNext) literal = literal.trimStart();
    if (m[1] === '-') literal = literal.trimEnd();
    out += literal + (m[2] === '.Role' ? message.role : message.content);
    trimNext = m[3] === '-';
    last = (m.index ?? 0) + m[0].length;
  }
  const tail = body.slice(last);
  return out + (trimNext ? tail.trimStart() : tail);
}
